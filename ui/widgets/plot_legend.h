#pragma once
// Where a plot's legend stands when inside the axes it would cover the data: beside the axes (a wide, low plot;
// many curves) or in a row under them (a small plot; a few entries). QCustomPlot puts the legend in the axis
// rectangle's inset layout; these move it into the plot's own layout, so the axes shrink to make room. GUI-thread
// only; call once, right after the plot is made.

class QCustomPlot;

namespace plotlegend {

/// The legend at the top of a column of its own right of the axes, its frame clear of the widget's edge.
void besideAxes(QCustomPlot* plot);
/// The legend centred under the axes at its own width, `columns` entries per row.
void underAxes(QCustomPlot* plot, int columns);

}  // namespace plotlegend
