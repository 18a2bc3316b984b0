#include "views/forward_chain_view.h"

#include "data/data_scale.h"

#include "session/schedule_state.h"
#include "widgets/animation_export_dialog.h"
#include "views/forward_chain/marginal_plots.h"
#include "widgets/plot_export.h"
#include "widgets/plot_view_bar.h"
#include "widgets/point_graph.h"
#include "widgets/sample_pictures.h"
#include "widgets/side_panel.h"
#include "widgets/equal_aspect.h"

#include <qcustomplot.h>

#include "lecture/lecture_equations.h"

#include <QButtonGroup>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <random>

namespace {

constexpr int kTickMs = 33;  // ~30 Hz animation

// A frame of images [B, C, H, W] in the model's [-1, 1] tiled into a grid (about square), 2 px gaps.
QImage imageGrid(const at::Tensor& frame) {
  return samplepictures::imageGrid(difflab::DataScale::images().to_data(frame));
}

}  // namespace

ForwardChainView::ForwardChainView(ScheduleState* schedule, DatasetState* dataset, QWidget* parent)
    : QWidget(parent), m_schedule(schedule), m_dataset(dataset) {
  setProperty("usesDataset", true);
  buildLayout();

  m_worker = new ForwardChainWorker(this);
  connect(m_worker, &ForwardChainWorker::finished, this, &ForwardChainView::onResult);
  connect(m_worker, &ForwardChainWorker::failed, this, &ForwardChainView::onFailed);

  m_timer = new QTimer(this);
  m_timer->setInterval(kTickMs);
  connect(m_timer, &QTimer::timeout, this, &ForwardChainView::onTick);

  connect(m_schedule, &ScheduleState::changed, this, &ForwardChainView::onScheduleChanged);
  connect(m_dataset, &DatasetState::datasetChanged, this, &ForwardChainView::restart);
  connect(m_dataset, &DatasetState::selectionChanged, this, [this] {
    if (source() == Source::ChosenSample) restart();
  });
  onScheduleChanged();
}

ForwardChainView::~ForwardChainView() = default;  // the worker (a child) stops its job and joins its thread

