#include "data/dataset_catalog.h"

#include "views/dataset_view.h"

#include "widgets/dataset_file_chooser.h"
#include "widgets/equal_aspect.h"
#include "widgets/plot_export.h"

#include <qcustomplot.h>

#include "lecture/lecture_equations.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPixmap>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace {

// Ten well-separated colours (Tableau 10), one per class; more classes reuse them.
QColor classColor(int64_t label) {
  static const QColor colors[] = {QColor(0x4e79a7), QColor(0xf28e2b), QColor(0xe15759), QColor(0x76b7b2),
                                  QColor(0x59a14f), QColor(0xedc948), QColor(0xb07aa1), QColor(0xff9da7),
                                  QColor(0x9c755f), QColor(0xbab0ac)};
  return label < 0 ? QColor(0x4e79a7) : colors[label % 10];
}

// One sample of uint8 image data [N, C, H, W] (C = 1 or 3) as a QImage (deep copy).
QImage sampleImage(const at::Tensor& data, int64_t index) {
  const int64_t c = data.size(1), h = data.size(2), w = data.size(3);
  const uint8_t* p = data.data_ptr<uint8_t>() + index * c * h * w;
  QImage image(static_cast<int>(w), static_cast<int>(h), c == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
  for (int64_t y = 0; y < h; ++y) {
    uchar* line = image.scanLine(static_cast<int>(y));
    for (int64_t x = 0; x < w; ++x)
      for (int64_t k = 0; k < c; ++k) line[x * c + k] = p[k * h * w + y * w + x];
  }
  return image;
}

QString className(const difflab::Dataset& dataset, int64_t label) {
  if (label >= 0 && label < static_cast<int64_t>(dataset.class_names.size()))
    return QString::fromStdString(dataset.class_names[static_cast<size_t>(label)]);
  return label < 0 ? QString() : QString::number(label);
}

}  // namespace

// --- DatasetThumbnailModel -------------------------------------------------------------------------------

void DatasetThumbnailModel::setDataset(DatasetPtr dataset, int64_t label) {
  beginResetModel();
  m_indices.clear();
  m_dataset = std::move(dataset);
  if (m_dataset && m_dataset->kind == difflab::DataKind::Images && m_dataset->data.defined() &&
      m_dataset->data.is_contiguous())
    m_indices = m_dataset->indices_of_class(label);
  endResetModel();
}

int DatasetThumbnailModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_indices.size());
}

QVariant DatasetThumbnailModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const int64_t i = m_indices[static_cast<size_t>(index.row())];
  if (role == Qt::DecorationRole)
    return QPixmap::fromImage(sampleImage(m_dataset->data, i)
                                  .scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::FastTransformation));
  if (role == Qt::ToolTipRole) {
    const int64_t label = m_dataset->labels.defined() ? m_dataset->labels[i].item<int64_t>() : -1;
    const QString name = className(*m_dataset, label);
    return name.isEmpty() ? tr("Sample %1").arg(i) : tr("Sample %1: %2").arg(i).arg(name);
  }
  return {};
}

// --- DatasetView -----------------------------------------------------------------------------------------

