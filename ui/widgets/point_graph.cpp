// Core headers first: <torch/torch.h> must precede every Qt header.
#include <torch/torch.h>

#include "widgets/point_graph.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

namespace pointgraph {

QCPGraph* addScatter(QCustomPlot* plot, const QColor& color, double size, const QString& name) {
  QCPGraph* g = plot->addGraph();
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, size));
  g->setName(name);
  return g;
}

void setPoints(QCPGraph* graph, const at::Tensor& points) {
  QVector<double> xs, ys;
  if (const at::Tensor p = samplepictures::toPlane(points); p.defined()) {
    const auto a = p.accessor<double, 2>();
    xs.reserve(static_cast<int>(p.size(0)));
    ys.reserve(static_cast<int>(p.size(0)));
    for (int64_t i = 0; i < p.size(0); ++i) {
      xs << a[i][0];
      ys << a[i][1];
    }
  }
  graph->setData(xs, ys);  // unsorted: QCPGraph sorts by x
}

}  // namespace pointgraph
