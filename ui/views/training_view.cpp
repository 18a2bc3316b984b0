// LibTorch-dependent core headers first: their headers use `slots`, which Qt defines as a macro.
#include "data/dataset_catalog.h"
#include "train/objective.h"
#include "device/device_support.h"

#include "views/training_view.h"

#include "session/sampling_model.h"
#include "session/schedule_state.h"
#include "widgets/loss_plot.h"
#include "widgets/sample_grid_widget.h"
#include "widgets/side_panel.h"
#include "widgets/timestep_loss_heatmap.h"

#include "lecture/lecture_equations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace {

struct ModelPreset {
  const char* kind;
  const char* preset;
  const char* title;  // translated at use
  bool images;
};

// The presets of nn/network_config.h.
const ModelPreset kModelPresets[] = {
    {"mlp", "default", QT_TRANSLATE_NOOP("TrainingView", "MLP (hidden 128, 3 blocks) — points"), false},
    {"mlp", "large", QT_TRANSLATE_NOOP("TrainingView", "MLP large (hidden 256, 4 blocks) — points"), false},
    {"ddpm-unet", "small", QT_TRANSLATE_NOOP("TrainingView", "DDPM U-Net small — 28–32 px images, CPU"), true},
    {"simple-unet", "notebook", QT_TRANSLATE_NOOP("TrainingView", "Lecture notebook SimpleUnet (62 M) — images"), true},
    {"ddpm-unet", "cifar10", QT_TRANSLATE_NOOP("TrainingView", "DDPM U-Net CIFAR-10 (35.7 M) — images, GPU"), true},
};

QString presetKey(const std::string& kind, const std::string& preset) {
  return QString::fromStdString(kind + ":" + preset);
}

void addItems(QComboBox* box, const std::vector<std::pair<QString, QString>>& items) {
  for (const auto& [text, data] : items) box->addItem(text, data);
}

void selectData(QComboBox* box, const QString& data) {
  const int i = box->findData(data);
  if (i >= 0) box->setCurrentIndex(i);
}

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
  connect(m_schedule, &ScheduleState::changed, this, &TrainingView::onScheduleChanged);
  onScheduleChanged();
  onDatasetChanged();
  updateButtons();
}

TrainingView::~TrainingView() {
  if (m_worker) m_worker->requestStop();  // its destructor (a child's) waits for the step and the checkpoint
}

// --- layout -----------------------------------------------------------------------------------------------

