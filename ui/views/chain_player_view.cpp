// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "model/denoiser.h"
#include "sampling/sampler.h"
#include "sampling/sampler_parameters.h"

#include <torch/torch.h>

#include "views/chain_player_view.h"

#include "views/chain_player/branch_controls.h"

#include "session/dataset_state.h"
#include "session/model_opener.h"
#include "session/schedule_state.h"
#include "widgets/animation_export_dialog.h"
#include "widgets/classifier_guidance_box.h"
#include "widgets/guidance_controls.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/playback_bar.h"
#include "widgets/run_bar.h"
#include "widgets/side_panel.h"
#include "widgets/sample_pictures.h"
#include "widgets/sampler_options_form.h"
#include "widgets/equal_aspect.h"

#include <qcustomplot.h>

#include "lecture/lecture_equations.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

namespace {

constexpr int kDebounceMs = 200;
constexpr int kDefaultPointBatch = 256;
constexpr int kDefaultImageBatch = 8;
}  // namespace

ChainPlayerView::ChainPlayerView(ScheduleState* schedule, ModelSession* session, QWidget* parent)
    : QWidget(parent), m_schedule(schedule) {
  m_worker = new SamplingWorker(this);
  m_panel = new ModelPanel(session, schedule, /*clipX0=*/true, /*loadImageData=*/false, this);
  m_branchWorker = new SamplingWorker(this);
  m_debounce = new QTimer(this);
  m_debounce->setSingleShot(true);
  m_debounce->setInterval(kDebounceMs);
  buildLayout();

  connect(m_debounce, &QTimer::timeout, this, &ChainPlayerView::recompute);
  connect(m_panel, &ModelPanel::modelChanged, this, [this] {
    // The chain on screen belongs to the previous model.
    m_worker->requestStop();
    clearBranch();
    m_model.reset();
    pause();
    m_original = Chain();
    m_playback->setMaximum(0);
    m_run->clearProgress();
    seek(0);
    scheduleRecompute();
  });
  connect(m_samplerForm, &SamplerOptionsForm::optionsChanged, this, [this] {
    // The branch continues on the original's grid: keep its steps and spacing in step.
    m_branchControls->followGrid(m_samplerForm->options());
    scheduleRecompute();
  });
  connect(m_batch, &QSpinBox::valueChanged, this, &ChainPlayerView::scheduleRecompute);
  connect(m_guidance, &GuidanceControls::changed, this, [this] {
    m_branchControls->guidanceBox()->setEnabled(asksForClasses(m_guidance->classIndex()));  // guidance needs a class
    scheduleRecompute();
  });
  connect(m_guidance, &GuidanceControls::failed, this, [this](const QString& message) { m_run->showError(message); });
  connect(m_panel, &ModelPanel::openingStarted, this,
          [this](const QString& spec) { m_run->showStatus(ModelOpener::openingText(spec)); });
  connect(m_panel, &ModelPanel::opened, this, &ChainPlayerView::onModelOpened);
  connect(m_panel, &ModelPanel::failed, this, [this](const QString& message) {
    m_model.reset();
    m_run->showError(tr("Cannot open the model: %1").arg(message));
  });
  connect(m_playback, &PlaybackBar::seekRequested, this, &ChainPlayerView::seek);
  connect(m_exportAnimation, &QPushButton::clicked, this, [this] { exportAnimation(this, animationSource()); });
  connect(m_branchControls->branchButton(), &QPushButton::clicked, this, &ChainPlayerView::branchHere);
  connect(m_branchControls->clearButton(), &QPushButton::clicked, this, &ChainPlayerView::clearBranch);

  connect(m_worker, &SamplingWorker::frameReady, this, [this](const SamplingFrame& f) { onFrame(m_original, f); });
  connect(m_worker, &SamplingWorker::progress, this, [this](int step, int total) {
    m_run->progressBar()->setMaximum(total);
    m_run->progressBar()->setValue(step);
  });
  connect(m_worker, &SamplingWorker::finished, this, [this](const SamplingResult& r) {
    m_original.complete = true;
    m_exportAnimation->setEnabled(m_model.has_value());
    m_status->setText(tr("Chain of %1 steps computed in %2 s (%3 network evaluations).")
                          .arg(r.steps)
                          .arg(r.seconds, 0, 'f', 2)
                          .arg(r.nfe));
    Q_EMIT chainComplete();
  });
  connect(m_branchWorker, &SamplingWorker::frameReady, this, [this](const SamplingFrame& f) {
    if (m_branch) onFrame(*m_branch, f);
  });
  connect(m_branchWorker, &SamplingWorker::finished, this, [this] {
    if (!m_branch) return;
    m_branch->complete = true;
    render();
    Q_EMIT branchComplete();
  });
  for (SamplingWorker* w : {m_worker, m_branchWorker})
    connect(w, &SamplingWorker::failed, this, [this](const QString& message) { m_run->showError(message); });
  connect(m_worker, &SamplingWorker::failed, this, [this] {
    // A chain cut short is not shown as if it were one, nor played.
    pause();
    m_original = Chain();
    m_playback->setMaximum(0);
    m_run->clearProgress();
    seek(0);
  });

  difflab::SamplerOptions defaults = difflab::recommended_sampler_options("ddim", 40);
  m_samplerForm->setOptions(defaults);
  defaults.eta = 1.0;
  defaults.seed = 1;
  m_branchControls->form()->setOptions(defaults);
  scheduleRecompute();
}

