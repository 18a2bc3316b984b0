// LibTorch-dependent core headers first: their headers use `slots`, which Qt defines as a macro.
#include "train/objective.h"

#include "views/training_view.h"

#include "views/training/training_settings.h"

#include "widgets/loss_plot.h"
#include "widgets/sample_grid_widget.h"
#include "widgets/side_panel.h"
#include "widgets/timestep_loss_heatmap.h"

#include "lecture/lecture_equations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace {

QString bytesText(int64_t bytes) {
  if (bytes < 0) return QStringLiteral("?");
  const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  return mib >= 1024 ? QStringLiteral("%1 GiB").arg(mib / 1024.0, 0, 'f', 2)
                     : QStringLiteral("%1 MiB").arg(mib, 0, 'f', 0);
}

QString durationText(double s) {
  if (!(s >= 0) || !std::isfinite(s)) return QStringLiteral("–");
  const qint64 total = std::llround(s);
  if (total >= 3600)
    return QStringLiteral("%1 h %2 min").arg(total / 3600).arg(total / 60 % 60, 2, 10, QLatin1Char('0'));
  if (total >= 60) return QStringLiteral("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1 s").arg(total);
}

}  // namespace

TrainingView::TrainingView(ScheduleState* schedule, QWidget* parent) : QWidget(parent), m_schedule(schedule) {
  buildLayout();
  m_drainTimer = new QTimer(this);
  m_drainTimer->setInterval(kDrainIntervalMs);
  connect(m_drainTimer, &QTimer::timeout, this, &TrainingView::drain);
  updateButtons();
}

TrainingView::~TrainingView() {
  if (m_worker) m_worker->requestStop();  // its destructor (a child's) waits for the step and the checkpoint
}

// --- layout -----------------------------------------------------------------------------------------------

QWidget* TrainingView::buildControls() {
  auto* side = new QWidget;
  auto* layout = new QVBoxLayout(side);
  m_settings = new TrainingSettings(m_schedule, side);
  layout->addWidget(m_settings);
  connect(m_settings, &TrainingSettings::objectiveChanged, this, &TrainingView::lectureEquationChanged);

  // Run controls: built here, placed under the scrolling settings by buildLayout() (always in view).
  m_start = new QPushButton(tr("Start"));
  m_pause = new QPushButton(tr("Pause"));
  m_pause->setCheckable(true);
  m_stop = new QPushButton(tr("Stop"));
  m_stop->setToolTip(tr("Stop after the current step and write the checkpoint"));
  layout->addStretch(1);
  connect(m_start, &QPushButton::clicked, this, &TrainingView::start);
  connect(m_pause, &QPushButton::toggled, this, &TrainingView::setPaused);
  connect(m_stop, &QPushButton::clicked, this, &TrainingView::stop);
  return side;
}