QWidget* TrainingView::buildControls() {
  auto* side = new QWidget;
  auto* layout = new QVBoxLayout(side);

  // Data and network.
  m_modelBox = new QGroupBox(tr("Data and network"), side);
  auto* modelForm = new QFormLayout(m_modelBox);
  m_dataset = new QComboBox(m_modelBox);
  m_dataset->setEditable(true);  // any load_dataset spec, e.g. idx:… or folder:DIR@32
  for (const auto& info : difflab::builtin_datasets()) {
    m_dataset->addItem(QString::fromStdString(info.spec), QString::fromStdString(info.spec));
    m_dataset->setItemData(m_dataset->count() - 1, QString::fromStdString(info.description), Qt::ToolTipRole);
  }
  m_dataset->setToolTip(tr("A built-in data set or any data set spec (see docs/file-formats.md)"));
  modelForm->addRow(tr("Data set"), m_dataset);
  m_model = new QComboBox(m_modelBox);
  for (const auto& p : kModelPresets) m_model->addItem(tr(p.title), presetKey(p.kind, p.preset));
  modelForm->addRow(tr("Network"), m_model);
  m_conditional = new QCheckBox(tr("class-conditional"), m_modelBox);
  m_conditional->setToolTip(tr("Learn a class embedding with a null class, for classifier-free guidance"));
  m_pUncond = new QDoubleSpinBox(m_modelBox);
  m_pUncond->setRange(0.0, 1.0);
  m_pUncond->setSingleStep(0.05);
  m_pUncond->setValue(0.1);
  m_pUncond->setToolTip(tr("Probability of dropping the label to the null class (Ho & Salimans 2022)"));
  auto* condRow = new QHBoxLayout;
  condRow->addWidget(m_conditional);
  condRow->addWidget(new QLabel(tr("p_uncond"), m_modelBox));
  condRow->addWidget(m_pUncond);
  modelForm->addRow(condRow);
  connect(m_conditional, &QCheckBox::toggled, m_pUncond, &QWidget::setEnabled);
  m_pUncond->setEnabled(false);
  layout->addWidget(m_modelBox);

  // Objective.
  m_objectiveBox = new QGroupBox(tr("Objective"), side);
  auto* objForm = new QFormLayout(m_objectiveBox);
  m_prediction = new QComboBox(m_objectiveBox);
  addItems(m_prediction, {{tr("noise ε"), "eps"}, {tr("data x₀"), "x0"}, {tr("velocity v"), "v"}});
  objForm->addRow(tr("Predict"), m_prediction);
  m_loss = new QComboBox(m_objectiveBox);
  addItems(m_loss, {{tr("MSE"), "mse"}, {tr("L1 (lecture notebook)"), "l1"}});
  objForm->addRow(tr("Loss"), m_loss);
  for (QComboBox* box : {m_prediction, m_loss})
    connect(box, &QComboBox::currentIndexChanged, this, &TrainingView::lectureEquationChanged);
  m_weighting = new QComboBox(m_objectiveBox);
  addItems(m_weighting,
           {{tr("none (L_simple)"), "none"}, {tr("ELBO C_t"), "elbo"}, {tr("min-SNR-γ (γ = 5)"), "min-snr"}});
  objForm->addRow(tr("Weighting"), m_weighting);
  m_tSampling = new QComboBox(m_objectiveBox);
  addItems(m_tSampling, {{tr("uniform"), "uniform"},
                         {tr("π(t) ∝ 1/σ_t²"), "inverse-sigma2"},
                         {tr("from the loss history"), "loss-history"}});
  objForm->addRow(tr("t sampling"), m_tSampling);
  m_scheduleLabel = new QLabel(m_objectiveBox);
  m_scheduleLabel->setWordWrap(true);
  objForm->addRow(tr("Schedule"), m_scheduleLabel);
  layout->addWidget(m_objectiveBox);

  // Optimisation.
  auto* optBox = new QGroupBox(tr("Optimisation"), side);
  auto* optForm = new QFormLayout(optBox);
  m_batch = new QSpinBox(optBox);
  m_batch->setRange(1, 65536);
  optForm->addRow(tr("Batch size"), m_batch);
  m_steps = new QSpinBox(optBox);
  m_steps->setRange(1, 10'000'000);
  m_steps->setSingleStep(100);
  optForm->addRow(tr("Steps"), m_steps);
  m_lr = new QDoubleSpinBox(optBox);
  m_lr->setDecimals(6);
  m_lr->setRange(1e-6, 1.0);
  m_lr->setSingleStep(1e-4);
  optForm->addRow(tr("Learning rate"), m_lr);
  m_warmup = new QSpinBox(optBox);
  m_warmup->setRange(0, 1'000'000);
  optForm->addRow(tr("Warm-up steps"), m_warmup);
  m_ema = new QDoubleSpinBox(optBox);
  m_ema->setDecimals(4);
  m_ema->setRange(0.0, 0.9999);
  m_ema->setSingleStep(0.001);
  optForm->addRow(tr("EMA decay"), m_ema);
  m_seed = new QSpinBox(optBox);
  m_seed->setRange(0, 1'000'000'000);
  optForm->addRow(tr("Seed"), m_seed);
  m_device = new QComboBox(optBox);
  for (const auto& d : difflab::available_training_devices())
    m_device->addItem(QString::fromStdString(d), QString::fromStdString(d));
  m_device->setToolTip(tr("CUDA devices are listed when this build of LibTorch has CUDA and a GPU is present"));
  optForm->addRow(tr("Device"), m_device);
  m_precision = new QComboBox(optBox);
  m_precision->addItem(tr("fp32"), false);
  m_precision->addItem(tr("bf16 autocast"), true);
  m_precision->setToolTip(
      tr("bf16 autocast runs convolutions and matrix products in bfloat16 (normalisation stays "
         "fp32): faster on GPUs and on CPUs with AVX-512 BF16 or AMX, slower on other CPUs"));
  optForm->addRow(tr("Precision"), m_precision);
  m_threads = new QSpinBox(optBox);
  m_threads->setRange(1, 256);
  m_threads->setValue(QThread::idealThreadCount());
  m_threads->setToolTip(tr("Threads for the CPU's matrix and convolution kernels, per process"));
  optForm->addRow(tr("CPU threads"), m_threads);
  m_processes = new QSpinBox(optBox);
  m_processes->setRange(1, 64);
  m_processes->setValue(1);
  m_processes->setToolTip(
      tr("Data-parallel processes on this computer (PyTorch's c10d with Gloo; NCCL on GPUs). Each takes an equal "
         "share of every batch and the gradients are summed, so the run is the same as one process. This window "
         "is rank 0 and draws the plots; the others run difflab-cli. A multi-process run cannot pause."));
  optForm->addRow(tr("Processes"), m_processes);
  connect(m_processes, qOverload<int>(&QSpinBox::valueChanged), this, [this](int n) {
    // The cores shared out: N processes × threads each should not exceed the machine.
    if (n > 1) m_threads->setValue(std::max(1, QThread::idealThreadCount() / n));
  });
  layout->addWidget(optBox);

  // Checkpoints and previews.
  auto* ckptBox = new QGroupBox(tr("Checkpoints and previews"), side);
  auto* ckptForm = new QFormLayout(ckptBox);
  m_checkpoint = new QLineEdit(QDir(QDir::homePath()).filePath(QStringLiteral("difflab-training.ckpt")), ckptBox);
  auto* browse = new QPushButton(tr("…"), ckptBox);
  browse->setToolTip(tr("Choose where the checkpoint is written"));
  auto* ckptRow = new QHBoxLayout;
  ckptRow->addWidget(m_checkpoint, 1);
  ckptRow->addWidget(browse);
  ckptForm->addRow(tr("Save to"), ckptRow);
  m_checkpointEvery = new QSpinBox(ckptBox);
  m_checkpointEvery->setRange(0, 1'000'000);
  m_checkpointEvery->setSpecialValueText(tr("only at the end / on Stop"));
  m_checkpointEvery->setValue(500);
  ckptForm->addRow(tr("Save every"), m_checkpointEvery);
  m_resume = new QLineEdit(ckptBox);
  m_resume->setPlaceholderText(tr("new model"));
  m_resume->setClearButtonEnabled(true);
  m_resume->setToolTip(tr("Continue from this checkpoint: its network, objective and schedule are used"));
  auto* resumeBrowse = new QPushButton(tr("…"), ckptBox);
  resumeBrowse->setToolTip(tr("Choose a checkpoint to resume from"));
  auto* resumeRow = new QHBoxLayout;
  resumeRow->addWidget(m_resume, 1);
  resumeRow->addWidget(resumeBrowse);
  ckptForm->addRow(tr("Resume from"), resumeRow);
  m_previewEvery = new QSpinBox(ckptBox);
  m_previewEvery->setRange(0, 1'000'000);
  m_previewEvery->setSpecialValueText(tr("never"));
  ckptForm->addRow(tr("Samples every"), m_previewEvery);
  m_previewCount = new QSpinBox(ckptBox);
  m_previewCount->setRange(1, 4096);
  ckptForm->addRow(tr("Samples"), m_previewCount);
  m_previewSteps = new QSpinBox(ckptBox);
  m_previewSteps->setRange(1, 1000);
  m_previewSteps->setValue(25);
  m_previewSteps->setToolTip(tr("DDIM steps (η = 0) per preview, from the same fixed noise every time"));
  ckptForm->addRow(tr("Sampling steps"), m_previewSteps);
  m_qualityEvery = new QSpinBox(ckptBox);
  m_qualityEvery->setRange(0, 1'000'000);
  m_qualityEvery->setSpecialValueText(tr("never"));
  m_qualityEvery->setToolTip(
      tr("Every N steps, 500 samples (every class in turn, 20 DPM-Solver++(2M) steps) are compared with 500 test "
         "images: the Fréchet distance in the shipped classifier's features, plotted beside the loss with the "
         "distance between train and test images as its floor"));
  ckptForm->addRow(tr("Fréchet distance every"), m_qualityEvery);
  m_qualityNum = new QSpinBox(ckptBox);
  m_qualityNum->setRange(50, 10000);
  m_qualityNum->setSingleStep(100);
  m_qualityNum->setValue(500);
  m_qualityNum->setToolTip(
      tr("Samples (and test images) per measurement: more is steadier and slower; the distance "
         "is biased upwards at small numbers, so compare only at equal numbers"));
  ckptForm->addRow(tr("Fréchet samples"), m_qualityNum);
  m_qualityLabel = new QLabel(ckptBox);
  m_qualityLabel->setWordWrap(true);
  ckptForm->addRow(m_qualityLabel);
  layout->addWidget(ckptBox);
  connect(browse, &QPushButton::clicked, this, &TrainingView::browseCheckpoint);
  connect(resumeBrowse, &QPushButton::clicked, this, &TrainingView::browseResume);
  connect(m_resume, &QLineEdit::textChanged, this, [this](const QString& text) {
    m_model->setEnabled(text.isEmpty());
    m_conditional->setEnabled(text.isEmpty());
    m_objectiveBox->setEnabled(text.isEmpty());
  });

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
  connect(m_dataset, &QComboBox::currentTextChanged, this, &TrainingView::onDatasetChanged);
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
  status->addWidget(m_statusLabel);
  rightLayout->addLayout(status);
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
  auto* tTitle = new QLabel(tr("<b>Loss per timestep</b> (which noise levels are learned late)"), tPanel);
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

TrainingJob TrainingView::job() const {
  TrainingJob j;
  j.datasetSpec = m_dataset->currentText().trimmed().toStdString();
  const QStringList preset = m_model->currentData().toString().split(QLatin1Char(':'));
  j.networkKind = preset.value(0).toStdString();
  j.networkPreset = preset.value(1).toStdString();
  j.conditional = m_conditional->isChecked();
  j.objective.p_uncond = m_pUncond->value();
  j.objective.prediction = difflab::parse_trainable_prediction(m_prediction->currentData().toString().toStdString());
  j.objective.loss = difflab::parse_loss_kind(m_loss->currentData().toString().toStdString());
  j.objective.weighting = difflab::parse_loss_weighting(m_weighting->currentData().toString().toStdString());
  j.objective.t_sampling = difflab::parse_timestep_sampling(m_tSampling->currentData().toString().toStdString());
  j.schedule = m_schedule->options();
  j.trainer.batch_size = m_batch->value();
  j.trainer.total_steps = m_steps->value();
  j.trainer.lr = m_lr->value();
  j.trainer.warmup_steps = m_warmup->value();
  j.trainer.ema_decay = m_ema->value();
  j.trainer.seed = static_cast<uint64_t>(m_seed->value());
  j.trainer.device = m_device->currentData().toString().toStdString();
  j.trainer.bf16 = m_precision->currentData().toBool();
  j.trainer.num_threads = m_threads->value();
  j.processes = m_processes->value();
  j.trainer.checkpoint_path = m_checkpoint->text().trimmed().toStdString();
  j.trainer.checkpoint_every = m_checkpointEvery->value();
  j.resumePath = m_resume->text().trimmed().toStdString();
  j.previewEvery = m_previewEvery->value();
  j.previewCount = m_previewCount->value();
  j.previewSteps = m_previewSteps->value();
  j.qualityEvery = m_qualityClassifier.isEmpty() ? 0 : m_qualityEvery->value();
  j.qualityClassifier = m_qualityClassifier.toStdString();
  j.qualityNum = m_qualityNum->value();
  return j;
}

void TrainingView::setJob(const TrainingJob& j) {
  m_dataset->setCurrentText(QString::fromStdString(j.datasetSpec));  // may adjust the defaults below
  selectData(m_model, presetKey(j.networkKind, j.networkPreset));
  m_conditional->setChecked(j.conditional);
  m_pUncond->setValue(j.objective.p_uncond);
  selectData(m_prediction, QString::fromStdString(difflab::prediction_type_name(j.objective.prediction)));
  selectData(m_loss, QString::fromStdString(difflab::loss_kind_name(j.objective.loss)));
  selectData(m_weighting, QString::fromStdString(difflab::loss_weighting_name(j.objective.weighting)));
  selectData(m_tSampling, QString::fromStdString(difflab::timestep_sampling_name(j.objective.t_sampling)));
  m_batch->setValue(static_cast<int>(j.trainer.batch_size));
  m_steps->setValue(static_cast<int>(j.trainer.total_steps));
  m_lr->setValue(j.trainer.lr);
  m_warmup->setValue(static_cast<int>(j.trainer.warmup_steps));
  m_ema->setValue(j.trainer.ema_decay);
  m_seed->setValue(static_cast<int>(j.trainer.seed));
  selectData(m_device, QString::fromStdString(j.trainer.device));
  m_precision->setCurrentIndex(j.trainer.bf16 ? 1 : 0);
  m_processes->setValue(std::max(1, j.processes));
  if (j.trainer.num_threads > 0) m_threads->setValue(j.trainer.num_threads);
  m_checkpoint->setText(QString::fromStdString(j.trainer.checkpoint_path));
  m_checkpointEvery->setValue(static_cast<int>(j.trainer.checkpoint_every));
  m_resume->setText(QString::fromStdString(j.resumePath));
  m_previewEvery->setValue(static_cast<int>(j.previewEvery));
  m_previewCount->setValue(static_cast<int>(j.previewCount));
  m_previewSteps->setValue(static_cast<int>(j.previewSteps));
  m_qualityEvery->setValue(static_cast<int>(j.qualityEvery));
  m_qualityNum->setValue(static_cast<int>(j.qualityNum));
}

void TrainingView::updateQualityClassifier() {
  // The Fréchet distance needs a classifier of the same data: the zoo's, when it has one for this data set.
  const QString base = m_dataset->currentText().section(QLatin1Char(':'), 0, 0);
  m_qualityClassifier.clear();
  for (const ZooEntry& entry : zooModels(QStringLiteral("classifier")))
    if (!entry.data.isEmpty() && entry.data == base) m_qualityClassifier = entry.spec;
  m_qualityEvery->setEnabled(!m_qualityClassifier.isEmpty());
  m_qualityNum->setEnabled(!m_qualityClassifier.isEmpty());
  m_qualityLabel->setText(m_qualityClassifier.isEmpty()
                              ? tr("No classifier of this data set is installed: the Fréchet distance is off.")
                              : tr("Measured with %1.").arg(m_qualityClassifier));
}

void TrainingView::onDatasetChanged() {
  updateQualityClassifier();
  // Sensible starting points per kind of data: a toy MLP trains in seconds, image U-Nets need small batches
  // and a lower learning rate on a CPU.
  bool images = m_dataset->currentText().startsWith(QLatin1String("fashion-mnist"));
  for (const auto& info : difflab::builtin_datasets())
    if (QString::fromStdString(info.spec) == m_dataset->currentText()) images = info.kind == difflab::DataKind::Images;
  for (const char* prefix : {"idx:", "cifar10:", "folder:"})
    if (m_dataset->currentText().startsWith(QLatin1String(prefix))) images = true;
  const bool modelIsImage = m_model->currentData().toString().startsWith(QLatin1String("mlp")) == false;
  if (images == modelIsImage && m_defaultsApplied) return;  // keep the user's choices
  m_defaultsApplied = true;
  selectData(m_model, images ? QStringLiteral("ddpm-unet:small") : QStringLiteral("mlp:default"));
  m_batch->setValue(images ? 64 : 256);
  m_steps->setValue(images ? 3000 : 2000);
  m_lr->setValue(images ? 2e-4 : 1e-3);
  m_ema->setValue(images ? 0.999 : 0.995);
  m_previewEvery->setValue(images ? 250 : 200);
  m_previewCount->setValue(images ? 40 : 1000);
  m_qualityEvery->setValue(m_qualityClassifier.isEmpty() ? 0 : 1000);
}

void TrainingView::onScheduleChanged() {
  const auto& o = m_schedule->options();
  const QString text = tr("%1, T = %2 — set in the Schedule lab")
                           .arg(QString::fromStdString(difflab::schedule_family_name(o.family)))
                           .arg(o.timesteps);
  m_scheduleLabel->setText(o.zero_terminal_snr ? text + tr(" (zero terminal SNR)") : text);
}

void TrainingView::browseCheckpoint() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Save checkpoint as"), m_checkpoint->text(),
                                                    tr("Diffusion Lab checkpoints (*.ckpt);;All files (*)"));
  if (!path.isEmpty()) m_checkpoint->setText(path);
}