DatasetView::DatasetView(DatasetState* state, QWidget* parent) : QWidget(parent), m_state(state) {
  setProperty("usesDataset", true);

  m_datasetBox = new QComboBox(this);
  for (const difflab::DatasetInfo& info : difflab::builtin_datasets()) {
    m_datasetBox->addItem(QString::fromStdString(info.spec), QString::fromStdString(info.spec));
    m_datasetBox->setItemData(m_datasetBox->count() - 1, QString::fromStdString(info.description), Qt::ToolTipRole);
  }
  m_openButton = new QToolButton(this);
  m_openButton->setText(tr("Open file…"));
  m_openButton->setPopupMode(QToolButton::InstantPopup);
  auto* openMenu = new QMenu(m_openButton);
  for (const DatasetFileChooser::Source source : DatasetFileChooser::sources())
    connect(openMenu->addAction(DatasetFileChooser::actionText(source)), &QAction::triggered, this, [this, source] {
      const QString spec = DatasetFileChooser::ask(source, this);
      if (!spec.isEmpty()) m_state->load(spec);
    });
  m_openButton->setMenu(openMenu);
  m_classBox = new QComboBox(this);
  m_classBox->setMinimumContentsLength(16);
  m_info = new QLabel(this);
  m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // The summary wraps rather than widening the window (lecture mode's larger text on a laptop).
  m_info->setWordWrap(true);
  m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Dataset:"), this));
  bar->addWidget(m_datasetBox);
  bar->addWidget(m_openButton);
  bar->addSpacing(16);
  bar->addWidget(new QLabel(tr("Class:"), this));
  bar->addWidget(m_classBox);
  bar->addSpacing(16);
  bar->addWidget(m_info, 1);

  m_model = new DatasetThumbnailModel(this);
  m_list = new QListView(this);
  m_list->setViewMode(QListView::IconMode);
  m_list->setResizeMode(QListView::Adjust);
  m_list->setMovement(QListView::Static);
  m_list->setUniformItemSizes(true);
  m_list->setLayoutMode(QListView::Batched);
  m_list->setIconSize(QSize(DatasetThumbnailModel::kThumbnailSize, DatasetThumbnailModel::kThumbnailSize));
  m_list->setGridSize(QSize(DatasetThumbnailModel::kThumbnailSize + 6, DatasetThumbnailModel::kThumbnailSize + 6));
  m_list->setSpacing(0);
  m_list->setModel(m_model);

  m_scatter = new QCustomPlot(this);
  plotexport::installPlotExportMenu(m_scatter);
  m_scatter->xAxis->setLabel(QStringLiteral("x₁"));
  m_scatter->yAxis->setLabel(QStringLiteral("x₂"));
  m_scatter->legend->setVisible(true);
  m_scatter->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  // The wheel zooms; a click picks a sample (so dragging does not pan here); choosing the set again refits.
  m_scatter->setInteractions(QCP::iRangeZoom);

  m_message = new QLabel(this);
  m_message->setAlignment(Qt::AlignCenter);
  m_message->setWordWrap(true);

  m_stack = new QStackedWidget(this);
  m_stack->addWidget(m_list);
  m_stack->addWidget(m_scatter);
  m_stack->addWidget(m_message);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  m_banner = new QLabel(this);
  m_banner->setWordWrap(true);
  m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_banner->setVisible(false);
  layout->addWidget(m_banner);
  layout->addWidget(m_stack, 1);

  connect(m_datasetBox, qOverload<int>(&QComboBox::activated), this, &DatasetView::onDatasetChosen);
  connect(m_classBox, qOverload<int>(&QComboBox::currentIndexChanged), this, &DatasetView::onClassChosen);
  connect(m_list, &QListView::clicked, this,
          [this](const QModelIndex& index) { m_state->setSelectedIndex(m_model->datasetIndex(index.row())); });
  connect(m_scatter, &QCustomPlot::mousePress, this,
          [this](QMouseEvent* event) { selectNearestPoint(event->position()); });
  connect(m_state, &DatasetState::datasetChanged, this, &DatasetView::onDatasetChanged);
  connect(m_state, &DatasetState::datasetChanged, this, &DatasetView::lectureEquationChanged);
  connect(m_state, &DatasetState::loadingStarted, this, &DatasetView::onLoadingStarted);
  connect(m_state, &DatasetState::loadFailed, this, &DatasetView::onLoadFailed);
  onDatasetChanged();
}

int64_t DatasetView::classFilter() const {
  return m_classBox->currentIndex() < 0 ? -1 : m_classBox->currentData().toLongLong();
}

void DatasetView::setClassFilter(int64_t label) {
  const int row = m_classBox->findData(static_cast<qlonglong>(label));
  if (row >= 0) m_classBox->setCurrentIndex(row);
}