void TrainingView::buildLayout() {
  QWidget* controls = buildControls();
  auto* run = new QWidget;
  auto* buttons = new QHBoxLayout(run);
  buttons->setContentsMargins(0, 0, 0, 0);
  buttons->addWidget(m_start);
  buttons->addWidget(m_pause);
  buttons->addWidget(m_stop);

  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  // Progress read-outs.
  auto* status = new QHBoxLayout;
  m_progress = new QProgressBar(right);
  m_progress->setFormat(tr("no run yet"));  // "%v / %m steps" once a run has started
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_stepLabel = new QLabel(right);
  m_rateLabel = new QLabel(right);
  m_etaLabel = new QLabel(right);
  m_memoryLabel = new QLabel(right);
  m_statusLabel = new QLabel(tr("Idle"), right);
  status->addWidget(m_progress, 2);
  status->addWidget(m_stepLabel);
  status->addWidget(m_rateLabel);
  status->addWidget(m_etaLabel);
  status->addWidget(m_memoryLabel);
  rightLayout->addLayout(status);
  // The run's state on a line of its own, wrapped: in one row with the figures its longer texts ("Not started;
  // the figures are the previous run's") made the window wider than a 1366 px screen in lecture mode.
  m_statusLabel->setWordWrap(true);
  rightLayout->addWidget(m_statusLabel);
  m_description = new QLabel(right);
  m_description->setWordWrap(true);
  m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
  rightLayout->addWidget(m_description);
  m_message = new QLabel(right);
  m_message->setWordWrap(true);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_message->setVisible(false);
  rightLayout->addWidget(m_message);

  // Plots: loss and per-timestep loss on the left, samples on the right.
  auto* lossPanel = new QWidget(right);
  auto* lossLayout = new QVBoxLayout(lossPanel);
  lossLayout->setContentsMargins(0, 0, 0, 0);
  auto* lossBar = new QHBoxLayout;
  lossBar->addWidget(new QLabel(tr("<b>Loss</b>"), lossPanel));
  lossBar->addStretch(1);
  lossBar->addWidget(new QLabel(tr("smoothing"), lossPanel));
  m_smoothing = new QDoubleSpinBox(lossPanel);
  m_smoothing->setRange(0.0, 0.999);
  m_smoothing->setDecimals(3);
  m_smoothing->setSingleStep(0.01);
  m_smoothing->setValue(0.95);
  m_smoothing->setToolTip(
      tr("Weight w of the debiased exponential moving average, as in TensorBoard: 0 none, "
         "0.99 heavy"));
  lossBar->addWidget(m_smoothing);
  m_logScale = new QCheckBox(tr("log scale"), lossPanel);
  lossBar->addWidget(m_logScale);
  lossLayout->addLayout(lossBar);
  m_lossPlot = new LossPlot(lossPanel);
  m_lossPlot->setMinimumSize(320, 180);
  lossLayout->addWidget(m_lossPlot, 1);
  connect(m_logScale, &QCheckBox::toggled, m_lossPlot, &LossPlot::setLogScale);
  connect(m_smoothing, &QDoubleSpinBox::valueChanged, m_lossPlot, &LossPlot::setSmoothing);

  auto* tPanel = new QWidget(right);
  auto* tLayout = new QVBoxLayout(tPanel);
  tLayout->setContentsMargins(0, 0, 0, 0);
  auto* tBar = new QHBoxLayout;
  // Headers wrap rather than widen the window (Spanish and German run long).
  // The explanation is the tooltip: in lecture mode's larger text it wrapped to three lines and pushed the plot's
  // axis title out of the window.
  auto* tTitle = new QLabel(tr("<b>Loss per timestep</b>"), tPanel);
  tTitle->setToolTip(tr("Which noise levels are learned late: the loss of each band of timesteps over training"));
  tTitle->setWordWrap(true);
  tBar->addWidget(tTitle, 1);
  m_timestepMode = new QComboBox(tPanel);
  m_timestepMode->addItem(tr("heatmap over steps"), static_cast<int>(TimestepLossHeatmap::Mode::Heatmap));
  m_timestepMode->addItem(tr("curves"), static_cast<int>(TimestepLossHeatmap::Mode::Curves));
  tBar->addWidget(m_timestepMode);
  tLayout->addLayout(tBar);
  m_heatmap = new TimestepLossHeatmap(tPanel);
  m_heatmap->setMinimumSize(320, 180);
  tLayout->addWidget(m_heatmap, 1);
  connect(m_timestepMode, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) {
    m_heatmap->setMode(static_cast<TimestepLossHeatmap::Mode>(m_timestepMode->currentData().toInt()));
  });

  auto* samplePanel = new QWidget(right);
  auto* sampleLayout = new QVBoxLayout(samplePanel);
  sampleLayout->setContentsMargins(0, 0, 0, 0);
  auto* sampleTitle = new QLabel(tr("<b>Samples from the EMA weights</b> (fixed noise)"), samplePanel);
  sampleTitle->setWordWrap(true);
  sampleLayout->addWidget(sampleTitle);
  m_samples = new SampleGridWidget(samplePanel);
  m_samples->setMinimumSize(260, 260);
  sampleLayout->addWidget(m_samples, 1);

  auto* plots = new QSplitter(Qt::Vertical, right);
  plots->addWidget(lossPanel);
  plots->addWidget(tPanel);
  auto* split = new QSplitter(Qt::Horizontal, right);
  split->addWidget(plots);
  split->addWidget(samplePanel);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({3000, 2000});  // weights: 3/5 of the width to the plots, 2/5 to the samples from the start
  sidepanel::remember(plots, QStringLiteral("training-plots"));
  sidepanel::remember(split, QStringLiteral("training-samples"));
  rightLayout->addWidget(split, 1);
  sidepanel::install(this, QStringLiteral("training"), controls, run, right);
}

// --- controls <-> job -------------------------------------------------------------------------------------

TrainingJob TrainingView::job() const { return m_settings->job(); }

void TrainingView::setJob(const TrainingJob& job) { m_settings->setJob(job); }

QSpinBox* TrainingView::processesBox() const { return m_settings->processesBox(); }
QSpinBox* TrainingView::qualityEveryBox() const { return m_settings->qualityEveryBox(); }
QLabel* TrainingView::qualityLabel() const { return m_settings->qualityLabel(); }

QString TrainingView::statusText() const { return m_statusLabel->text(); }

// --- the run ----------------------------------------------------------------------------------------------

