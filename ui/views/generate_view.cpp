// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "io/png_writer.h"
#include "model/denoiser.h"
#include "sampling/sampler.h"
#include "sampling/sampler_parameters.h"

#include <torch/torch.h>

#include "views/generate_view.h"

#include "session/model_opener.h"
#include "session/schedule_state.h"
#include "widgets/classifier_guidance_box.h"
#include "widgets/equal_aspect.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_export.h"
#include "widgets/plot_view_bar.h"
#include "widgets/point_graph.h"
#include "widgets/sample_pictures.h"
#include "widgets/sampler_options_form.h"
#include "widgets/side_panel.h"
#include "workers/sampling_worker.h"

#include <qcustomplot.h>

#include "lecture/lecture_equations.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cstring>
#include <exception>

namespace {

constexpr int kDebounceMs = 150;
constexpr int kDefaultPointBatch = 512;
constexpr int kDefaultImageBatch = 16;
constexpr double kDefaultImageGuidance = 2.0;

QLabel* makeStatusLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

// A square data rectangle around `bounds` (2-D scatters keep their aspect ratio readable).
QRectF squareAround(const QRectF& bounds) {
  const double side = std::max(bounds.width(), bounds.height());
  return QRectF(bounds.center().x() - side / 2, bounds.center().y() - side / 2, side, side);
}

}  // namespace

GenerateView::GenerateView(ScheduleState* schedule, ModelSession* session, QWidget* parent)
    : QWidget(parent), m_schedule(schedule) {
  m_worker = new SamplingWorker(this);
  m_panel = new ModelPanel(session, schedule, /*clipX0=*/true, /*loadImageData=*/false, this);
  m_debounce = new QTimer(this);
  m_debounce->setSingleShot(true);
  m_debounce->setInterval(kDebounceMs);
  buildLayout();

  connect(m_debounce, &QTimer::timeout, this, &GenerateView::regenerate);
  connect(m_panel, &ModelPanel::modelChanged, this, &GenerateView::onModelChanged);
  connect(m_samplerForm, &SamplerOptionsForm::optionsChanged, this, [this] {
    updateSamplingTimes();
    scheduleRun();
  });
  connect(m_batch, &QSpinBox::valueChanged, this, &GenerateView::scheduleRun);
  connect(m_class, &QComboBox::currentIndexChanged, this, [this] {
    m_guidance->setEnabled(asksForClasses(m_class->currentData().toInt()));
    scheduleRun();
  });
  connect(m_guidance, &QDoubleSpinBox::valueChanged, this, &GenerateView::scheduleRun);
  connect(m_guidance, &QDoubleSpinBox::valueChanged, this, &GenerateView::lectureEquationChanged);
  connect(m_class, &QComboBox::currentIndexChanged, this, &GenerateView::lectureEquationChanged);
  connect(m_classifier, &ClassifierGuidanceBox::changed, this, &GenerateView::scheduleRun);
  connect(m_classifier, &ClassifierGuidanceBox::failed, this, &GenerateView::showError);
  connect(m_generate, &QPushButton::clicked, this, &GenerateView::regenerate);
  connect(m_cancel, &QPushButton::clicked, m_worker, &SamplingWorker::requestStop);
  connect(m_save, &QPushButton::clicked, this, &GenerateView::saveDialog);
  connect(m_open, &QPushButton::clicked, this, &GenerateView::openDialog);
  connect(m_schedule, &ScheduleState::changed, this, &GenerateView::updateSamplingTimes);
  connect(m_panel, &ModelPanel::openingStarted, this, [this](const QString& spec) {
    m_status->setStyleSheet(QString());
    m_status->setText(ModelOpener::openingText(spec));
  });
  connect(m_panel, &ModelPanel::opened, this, &GenerateView::onModelOpened);
  connect(m_panel, &ModelPanel::failed, this, [this](const QString& message) {
    m_model.reset();
    m_pendingRecipe.reset();
    clearSamples();
    showError(tr("Cannot open the model: %1").arg(message));
  });
  connect(m_worker, &SamplingWorker::started, this, [this] {
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Sampling…"));
  });
  connect(m_worker, &SamplingWorker::progress, this, [this](int step, int total) {
    m_progress->setMaximum(total);
    m_progress->setValue(step);
  });
  connect(m_worker, &SamplingWorker::frameReady, this, &GenerateView::onFrame);
  connect(m_worker, &SamplingWorker::finished, this, &GenerateView::onFinished);
  connect(m_worker, &SamplingWorker::failed, this, &GenerateView::onFailed);
  connect(m_worker, &SamplingWorker::cancelled, this, [this] {
    m_cancel->setEnabled(false);
    m_progress->setValue(0);
    m_status->setText(tr("Cancelled."));
  });

  // DPM-Solver++(2M) at 10 steps: the fast sampler the zoo recommends (16 Fashion-MNIST images in about a second
  // on two cores, docs/performance.md); DDIM, Heun and the rest are one click away.
  m_samplerForm->setOptions(difflab::recommended_sampler_options("dpmpp-2m", 10));
  updateSamplingTimes();
  scheduleRun();
}