void DatasetView::onDatasetChosen(int row) { m_state->load(m_datasetBox->itemData(row).toString()); }

QString DatasetView::bannerText() const { return m_banner->isHidden() ? QString() : m_banner->text(); }

void DatasetView::onLoadingStarted(const QString& spec) {
  // The current data set stays on screen (and named in the header) until the new one has loaded.
  m_banner->setStyleSheet(QStringLiteral("color: #555;"));
  m_banner->setText(tr("Loading %1 …").arg(spec));
  m_banner->setVisible(true);
  if (!m_state->dataset()) {
    m_message->setText(tr("Loading %1 …").arg(spec));
    m_stack->setCurrentWidget(m_message);
  }
}

void DatasetView::onLoadFailed(const QString& spec, const QString& message) {
  const DatasetPtr current = m_state->dataset();
  // The readers' messages name their file already ("/x/mix.json: line 1, column 74: …"): the spec is added only
  // when it is not there, so the path is said once.
  const QString file = spec.section(QLatin1Char(':'), 1).section(QLatin1Char(','), 0, 0);
  const QString what =
      message.contains(spec) || (!file.isEmpty() && message.contains(file)) ? message : tr("%1: %2").arg(spec, message);
  m_banner->setStyleSheet(QStringLiteral("color: #b00020;"));
  m_banner->setText(current ? tr("Not loaded: %1. Still showing %2.").arg(what, QString::fromStdString(current->name))
                            : tr("Not loaded: %1").arg(what));
  m_banner->setVisible(true);
  {
    const QSignalBlocker block(m_datasetBox);  // the box names what is shown, not what failed
    const int row = m_datasetBox->findData(m_state->spec());
    if (row >= 0) m_datasetBox->setCurrentIndex(row);
  }
  if (!current) {
    m_message->setText(tr("Not loaded: %1").arg(what));
    m_stack->setCurrentWidget(m_message);
  }
}

void DatasetView::onDatasetChanged() {
  const DatasetPtr dataset = m_state->dataset();
  if (dataset) m_banner->setVisible(false);
  {
    const QSignalBlocker block(m_classBox);
    m_classBox->clear();
    m_classBox->addItem(tr("All classes"), qlonglong(-1));
    if (dataset)
      for (size_t k = 0; k < dataset->class_names.size(); ++k)
        m_classBox->addItem(QString::fromStdString(dataset->class_names[k]), qlonglong(k));
    const int row = m_datasetBox->findData(m_state->spec());
    if (row >= 0) m_datasetBox->setCurrentIndex(row);
  }
  onClassChosen();
}

void DatasetView::onClassChosen() {
  const DatasetPtr dataset = m_state->dataset();
  const int64_t label = classFilter();
  m_shown = 0;
  if (!dataset) {
    m_model->setDataset(nullptr, -1);
    m_message->setText(tr("No dataset loaded."));
    m_stack->setCurrentWidget(m_message);
  } else if (dataset->kind == difflab::DataKind::Images) {
    m_model->setDataset(dataset, label);
    m_shown = m_model->rowCount();
    m_stack->setCurrentWidget(m_list);
  } else if (dataset->kind == difflab::DataKind::Points && dataset->sample_shape() == std::vector<int64_t>{2}) {
    m_model->setDataset(nullptr, -1);
    showScatter(*dataset, label);
    m_stack->setCurrentWidget(m_scatter);
  } else {
    m_model->setDataset(nullptr, -1);
    m_message->setText(tr("This dataset has %1-dimensional points; only 2-D points are plotted.")
                           .arg(dataset->sample_shape().empty() ? 0 : dataset->sample_shape()[0]));
    m_stack->setCurrentWidget(m_message);
  }
  updateInfo();
}

