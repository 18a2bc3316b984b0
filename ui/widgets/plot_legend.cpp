#include "widgets/plot_legend.h"

#include <qcustomplot.h>

namespace plotlegend {

void besideAxes(QCustomPlot* plot) {
  plot->axisRect()->insetLayout()->take(plot->legend);
  auto* column = new QCPLayoutGrid;  // the legend at the top, an empty element taking the height below it
  plot->plotLayout()->addElement(0, 1, column);
  plot->plotLayout()->setColumnStretchFactor(1, 0.001);
  column->addElement(0, 0, plot->legend);
  column->addElement(1, 0, new QCPLayoutElement(plot));
  column->setRowStretchFactor(0, 0.001);
  column->setMargins(QMargins(4, 4, 8, 4));
}

void underAxes(QCustomPlot* plot, int columns) {
  plot->axisRect()->insetLayout()->take(plot->legend);
  auto* row = new QCPLayoutGrid;  // the legend at its own width between two empty elements: a frame filling the
  plot->plotLayout()->addElement(1, 0, row);  // row ran to the widget's edges
  plot->plotLayout()->setRowStretchFactor(1, 0.001);
  row->addElement(0, 0, new QCPLayoutElement(plot));
  row->addElement(0, 1, plot->legend);
  row->addElement(0, 2, new QCPLayoutElement(plot));
  row->setColumnStretchFactors({1.0, 0.001, 1.0});
  row->setMargins(QMargins(4, 0, 4, 4));
  plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot->legend->setWrap(columns);
}

}  // namespace plotlegend