void TrainingView::start() {
  if (m_worker) return;
  const TrainingJob j = job();
  if (j.datasetSpec.empty()) {
    showMessage(tr("Choose a data set."), true);
    return;
  }
  if (j.resumePath.empty()) {  // ε-prediction with zero terminal SNR: refused once, trained when insisted on
    const QString conflict = QString::fromStdString(difflab::objective_schedule_conflict(j.schedule, j.objective));
    if (!conflict.isEmpty() && m_confirmedConflict != conflict) {
      m_confirmedConflict = conflict;
      showMessage(tr("Not started: %1. Press Start again to train it anyway.").arg(conflict), true);
      return;
    }
  }
  m_message->setVisible(false);
  // The previous run's plots stay until this run has really started (a start that fails leaves them alone).
  m_runStarted = false;
  m_pendingTimesteps = j.schedule.timesteps;
  m_totalSteps = j.trainer.total_steps;
  m_paused = false;
  m_pause->setChecked(false);

  m_worker = new TrainingWorker(this);
  m_feed = m_worker->feed();
  connect(m_worker, &TrainingWorker::started, this, &TrainingView::onStarted);
  connect(m_worker, &TrainingWorker::finished, this, &TrainingView::onFinished);
  connect(m_worker, &TrainingWorker::failed, this, &TrainingView::onFailed);
  m_worker->start(j);
  m_drainTimer->start();
  m_statusLabel->setText(tr("Starting …"));
  updateButtons();
}

void TrainingView::setPaused(bool paused) {
  if (!m_worker) return;
  m_paused = paused;
  m_worker->requestPause(paused);
  m_pause->setText(paused ? tr("Resume") : tr("Pause"));
  if (m_pause->isChecked() != paused) m_pause->setChecked(paused);
}

void TrainingView::stop() {
  if (!m_worker) return;
  m_worker->requestStop();
  m_statusLabel->setText(tr("Stopping …"));
  m_stop->setEnabled(false);
}

void TrainingView::onStarted(const QString& description) {
  m_runStarted = true;
  m_lossPlot->clearPoints();
  m_heatmap->clearSnapshots();
  m_heatmap->setTimesteps(m_pendingTimesteps);
  m_samples->clear();
  m_previewStep = -1;
  m_lastStep = 0;
  m_lastLoss = std::numeric_limits<double>::quiet_NaN();
  Q_EMIT lectureEquationChanged();
  m_progress->setFormat(tr("%v / %m steps"));
  m_progress->setRange(0, static_cast<int>(m_totalSteps));
  m_progress->setValue(0);
  m_runDescription = description;
  m_description->setText(description);
  Q_EMIT trainingStarted(description);
}

void TrainingView::onFinished(qint64 step, bool stopped, const QString& checkpoint) {
  endRun();
  const QString where =
      checkpoint.isEmpty() ? tr("No checkpoint was written (no path given).") : tr("Checkpoint: %1").arg(checkpoint);
  showMessage((stopped ? tr("Stopped at step %1. ") : tr("Finished at step %1. ")).arg(step) + where, false);
  // A stop draws no last preview (the user wants the run to end now): the samples shown are older; say so.
  if (m_previewStep >= 0 && m_previewStep < step)
    m_samples->setCaption(m_samples->caption() + QLatin1Char('\n') +
                          tr("(drawn at step %1; the run stopped at step %2)").arg(m_previewStep).arg(step));
  Q_EMIT trainingFinished(step, stopped, checkpoint);
}

void TrainingView::onFailed(const QString& message, const QString& lastCheckpoint) {
  const bool started = m_runStarted;
  endRun();
  const QString kept =
      lastCheckpoint.isEmpty() ? QString() : tr("\nThe last good checkpoint stays: %1").arg(lastCheckpoint);
  if (!started) {  // the header must not keep saying "Starting …" under the error
    // A previous run's curves and figures stay (a failed start wipes nothing), marked as that run's.
    const bool previous = m_lastStep > 0;
    m_statusLabel->setText(previous ? tr("Not started; the figures are the previous run's") : tr("Not started"));
    if (previous && !m_runDescription.isEmpty()) m_description->setText(tr("Previous run: %1").arg(m_runDescription));
    showMessage(tr("Training did not start: %1").arg(message) + kept, true);
  } else {
    if (m_statusLabel->text() == tr("Starting …") || m_statusLabel->text() == tr("Stopping …"))
      m_statusLabel->setText(tr("Failed"));
    showMessage(tr("Training stopped: %1").arg(message) + kept, true);
  }
  Q_EMIT trainingFailed(message);
}

