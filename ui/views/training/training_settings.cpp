// LibTorch-dependent core headers first: their headers use `slots`, which Qt defines as a macro.
#include "data/dataset_catalog.h"
#include "train/objective.h"
#include "device/device_support.h"

#include "views/training/training_settings.h"

#include "session/sampling_model.h"
#include "session/schedule_state.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace {

struct ModelPreset {
  const char* kind;
  const char* preset;
  const char* title;  // translated at use
  bool images;
};

// The presets of nn/network_config.h.
const ModelPreset kModelPresets[] = {
    {"mlp", "default", QT_TRANSLATE_NOOP("TrainingSettings", "MLP (hidden 128, 3 blocks) — points"), false},
    {"mlp", "large", QT_TRANSLATE_NOOP("TrainingSettings", "MLP large (hidden 256, 4 blocks) — points"), false},
    {"ddpm-unet", "small", QT_TRANSLATE_NOOP("TrainingSettings", "DDPM U-Net small — 28–32 px images, CPU"), true},
    {"simple-unet", "notebook", QT_TRANSLATE_NOOP("TrainingSettings", "Lecture notebook SimpleUnet (62 M) — images"),
     true},
    {"ddpm-unet", "cifar10", QT_TRANSLATE_NOOP("TrainingSettings", "DDPM U-Net CIFAR-10 (35.7 M) — images, GPU"), true},
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

}  // namespace

TrainingSettings::TrainingSettings(ScheduleState* schedule, QWidget* parent) : QWidget(parent), m_schedule(schedule) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);

  // Data and network.
  m_modelBox = new QGroupBox(tr("Data and network"), this);
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
  m_objectiveBox = new QGroupBox(tr("Objective"), this);
  auto* objForm = new QFormLayout(m_objectiveBox);
  m_prediction = new QComboBox(m_objectiveBox);
  addItems(m_prediction, {{tr("noise ε"), "eps"}, {tr("data x₀"), "x0"}, {tr("velocity v"), "v"}});
  objForm->addRow(tr("Predict"), m_prediction);
  m_loss = new QComboBox(m_objectiveBox);
  addItems(m_loss, {{tr("MSE"), "mse"}, {tr("L1 (lecture notebook)"), "l1"}});
  objForm->addRow(tr("Loss"), m_loss);
  for (QComboBox* box : {m_prediction, m_loss})
    connect(box, &QComboBox::currentIndexChanged, this, &TrainingSettings::objectiveChanged);
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
  auto* optBox = new QGroupBox(tr("Optimisation"), this);
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
  auto* ckptBox = new QGroupBox(tr("Checkpoints and previews"), this);
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
  connect(browse, &QPushButton::clicked, this, &TrainingSettings::browseCheckpoint);
  connect(resumeBrowse, &QPushButton::clicked, this, &TrainingSettings::browseResume);
  connect(m_resume, &QLineEdit::textChanged, this, [this](const QString& text) {
    m_model->setEnabled(text.isEmpty());
    m_conditional->setEnabled(text.isEmpty());
    m_objectiveBox->setEnabled(text.isEmpty());
  });

  connect(m_dataset, &QComboBox::currentTextChanged, this, &TrainingSettings::onDatasetChanged);
  connect(m_schedule, &ScheduleState::changed, this, &TrainingSettings::onScheduleChanged);
  onScheduleChanged();
  onDatasetChanged();
}

TrainingJob TrainingSettings::job() const {
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

void TrainingSettings::setJob(const TrainingJob& j) {
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

void TrainingSettings::updateQualityClassifier() {
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

void TrainingSettings::onDatasetChanged() {
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
  // The toy MLP's small matrix products run fastest on one thread: 22k against 6k points/s with two on a
  // 2-core EPYC (docs/performance.md); the U-Nets' convolutions use every core.
  if (m_processes->value() == 1) m_threads->setValue(images ? QThread::idealThreadCount() : 1);
}

void TrainingSettings::onScheduleChanged() {
  const auto& o = m_schedule->options();
  const QString text = tr("%1, T = %2 — set in the Schedule lab")
                           .arg(QString::fromStdString(difflab::schedule_family_name(o.family)))
                           .arg(o.timesteps);
  m_scheduleLabel->setText(o.zero_terminal_snr ? text + tr(" (zero terminal SNR)") : text);
}

void TrainingSettings::browseCheckpoint() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Save checkpoint as"), m_checkpoint->text(),
                                                    tr("Diffusion Lab checkpoints (*.ckpt);;All files (*)"));
  if (!path.isEmpty()) m_checkpoint->setText(path);
}

void TrainingSettings::browseResume() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Resume from checkpoint"), m_checkpoint->text(),
                                                    tr("Diffusion Lab checkpoints (*.ckpt);;All files (*)"));
  if (path.isEmpty()) return;
  m_resume->setText(path);
  if (m_checkpoint->text().isEmpty()) m_checkpoint->setText(path);
}

void TrainingSettings::setRunning(bool running) {
  m_processes->setEnabled(!running);
  m_threads->setEnabled(!running);
  for (QWidget* w : {static_cast<QWidget*>(m_modelBox), static_cast<QWidget*>(m_objectiveBox)}) w->setEnabled(!running);
  m_batch->setEnabled(!running);
  m_steps->setEnabled(!running);
  m_lr->setEnabled(!running);
  // Read at Start only: greyed out like the rest, not left editable as if a change reached the run (#18 trial).
  m_warmup->setEnabled(!running);
  m_ema->setEnabled(!running);
  m_seed->setEnabled(!running);
  m_device->setEnabled(!running);
  m_precision->setEnabled(!running);
  m_checkpoint->setEnabled(!running);
  m_resume->setEnabled(!running);
}

QString TrainingSettings::prediction() const { return m_prediction->currentData().toString(); }
QString TrainingSettings::loss() const { return m_loss->currentData().toString(); }
bool TrainingSettings::onCuda() const { return m_device->currentData().toString().startsWith(QLatin1String("cuda")); }
int TrainingSettings::previewSteps() const { return m_previewSteps->value(); }
void TrainingSettings::setQualityText(const QString& text) { m_qualityLabel->setText(text); }