void ForwardChainView::buildLayout() {
  // --- controls -------------------------------------------------------------------------------------------
  auto* sourceBox = new QGroupBox(tr("Samples"), this);
  m_chosen = new QRadioButton(tr("Chosen sample"), sourceBox);
  m_chosen->setToolTip(tr("The sample selected in the Dataset tab (the first one if none is selected)."));
  m_batch = new QRadioButton(tr("Random batch"), sourceBox);
  m_batch->setToolTip(tr("%1 random images, or %2 random points of 2-D data, drawn with the seed.")
                          .arg(kBatchImages)
                          .arg(kCloudPoints));
  m_batch->setChecked(true);
  auto* sourceLayout = new QVBoxLayout(sourceBox);
  sourceLayout->addWidget(m_chosen);
  sourceLayout->addWidget(m_batch);

  auto* processBox = new QGroupBox(tr("Process"), this);
  m_closedForm = new QRadioButton(tr("Closed form q(x_t | x₀)"), processBox);
  m_closedForm->setToolTip(tr("x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε with one ε for every t (Ho et al. 2020, eq. 4)."));
  m_markov = new QRadioButton(tr("Markov chain, step by step"), processBox);
  m_markov->setToolTip(
      tr("x_t = √(1 − β_t) x_{t−1} + √β_t ε_t, fresh noise each step (Ho et al. 2020, eq. 2). "
         "Its first noise is the closed form's ε, so both agree at t = 1."));
  m_closedForm->setChecked(true);
  m_seed = new QSpinBox(processBox);
  m_seed->setRange(0, 1'000'000);
  m_seed->setValue(1);
  m_newNoise = new QPushButton(tr("New noise"), processBox);
  auto* seedRow = new QHBoxLayout;
  seedRow->addWidget(new QLabel(tr("Seed:"), processBox));
  seedRow->addWidget(m_seed, 1);
  seedRow->addWidget(m_newNoise);
  auto* processLayout = new QVBoxLayout(processBox);
  processLayout->addWidget(m_closedForm);
  processLayout->addWidget(m_markov);
  processLayout->addLayout(seedRow);

  auto* timeBox = new QGroupBox(tr("Time step"), this);
  m_tSlider = new QSlider(Qt::Horizontal, timeBox);
  m_tSpin = new QSpinBox(timeBox);
  m_play = new QPushButton(tr("Play"), timeBox);
  m_play->setCheckable(true);
  m_speed = new QSlider(Qt::Horizontal, timeBox);
  m_speed->setRange(1, 500);
  m_speed->setValue(100);
  m_speedLabel = new QLabel(timeBox);
  m_readout = new QLabel(timeBox);
  m_readout->setWordWrap(true);
  m_readout->setTextFormat(Qt::RichText);
  auto* timeLayout = new QGridLayout(timeBox);
  timeLayout->addWidget(new QLabel(tr("t:"), timeBox), 0, 0);
  timeLayout->addWidget(m_tSlider, 0, 1);
  timeLayout->addWidget(m_tSpin, 0, 2);
  timeLayout->addWidget(m_play, 1, 0);
  timeLayout->addWidget(m_speed, 1, 1);
  timeLayout->addWidget(m_speedLabel, 1, 2);
  timeLayout->addWidget(m_readout, 2, 0, 1, 3);
  m_exportAnimation = new QPushButton(tr("Export animation…"), timeBox);
  m_exportAnimation->setObjectName(QStringLiteral("exportAnimation"));
  m_exportAnimation->setToolTip(tr("Save the chain from t = 0 to T as an animated GIF, an MP4 video or PNG frames"));
  m_exportAnimation->setEnabled(false);
  timeLayout->addWidget(m_exportAnimation, 3, 0, 1, 3);

  m_status = new QLabel(this);
  m_status->setWordWrap(true);

  auto* side = new QVBoxLayout;
  side->addWidget(sourceBox);
  side->addWidget(processBox);
  side->addWidget(timeBox);
  side->addWidget(m_status);
  side->addStretch(1);
  auto* sideWidget = new QWidget;
  sideWidget->setLayout(side);

  // --- the samples at t: images or a point cloud ---------------------------------------------------------
  m_image = new QLabel(this);
  m_image->setAlignment(Qt::AlignCenter);
  m_image->setMinimumSize(200, 200);
  m_image->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);  // the pixmap must not size the label
  m_image->installEventFilter(this);
  plotexport::installImageExportMenu(m_image);
  m_cloudPlot = new QCustomPlot(this);
  m_cloudData = pointgraph::addScatter(m_cloudPlot, QColor(190, 190, 190), 3, tr("data x₀"));
  m_cloudNow = pointgraph::addScatter(m_cloudPlot, QColor(0x4e79a7), 3, tr("x_t"));
  m_cloudPlot->legend->setVisible(true);
  m_cloudPlot->xAxis->setLabel(QStringLiteral("x₁"));
  m_cloudPlot->yAxis->setLabel(QStringLiteral("x₂"));
  m_cloudPlot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plotexport::installPlotExportMenu(m_cloudPlot);
  auto* cloudPage = new QWidget(this);
  auto* cloudLayout = new QVBoxLayout(cloudPage);
  cloudLayout->setContentsMargins(0, 0, 0, 0);
  cloudLayout->addWidget(m_cloudPlot, 1);
  cloudLayout->addWidget(new PlotViewBar(m_cloudPlot, m_cloudData, m_cloudNow, cloudPage));
  m_sampleStack = new QStackedWidget(this);
  m_sampleStack->addWidget(m_image);
  m_sampleStack->addWidget(cloudPage);

  auto* rightWidget = new QWidget;
  auto* right = new QVBoxLayout(rightWidget);
  right->setContentsMargins(0, 0, 0, 0);
  right->addWidget(m_sampleStack, 3);
  m_marginals = new MarginalPlots(rightWidget);
  right->addWidget(m_marginals, 2);
  sidepanel::install(this, QStringLiteral("forward-chain"), sideWidget, nullptr, rightWidget);

  connect(m_chosen, &QRadioButton::toggled, this, &ForwardChainView::restart);
  connect(m_closedForm, &QRadioButton::toggled, this, &ForwardChainView::restart);
  connect(m_seed, qOverload<int>(&QSpinBox::valueChanged), this, &ForwardChainView::restart);
  connect(m_newNoise, &QPushButton::clicked, this, [this] { m_seed->setValue(m_seed->value() + 1); });
  connect(m_tSlider, &QSlider::valueChanged, m_tSpin, &QSpinBox::setValue);
  connect(m_tSpin, qOverload<int>(&QSpinBox::valueChanged), m_tSlider, &QSlider::setValue);
  connect(m_tSlider, &QSlider::valueChanged, this, [this] {
    if (!m_timer->isActive()) m_playPosition = m_tSlider->value();
    showFrame();
  });
  connect(m_play, &QPushButton::toggled, this, &ForwardChainView::setPlaying);
  connect(m_tSlider, &QSlider::valueChanged, this, &ForwardChainView::lectureEquationChanged);
  connect(m_schedule, &ScheduleState::changed, this, &ForwardChainView::lectureEquationChanged);
  connect(m_exportAnimation, &QPushButton::clicked, this, [this] { exportAnimation(this, animationSource()); });
  auto updateSpeed = [this] { m_speedLabel->setText(tr("%1 steps/s").arg(m_speed->value())); };
  connect(m_speed, &QSlider::valueChanged, this, updateSpeed);
  updateSpeed();
}