GenerateView::~GenerateView() = default;

void GenerateView::buildLayout() {
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->addWidget(m_panel);

  auto* samplerGroup = new QGroupBox(tr("Sampler"), side);
  auto* samplerLayout = new QVBoxLayout(samplerGroup);
  m_samplerForm = new SamplerOptionsForm(samplerGroup);
  samplerLayout->addWidget(m_samplerForm);
  sideLayout->addWidget(samplerGroup);

  auto* batchGroup = new QGroupBox(tr("Batch and guidance"), side);
  auto* batchForm = new QFormLayout(batchGroup);
  m_batch = new QSpinBox(batchGroup);
  m_batch->setRange(1, 4096);
  m_batch->setValue(kDefaultPointBatch);
  m_batch->setKeyboardTracking(false);
  batchForm->addRow(tr("Batch size"), m_batch);
  m_class = new QComboBox(batchGroup);
  batchForm->addRow(tr("Class"), m_class);
  m_guidance = new QDoubleSpinBox(batchGroup);
  m_guidance->setRange(0.0, 30.0);
  m_guidance->setSingleStep(0.5);
  m_guidance->setValue(1.0);
  m_guidance->setKeyboardTracking(false);
  m_guidance->setToolTip(tr("Classifier-free guidance w: 0 unconditional, 1 conditional, > 1 guided"));
  batchForm->addRow(tr("Guidance w"), m_guidance);
  m_classifier = new ClassifierGuidanceBox(batchForm, m_guidance, batchGroup);
  sideLayout->addWidget(batchGroup);

  sideLayout->addStretch(1);

  // The run controls stay in view below the scrolling settings.
  auto* run = new QWidget;
  auto* runLayout = new QVBoxLayout(run);
  runLayout->setContentsMargins(0, 0, 0, 0);
  auto* runRow = new QHBoxLayout;
  m_generate = new QPushButton(tr("Generate"), run);
  m_cancel = new QPushButton(tr("Cancel"), run);
  m_cancel->setEnabled(false);
  runRow->addWidget(m_generate);
  runRow->addWidget(m_cancel);
  runLayout->addLayout(runRow);
  m_progress = new QProgressBar(run);
  m_progress->setFormat(tr("step %v / %m"));
  m_progress->setValue(0);
  runLayout->addWidget(m_progress);
  m_status = makeStatusLabel(run);
  runLayout->addWidget(m_status);
  auto* fileRow = new QHBoxLayout;
  m_save = new QPushButton(tr("Save PNG…"), run);
  m_open = new QPushButton(tr("Open PNG…"), run);
  m_save->setToolTip(tr("Save the picture with its full recipe in PNG text chunks"));
  m_open->setToolTip(tr("Restore the settings from a PNG saved by Diffusion Lab"));
  fileRow->addWidget(m_save);
  fileRow->addWidget(m_open);
  runLayout->addLayout(fileRow);

  m_stack = new QStackedWidget(this);
  m_image = new QLabel(m_stack);
  m_image->setAlignment(Qt::AlignCenter);
  m_image->setMinimumSize(256, 256);
  m_image->setStyleSheet(QStringLiteral("background: white;"));
  plotexport::installImageExportMenu(m_image);
  m_stack->addWidget(m_image);
  m_scatter = new QCustomPlot(m_stack);
  plotexport::installPlotExportMenu(m_scatter);
  pointgraph::addScatter(m_scatter, QColor(190, 190, 190), 3, tr("data"));    // 0
  pointgraph::addScatter(m_scatter, QColor(31, 119, 180), 4, tr("samples"));  // 1
  m_scatter->legend->setVisible(true);
  m_scatter->xAxis->setLabel(tr("x₁"));
  m_scatter->yAxis->setLabel(tr("x₂"));
  m_scatter->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  auto* scatterPage = new QWidget(m_stack);
  auto* scatterLayout = new QVBoxLayout(scatterPage);
  scatterLayout->setContentsMargins(0, 0, 0, 0);
  m_plotBar = new PlotViewBar(m_scatter, m_scatter->graph(0), m_scatter->graph(1), scatterPage);
  scatterLayout->addWidget(m_scatter, 1);
  scatterLayout->addWidget(m_plotBar);
  m_stack->addWidget(scatterPage);

  sidepanel::install(this, QStringLiteral("generate"), side, run, m_stack);
}