ChainPlayerView::~ChainPlayerView() = default;

void ChainPlayerView::buildLayout() {
  QWidget* controls = buildControls();

  auto* display = new QWidget;
  auto* right = new QVBoxLayout(display);
  right->setContentsMargins(0, 0, 0, 0);
  m_playback = new PlaybackBar(this);
  m_playback->slider()->setToolTip(tr("The shown step: 0 is x_T, the last the samples"));
  m_exportAnimation = new QPushButton(tr("Export animation…"), this);
  m_exportAnimation->setObjectName(QStringLiteral("exportAnimation"));
  m_exportAnimation->setToolTip(tr("Save the computed chain x_T → x_0 as an animated GIF, an MP4 video or PNG frames"));
  m_exportAnimation->setEnabled(false);
  m_playback->addTrailingWidget(m_exportAnimation);
  right->addWidget(m_playback);
  m_numbers = new QLabel(this);
  m_numbers->setTextFormat(Qt::RichText);
  m_numbers->setWordWrap(true);  // a long read-out wraps instead of widening the view past the splitter
  m_branchNumbers = new QLabel(this);
  m_branchNumbers->setTextFormat(Qt::RichText);
  m_branchNumbers->setWordWrap(true);
  right->addWidget(m_numbers);
  right->addWidget(m_branchNumbers);
  m_display = new ChainDisplay(this);
  right->addWidget(m_display, 1);
  sidepanel::install(this, QStringLiteral("chain-player"), controls, m_run, display);
}

ModelSourceBox* ChainPlayerView::modelBox() const { return m_panel->sourceBox(); }

QWidget* ChainPlayerView::buildControls() {
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);

  sideLayout->addWidget(m_panel);

  auto* chainGroup = new QGroupBox(tr("Chain"), side);
  auto* chainLayout = new QVBoxLayout(chainGroup);
  m_samplerForm = new SamplerOptionsForm(chainGroup);
  chainLayout->addWidget(m_samplerForm);
  auto* form = new QFormLayout;
  m_batch = new QSpinBox(chainGroup);
  m_batch->setRange(1, 1024);
  m_batch->setValue(kDefaultPointBatch);
  m_batch->setKeyboardTracking(false);
  form->addRow(tr("Batch size"), m_batch);
  m_guidance = new GuidanceControls(form, /*everyClass=*/false, chainGroup);
  chainLayout->addLayout(form);
  m_run = new RunBar({}, QString(), tr("no chain yet"), this);
  m_status = m_run->statusLabel();
  sideLayout->addWidget(chainGroup);

  m_branchControls = new BranchControls(side);
  sideLayout->addWidget(m_branchControls);

  sideLayout->addStretch(1);
  return side;
}

void ChainPlayerView::scheduleRecompute() { m_debounce->start(); }

bool ChainPlayerView::ensureModel(std::function<void()> retry) { return m_panel->ensure(std::move(retry)); }

void ChainPlayerView::onModelOpened(const std::shared_ptr<const SamplingModel>& model) {
  const bool hadModel = m_model.has_value();
  const bool wasPoints = hadModel && m_model->isPoints();
  m_model = *model;
  m_run->showStatus(QString());
  // A new kind of model gets that kind's default batch; the first model keeps what the box shows (a value
  // the user or a restored recipe may already have set).
  if (hadModel ? wasPoints != m_model->isPoints() : !m_model->isPoints()) {
    QSignalBlocker block(m_batch);
    m_batch->setValue(m_model->isPoints() ? kDefaultPointBatch : kDefaultImageBatch);
  }
  m_guidance->setModel(*m_model);
  m_branchControls->guidanceBox()->setEnabled(asksForClasses(m_guidance->classIndex()));
  m_panel->noteSamplingStart(m_samplerForm->options());
  m_display->setModel(*m_model);
}