bool ForwardChainView::eventFilter(QObject* watched, QEvent* event) {
  // The integer scale of the images follows the room the label has.
  if (watched == m_image && event->type() == QEvent::Resize && m_resultIsImages) showFrame();
  return QWidget::eventFilter(watched, event);
}

int ForwardChainView::t() const { return m_tSlider->value(); }
void ForwardChainView::setT(int t) { m_tSlider->setValue(t); }
bool ForwardChainView::isMarkov() const { return m_markov->isChecked(); }
void ForwardChainView::setMarkov(bool markov) { (markov ? m_markov : m_closedForm)->setChecked(true); }
quint64 ForwardChainView::seed() const { return static_cast<quint64>(m_seed->value()); }
void ForwardChainView::setSeed(quint64 seed) { m_seed->setValue(static_cast<int>(seed)); }
ForwardChainView::Source ForwardChainView::source() const {
  return m_chosen->isChecked() ? Source::ChosenSample : Source::Batch;
}
void ForwardChainView::setSource(Source source) {
  (source == Source::ChosenSample ? m_chosen : m_batch)->setChecked(true);
}
bool ForwardChainView::isPlaying() const { return m_timer->isActive(); }
int ForwardChainView::speed() const { return m_speed->value(); }

void ForwardChainView::setPlaying(bool playing) {
  if (playing) {
    if (t() >= m_tSlider->maximum()) setT(0);  // play again from the data
    m_playPosition = t();
    m_timer->start();
  } else {
    m_timer->stop();
  }
  const QSignalBlocker block(m_play);
  m_play->setChecked(playing);
  m_play->setText(playing ? tr("Pause") : tr("Play"));
}

void ForwardChainView::onTick() {
  m_playPosition += m_speed->value() * kTickMs / 1000.0;
  const int next = std::min(static_cast<int>(m_playPosition), m_tSlider->maximum());
  setT(next);
  if (next >= m_tSlider->maximum()) setPlaying(false);
}

void ForwardChainView::onScheduleChanged() {
  const int T = static_cast<int>(m_schedule->schedule().timesteps());
  const int oldMax = m_tSlider->maximum();
  const int oldT = t();
  {
    const QSignalBlocker a(m_tSlider), b(m_tSpin);
    m_tSlider->setRange(0, T);
    m_tSpin->setRange(0, T);
    // Keep the same fraction of the way through the chain when T changes.
    // The first time, a quarter of the way: the data is visibly noisy but still recognisable.
    const int newT =
        m_result ? static_cast<int>(std::lround(static_cast<double>(oldT) * T / std::max(oldMax, 1))) : T / 4;
    m_tSlider->setValue(newT);
    m_tSpin->setValue(newT);
  }
  m_playPosition = t();
  restart();
}