ModelSourceBox* GenerateView::modelBox() const { return m_panel->sourceBox(); }

bool GenerateView::isBusy() const {
  return m_debounce->isActive() || m_worker->isRunning() || m_panel->opener()->isOpening();
}

void GenerateView::scheduleRun() { m_debounce->start(); }

void GenerateView::onModelChanged() {
  // The samples on screen belong to the previous model: they go, and the new model runs.
  m_worker->requestStop();
  m_model.reset();
  clearSamples();
  updateSamplingTimes();
  scheduleRun();
}

void GenerateView::clearSamples() {
  m_samples = at::Tensor();
  m_scatter->graph(1)->data()->clear();
  m_scatter->replot(QCustomPlot::rpQueuedReplot);
  m_image->clear();
  m_progress->setValue(0);
}

bool GenerateView::ensureModel(std::function<void()> retry) { return m_panel->ensure(std::move(retry)); }

void GenerateView::onModelOpened(const std::shared_ptr<const SamplingModel>& model) {
  const bool wasPoints = m_model && m_model->isPoints();
  const bool hadModel = m_model.has_value();
  m_model = *model;
  updateSamplingStartNote();
  m_status->setStyleSheet(QString());
  m_status->setText(QString());
  // A new kind of model gets that kind's default batch; the first model keeps what the box shows (a value
  // the user or a restored recipe may already have set).
  const bool newKind = !m_pendingRecipe && (hadModel ? wasPoints != m_model->isPoints() : !m_model->isPoints());
  if (newKind) {
    QSignalBlocker block(m_batch);
    m_batch->setValue(m_model->isPoints() ? kDefaultPointBatch : kDefaultImageBatch);
  }
  updateClassBox();
  // A class-conditional image model starts on a grid of every class, guided at w = 2 (the zoo model's
  // recommended setting, docs/models.md), rather than on its unconditional samples.
  if (newKind && !m_model->isPoints() && !m_model->classNames.isEmpty()) {
    QSignalBlocker blockClass(m_class), blockGuidance(m_guidance);
    m_class->setCurrentIndex(m_class->findData(kEveryClass));
    m_guidance->setValue(kDefaultImageGuidance);
    m_guidance->setEnabled(true);
  }
  m_classifier->setModel(&*m_model);
  m_stack->setCurrentWidget(m_model->isPoints() ? m_scatter->parentWidget() : static_cast<QWidget*>(m_image));
  if (m_model->isPoints()) {
    pointgraph::setPoints(m_scatter->graph(0), m_model->dataPoints);
    m_scatter->graph(0)->setVisible(m_model->dataPoints.defined());
    const QRectF range = squareAround(samplepictures::pointBounds(m_model->dataPoints));
    plotaspect::showEqualAspect(m_scatter, range);
  }
  if (m_pendingRecipe) {  // the parts of an opened PNG's recipe that needed the model: its class, its hash
    const difflab::SamplingRecipe r = *m_pendingRecipe;
    m_pendingRecipe.reset();
    QSignalBlocker blockClass(m_class);
    const int classIndex = r.class_name.empty()    ? 0
                           : r.class_name == "all" ? m_class->findData(kEveryClass)
                                                   : m_class->findText(QString::fromStdString(r.class_name));
    m_class->setCurrentIndex(std::max(0, classIndex));
    m_guidance->setEnabled(asksForClasses(m_class->currentData().toInt()));
    if (!r.model_sha256.empty() && m_model->sha256.toStdString() != r.model_sha256)
      showError(tr("Note: the model file has changed since the picture was made (SHA-256 differs)."));
  }
  updateSamplingTimes();
  Q_EMIT lectureEquationChanged();  // class and w were set above with their signals blocked
}

