#include "widgets/sample_grid_widget.h"
#include "widgets/plot_export.h"
#include "widgets/equal_aspect.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {
QVector<double> toVector(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }
}  // namespace

SampleGridWidget::SampleGridWidget(QWidget* parent) : QWidget(parent) {
  m_stack = new QStackedWidget(this);
  m_imageLabel = new QLabel(m_stack);
  m_imageLabel->setAlignment(Qt::AlignCenter);
  m_imageLabel->setMinimumSize(120, 120);
  m_imageLabel->setText(tr("Samples appear here while training runs."));
  m_imageLabel->setWordWrap(true);
  plotexport::installImageExportMenu(m_imageLabel);
  m_plot = new QCustomPlot(m_stack);
  plotexport::installPlotExportMenu(m_plot);
  m_data = m_plot->addGraph();
  m_data->setName(tr("data"));
  m_data->setLineStyle(QCPGraph::lsNone);
  m_data->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(160, 160, 160, 120), 3));
  m_samples = m_plot->addGraph();
  m_samples->setName(tr("samples (EMA)"));
  m_samples->setLineStyle(QCPGraph::lsNone);
  m_samples->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(214, 39, 40, 170), 3));
  m_plot->legend->setVisible(true);
  m_plot->legend->setFont(QFont(font().family(), 8));
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_stack->addWidget(m_imageLabel);
  m_stack->addWidget(m_plot);
  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack, 1);
  layout->addWidget(m_caption);
}

void SampleGridWidget::showImages(const QImage& grid, const QString& caption) {
  m_image = grid;
  m_imageLabel->setProperty("picture", grid);  // exported at full size, not as the scaled pixmap
  m_stack->setCurrentWidget(m_imageLabel);
  m_caption->setText(caption);
  updatePixmap();
}

void SampleGridWidget::showPoints(const std::vector<double>& x, const std::vector<double>& y,
                                  const std::vector<double>& dataX, const std::vector<double>& dataY,
                                  const QString& caption) {
  m_image = QImage();
  m_data->setData(toVector(dataX), toVector(dataY));
  m_samples->setData(toVector(x), toVector(y));
  // The view is framed by the data, so samples that are still noise run off the edges visibly.
  m_data->rescaleAxes();
  const QCPRange xr = m_plot->xAxis->range(), yr = m_plot->yAxis->range();
  plotaspect::showEqualAspect(
      m_plot, QRectF(xr.lower - 0.15 * xr.size(), yr.lower - 0.15 * yr.size(), 1.3 * xr.size(), 1.3 * yr.size()));
  m_stack->setCurrentWidget(m_plot);
  m_caption->setText(caption);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SampleGridWidget::clear() {
  m_image = QImage();
  m_imageLabel->setProperty("picture", QImage());
  m_imageLabel->setPixmap(QPixmap());
  m_imageLabel->setText(tr("Samples appear here while training runs."));
  m_data->data()->clear();
  m_samples->data()->clear();
  m_stack->setCurrentWidget(m_imageLabel);
  m_caption->clear();
}

int SampleGridWidget::pointCount() const { return m_samples->dataCount(); }

QString SampleGridWidget::caption() const { return m_caption->text(); }

void SampleGridWidget::setCaption(const QString& caption) { m_caption->setText(caption); }

void SampleGridWidget::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  updatePixmap();
}

void SampleGridWidget::updatePixmap() {
  if (m_image.isNull()) return;
  // Whole-number magnification keeps pixels square and sharp (no smoothing of 28-pixel images).
  const QSize room = m_imageLabel->size();
  const double fit = std::min(room.width() / double(std::max(1, m_image.width())),
                              room.height() / double(std::max(1, m_image.height())));
  const int factor = std::max(1, static_cast<int>(fit));
  if (factor == 1 && fit >= 1.25) {
    // Between 1x and 2x a whole-number factor would leave most of the room empty: fill it, smoothed.
    m_imageLabel->setPixmap(QPixmap::fromImage(m_image.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    return;
  }
  m_imageLabel->setPixmap(
      QPixmap::fromImage(m_image.scaled(m_image.size() * factor, Qt::KeepAspectRatio, Qt::FastTransformation)));
}