void DatasetView::showScatter(const difflab::Dataset& dataset, int64_t label) {
  m_scatter->clearGraphs();
  const at::Tensor points = dataset.data.contiguous();
  const float* p = points.data_ptr<float>();
  const bool labelled = dataset.labels.defined() && !dataset.class_names.empty();
  const int64_t classes = labelled ? static_cast<int64_t>(dataset.class_names.size()) : 1;
  std::vector<QVector<double>> xs(static_cast<size_t>(classes)), ys(static_cast<size_t>(classes));
  const at::Tensor labels = labelled ? dataset.labels.contiguous() : at::Tensor();
  const int64_t* l = labelled ? labels.data_ptr<int64_t>() : nullptr;
  for (int64_t i = 0; i < points.size(0); ++i) {
    const int64_t k = l ? l[i] : 0;
    if (k < 0 || k >= classes || (label >= 0 && k != label)) continue;
    xs[static_cast<size_t>(k)].push_back(p[2 * i]);
    ys[static_cast<size_t>(k)].push_back(p[2 * i + 1]);
    ++m_shown;
  }
  for (int64_t k = 0; k < classes; ++k) {
    if (xs[static_cast<size_t>(k)].isEmpty()) continue;
    QCPGraph* g = m_scatter->addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, classColor(labelled ? k : -1), 4));
    g->setData(xs[static_cast<size_t>(k)], ys[static_cast<size_t>(k)]);  // sorted by x for QCPGraph
    g->setName(labelled ? className(dataset, k) : QString::fromStdString(dataset.name));
  }
  m_scatter->rescaleAxes();
  for (QCPAxis* axis : {m_scatter->xAxis, m_scatter->yAxis}) axis->scaleRange(1.1, axis->range().center());
  const QCPRange xr = m_scatter->xAxis->range(), yr = m_scatter->yAxis->range();
  plotaspect::showEqualAspect(m_scatter, QRectF(xr.lower, yr.lower, xr.size(), yr.size()));
  m_scatter->replot();
}

void DatasetView::selectNearestPoint(const QPointF& pixel) {
  const DatasetPtr dataset = m_state->dataset();
  if (!dataset || dataset->kind != difflab::DataKind::Points || m_scatter->graphCount() == 0) return;
  const double x = m_scatter->xAxis->pixelToCoord(pixel.x()), y = m_scatter->yAxis->pixelToCoord(pixel.y());
  const at::Tensor points = dataset->data.contiguous();
  const float* p = points.data_ptr<float>();
  const int64_t label = classFilter();
  const at::Tensor labels = dataset->labels.defined() ? dataset->labels.contiguous() : at::Tensor();
  const int64_t* l = labels.defined() ? labels.data_ptr<int64_t>() : nullptr;
  int64_t best = -1;
  double bestDistance = std::numeric_limits<double>::max();
  for (int64_t i = 0; i < points.size(0); ++i) {
    if (label >= 0 && l && l[i] != label) continue;
    const double d = (p[2 * i] - x) * (p[2 * i] - x) + (p[2 * i + 1] - y) * (p[2 * i + 1] - y);
    if (d < bestDistance) bestDistance = d, best = i;
  }
  m_state->setSelectedIndex(best);
}

void DatasetView::updateInfo() {
  const DatasetPtr dataset = m_state->dataset();
  if (!dataset) {
    m_info->clear();
    return;
  }
  QStringList shape;
  for (int64_t s : dataset->sample_shape()) shape << QString::number(s);
  m_info->setText(tr("%1: %2 samples of shape %3, %4 classes; %5 shown")
                      .arg(QString::fromStdString(dataset->name))
                      .arg(dataset->size())
                      .arg(shape.join(QStringLiteral(" × ")))
                      .arg(dataset->class_names.size())
                      .arg(m_shown));
}

QString DatasetView::lectureEquation() const {
  const DatasetPtr data = m_state->dataset();
  if (!data) return {};
  QStringList shape;
  for (const int64_t d : data->sample_shape()) shape << QString::number(d);
  return lecture::dataDistribution(QString::fromStdString(data->name), data->size(), shape.join(QStringLiteral("×")));
}