void GenerateView::updateClassBox() {
  const QString previous = m_class->currentText();
  QSignalBlocker block(m_class);
  m_class->clear();
  m_class->addItem(tr("(unconditional)"), -1);
  if (!m_model->classNames.isEmpty()) m_class->addItem(tr("(every class in turn)"), kEveryClass);
  for (int i = 0; i < m_model->classNames.size(); ++i) m_class->addItem(m_model->classNames[i], i);
  const int index = m_class->findText(previous);
  m_class->setCurrentIndex(index >= 0 ? index : 0);
  m_class->setEnabled(!m_model->classNames.isEmpty());
  m_guidance->setEnabled(asksForClasses(m_class->currentData().toInt()));
  Q_EMIT lectureEquationChanged();
}

QComboBox* GenerateView::classifierBox() const { return m_classifier->box(); }
QDoubleSpinBox* GenerateView::classifierScaleBox() const { return m_classifier->scaleBox(); }
bool GenerateView::openClassifier(const QString& path, QString* error) {
  return m_classifier->openClassifier(path, error);
}

void GenerateView::updateSamplingTimes() {
  const difflab::SamplerOptions o = m_samplerForm->options();
  const difflab::NoiseSchedule& schedule = m_model && m_model->denoiser && !m_model->usesSharedSchedule
                                               ? m_model->denoiser->schedule()
                                               : m_schedule->schedule();
  std::vector<double> t;
  try {
    t = difflab::sampler_timesteps(schedule, o);
    if (!t.empty()) t.pop_back();  // t_N = 0 is the final denoise, not a noise level
    // The Schedule lab's plots show its own schedule: steps on another (the model's own) are not drawn there.
    if (&schedule != &m_schedule->schedule() && !sameSchedule(schedule, m_schedule->schedule())) t.clear();
  } catch (const std::exception&) {
    t.clear();  // the run itself reports the bad value
  }
  Q_EMIT samplingTimesChanged(t);
}

void GenerateView::updateSamplingStartNote() {
  // An ε-model on a schedule with a near-zero terminal α starts below t = T: say where and why.
  const std::optional<difflab::SamplingStart> start =
      m_model ? difflab::sampling_start(m_samplerForm->options(), *m_model->denoiser) : std::nullopt;
  if (!start) return m_panel->setExtraNote(QString());
  const QString where = tr("Sampling starts at σ_VE = %1 (t = %2 of %3)")
                            .arg(start->sigma_ve, 0, 'g', 3)
                            .arg(start->t, 0, 'f', 1)
                            .arg(start->T);
  m_panel->setExtraNote(
      start->zero_terminal_snr
          ? tr("Warning: an ε-prediction model on a zero-terminal-SNR schedule cannot predict x₀ at t = T (Lin et "
               "al. 2024, §3.3). %1. Train with v-prediction to sample from t = T.")
                .arg(where)
          : tr("%1: an ε-prediction model's x₀ = (x − σ ε)/α would multiply its error by σ_VE(T) = %2 at t = T.")
                .arg(where)
                .arg(start->sigma_ve_T, 0, 'f', 0));
}