void TrainingView::endRun() {
  drain();  // the last steps and preview
  m_drainTimer->stop();
  m_worker->deleteLater();  // its run has ended: this only joins the idle thread
  m_worker = nullptr;
  m_etaLabel->clear();  // nothing is left to wait for (the last speed stays, as the run's figure)
  m_feed.reset();
  m_paused = false;
  m_pause->setChecked(false);
  m_pause->setText(tr("Pause"));
  updateButtons();
}

void TrainingView::drain() {
  if (!m_feed || !m_runStarted) return;
  TrainingFeed::Snapshot s = m_feed->take();
  if (!s.points.empty()) {
    QVector<double> steps, raw;
    steps.reserve(static_cast<int>(s.points.size()));
    raw.reserve(steps.capacity());
    for (const auto& p : s.points) {
      steps.push_back(static_cast<double>(p.step));
      raw.push_back(p.loss);
    }
    m_lossPlot->appendPoints(steps, raw);
    m_lossPlot->refresh();
    const TrainingPoint& last = s.points.back();
    m_heatmap->appendSnapshot(static_cast<double>(last.step), last.bucketLoss);  // one column per tick
    m_heatmap->refresh();
    m_lastStep = last.step;
    m_lastLoss = last.loss;
    Q_EMIT lectureEquationChanged();
    m_totalSteps = last.totalSteps;
    m_progress->setRange(0, static_cast<int>(last.totalSteps));
    m_progress->setValue(static_cast<int>(last.step));
    m_stepLabel->setText(tr("loss %1 (smoothed)").arg(m_lossPlot->lastSmoothed(), 0, 'g', 4));
  }
  for (const TrainingQuality& q : s.quality) {
    m_lossPlot->addQuality(static_cast<double>(q.step), q.frechet, q.floor);
    m_lossPlot->refresh();
    QString text =
        tr("Step %1: Fréchet distance %2 (floor %3)").arg(q.step).arg(q.frechet, 0, 'g', 3).arg(q.floor, 0, 'g', 3);
    if (q.classAccuracy >= 0)
      text += tr(", %1 % of samples of the class asked for").arg(100 * q.classAccuracy, 0, 'f', 1);
    m_settings->setQualityText(
        text + tr(" (measured with %1 in %2 s)").arg(m_settings->qualityClassifier()).arg(q.seconds, 0, 'f', 1));
  }
  if (s.preview) {
    m_previewStep = s.preview->step;
    const QString step =
        s.preview->step == 0 ? tr("Step 0, the untrained network") : tr("Step %1").arg(s.preview->step);
    const QString caption = tr("%1 — DDIM, %2 steps, drawn in %3 s")
                                .arg(step)
                                .arg(m_settings->previewSteps())
                                .arg(s.preview->seconds, 0, 'f', 2);
    if (!s.preview->grid.isNull())
      m_samples->showImages(s.preview->grid, caption);
    else
      m_samples->showPoints(s.preview->x, s.preview->y, s.preview->dataX, s.preview->dataY, caption);
  }
  m_rateLabel->setText(tr("%1 img/s").arg(s.imagesPerSecond, 0, 'f', s.imagesPerSecond < 100 ? 1 : 0));
  m_etaLabel->setText(tr("ETA %1").arg(durationText(s.etaSeconds)));
  m_memoryLabel->setText((m_settings->onCuda() ? tr("GPU memory %1") : tr("RSS %1")).arg(bytesText(s.memoryBytes)));
  if (!s.status.isEmpty()) m_statusLabel->setText(s.status);
  if (!s.points.empty()) Q_EMIT progressDrained(m_lastStep);
}

void TrainingView::updateButtons() {
  const bool running = m_worker != nullptr;
  m_start->setEnabled(!running);
  m_pause->setEnabled(running && m_settings->processesBox()->value() == 1);  // other ranks cannot wait for a pause
  m_stop->setEnabled(running);
  m_settings->setRunning(running);
}

void TrainingView::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  m_message->setStyleSheet(
      error ? QStringLiteral("QLabel { color: #b00020; background: #fdecee; border: 1px solid #f1aeb5;"
                             " border-radius: 3px; padding: 4px; }")
            : QStringLiteral("QLabel { color: #0b5394; background: #e8f1fb; border: 1px solid #a9c7ea;"
                             " border-radius: 3px; padding: 4px; }"));
  m_message->setVisible(true);
}

QString TrainingView::lectureEquation() const {
  return lecture::trainingLoss(m_settings->prediction(), m_settings->loss(), std::isnan(m_lastLoss) ? -1 : m_lastStep,
                               m_lastLoss, m_lossPlot->lastSmoothed());
}