void TrainingView::browseResume() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Resume from checkpoint"), m_checkpoint->text(),
                                                    tr("Diffusion Lab checkpoints (*.ckpt);;All files (*)"));
  if (path.isEmpty()) return;
  m_resume->setText(path);
  if (m_checkpoint->text().isEmpty()) m_checkpoint->setText(path);
}

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
  m_lastStep = 0;
  m_lastLoss = std::numeric_limits<double>::quiet_NaN();
  Q_EMIT lectureEquationChanged();
  m_progress->setFormat(tr("%v / %m steps"));
  m_progress->setRange(0, static_cast<int>(m_totalSteps));
  m_progress->setValue(0);
  m_description->setText(description);
  Q_EMIT trainingStarted(description);
}

void TrainingView::onFinished(qint64 step, bool stopped, const QString& checkpoint) {
  endRun();
  const QString where =
      checkpoint.isEmpty() ? tr("No checkpoint was written (no path given).") : tr("Checkpoint: %1").arg(checkpoint);
  showMessage((stopped ? tr("Stopped at step %1. ") : tr("Finished at step %1. ")).arg(step) + where, false);
  Q_EMIT trainingFinished(step, stopped, checkpoint);
}

void TrainingView::onFailed(const QString& message, const QString& lastCheckpoint) {
  endRun();
  const QString kept =
      lastCheckpoint.isEmpty() ? QString() : tr("\nThe last good checkpoint stays: %1").arg(lastCheckpoint);
  showMessage(tr("Training stopped: %1").arg(message) + kept, true);
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
    m_qualityLabel->setText(text +
                            tr(" (measured with %1 in %2 s)").arg(m_qualityClassifier).arg(q.seconds, 0, 'f', 1));
  }
  if (s.preview) {
    const QString caption = tr("Step %1 — DDIM, %2 steps, drawn in %3 s")
                                .arg(s.preview->step)
                                .arg(m_previewSteps->value())
                                .arg(s.preview->seconds, 0, 'f', 2);
    if (!s.preview->grid.isNull())
      m_samples->showImages(s.preview->grid, caption);
    else
      m_samples->showPoints(s.preview->x, s.preview->y, s.preview->dataX, s.preview->dataY, caption);
  }
  m_rateLabel->setText(tr("%1 img/s").arg(s.imagesPerSecond, 0, 'f', s.imagesPerSecond < 100 ? 1 : 0));
  m_etaLabel->setText(tr("ETA %1").arg(durationText(s.etaSeconds)));
  const bool cuda = m_device->currentData().toString().startsWith(QLatin1String("cuda"));
  m_memoryLabel->setText((cuda ? tr("GPU memory %1") : tr("RSS %1")).arg(bytesText(s.memoryBytes)));
  if (!s.status.isEmpty()) m_statusLabel->setText(s.status);
  if (!s.points.empty()) Q_EMIT progressDrained(m_lastStep);
}

void TrainingView::updateButtons() {
  const bool running = m_worker != nullptr;
  m_start->setEnabled(!running);
  m_pause->setEnabled(running && m_processes->value() == 1);  // the other ranks cannot wait for a pause
  m_processes->setEnabled(!running);
  m_threads->setEnabled(!running);
  m_stop->setEnabled(running);
  for (QWidget* w : {static_cast<QWidget*>(m_modelBox), static_cast<QWidget*>(m_objectiveBox)}) w->setEnabled(!running);
  m_batch->setEnabled(!running);
  m_steps->setEnabled(!running);
  m_lr->setEnabled(!running);
  m_device->setEnabled(!running);
  m_precision->setEnabled(!running);
  m_checkpoint->setEnabled(!running);
  m_resume->setEnabled(!running);
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
  return lecture::trainingLoss(m_prediction->currentData().toString(), m_loss->currentData().toString(),
                               std::isnan(m_lastLoss) ? -1 : m_lastStep, m_lastLoss);
}