void GenerateView::regenerate() {
  m_debounce->stop();
  m_error.clear();
  if (!ensureModel([this] { regenerate(); })) return;
  try {
    const difflab::SamplerOptions options = m_samplerForm->options();
    // Settings the schedule cannot take (more steps than T, say) are refused before anything runs, so no
    // half-drawn picture or frozen progress bar is left beside the message.
    difflab::sampler_timesteps(m_model->denoiser->schedule(), options);
    updateSamplingStartNote();  // it depends on the spacing and the steps
    const int classIndex = m_class->currentData().toInt();
    const int64_t batch = m_batch->value();
    std::vector<int64_t> shape{batch};
    for (int64_t d : m_model->sampleShape()) shape.push_back(d);
    const at::Tensor xT = difflab::initial_noise(shape, options.seed);
    SamplingRequest request;
    request.denoiser = guidedDenoiser(*m_model, classIndex, m_guidance->value());
    request.denoiser = m_classifier->wrap(request.denoiser, *m_model, classIndex);
    request.start =
        difflab::make_sampler(difflab::options_for(options, *request.denoiser), request.denoiser->schedule(), xT,
                              batchLabels(batch, classIndex, static_cast<int>(m_model->classNames.size())));
    request.reportFrames = true;
    m_worker->start(request);
  } catch (const std::exception& error) {
    m_worker->requestStop();
    clearSamples();
    showError(QString::fromStdString(error.what()));
  }
}

void GenerateView::onFrame(const SamplingFrame& frame) {
  // Live preview: the current estimate x̂₀ (what the chain is heading for), in data scale.
  if (frame.x0.defined() && m_model) showSamples(toDataScale(*m_model, frame.x0));
}

void GenerateView::onFinished(const SamplingResult& result) {
  m_cancel->setEnabled(false);
  if (!m_model) return;
  m_samples = toDataScale(*m_model, result.samples);
  showSamples(m_samples);
  // No data to frame the plot (an imported model): frame the samples (their 0.5–99.5 % range per axis).
  if (m_model->isPoints() && !m_model->dataPoints.defined() && m_samples.size(0) > 0) m_plotBar->fitToSamples();
  m_status->setStyleSheet(QString());
  m_status->setText(tr("%n sample(s), %1 network evaluations, %2 s", nullptr, static_cast<int>(m_samples.size(0)))
                        .arg(result.nfe)
                        .arg(result.seconds, 0, 'f', 2));
  Q_EMIT generated();
}

void GenerateView::onFailed(const QString& message) {
  m_cancel->setEnabled(false);
  clearSamples();  // a partial picture beside the message would pass for a result
  showError(message);
}

void GenerateView::showError(const QString& message) {
  m_error = message;
  m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
  m_status->setText(message);
}

QString GenerateView::errorText() const { return m_error; }

void GenerateView::showSamples(const at::Tensor& dataScale) {
  if (!m_model || !dataScale.defined()) return;
  if (m_model->isPoints()) {
    pointgraph::setPoints(m_scatter->graph(1), dataScale);
    m_scatter->replot(QCustomPlot::rpQueuedReplot);
  } else {
    m_image->setPixmap(samplepictures::fitPixmap(samplepictures::imageGrid(dataScale), m_image->size() - QSize(8, 8)));
  }
}

