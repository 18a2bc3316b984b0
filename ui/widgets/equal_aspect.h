#pragma once
// Scatter plots of 2-D data drawn at equal aspect: one data unit spans as many pixels on the x axis as on the
// y axis, so a circle of eight Gaussians looks round and two moons look as wide as they are, whatever shape
// the widget has. The requested data rectangle stays fully visible and centred; the axis with room to spare
// shows more around it. Refitted when the rectangle is set and when the plot changes size; in between, the
// user's drag and wheel zoom stay.

#include <QRectF>

class QCustomPlot;

namespace plotaspect {

/// Shows at least `rect` (data coordinates) in `plot` at equal aspect from now on; installs the layout hook on
/// first use. An empty rectangle turns the behaviour off (axes keep whatever ranges are set afterwards).
void showEqualAspect(QCustomPlot* plot, const QRectF& rect);
/// The rectangle last given to showEqualAspect (empty when none).
QRectF shownRect(const QCustomPlot* plot);

}  // namespace plotaspect
