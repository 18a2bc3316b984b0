// Core headers first: <torch/torch.h> must precede every Qt header.
#include <torch/torch.h>

#include "views/ode_lab/result_view.h"

#include "views/ode_lab/ode_lab_pictures.h"
#include "widgets/plot_export.h"
#include "widgets/plot_view_bar.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QStackedLayout>
#include <QVBoxLayout>

#include <limits>

namespace odelab {

namespace {

// The points as drawn in a plane (samplepictures::toPlane), as key and value vectors.
void split(const at::Tensor& points, QVector<double>& x, QVector<double>& y) {
  x.clear();
  y.clear();
  const at::Tensor p = samplepictures::toPlane(points);
  if (!p.defined()) return;
  const auto a = p.accessor<double, 2>();
  x.reserve(static_cast<int>(p.size(0)));
  y.reserve(static_cast<int>(p.size(0)));
  for (int64_t i = 0; i < p.size(0); ++i) {
    x << a[i][0];
    y << a[i][1];
  }
}

}  // namespace

ResultView::ResultView(QWidget* parent) : QWidget(parent) {
  m_stack = new QStackedLayout(this);
  m_stack->setContentsMargins(0, 0, 0, 0);
  m_picture = odelab::pictureLabel(this);
  m_stack->addWidget(m_picture);

  auto* scatterPage = new QWidget(this);
  auto* layout = new QVBoxLayout(scatterPage);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot(scatterPage);
  m_plot->setMinimumSize(120, 100);  // two rows of results fit beside the settings in lecture mode on a laptop
  plotexport::installPlotExportMenu(m_plot);
  m_plot->addGraph();  // 0: the model's data, grey
  m_plot->graph(0)->setLineStyle(QCPGraph::lsNone);
  m_plot->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(190, 190, 190), 3));
  m_plot->graph(0)->setName(tr("data"));
  m_moves = new QCPCurve(m_plot->xAxis, m_plot->yAxis);  // SDEdit: original → result, one segment each
  m_moves->setPen(QPen(QColor(214, 39, 40, 90), 1.0));
  m_moves->setName(tr("moves"));
  m_moves->removeFromLegend();
  m_plot->addGraph();  // 1: the result's points
  m_plot->graph(1)->setLineStyle(QCPGraph::lsNone);
  m_plot->graph(1)->setName(tr("samples"));
  m_plot->xAxis->setLabel(tr("x₁"));
  m_plot->yAxis->setLabel(tr("x₂"));
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_bar = new PlotViewBar(m_plot, m_plot->graph(0), m_plot->graph(1), scatterPage);
  layout->addWidget(m_plot, 1);
  layout->addWidget(m_bar);
  m_stack->addWidget(scatterPage);
  m_stack->setCurrentIndex(0);
}

bool ResultView::showsPoints() const { return m_stack->currentIndex() == 1; }

void ResultView::showImage(const QImage& picture) {
  m_stack->setCurrentIndex(0);
  odelab::setPicture(m_picture, picture);
}

void ResultView::setScatter(const at::Tensor& points, const at::Tensor& data, const QColor& color) {
  QVector<double> x, y;
  split(data, x, y);
  m_plot->graph(0)->setData(x, y);
  m_plot->graph(0)->setVisible(!x.isEmpty());
  split(points, x, y);
  m_plot->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 4));
  m_plot->graph(1)->setData(x, y);
  m_stack->setCurrentIndex(1);
  if (m_plot->graph(0)->visible())
    m_bar->fitToData();
  else
    m_bar->fitToSamples();
}

void ResultView::showPoints(const at::Tensor& points, const at::Tensor& data, const QColor& color) {
  m_moves->data()->clear();
  setScatter(points, data, color);
}

void ResultView::showMoves(const at::Tensor& from, const at::Tensor& to, const at::Tensor& data, const QColor& color) {
  QVector<double> x0, y0, x1, y1;
  split(from, x0, y0);
  split(to, x1, y1);
  QVector<double> t, x, y;
  const double gap = std::numeric_limits<double>::quiet_NaN();  // NaN interrupts a QCPCurve: one segment a move
  for (int i = 0; i < std::min(x0.size(), x1.size()); ++i) {
    t << 3 * i << 3 * i + 1 << 3 * i + 2;
    x << x0[i] << x1[i] << gap;
    y << y0[i] << y1[i] << gap;
  }
  m_moves->setData(t, x, y);
  setScatter(to, data, color);
}

void ResultView::clear() {
  odelab::setPicture(m_picture, QImage());
  m_plot->graph(0)->data()->clear();
  m_plot->graph(1)->data()->clear();
  m_moves->data()->clear();
  m_plot->replot();
  m_stack->setCurrentIndex(0);
}

}  // namespace odelab
