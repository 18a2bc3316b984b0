#pragma once
// A grey note in the middle of a plot that has no data yet ("no run yet"), so that empty axes with QCustomPlot's
// default 0…5 range do not read as a result. It shows while no plottable holds data and hides itself on the first
// replot with data. While the plot is empty its legend is hidden too (no legend box of curves not drawn yet), and it
// comes back with the data. GUI thread only.

#include <QString>

class QCustomPlot;

namespace emptyplot {

/// Installs the note on `plot` (text already translated by the caller). Safe after clearItems(): the note is then
/// simply gone.
void install(QCustomPlot* plot, const QString& text);

}  // namespace emptyplot