ClassifierGuidanceBox* ChainPlayerView::classifierGuidance() const { return m_guidance->classifier(); }
QComboBox* ChainPlayerView::classBox() const { return m_guidance->classBox(); }
QDoubleSpinBox* ChainPlayerView::guidanceBox() const { return m_guidance->guidanceBox(); }
SamplerOptionsForm* ChainPlayerView::branchForm() const { return m_branchControls->form(); }
QDoubleSpinBox* ChainPlayerView::branchGuidanceBox() const { return m_branchControls->guidanceBox(); }
QPushButton* ChainPlayerView::branchButton() const { return m_branchControls->branchButton(); }

SamplingFrame ChainPlayerView::startFrame(const difflab::Sampler& sampler) const {
  SamplingFrame f;
  f.step = static_cast<int>(sampler.step_index());
  f.totalSteps = static_cast<int>(sampler.total_steps());
  f.t = sampler.t();
  f.tEval = sampler.t();
  f.xt = sampler.x().to(torch::kFloat32);
  f.nfe = sampler.nfe();
  f.state = std::shared_ptr<const difflab::Sampler>(sampler.clone());
  return f;
}

void ChainPlayerView::recompute() {
  m_debounce->stop();
  pause();
  clearBranch();
  m_run->showStatus(QString());
  if (!ensureModel([this] { recompute(); })) return;
  try {
    const difflab::SamplerOptions options = m_samplerForm->options();
    difflab::sampler_timesteps(m_model->denoiser->schedule(), options);  // bad settings stop here, not mid-chain
    m_panel->noteSamplingStart(options);
    m_panel->clearError();  // a run with the open model: an earlier failed Open… is past
    const int classIndex = m_guidance->classIndex();
    const int64_t batch = m_batch->value();
    std::vector<int64_t> shape{batch};
    for (int64_t d : m_model->sampleShape()) shape.push_back(d);
    m_denoiser = m_guidance->denoiser(*m_model);
    std::shared_ptr<const difflab::Sampler> start =
        difflab::make_sampler(difflab::options_for(options, *m_denoiser), m_denoiser->schedule(),
                              difflab::initial_noise(shape, options.seed), batchLabels(batch, classIndex));
    m_original = Chain();
    m_original.totalSteps = static_cast<int>(start->total_steps());
    m_original.label = QString::fromStdString(options.name);
    m_original.frames.push_back(startFrame(*start));
    m_playback->setMaximum(m_original.totalSteps);
    m_run->setRunning(true, tr("computed %v / %m"));
    m_run->progressBar()->setRange(0, m_original.totalSteps);
    SamplingRequest request;
    request.denoiser = m_denoiser;
    request.start = start;
    request.keepStates = true;
    m_worker->start(request);
    m_status->setText(tr("Computing the chain…"));
    seek(0);
  } catch (const std::exception& error) {
    m_worker->requestStop();
    m_original = Chain();
    m_playback->setMaximum(0);
    m_run->clearProgress();
    seek(0);
    m_run->showError(QString::fromStdString(difflab::user_message(error.what())));
  }
}

void ChainPlayerView::onFrame(Chain& chain, const SamplingFrame& frame) {
  chain.frames.push_back(frame);
  if (&chain == &m_original) m_playback->setAvailable(chain.lastStep());  // playback may go on
  // Show the newest step while nothing else is asked for, so the chain visibly builds up.
  if (&chain == &m_original && !isPlaying() && m_step == chain.lastStep() - 1)
    seek(chain.lastStep());
  else if (m_branch && &chain == &*m_branch && m_step >= chain.firstStep)
    render();
}

bool ChainPlayerView::isPlaying() const { return m_playback->isPlaying(); }
void ChainPlayerView::play() { m_playback->play(); }
void ChainPlayerView::pause() { m_playback->pause(); }
void ChainPlayerView::togglePlay() { m_playback->togglePlay(); }
void ChainPlayerView::stepForward() { m_playback->stepForward(); }
void ChainPlayerView::stepBack() { m_playback->stepBack(); }
void ChainPlayerView::rewind() { m_playback->rewind(); }

void ChainPlayerView::seek(int step) {
  step = std::clamp(step, 0, std::max(0, m_original.lastStep()));
  m_step = step;
  m_playback->setAvailable(m_original.lastStep());
  m_playback->setPosition(step);
  render();
  Q_EMIT stepShown(step);
  Q_EMIT lectureEquationChanged();
}

