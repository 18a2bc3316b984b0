#include "widgets/equal_aspect.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace plotaspect {
namespace {

constexpr const char* kRectProperty = "difflabEqualAspectRect";
constexpr const char* kHookProperty = "difflabEqualAspectHook";
constexpr const char* kSizeProperty = "difflabEqualAspectFittedSize";  ///< axis-rect size of the last fit

void fit(QCustomPlot* plot) {
  const QRectF want = plot->property(kRectProperty).toRectF();
  const QRect px = plot->axisRect()->rect();
  if (want.isEmpty() || px.width() < 2 || px.height() < 2) return;
  // Refit only for a new rectangle or a new size, so the user's drag and wheel zoom are not undone by the
  // next replot.
  if (plot->property(kSizeProperty).toSize() == px.size()) return;
  plot->setProperty(kSizeProperty, px.size());
  // Data units per pixel: the larger of the two needs, so that the whole rectangle fits.
  const double scale = std::max(want.width() / px.width(), want.height() / px.height());
  const QPointF c = want.center();
  const QCPRange x(c.x() - 0.5 * scale * px.width(), c.x() + 0.5 * scale * px.width());
  const QCPRange y(c.y() - 0.5 * scale * px.height(), c.y() + 0.5 * scale * px.height());
  const auto same = [scale](const QCPRange& a, const QCPRange& b) {
    return std::abs(a.lower - b.lower) < 1e-3 * scale && std::abs(a.upper - b.upper) < 1e-3 * scale;
  };
  if (same(x, plot->xAxis->range()) && same(y, plot->yAxis->range())) return;  // nothing moves: no replot
  plot->xAxis->setRange(x);
  plot->yAxis->setRange(y);
  // This layout pass already placed the ticks for the old ranges: draw once more with the new ones (the
  // next pass finds the ranges unchanged and stops here).
  plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace

QRectF shownRect(const QCustomPlot* plot) { return plot->property(kRectProperty).toRectF(); }

void showEqualAspect(QCustomPlot* plot, const QRectF& rect) {
  plot->setProperty(kRectProperty, rect.normalized());
  plot->setProperty(kSizeProperty, QSize());  // fit anew
  if (!plot->property(kHookProperty).toBool()) {
    plot->setProperty(kHookProperty, true);
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] { fit(plot); });
  }
  fit(plot);
}

}  // namespace plotaspect
