#include "widgets/equal_aspect.h"

#include <qcustomplot.h>

#include <algorithm>

namespace plotaspect {
namespace {

constexpr const char* kRectProperty = "difflabEqualAspectRect";
constexpr const char* kHookProperty = "difflabEqualAspectHook";

void fit(QCustomPlot* plot) {
  const QRectF want = plot->property(kRectProperty).toRectF();
  const QRect px = plot->axisRect()->rect();
  if (want.isEmpty() || px.width() < 2 || px.height() < 2) return;
  // Data units per pixel: the larger of the two needs, so that the whole rectangle fits.
  const double scale = std::max(want.width() / px.width(), want.height() / px.height());
  const QPointF c = want.center();
  plot->xAxis->setRange(c.x() - 0.5 * scale * px.width(), c.x() + 0.5 * scale * px.width());
  plot->yAxis->setRange(c.y() - 0.5 * scale * px.height(), c.y() + 0.5 * scale * px.height());
}

}  // namespace

void showEqualAspect(QCustomPlot* plot, const QRectF& rect) {
  plot->setProperty(kRectProperty, rect.normalized());
  if (!plot->property(kHookProperty).toBool()) {
    plot->setProperty(kHookProperty, true);
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] { fit(plot); });
  }
  fit(plot);
}

}  // namespace plotaspect
