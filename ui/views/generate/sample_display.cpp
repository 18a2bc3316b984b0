#include "views/generate/sample_display.h"

#include "session/sampling_model.h"
#include "widgets/equal_aspect.h"
#include "widgets/plot_export.h"
#include "widgets/plot_view_bar.h"
#include "widgets/point_graph.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// A square data rectangle around `bounds` (2-D scatters keep their aspect ratio readable).
QRectF squareAround(const QRectF& bounds) {
  const double side = std::max(bounds.width(), bounds.height());
  return QRectF(bounds.center().x() - side / 2, bounds.center().y() - side / 2, side, side);
}

}  // namespace

SampleDisplay::SampleDisplay(QWidget* parent) : QStackedWidget(parent) {
  m_image = new QLabel(this);
  m_image->setAlignment(Qt::AlignCenter);
  m_image->setMinimumSize(256, 256);
  m_image->setStyleSheet(QStringLiteral("background: white;"));
  plotexport::installImageExportMenu(m_image);
  addWidget(m_image);
  m_scatter = new QCustomPlot(this);
  plotexport::installPlotExportMenu(m_scatter);
  pointgraph::addScatter(m_scatter, QColor(190, 190, 190), 3, tr("data"));    // 0
  pointgraph::addScatter(m_scatter, QColor(31, 119, 180), 4, tr("samples"));  // 1
  m_scatter->legend->setVisible(true);
  m_scatter->xAxis->setLabel(tr("x₁"));
  m_scatter->yAxis->setLabel(tr("x₂"));
  m_scatter->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  auto* scatterPage = new QWidget(this);
  auto* scatterLayout = new QVBoxLayout(scatterPage);
  scatterLayout->setContentsMargins(0, 0, 0, 0);
  m_plotBar = new PlotViewBar(m_scatter, m_scatter->graph(0), m_scatter->graph(1), scatterPage);
  scatterLayout->addWidget(m_scatter, 1);
  scatterLayout->addWidget(m_plotBar);
  addWidget(scatterPage);
}

void SampleDisplay::setModel(const SamplingModel& model) {
  setCurrentWidget(model.isPoints() ? m_scatter->parentWidget() : static_cast<QWidget*>(m_image));
  if (!model.isPoints()) return;
  // 1-D data are drawn as a strip plot (samplepictures::toPlane): the height only spreads the points out.
  const bool line = model.sampleShape() == std::vector<int64_t>{1};
  m_scatter->yAxis->setLabel(line ? tr("spread (1-D data)") : tr("x₂"));
  pointgraph::setPoints(m_scatter->graph(0), model.dataPoints);
  m_scatter->graph(0)->setVisible(model.dataPoints.defined());
  plotaspect::showEqualAspect(m_scatter, squareAround(samplepictures::pointBounds(model.dataPoints)));
}

void SampleDisplay::showSamples(const SamplingModel& model, const at::Tensor& dataScale) {
  if (!dataScale.defined()) return;
  if (model.isPoints()) {
    pointgraph::setPoints(m_scatter->graph(1), dataScale);
    m_scatter->replot(QCustomPlot::rpQueuedReplot);
  } else {
    m_image->setPixmap(samplepictures::fitPixmap(samplepictures::imageGrid(dataScale), m_image->size() - QSize(8, 8)));
  }
}

void SampleDisplay::showResult(const SamplingModel& model, const at::Tensor& dataScale) {
  showSamples(model, dataScale);
  // No data to frame the plot (an imported model): frame the samples (their 0.5–99.5 % range per axis).
  if (model.isPoints() && !model.dataPoints.defined() && dataScale.defined() && dataScale.size(0) > 0)
    m_plotBar->fitToSamples();
}

void SampleDisplay::clear() {
  m_scatter->graph(1)->data()->clear();
  m_scatter->replot(QCustomPlot::rpQueuedReplot);
  m_image->clear();
}

QImage SampleDisplay::picture(const SamplingModel& model, const at::Tensor& dataScale) const {
  if (model.isPoints()) return m_scatter->toPixmap(800, 800).toImage();
  return samplepictures::imageGrid(dataScale);
}