std::vector<int64_t> ForwardChainView::chooseIndices() const {
  const DatasetPtr dataset = m_dataset->dataset();
  const int64_t n = dataset->size();
  if (dataset->kind == difflab::DataKind::Images && source() == Source::ChosenSample)
    return {std::max<int64_t>(m_dataset->selectedIndex(), 0)};
  const int64_t want = std::min<int64_t>(n, dataset->kind == difflab::DataKind::Images ? kBatchImages : kCloudPoints);
  // A random subset drawn with the seed (partial Fisher–Yates), so the same seed shows the same batch.
  std::mt19937_64 rng(seed());
  std::vector<int64_t> all(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) all[static_cast<size_t>(i)] = i;
  for (int64_t i = 0; i < want; ++i) {
    std::uniform_int_distribution<int64_t> pick(i, n - 1);
    std::swap(all[static_cast<size_t>(i)], all[static_cast<size_t>(pick(rng))]);
  }
  all.resize(static_cast<size_t>(want));
  return all;
}

void ForwardChainView::restart() {
  const DatasetPtr dataset = m_dataset->dataset();
  if (!dataset || dataset->size() == 0) {
    m_status->setText(tr("No dataset loaded."));
    return;
  }
  ForwardChainRequest request;
  request.schedule = m_schedule->schedule();
  request.x0 = forwardChainBatch(*dataset, chooseIndices());
  request.markov = isMarkov();
  request.seed = seed();
  m_resultIsImages = dataset->kind == difflab::DataKind::Images;
  m_pending = m_worker->post(std::move(request));
  m_status->setText(tr("Computing the chain…"));
}

void ForwardChainView::onResult(ForwardChainResultPtr result) {
  if (result->id != m_pending) return;  // a newer request is on its way
  m_pending = 0;
  m_result = std::move(result);
  m_status->setText(
      m_result->markov
          ? tr("Markov chain: %1 steps from seed %2.").arg(m_result->frames.size(0) - 1).arg(m_result->seed)
          : tr("Closed form from seed %1.").arg(m_result->seed));
  m_sampleStack->setCurrentWidget(m_resultIsImages ? static_cast<QWidget*>(m_image) : m_cloudPlot->parentWidget());
  if (!m_resultIsImages) {
    // The data in grey, and fixed axes covering both the data and N(0, 1), so the cloud can be followed.
    const at::Tensor x0 = m_result->frames[0];
    const double extent = std::max(3.5, x0.abs().max().item<double>());
    pointgraph::setPoints(m_cloudData, x0);
    plotaspect::showEqualAspect(m_cloudPlot, QRectF(-extent * 1.05, -extent * 1.05, 2.1 * extent, 2.1 * extent));
  }
  m_marginals->setStatistics(m_result->mean, m_result->expectedMean, m_result->std, m_result->expectedStd);
  showFrame();
  m_exportAnimation->setEnabled(true);
  Q_EMIT resultShown();
}

void ForwardChainView::onFailed(quint64 id, const QString& message) {
  if (id != m_pending) return;
  m_pending = 0;
  m_status->setText(tr("The chain failed: %1").arg(message));
}

void ForwardChainView::showFrame() {
  if (!m_result) return;
  const int64_t tShown = std::min<int64_t>(t(), m_result->frames.size(0) - 1);
  const at::Tensor frame = m_result->frames[tShown].to(at::kFloat).contiguous();
  if (m_resultIsImages) {
    const QImage grid = imageGrid(frame);
    const QSize room = m_image->size() - QSize(8, 8);
    // Integer upscaling keeps pixels sharp.
    const int scale =
        std::max(1, std::min(room.width() / std::max(1, grid.width()), room.height() / std::max(1, grid.height())));
    m_image->setPixmap(QPixmap::fromImage(grid.scaled(grid.size() * scale)));
  } else {
    pointgraph::setPoints(m_cloudNow, frame);
    m_cloudNow->setName(tr("x_t at t = %1").arg(tShown));
    m_cloudPlot->replot(QCustomPlot::rpQueuedReplot);
  }
  m_marginals->showStep(tShown, frame.data_ptr<float>(), frame.numel());
  updateReadout();
}

