#pragma once
// 2-D point sets on QCustomPlot scatters, one way for every view: a dot graph, and points [N, ≥2] (any dtype,
// any device) put on it. QCPGraph keeps its data sorted by x, and drops points from data wrongly flagged as
// sorted, so points always go in unsorted.

#include <ATen/core/Tensor.h>

#include <QColor>
#include <QString>

class QCPGraph;
class QCustomPlot;

namespace pointgraph {

/// A graph of dots (no line) of `color` and `size` pixels on `plot`, named `name` in the legend.
QCPGraph* addScatter(QCustomPlot* plot, const QColor& color, double size, const QString& name);
/// Puts `points` [N, D] on `graph` as samplepictures::toPlane draws them (the first two columns; 1-D points as a
/// strip plot); clears it for an undefined or other-shaped tensor.
void setPoints(QCPGraph* graph, const at::Tensor& points);

}  // namespace pointgraph