difflab::SamplingRecipe GenerateView::recipe() const {
  difflab::SamplingRecipe r;
  r.model = m_panel->spec().toStdString();
  r.model_sha256 = m_model ? m_model->sha256.toStdString() : std::string();
  r.sampler = m_samplerForm->options();
  r.schedule = m_schedule->options();
  r.batch = m_batch->value();
  const int classIndex = m_class->currentData().toInt();
  r.class_name = classIndex == kEveryClass ? std::string("all")
                 : classIndex >= 0         ? m_class->currentText().toStdString()
                                           : std::string();
  r.guidance = m_guidance->value();
  return r;
}

bool GenerateView::applyRecipe(const difflab::SamplingRecipe& r, QString* error) {
  const QString spec = QString::fromStdString(r.model);
  if (!isBuiltInSpec(spec) && !QFileInfo::exists(spec)) {
    if (error) *error = tr("The model of this picture, %1, is not on this computer.").arg(spec);
    return false;
  }
  if (m_panel->spec() == spec)
    m_panel->reload();  // the class and the hash check need the model opened again
  else
    m_panel->choose(spec);  // current in every unpinned view, like a choice in the box
  // A mixture samples under the shared schedule, so the picture's schedule is restored there; custom
  // schedules are not stored in the recipe and keep the current one.
  if (spec.startsWith(QStringLiteral("preset:")) || spec.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
    if (r.schedule.family != difflab::ScheduleFamily::Custom) m_schedule->setOptions(r.schedule);
  {
    QSignalBlocker blockForm(m_samplerForm), blockBatch(m_batch), blockGuidance(m_guidance);
    m_samplerForm->setOptions(r.sampler);
    m_batch->setValue(static_cast<int>(r.batch));
    m_guidance->setValue(r.guidance);
  }
  // The class is chosen by name, which needs the model's class list: onModelOpened applies it (and checks
  // the file's hash) once the model is open, before the run starts.
  m_pendingRecipe = r;
  updateSamplingTimes();
  Q_EMIT lectureEquationChanged();
  regenerate();
  return true;
}

QImage GenerateView::currentPicture() const {
  if (!m_model) return {};
  if (m_model->isPoints()) return m_scatter->toPixmap(800, 800).toImage();
  return samplepictures::imageGrid(m_samples);
}

bool GenerateView::savePng(const QString& path, QString* error) {
  const QImage picture = currentPicture().convertToFormat(QImage::Format_RGB888);
  if (picture.isNull() || !m_samples.defined()) {
    if (error) *error = tr("Nothing to save yet: generate first.");
    return false;
  }
  try {
    at::Tensor pixels = torch::empty({picture.height(), picture.width(), 3}, torch::kUInt8);
    for (int y = 0; y < picture.height(); ++y)
      std::memcpy(pixels[y].data_ptr<uint8_t>(), picture.constScanLine(y), static_cast<size_t>(3 * picture.width()));
    difflab::write_png(path.toStdString(), pixels, difflab::recipe_to_text(recipe()));
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(difflab::user_message(e.what()));
    return false;
  }
  return true;
}

bool GenerateView::openPng(const QString& path, QString* error) {
  try {
    return applyRecipe(difflab::recipe_from_text(difflab::read_png_text_chunks(path.toStdString())), error);
  } catch (const std::exception& e) {
    if (error) *error = tr("%1: %2").arg(path, QString::fromStdString(difflab::user_message(e.what())));
    return false;
  }
}

void GenerateView::saveDialog() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Save samples"), QStringLiteral("samples.png"), tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  QString error;
  if (!savePng(path, &error))
    showError(error);
  else
    m_status->setText(tr("Saved %1 with its recipe.").arg(QFileInfo(path).fileName()));
}

void GenerateView::openDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open a sample PNG"), QString(), tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  QString error;
  if (!openPng(path, &error)) showError(error);
}

QString GenerateView::lectureEquation() const {
  const int c = m_class->currentData().toInt();
  if (!m_model || m_model->classNames.isEmpty() || (c < 0 && c != kEveryClass))
    return lecture::classifierFreeGuidance(1.0, QString());
  return lecture::classifierFreeGuidance(m_guidance->value(),
                                         c == kEveryClass ? tr("each class in turn") : m_class->currentText());
}
