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
#include "views/generate/sample_display.h"
#include "widgets/classifier_guidance_box.h"
#include "widgets/guidance_controls.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_view_bar.h"
#include "widgets/run_bar.h"
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
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <cstring>
#include <exception>

namespace {

constexpr int kDebounceMs = 150;
constexpr int kDefaultPointBatch = 512;
constexpr int kDefaultImageBatch = 16;
constexpr double kDefaultImageGuidance = 2.0;

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
  connect(m_guidance, &GuidanceControls::changed, this, &GenerateView::scheduleRun);
  connect(m_guidance, &GuidanceControls::changed, this, &GenerateView::lectureEquationChanged);
  connect(m_guidance, &GuidanceControls::failed, this, &GenerateView::showError);
  connect(m_run->action(0), &QPushButton::clicked, this, &GenerateView::regenerate);
  connect(m_run->cancelButton(), &QPushButton::clicked, m_worker, &SamplingWorker::requestStop);
  connect(m_schedule, &ScheduleState::changed, this, &GenerateView::updateSamplingTimes);
  connect(m_panel, &ModelPanel::openingStarted, this,
          [this](const QString& spec) { m_run->showStatus(ModelOpener::openingText(spec)); });
  connect(m_panel, &ModelPanel::opened, this, &GenerateView::onModelOpened);
  connect(m_panel, &ModelPanel::failed, this, [this](const QString& message) {
    m_model.reset();
    m_pendingRecipe.reset();
    clearSamples();
    showError(tr("Cannot open the model: %1").arg(message));
  });
  connect(m_worker, &SamplingWorker::started, this, [this] {
    m_run->setRunning(true, tr("step %v / %m"));
    m_status->setText(tr("Sampling…"));
  });
  connect(m_worker, &SamplingWorker::progress, this, [this](int step, int total) {
    progressBar()->setMaximum(total);
    progressBar()->setValue(step);
  });
  connect(m_worker, &SamplingWorker::frameReady, this, &GenerateView::onFrame);
  connect(m_worker, &SamplingWorker::finished, this, &GenerateView::onFinished);
  connect(m_worker, &SamplingWorker::failed, this, &GenerateView::onFailed);
  connect(m_worker, &SamplingWorker::cancelled, this, [this] {
    m_run->setRunning(false);
    m_run->clearProgress(tr("cancelled"));  // not "no run yet" beside "Cancelled."
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
  m_guidance = new GuidanceControls(batchForm, /*everyClass=*/true, batchGroup);
  sideLayout->addWidget(batchGroup);

  sideLayout->addStretch(1);

  // The run controls stay in view below the scrolling settings.
  m_run = new RunBar({tr("Generate")}, tr("Cancel"), tr("no run yet"), this);
  m_status = m_run->statusLabel();
  auto* save = new QPushButton(tr("Save PNG…"), m_run);
  auto* open = new QPushButton(tr("Open PNG…"), m_run);
  save->setToolTip(tr("Save the picture with its full recipe in PNG text chunks"));
  open->setToolTip(tr("Restore the settings from a PNG saved by Diffusion Lab"));
  m_run->addRow({save, open});
  connect(save, &QPushButton::clicked, this, &GenerateView::saveDialog);
  connect(open, &QPushButton::clicked, this, &GenerateView::openDialog);

  m_display = new SampleDisplay(this);
  sidepanel::install(this, QStringLiteral("generate"), side, m_run, m_display);
}

ModelSourceBox* GenerateView::modelBox() const { return m_panel->sourceBox(); }
PlotViewBar* GenerateView::plotBar() const { return m_display->plotBar(); }
QComboBox* GenerateView::classBox() const { return m_guidance->classBox(); }
QDoubleSpinBox* GenerateView::guidanceBox() const { return m_guidance->guidanceBox(); }
QProgressBar* GenerateView::progressBar() const { return m_run->progressBar(); }
QPushButton* GenerateView::cancelButton() const { return m_run->cancelButton(); }
QCustomPlot* GenerateView::scatterPlot() const { return m_display->scatterPlot(); }
QLabel* GenerateView::imageLabel() const { return m_display->imageLabel(); }

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
  m_display->clear();
  m_run->clearProgress();
}

bool GenerateView::ensureModel(std::function<void()> retry) { return m_panel->ensure(std::move(retry)); }

void GenerateView::onModelOpened(const std::shared_ptr<const SamplingModel>& model) {
  const bool wasPoints = m_model && m_model->isPoints();
  const bool hadModel = m_model.has_value();
  m_model = *model;
  m_panel->noteSamplingStart(m_samplerForm->options());
  m_run->showStatus(QString());
  // A new kind of model gets that kind's default batch; the first model keeps what the box shows (a value
  // the user or a restored recipe may already have set).
  const bool newKind = !m_pendingRecipe && (hadModel ? wasPoints != m_model->isPoints() : !m_model->isPoints());
  if (newKind) {
    QSignalBlocker block(m_batch);
    m_batch->setValue(m_model->isPoints() ? kDefaultPointBatch : kDefaultImageBatch);
  }
  m_guidance->setModel(*m_model);
  // A class-conditional image model starts on a grid of every class, guided at w = 2 (the zoo model's
  // recommended setting, docs/models.md), rather than on its unconditional samples.
  if (newKind && !m_model->isPoints() && !m_model->classNames.isEmpty()) {
    m_guidance->setClassName("all");
    m_guidance->setGuidance(kDefaultImageGuidance);
  }
  m_display->setModel(*m_model);
  if (m_pendingRecipe) {  // the parts of an opened PNG's recipe that needed the model: its class, its hash
    const difflab::SamplingRecipe r = *m_pendingRecipe;
    m_pendingRecipe.reset();
    m_guidance->setClassName(r.class_name);
    if (!r.model_sha256.empty() && m_model->sha256.toStdString() != r.model_sha256)
      showError(tr("Note: the model file has changed since the picture was made (SHA-256 differs)."));
  }
  updateSamplingTimes();
  Q_EMIT lectureEquationChanged();  // class and w were set above with their signals blocked
}

QComboBox* GenerateView::classifierBox() const { return m_guidance->classifier()->box(); }
QDoubleSpinBox* GenerateView::classifierScaleBox() const { return m_guidance->classifier()->scaleBox(); }
bool GenerateView::openClassifier(const QString& path, QString* error) {
  return m_guidance->classifier()->openClassifier(path, error);
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

void GenerateView::regenerate() {
  m_debounce->stop();
  m_error.clear();
  if (!ensureModel([this] { regenerate(); })) return;
  try {
    const difflab::SamplerOptions options = m_samplerForm->options();
    // Settings the schedule cannot take (more steps than T, say) are refused before anything runs, so no
    // half-drawn picture or frozen progress bar is left beside the message.
    difflab::sampler_timesteps(m_model->denoiser->schedule(), options);
    m_panel->noteSamplingStart(m_samplerForm->options());  // it depends on the spacing and the steps
    m_panel->clearError();  // a run with the open model: an earlier failed Open… is past
    const int classIndex = m_guidance->classIndex();
    const int64_t batch = m_batch->value();
    std::vector<int64_t> shape{batch};
    for (int64_t d : m_model->sampleShape()) shape.push_back(d);
    const at::Tensor xT = difflab::initial_noise(shape, options.seed);
    SamplingRequest request;
    request.denoiser = m_guidance->denoiser(*m_model);
    request.start =
        difflab::make_sampler(difflab::options_for(options, *request.denoiser), request.denoiser->schedule(), xT,
                              batchLabels(batch, classIndex, static_cast<int>(m_model->classNames.size())));
    request.reportFrames = true;
    m_worker->start(request);
  } catch (const std::exception& error) {
    m_worker->requestStop();
    clearSamples();
    showError(QString::fromStdString(difflab::user_message(error.what())));
  }
}

void GenerateView::onFrame(const SamplingFrame& frame) {
  // Live preview: the current estimate x̂₀ (what the chain is heading for), in data scale.
  if (frame.x0.defined() && m_model) m_display->showSamples(*m_model, toDataScale(*m_model, frame.x0));
}

void GenerateView::onFinished(const SamplingResult& result) {
  m_run->setRunning(false);
  if (!m_model) return;
  m_samples = toDataScale(*m_model, result.samples);
  m_display->showResult(*m_model, m_samples);
  m_run->showStatus(tr("%n sample(s), %1 network evaluations, %2 s", nullptr, static_cast<int>(m_samples.size(0)))
                        .arg(result.nfe)
                        .arg(result.seconds, 0, 'f', 2));
  Q_EMIT generated();
}

void GenerateView::onFailed(const QString& message) {
  m_run->setRunning(false);
  clearSamples();  // a partial picture beside the message would pass for a result
  showError(message);
}

void GenerateView::showError(const QString& message) {
  m_error = message;
  m_run->showError(message);
}

QString GenerateView::errorText() const { return m_error; }

difflab::SamplingRecipe GenerateView::recipe() const {
  difflab::SamplingRecipe r;
  r.model = m_panel->spec().toStdString();
  r.model_sha256 = m_model ? m_model->sha256.toStdString() : std::string();
  r.sampler = m_samplerForm->options();
  r.schedule = m_schedule->options();
  r.batch = m_batch->value();
  r.class_name = m_guidance->className();
  r.guidance = m_guidance->guidance();
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
    QSignalBlocker blockForm(m_samplerForm), blockBatch(m_batch);
    m_samplerForm->setOptions(r.sampler);
    m_batch->setValue(static_cast<int>(r.batch));
    m_guidance->setGuidance(r.guidance);
  }
  // The class is chosen by name, which needs the model's class list: onModelOpened applies it (and checks
  // the file's hash) once the model is open, before the run starts.
  m_pendingRecipe = r;
  updateSamplingTimes();
  Q_EMIT lectureEquationChanged();
  regenerate();
  return true;
}

bool GenerateView::savePng(const QString& path, QString* error) {
  const QImage picture = m_model && m_samples.defined()
                             ? m_display->picture(*m_model, m_samples).convertToFormat(QImage::Format_RGB888)
                             : QImage();
  if (picture.isNull()) {
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
  const int c = m_guidance->classIndex();
  if (!m_model || m_model->classNames.isEmpty() || !asksForClasses(c)) return lecture::classifierFreeGuidance(1.0, {});
  return lecture::classifierFreeGuidance(m_guidance->guidance(), c == kEveryClass
                                                                     ? tr("each class in turn")
                                                                     : QString::fromStdString(m_guidance->className()));
}
