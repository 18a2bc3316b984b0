#include "widgets/equal_aspect.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace plotaspect {
namespace {

constexpr const char* kRectProperty = "difflabEqualAspectRect";
constexpr const char* kHookProperty = "difflabEqualAspectHook";
constexpr const char* kSizeProperty = "difflabEqualAspectFittedSize";        ///< axis-rect size of the last fit
constexpr const char* kWidgetSizeProperty = "difflabEqualAspectWidgetSize";  ///< the plot's size at the last fit
constexpr const char* kRangesProperty = "difflabEqualAspectRanges";          ///< x and y ranges the last fit set

QRectF ranges(const QCustomPlot* plot) {
  return QRectF(plot->xAxis->range().lower, plot->yAxis->range().lower, plot->xAxis->range().size(),
                plot->yAxis->range().size());
}

void fit(QCustomPlot* plot) {
  const QRectF want = plot->property(kRectProperty).toRectF();
  const QRect px = plot->axisRect()->rect();
  if (want.isEmpty() || px.width() < 2 || px.height() < 2) return;
  // Refit for a new rectangle or a new widget size. The axis rectangle also changes when the tick labels do (a
  // zoom from "−4" to "−0.25" widens them): that refits only while the ranges are still the last fit's, so the
  // user's drag and wheel zoom are not undone by the replot that follows them.
  if (plot->property(kSizeProperty).toSize() == px.size()) return;
  const bool resized = plot->property(kWidgetSizeProperty).toSize() != plot->size();
  const QRectF fitted = plot->property(kRangesProperty).toRectF(), now = ranges(plot);
  const double tol = 1e-6 * std::max(fitted.width(), fitted.height());
  const bool untouched = std::abs(fitted.left() - now.left()) <= tol && std::abs(fitted.top() - now.top()) <= tol &&
                         std::abs(fitted.width() - now.width()) <= tol &&
                         std::abs(fitted.height() - now.height()) <= tol;
  if (!resized && !untouched) return;
  plot->setProperty(kSizeProperty, px.size());
  plot->setProperty(kWidgetSizeProperty, plot->size());
  // Data units per pixel: the larger of the two needs, so that the whole rectangle fits.
  const double scale = std::max(want.width() / px.width(), want.height() / px.height());
  const QPointF c = want.center();
  const QCPRange x(c.x() - 0.5 * scale * px.width(), c.x() + 0.5 * scale * px.width());
  const QCPRange y(c.y() - 0.5 * scale * px.height(), c.y() + 0.5 * scale * px.height());
  const auto same = [scale](const QCPRange& a, const QCPRange& b) {
    return std::abs(a.lower - b.lower) < 1e-3 * scale && std::abs(a.upper - b.upper) < 1e-3 * scale;
  };
  if (same(x, plot->xAxis->range()) && same(y, plot->yAxis->range())) {  // nothing moves: no replot
    plot->setProperty(kRangesProperty, ranges(plot));
    return;
  }
  plot->xAxis->setRange(x);
  plot->yAxis->setRange(y);
  plot->setProperty(kRangesProperty, ranges(plot));
  // This layout pass already placed the ticks for the old ranges: draw once more with the new ones (the
  // next pass finds the ranges unchanged and stops here).
  plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace

QRectF shownRect(const QCustomPlot* plot) { return plot->property(kRectProperty).toRectF(); }

void showEqualAspect(QCustomPlot* plot, const QRectF& rect) {
  plot->setProperty(kRectProperty, rect.normalized());
  plot->setProperty(kSizeProperty, QSize());  // fit anew
  plot->setProperty(kWidgetSizeProperty, QSize());
  if (!plot->property(kHookProperty).toBool()) {
    plot->setProperty(kHookProperty, true);
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] { fit(plot); });
  }
  fit(plot);
}

}  // namespace plotaspect