void ForwardChainView::updateReadout() {
  const int64_t tNow = t();
  const auto& s = m_schedule->schedule();
  const double alphaBar = tNow == 0 ? 1.0 : s.alpha_bar(std::min<int64_t>(tNow, s.timesteps()));
  QString text = tr("ᾱ_t = %1, √ᾱ_t = %2, √(1 − ᾱ_t) = %3")
                     .arg(alphaBar, 0, 'g', 4)
                     .arg(std::sqrt(alphaBar), 0, 'g', 4)
                     .arg(std::sqrt(1 - alphaBar), 0, 'g', 4);
  if (m_result && tNow < static_cast<int64_t>(m_result->mean.size())) {
    const size_t i = static_cast<size_t>(tNow);
    text += QStringLiteral("<br>") + tr("mean %1 (expected %2), std %3 (expected %4)")
                                         .arg(m_result->mean[i], 0, 'f', 3)
                                         .arg(m_result->expectedMean[i], 0, 'f', 3)
                                         .arg(m_result->std[i], 0, 'f', 3)
                                         .arg(m_result->expectedStd[i], 0, 'f', 3);
  }
  m_readout->setText(text);
}

AnimationSource ForwardChainView::animationSource() const {
  AnimationSource source;
  if (!m_result) return source;
  const int64_t T = m_result->frames.size(0) - 1;
  // The pace of Play: speed() steps per second, shown at up to 25 frames per second.
  const double fps = std::min(25.0, static_cast<double>(speed()));
  const int64_t stride = std::max<int64_t>(1, std::lround(speed() / fps));
  std::vector<int64_t> ts;
  for (int64_t t = 0; t < T; t += stride) ts.push_back(t);
  ts.push_back(T);
  const ForwardChainResultPtr result = m_result;
  const QString process = result->markov ? tr("Markov chain") : tr("closed form");
  if (m_resultIsImages) {
    source.frame = [result, ts, process](int k) {
      const int64_t t = ts[static_cast<size_t>(k)];
      const QImage grid = imageGrid(result->frames[t].to(at::kFloat).contiguous());
      const int scale = std::max(1, 384 / std::max(1, std::max(grid.width(), grid.height())));
      return captionedFrame(grid.scaled(grid.size() * scale), tr("%1, t = %2").arg(process).arg(t));
    };
  } else {
    // The axes of the view: the data and N(0, 1) both in sight.
    const at::Tensor x0 = result->frames[0].to(at::kFloat).contiguous();
    double extent = 3.5;
    const float* p = x0.data_ptr<float>();
    for (int64_t i = 0; i < x0.numel(); ++i) extent = std::max(extent, std::abs(static_cast<double>(p[i])));
    extent *= 1.05;
    const QRectF range(-extent, -extent, 2 * extent, 2 * extent);
    source.frame = [result, ts, x0, range, process](int k) {
      const int64_t t = ts[static_cast<size_t>(k)];
      const QImage cloud =
          samplepictures::scatterImage(result->frames[t].to(at::kFloat), x0, range, QSize(480, 480), QColor(0x4e79a7));
      return captionedFrame(cloud, tr("%1, t = %2").arg(process).arg(t));
    };
  }
  source.count = static_cast<int>(ts.size());
  source.fps = fps;
  source.name = QStringLiteral("forward-chain");
  source.description = tr("The forward chain (%1) from t = 0 to %2: %3 frames, every %4 steps (the speed of Play).")
                           .arg(process)
                           .arg(T)
                           .arg(source.count)
                           .arg(stride);
  return source;
}

QString ForwardChainView::lectureEquation() const {
  const int step = t();
  return lecture::forwardMarginal(step, m_schedule->schedule().alpha_bar(step));
}

QAbstractSlider* ForwardChainView::lectureSlider() const { return m_tSlider; }
QAbstractButton* ForwardChainView::lecturePlayButton() const { return m_play; }

QCustomPlot* ForwardChainView::statisticsPlot() const { return m_marginals->statisticsPlot(); }
QCustomPlot* ForwardChainView::histogramPlot() const { return m_marginals->histogramPlot(); }
