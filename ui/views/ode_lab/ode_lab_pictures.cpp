// Core headers first: <torch/torch.h> must precede every Qt header.
#include <torch/torch.h>

#include "views/ode_lab/ode_lab_pictures.h"

#include "session/sampling_model.h"
#include "views/ode_lab/result_view.h"
#include "widgets/empty_plot_note.h"
#include "widgets/plot_export.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPointF>
#include <QSignalBlocker>

#include <algorithm>

namespace odelab {

namespace {

// Refits a picture label's image to its size whenever it resizes.
class PictureFitter : public QObject {
 public:
  using QObject::QObject;
  bool eventFilter(QObject* watched, QEvent* event) override {
    // A label cleared by its page (label->clear()) stays empty: only a shown picture is refitted.
    if (event->type() == QEvent::Resize)
      if (auto* label = qobject_cast<QLabel*>(watched); label && !label->pixmap().isNull()) refit(label);
    return false;
  }
  static void refit(QLabel* label) {
    const QImage image = label->property("picture").value<QImage>();
    if (!image.isNull()) label->setPixmap(samplepictures::fitPixmap(image, label->contentsRect().size() - QSize(4, 4)));
  }
};

// A label whose size hint is a picture's, not its pixmap's (which follows the label: no feedback loop).
class PictureLabel : public QLabel {
 public:
  using QLabel::QLabel;
  QSize sizeHint() const override { return QSize(240, 240); }
  QSize minimumSizeHint() const override { return QSize(120, 120); }
};

}  // namespace

QLabel* pictureLabel(QWidget* parent) {
  auto* label = new PictureLabel(parent);
  label->setAlignment(Qt::AlignCenter);
  label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  label->setFrameShape(QFrame::StyledPanel);
  label->installEventFilter(new PictureFitter(label));
  plotexport::installImageExportMenu(label);
  return label;
}

void setPicture(QLabel* label, const QImage& picture) {
  label->setProperty("picture", picture);
  if (picture.isNull())
    label->clear();
  else
    PictureFitter::refit(label);
}

ResultView* captionedResult(QGridLayout* grid, int column, const QString& caption, QWidget* parent, QLabel** titleOut,
                            int row) {
  auto* title = new QLabel(caption, parent);
  if (titleOut) *titleOut = title;
  title->setAlignment(Qt::AlignHCenter | Qt::AlignBottom);
  title->setWordWrap(true);  // a long caption ("Moves: each original joined to its result") never widens the page
  auto* view = new ResultView(parent);
  grid->addWidget(title, 2 * row, column);
  grid->addWidget(view, 2 * row + 1, column);
  grid->setRowStretch(2 * row, 0);
  grid->setRowStretch(2 * row + 1, 1);
  grid->setColumnStretch(column, 1);
  return view;
}

void showModelResult(ResultView* view, const SamplingModel& model, const at::Tensor& x, const QColor& color) {
  if (!x.defined()) return view->clear();
  if (model.isPoints())
    view->showPoints(toDataScale(model, x), model.dataPoints, color);
  else
    view->showImage(modelPicture(model, x, kPictureSize, color));
}

QLabel* readoutLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

namespace {

// Black → red → yellow → white, for |difference| heat maps.
QColor heat(double v) {
  v = std::clamp(v, 0.0, 1.0);
  const double r = std::clamp(3.0 * v, 0.0, 1.0), g = std::clamp(3.0 * v - 1.0, 0.0, 1.0),
               b = std::clamp(3.0 * v - 2.0, 0.0, 1.0);
  return QColor::fromRgbF(static_cast<float>(r), static_cast<float>(g), static_cast<float>(b));
}

}  // namespace

// Difference maps [B, H, W] as heat-map tiles, 4 per row, normalised by the largest value.
QImage heatGrid(const at::Tensor& maps) {
  const at::Tensor m = maps.to(torch::kCPU, torch::kFloat64).contiguous();
  const int64_t B = m.size(0), H = m.size(1), W = m.size(2), cols = std::min<int64_t>(B, 4),
                rows = (B + cols - 1) / cols;
  const double top = std::max(m.max().item<double>(), 1e-12);
  QImage img(static_cast<int>(cols * (W + 2) + 2), static_cast<int>(rows * (H + 2) + 2), QImage::Format_RGB32);
  img.fill(Qt::black);
  const auto a = m.accessor<double, 3>();
  for (int64_t b = 0; b < B; ++b)
    for (int64_t y = 0; y < H; ++y)
      for (int64_t x = 0; x < W; ++x)
        img.setPixelColor(static_cast<int>(2 + (b % cols) * (W + 2) + x),
                          static_cast<int>(2 + (b / cols) * (H + 2) + y), heat(a[b][y][x] / top));
  return img;
}

QCustomPlot* makePlot(QWidget* parent, const QString& x, const QString& y, bool logX, bool logY) {
  auto* plot = new QCustomPlot(parent);
  plot->setMinimumHeight(120);
  plot->xAxis->setLabel(x);
  plot->yAxis->setLabel(y);
  if (logX) {
    plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  }
  if (logY) {
    plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  }
  if (logX) plot->xAxis->setRange(1, 1000);  // until the first results arrive: a step-count-like scale
  // The legend shows once there is something in it (an empty frame reads as a glitch before the first run), and
  // empty axes say that nothing has run yet rather than showing a bare 0…5 range as if it were a result.
  plot->legend->setVisible(false);
  emptyplot::install(plot, QCoreApplication::translate("OdeLabView", "no run yet"));  // as the bar says
  QObject::connect(plot, &QCustomPlot::beforeReplot, plot,
                   [plot] { plot->legend->setVisible(plot->legend->itemCount() > 0); });
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plotexport::installPlotExportMenu(plot);
  // The ranges clearPlot() returns to.
  plot->setProperty("startX", QPointF(plot->xAxis->range().lower, plot->xAxis->range().upper));
  plot->setProperty("startY", QPointF(plot->yAxis->range().lower, plot->yAxis->range().upper));
  return plot;
}

void clearPlot(QCustomPlot* plot) {
  plot->clearPlottables();
  if (plot->property("startX").isValid()) {
    const QPointF x = plot->property("startX").toPointF(), y = plot->property("startY").toPointF();
    plot->xAxis->setRange(x.x(), x.y());
    plot->yAxis->setRange(y.x(), y.y());
  }
  plot->replot();
}

QVector<double> toVector(const at::Tensor& t) {
  const at::Tensor c = t.to(torch::kCPU, torch::kFloat64).contiguous();
  return QVector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

void fillClassBox(QComboBox* box, const QStringList& names, const QString& none) {
  const int keep = box->currentData().isValid() ? box->currentData().toInt() : -1;
  QSignalBlocker block(box);
  box->clear();
  box->addItem(none, -1);
  for (int i = 0; i < names.size(); ++i) box->addItem(names[i], i);
  box->setEnabled(!names.isEmpty());
  const int index = box->findData(keep);
  box->setCurrentIndex(index >= 0 ? index : 0);
}

QVector<double> toVector(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

QImage modelPicture(const SamplingModel& model, const at::Tensor& x, const QSize& size, const QColor& color) {
  if (!x.defined()) return {};
  const at::Tensor data = toDataScale(model, x);
  if (model.isPoints()) {
    const QRectF range = samplepictures::pointBounds(model.dataPoints.defined() ? model.dataPoints : data);
    return samplepictures::scatterImage(data, model.dataPoints, range, size, color);
  }
  return samplepictures::imageGrid(data).scaled(size, Qt::KeepAspectRatio, Qt::FastTransformation);
}

}  // namespace odelab