void ChainPlayerView::branchHere() {
  const SamplingFrame* at = m_original.at(m_step);
  if (!at || !at->state || !m_model) return;
  if (m_step >= m_original.totalSteps) {
    m_status->setText(tr("The chain has ended here: rewind to the step to branch at."));
    return;
  }
  try {
    const difflab::SamplerOptions options = m_branchControls->options(at->state->options());
    std::shared_ptr<const difflab::Sampler> start = difflab::branch_sampler(*at->state, options);
    SamplingRequest request;
    request.denoiser = m_guidance->denoiser(*m_model, m_branchControls->guidance());
    request.start = start;
    request.keepStates = false;
    Chain branch;
    branch.firstStep = m_step;
    branch.totalSteps = m_original.totalSteps;
    branch.label =
        tr("%1, η = %2, seed %3").arg(QString::fromStdString(options.name)).arg(options.eta).arg(options.seed);
    branch.frames.push_back(startFrame(*start));
    m_branch = std::move(branch);
    m_display->setBranchInLegend(true);
    m_branchWorker->start(request);
    m_run->showStatus(tr("Branched at step %1: %2.").arg(m_step).arg(m_branch->label));
    render();
  } catch (const std::exception& error) {
    m_run->showError(QString::fromStdString(difflab::user_message(error.what())));
  }
}

void ChainPlayerView::clearBranch() {
  m_branchWorker->requestStop();
  m_branch.reset();
  m_display->setBranchInLegend(false);
  render();
}

QString ChainPlayerView::numbers(const Chain& chain, int step) const {
  if (!m_model) return {};
  return ChainDisplay::stepNumbers(m_denoiser ? m_denoiser->schedule() : m_schedule->schedule(), chain, step);
}

void ChainPlayerView::render() {
  m_exportAnimation->setEnabled(m_model.has_value() && m_original.complete);
  m_numbers->setText(QStringLiteral("<span style='color:#1f77b4'><b>%1</b></span> &nbsp; %2")
                         .arg(m_original.label.toHtmlEscaped(), numbers(m_original, m_step)));
  const bool branchShown = m_branch && m_branch->at(m_step);
  m_branchNumbers->setVisible(m_branch.has_value());
  if (m_branch)
    m_branchNumbers->setText(
        QStringLiteral("<span style='color:#e66e14'><b>%1 %2</b></span> &nbsp; %3")
            .arg(tr("branch from step %1:").arg(m_branch->firstStep), m_branch->label.toHtmlEscaped(),
                 branchShown ? numbers(*m_branch, m_step) : tr("(starts at step %1)").arg(m_branch->firstStep)));
  if (m_model) m_display->showStep(*m_model, m_original, m_branch ? &*m_branch : nullptr, m_step);
}

AnimationSource ChainPlayerView::animationSource() const {
  if (!m_model) return {};
  return ChainDisplay::animation(*m_model, m_original, m_playback->stepsPerSecond());
}

QString ChainPlayerView::lectureEquation() const {
  const SamplingFrame* to = m_original.at(m_step);
  const SamplingFrame* from = m_step > 0 ? m_original.at(m_step - 1) : nullptr;
  if (!to || !from || !m_model) return tr("Play the chain: the update of each step is shown here.");
  const difflab::NoiseSchedule& s = m_denoiser ? m_denoiser->schedule() : m_schedule->schedule();
  auto alphaBar = [&s](double t) {
    if (t <= 0) return 1.0;
    const double a = s.alpha_cont(t / static_cast<double>(s.timesteps()));
    return a * a;
  };
  const difflab::SamplerOptions options = m_samplerForm->options();
  // DDPM with the posterior variance β̃ is DDIM with η = 1 (Song et al. 2021, eq. 16); other samplers show the
  // first-order part of their step.
  const bool ddpm = options.name == "ddpm" && options.ddpm_posterior_variance;
  const bool ddim = options.name == "ddim" || ddpm;
  return lecture::ddimStep(from->t, to->t, alphaBar(from->t), alphaBar(to->t),
                           ddpm   ? 1.0
                           : ddim ? options.eta
                                  : 0.0,
                           ddim ? QString() : QString::fromStdString(options.name));
}

QAbstractSlider* ChainPlayerView::lectureSlider() const { return m_playback->slider(); }
QAbstractButton* ChainPlayerView::lecturePlayButton() const { return m_playback->playButton(); }

bool ChainPlayerView::isBusy() const {
  return m_debounce->isActive() || m_worker->isRunning() || m_panel->opener()->isOpening();
}

QSlider* ChainPlayerView::stepSlider() const { return m_playback->slider(); }
QPushButton* ChainPlayerView::playButton() const { return m_playback->playButton(); }
