// Core headers first: <torch/torch.h> must precede every Qt header.
#include "model/denoiser.h"
#include "sampling/sampler.h"
#include "sampling/sampler_parameters.h"

#include <torch/torch.h>

#include "views/chain_player_view.h"

#include "session/dataset_state.h"
#include "session/model_opener.h"
#include "session/schedule_state.h"
#include "widgets/animation_export_dialog.h"
#include "widgets/classifier_guidance_box.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_export.h"
#include "widgets/plot_view_bar.h"
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
constexpr int kTrails = 48;  // particles whose whole path is drawn; more would hide the data
const QColor kOriginalColor(31, 119, 180);
const QColor kBranchColor(230, 110, 20);

QVector<double> column(const at::Tensor& points, int64_t c) {
  at::Tensor col = points.select(1, c).to(torch::kCPU, torch::kFloat64).contiguous();
  return QVector<double>(col.data_ptr<double>(), col.data_ptr<double>() + col.numel());
}

void setPoints(QCPGraph* graph, const at::Tensor& points) {
  if (!points.defined() || points.dim() != 2 || points.size(1) < 2) {
    graph->data()->clear();
    return;
  }
  graph->setData(column(points, 0), column(points, 1));  // sorted by x here: QCPGraph draws only sorted data
}

QCPGraph* addScatter(QCustomPlot* plot, const QColor& color, double size, const QString& name) {
  QCPGraph* g = plot->addGraph();
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, size));
  g->setName(name);
  return g;
}

QPushButton* transportButton(const QString& text, const QString& tip, QWidget* parent) {
  auto* b = new QPushButton(text, parent);
  b->setToolTip(tip);
  return b;
}

}  // namespace

const SamplingFrame* ChainPlayerView::Chain::at(int step) const {
  const int i = step - firstStep;
  if (i < 0 || i >= static_cast<int>(frames.size())) return nullptr;
  return &frames[static_cast<size_t>(i)];
}

ChainPlayerView::ChainPlayerView(ScheduleState* schedule, ModelSession* session, QWidget* parent)
    : QWidget(parent), m_schedule(schedule) {
  m_worker = new SamplingWorker(this);
  m_panel = new ModelPanel(session, schedule, /*clipX0=*/true, /*loadImageData=*/false, this);
  m_branchWorker = new SamplingWorker(this);
  m_debounce = new QTimer(this);
  m_debounce->setSingleShot(true);
  m_debounce->setInterval(kDebounceMs);
  m_playTimer = new QTimer(this);
  buildLayout();

  connect(m_debounce, &QTimer::timeout, this, &ChainPlayerView::recompute);
  connect(m_playTimer, &QTimer::timeout, this, &ChainPlayerView::onTick);
  connect(m_panel, &ModelPanel::modelChanged, this, [this] {
    // The chain on screen belongs to the previous model.
    m_worker->requestStop();
    clearBranch();
    m_model.reset();
    m_original = Chain();
    m_progress->setValue(0);
    seek(0);
    scheduleRecompute();
  });
  connect(m_samplerForm, &SamplerOptionsForm::optionsChanged, this, [this] {
    // The branch continues on the original's grid: keep its steps and spacing in step.
    difflab::SamplerOptions b = m_branchForm->options(), o = m_samplerForm->options();
    b.steps = o.steps;
    b.spacing = o.spacing;
    b.karras_rho = o.karras_rho;
    m_branchForm->setOptions(b);
    scheduleRecompute();
  });
  connect(m_batch, &QSpinBox::valueChanged, this, &ChainPlayerView::scheduleRecompute);
  connect(m_class, &QComboBox::currentIndexChanged, this, [this] {
    // Guidance needs a class, as in Generate.
    const bool classChosen = m_class->currentData().toInt() >= 0;
    m_guidance->setEnabled(classChosen);
    m_branchGuidance->setEnabled(classChosen);
    scheduleRecompute();
  });
  connect(m_guidance, &QDoubleSpinBox::valueChanged, this, &ChainPlayerView::scheduleRecompute);
  connect(m_classifier, &ClassifierGuidanceBox::changed, this, &ChainPlayerView::scheduleRecompute);
  connect(m_classifier, &ClassifierGuidanceBox::failed, this, [this](const QString& message) {
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(message);
  });
  connect(m_panel, &ModelPanel::openingStarted, this, [this](const QString& spec) {
    m_status->setStyleSheet(QString());
    m_status->setText(ModelOpener::openingText(spec));
  });
  connect(m_panel, &ModelPanel::opened, this, &ChainPlayerView::onModelOpened);
  connect(m_panel, &ModelPanel::failed, this, [this](const QString& message) {
    m_model.reset();
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(tr("Cannot open the model: %1").arg(message));
  });
  connect(m_rewind, &QPushButton::clicked, this, &ChainPlayerView::rewind);
  connect(m_back, &QPushButton::clicked, this, &ChainPlayerView::stepBack);
  connect(m_play, &QPushButton::clicked, this, &ChainPlayerView::togglePlay);
  connect(m_forward, &QPushButton::clicked, this, &ChainPlayerView::stepForward);
  connect(m_slider, &QSlider::valueChanged, this, &ChainPlayerView::seek);
  connect(m_fps, &QSpinBox::valueChanged, this, [this](int fps) { m_playTimer->setInterval(1000 / fps); });
  connect(m_exportAnimation, &QPushButton::clicked, this, [this] { exportAnimation(this, animationSource()); });
  connect(m_branchButton, &QPushButton::clicked, this, &ChainPlayerView::branchHere);
  connect(m_clearBranch, &QPushButton::clicked, this, &ChainPlayerView::clearBranch);

  connect(m_worker, &SamplingWorker::frameReady, this, [this](const SamplingFrame& f) { onFrame(m_original, f); });
  connect(m_worker, &SamplingWorker::progress, this, [this](int step, int total) {
    m_progress->setMaximum(total);
    m_progress->setValue(step);
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
    connect(w, &SamplingWorker::failed, this, [this](const QString& message) {
      m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
      m_status->setText(message);
    });
  connect(m_worker, &SamplingWorker::failed, this, [this] {
    // A chain cut short is not shown as if it were one.
    m_original = Chain();
    m_progress->setValue(0);
    seek(0);
  });

  m_fps->setValue(12);
  m_playTimer->setInterval(1000 / m_fps->value());
  difflab::SamplerOptions defaults = difflab::recommended_sampler_options("ddim", 40);
  m_samplerForm->setOptions(defaults);
  defaults.eta = 1.0;
  defaults.seed = 1;
  m_branchForm->setOptions(defaults);
  scheduleRecompute();
}

ChainPlayerView::~ChainPlayerView() = default;

void ChainPlayerView::buildLayout() {
  QWidget* controls = buildControls();
  auto* run = new QWidget;
  auto* runLayout = new QVBoxLayout(run);
  runLayout->setContentsMargins(0, 0, 0, 0);
  runLayout->addWidget(m_progress);
  runLayout->addWidget(m_status);

  auto* display = new QWidget;
  auto* right = new QVBoxLayout(display);
  right->setContentsMargins(0, 0, 0, 0);
  auto* transport = new QHBoxLayout;
  m_rewind = transportButton(QStringLiteral("|◀"), tr("Rewind to x_T"), this);
  m_back = transportButton(QStringLiteral("◀"), tr("One step back"), this);
  m_play = transportButton(tr("Play"), tr("Play / pause"), this);
  m_forward = transportButton(QStringLiteral("▶"), tr("One step forward"), this);
  m_fps = new QSpinBox(this);
  m_fps->setRange(1, 60);
  m_fps->setSuffix(tr(" steps/s"));
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setRange(0, 0);
  for (QWidget* w : std::initializer_list<QWidget*>{m_rewind, m_back, m_play, m_forward}) transport->addWidget(w);
  transport->addWidget(m_slider, 1);
  transport->addWidget(m_fps);
  m_exportAnimation = new QPushButton(tr("Export animation…"), this);
  m_exportAnimation->setObjectName(QStringLiteral("exportAnimation"));
  m_exportAnimation->setToolTip(tr("Save the computed chain x_T → x_0 as an animated GIF, an MP4 video or PNG frames"));
  m_exportAnimation->setEnabled(false);
  transport->addWidget(m_exportAnimation);
  right->addLayout(transport);
  m_numbers = new QLabel(this);
  m_numbers->setTextFormat(Qt::RichText);
  m_numbers->setWordWrap(true);  // a long read-out wraps instead of widening the view past the splitter
  m_branchNumbers = new QLabel(this);
  m_branchNumbers->setTextFormat(Qt::RichText);
  m_branchNumbers->setWordWrap(true);
  right->addWidget(m_numbers);
  right->addWidget(m_branchNumbers);
  right->addWidget(buildDisplay(), 1);
  sidepanel::install(this, QStringLiteral("chain-player"), controls, run, display);
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
  m_class = new QComboBox(chainGroup);
  form->addRow(tr("Class"), m_class);
  m_guidance = new QDoubleSpinBox(chainGroup);
  m_guidance->setRange(0.0, 30.0);
  m_guidance->setSingleStep(0.5);
  m_guidance->setValue(1.0);
  m_guidance->setKeyboardTracking(false);
  form->addRow(tr("Guidance w"), m_guidance);
  m_classifier = new ClassifierGuidanceBox(form, m_guidance, chainGroup);
  chainLayout->addLayout(form);
  m_progress = new QProgressBar;
  m_progress->setFormat(tr("computed %v / %m"));
  m_progress->setValue(0);
  sideLayout->addWidget(chainGroup);

  m_branchGroup = new QGroupBox(tr("Branch at the shown step"), side);
  auto* branchLayout = new QVBoxLayout(m_branchGroup);
  m_branchForm = new SamplerOptionsForm(m_branchGroup);
  m_branchForm->setGridEditable(false);
  branchLayout->addWidget(m_branchForm);
  auto* branchForm = new QFormLayout;
  m_branchGuidance = new QDoubleSpinBox(m_branchGroup);
  m_branchGuidance->setRange(0.0, 30.0);
  m_branchGuidance->setSingleStep(0.5);
  m_branchGuidance->setValue(1.0);
  m_branchGuidance->setToolTip(tr("Guidance of the branch (needs a class)"));
  branchForm->addRow(tr("Guidance w"), m_branchGuidance);
  branchLayout->addLayout(branchForm);
  auto* branchButtons = new QHBoxLayout;
  m_branchButton = new QPushButton(tr("Branch here"), m_branchGroup);
  m_clearBranch = new QPushButton(tr("Clear"), m_branchGroup);
  branchButtons->addWidget(m_branchButton);
  branchButtons->addWidget(m_clearBranch);
  branchLayout->addLayout(branchButtons);
  sideLayout->addWidget(m_branchGroup);

  m_status = new QLabel;
  m_status->setWordWrap(true);
  m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  sideLayout->addStretch(1);
  return side;
}

QWidget* ChainPlayerView::buildDisplay() {
  m_stack = new QStackedWidget(this);
  const QString titles[3] = {tr("x_t"), tr("x̂₀ (predicted data)"), tr("ε̂ (predicted noise)")};

  auto* plots = new QWidget(m_stack);
  auto* plotRow = new QHBoxLayout(plots);
  plotRow->setContentsMargins(0, 0, 0, 0);
  for (int c = 0; c < 3; ++c) {
    auto* p = new QCustomPlot(plots);
    p->plotLayout()->insertRow(0);
    p->plotLayout()->addElement(0, 0, new QCPTextElement(p, titles[c], QFont(font().family(), 10, QFont::Bold)));
    addScatter(p, QColor(200, 200, 200), 3, tr("data"));  // 0
    addScatter(p, kOriginalColor, 4, tr("chain"));        // 1
    addScatter(p, kBranchColor, 4, tr("branch"));         // 2
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plotexport::installPlotExportMenu(p);
    // One legend (on x_t) names the overlays; the branch is listed while there is one.
    p->legend->setVisible(c == 0);
    p->legend->setFont(QFont(font().family(), 8));
    p->graph(2)->removeFromLegend();
    if (c > 0) p->legend->clearItems();
    m_plots[c] = p;
    auto* column = new QVBoxLayout;
    column->addWidget(p, 1);
    // Pan, zoom, fit and the count of particles outside the view (ε̂ lives on its own ±3.5 scale).
    column->addWidget(new PlotViewBar(p, c < 2 ? p->graph(0) : nullptr, p->graph(1), plots));
    plotRow->addLayout(column);
  }
  m_stack->addWidget(plots);

  auto* images = new QWidget(m_stack);
  auto* grid = new QGridLayout(images);
  for (int c = 0; c < 3; ++c) {
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(titles[c]), images);
    title->setAlignment(Qt::AlignCenter);
    grid->addWidget(title, 0, c);
    for (int r = 0; r < 2; ++r) {
      auto* label = new QLabel(images);
      label->setAlignment(Qt::AlignCenter);
      label->setMinimumSize(160, 160);
      label->setStyleSheet(QStringLiteral("background: white;"));
      plotexport::installImageExportMenu(label);
      m_images[r][c] = label;
      grid->addWidget(label, 2 * r + 1, c);
    }
  }
  m_branchRowTitle = new QLabel(tr("<b>Branch</b>"), images);
  m_branchRowTitle->setStyleSheet(QStringLiteral("color: #e66e14;"));
  grid->addWidget(m_branchRowTitle, 2, 0, 1, 3);
  grid->setRowStretch(1, 1);
  grid->setRowStretch(3, 1);
  m_stack->addWidget(images);
  return m_stack;
}

void ChainPlayerView::scheduleRecompute() { m_debounce->start(); }

bool ChainPlayerView::ensureModel(std::function<void()> retry) { return m_panel->ensure(std::move(retry)); }

void ChainPlayerView::onModelOpened(const std::shared_ptr<const SamplingModel>& model) {
  const bool hadModel = m_model.has_value();
  const bool wasPoints = hadModel && m_model->isPoints();
  m_model = *model;
  m_status->setStyleSheet(QString());
  m_status->setText(QString());
  // A new kind of model gets that kind's default batch; the first model keeps what the box shows (a value
  // the user or a restored recipe may already have set).
  if (hadModel ? wasPoints != m_model->isPoints() : !m_model->isPoints()) {
    QSignalBlocker block(m_batch);
    m_batch->setValue(m_model->isPoints() ? kDefaultPointBatch : kDefaultImageBatch);
  }
  updateClassBox();
  m_stack->setCurrentIndex(m_model->isPoints() ? 0 : 1);
  if (m_model->isPoints()) {
    const QRectF b = samplepictures::pointBounds(m_model->dataPoints);
    const double side = std::max(b.width(), b.height());
    for (int c = 0; c < 3; ++c) {
      QCustomPlot* p = m_plots[c];
      // x_t and x̂₀ live where the data does; ε̂ is standard-normal-sized.
      setPoints(p->graph(0), c < 2 ? m_model->dataPoints : at::Tensor());
      const double half = c < 2 ? std::max(side / 2, 3.2) : 3.5;
      const QPointF centre = c < 2 ? b.center() : QPointF(0, 0);
      plotaspect::showEqualAspect(p, QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half));
    }
  }
}

void ChainPlayerView::updateClassBox() {
  const QString previous = m_class->currentText();
  QSignalBlocker block(m_class);
  m_class->clear();
  m_class->addItem(tr("(unconditional)"), -1);
  for (int i = 0; i < m_model->classNames.size(); ++i) m_class->addItem(m_model->classNames[i], i);
  const int index = m_class->findText(previous);
  m_class->setCurrentIndex(index >= 0 ? index : 0);
  m_class->setEnabled(!m_model->classNames.isEmpty());
  m_classifier->setModel(&*m_model);
  const bool classChosen = m_class->currentData().toInt() >= 0;
  m_guidance->setEnabled(classChosen);
  m_branchGuidance->setEnabled(classChosen);
}

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
  m_status->setStyleSheet(QString());
  if (!ensureModel([this] { recompute(); })) return;
  try {
    const difflab::SamplerOptions options = m_samplerForm->options();
    difflab::sampler_timesteps(m_model->denoiser->schedule(), options);  // bad settings stop here, not mid-chain
    const int classIndex = m_class->currentData().toInt();
    const int64_t batch = m_batch->value();
    std::vector<int64_t> shape{batch};
    for (int64_t d : m_model->sampleShape()) shape.push_back(d);
    m_denoiser = m_classifier->wrap(guidedDenoiser(*m_model, classIndex, m_guidance->value()), *m_model, classIndex);
    std::shared_ptr<const difflab::Sampler> start =
        difflab::make_sampler(difflab::options_for(options, *m_denoiser), m_denoiser->schedule(),
                              difflab::initial_noise(shape, options.seed), batchLabels(batch, classIndex));
    m_original = Chain();
    m_original.totalSteps = static_cast<int>(start->total_steps());
    m_original.label = QString::fromStdString(options.name);
    m_original.frames.push_back(startFrame(*start));
    m_slider->setRange(0, m_original.totalSteps);
    m_progress->setRange(0, m_original.totalSteps);
    m_progress->setValue(0);
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
    m_progress->setValue(0);
    seek(0);
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(QString::fromStdString(error.what()));
  }
}

void ChainPlayerView::onFrame(Chain& chain, const SamplingFrame& frame) {
  chain.frames.push_back(frame);
  // Show the newest step while nothing else is asked for, so the chain visibly builds up.
  if (&chain == &m_original && !isPlaying() && m_step == chain.lastStep() - 1)
    seek(chain.lastStep());
  else if (m_branch && &chain == &*m_branch && m_step >= chain.firstStep)
    render();
}

bool ChainPlayerView::isPlaying() const { return m_playTimer->isActive(); }

void ChainPlayerView::play() {
  if (m_step >= m_original.totalSteps) seek(0);
  m_playTimer->start();
  m_play->setText(tr("Pause"));
}

void ChainPlayerView::pause() {
  m_playTimer->stop();
  m_play->setText(tr("Play"));
}

void ChainPlayerView::togglePlay() { isPlaying() ? pause() : play(); }

void ChainPlayerView::onTick() {
  if (m_step >= m_original.totalSteps) {
    pause();
    return;
  }
  if (m_step < m_original.lastStep()) seek(m_step + 1);  // else wait for the worker
}

void ChainPlayerView::stepForward() {
  pause();
  seek(m_step + 1);
}

void ChainPlayerView::stepBack() {
  pause();
  seek(m_step - 1);
}

void ChainPlayerView::rewind() {
  pause();
  seek(0);
}

void ChainPlayerView::seek(int step) {
  step = std::clamp(step, 0, std::max(0, m_original.lastStep()));
  m_step = step;
  {
    QSignalBlocker block(m_slider);
    m_slider->setValue(step);
  }
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
    difflab::SamplerOptions options = m_branchForm->options();
    const difflab::SamplerOptions& original = at->state->options();
    options.steps = original.steps;
    options.spacing = original.spacing;
    options.karras_rho = original.karras_rho;
    options.sigma_max = original.sigma_max;
    options.custom_timesteps = original.custom_timesteps;
    std::shared_ptr<const difflab::Sampler> start = difflab::branch_sampler(*at->state, options);
    const int classIndex = m_class->currentData().toInt();
    SamplingRequest request;
    request.denoiser =
        m_classifier->wrap(guidedDenoiser(*m_model, classIndex, m_branchGuidance->value()), *m_model, classIndex);
    request.start = start;
    request.keepStates = false;
    Chain branch;
    branch.firstStep = m_step;
    branch.totalSteps = m_original.totalSteps;
    branch.label =
        tr("%1, η = %2, seed %3").arg(QString::fromStdString(options.name)).arg(options.eta).arg(options.seed);
    branch.frames.push_back(startFrame(*start));
    m_branch = std::move(branch);
    m_plots[0]->graph(2)->addToLegend();
    m_branchWorker->start(request);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Branched at step %1: %2.").arg(m_step).arg(m_branch->label));
    render();
  } catch (const std::exception& error) {
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(QString::fromStdString(error.what()));
  }
}

void ChainPlayerView::clearBranch() {
  m_branchWorker->requestStop();
  m_branch.reset();
  m_plots[0]->graph(2)->removeFromLegend();
  render();
}

QString ChainPlayerView::numbers(const Chain& chain, int step) const {
  const SamplingFrame* f = chain.at(step);
  if (!f || !m_model) return {};
  const difflab::NoiseSchedule& s = m_denoiser ? m_denoiser->schedule() : m_schedule->schedule();
  const double u = f->t / static_cast<double>(s.timesteps());
  const double alpha = f->t <= 0 ? 1.0 : s.alpha_cont(u);
  const double alphaBar = alpha * alpha;
  QString epsNorm = QStringLiteral("–");
  if (f->eps.defined()) epsNorm = QString::number(f->eps.flatten(1).norm(2, 1).mean().item<double>(), 'g', 4);
  QString text =
      tr("step %1 / %2 &nbsp; t = %3 &nbsp; ᾱ<sub>t</sub> = %4 &nbsp; σ<sub>t</sub> = √(1−ᾱ<sub>t</sub>) = %5 "
         "&nbsp; ‖ε̂‖ = %6 &nbsp; NFE = %7")
          .arg(step)
          .arg(chain.totalSteps)
          .arg(f->t, 0, 'f', 2)
          .arg(alphaBar, 0, 'g', 4)
          .arg(std::sqrt(std::max(0.0, 1.0 - alphaBar)), 0, 'g', 4)
          .arg(epsNorm)
          .arg(f->nfe);
  // Classifier guidance's pull at this step (Dhariwal & Nichol 2021, Alg. 2).
  if (f->guidanceNorm >= 0) text += tr(" &nbsp; ‖s ∇ log p(y | x<sub>t</sub>)‖ = %1").arg(f->guidanceNorm, 0, 'g', 4);
  return text;
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
  if (!m_model) return;
  if (m_model->isPoints())
    renderPoints();
  else
    renderImages();
}

void ChainPlayerView::renderPoints() {
  const Chain* chains[2] = {&m_original, m_branch ? &*m_branch : nullptr};
  for (int k = 0; k < 2; ++k) {
    const SamplingFrame* f = chains[k] ? chains[k]->at(m_step) : nullptr;
    const at::Tensor fields[3] = {f ? toDataScale(*m_model, f->xt) : at::Tensor(),
                                  f && f->x0.defined() ? toDataScale(*m_model, f->x0) : at::Tensor(),
                                  f ? f->eps : at::Tensor()};
    for (int c = 0; c < 3; ++c) setPoints(m_plots[c]->graph(1 + k), fields[c]);

    // Trajectories of the first particles on the x_t plot, from the chain's start to the shown step.
    std::vector<QCPCurve*>& trails = m_trails[k];
    for (QCPCurve* curve : trails) m_plots[0]->removePlottable(curve);
    trails.clear();
    if (!f) continue;
    const int first = chains[k]->firstStep;
    const int64_t count = std::min<int64_t>(kTrails, f->xt.size(0));
    std::vector<at::Tensor> path;
    // A branch's path starts where the original chain was (its frames[0] is the branch point).
    for (int s = first; s <= m_step; ++s)
      path.push_back(toDataScale(*m_model, chains[k]->at(s)->xt.narrow(0, 0, count)));
    const at::Tensor stacked = torch::stack(path, 1).to(torch::kFloat64).contiguous();  // [count, steps, 2]
    const auto a = stacked.accessor<double, 3>();
    QColor color = k == 0 ? kOriginalColor : kBranchColor;
    color.setAlpha(110);
    for (int64_t i = 0; i < count; ++i) {
      auto* curve = new QCPCurve(m_plots[0]->xAxis, m_plots[0]->yAxis);
      QVector<double> xs, ys;
      for (int64_t s = 0; s < stacked.size(1); ++s) {
        xs << a[i][s][0];
        ys << a[i][s][1];
      }
      curve->setData(xs, ys);
      curve->setPen(QPen(color, 1.0));
      curve->removeFromLegend();
      trails.push_back(curve);
    }
  }
  for (QCustomPlot* p : m_plots) p->replot(QCustomPlot::rpQueuedReplot);
}

void ChainPlayerView::renderImages() {
  const Chain* chains[2] = {&m_original, m_branch ? &*m_branch : nullptr};
  m_branchRowTitle->setVisible(m_branch.has_value());
  // Without a branch its row takes no room: the pictures of the chain fill the panel.
  if (auto* grid = qobject_cast<QGridLayout*>(m_images[0][0]->parentWidget()->layout()))
    grid->setRowStretch(3, m_branch ? 1 : 0);
  for (int r = 0; r < 2; ++r) {
    const SamplingFrame* f = chains[r] ? chains[r]->at(m_step) : nullptr;
    for (int c = 0; c < 3; ++c) {
      QLabel* label = m_images[r][c];
      label->setVisible(r == 0 || m_branch.has_value());
      at::Tensor picture;
      if (f) {
        if (c == 0)
          picture = toDataScale(*m_model, f->xt);  // the model's data range: the last x_t is the sample itself
        else if (c == 1 && f->x0.defined())
          picture = toDataScale(*m_model, f->x0);
        else if (c == 2 && f->eps.defined())
          picture = samplepictures::signedToDataScale(f->eps, 3.0);
      }
      if (!picture.defined()) {
        label->clear();
        continue;
      }
      label->setPixmap(samplepictures::fitPixmap(samplepictures::imageGrid(picture), label->size() - QSize(6, 6)));
    }
  }
}

AnimationSource ChainPlayerView::animationSource() const {
  AnimationSource source;
  if (!m_model || !m_original.complete || m_original.frames.empty()) return source;
  std::vector<at::Tensor> xs;
  std::vector<double> ts;
  for (const SamplingFrame& f : m_original.frames) {
    xs.push_back(f.xt);
    ts.push_back(f.t);
  }
  const SamplingModel model = *m_model;  // a copy: the export draws on its own thread
  const int first = m_original.firstStep, total = m_original.totalSteps;
  auto caption = [first, total, ts](int k) {
    return tr("step %1 / %2, t = %3").arg(first + k).arg(total).arg(ts[static_cast<size_t>(k)], 0, 'f', 1);
  };
  if (model.isPoints()) {
    // The axes the player opens with: the data and the N(0, I) start in sight.
    const QRectF b = samplepictures::pointBounds(model.dataPoints);
    const double half = std::max(std::max(b.width(), b.height()) / 2, 3.2);
    const QRectF range(b.center().x() - half, b.center().y() - half, 2 * half, 2 * half);
    source.frame = [model, xs, range, caption](int k) {
      return captionedFrame(samplepictures::scatterImage(toDataScale(model, xs[static_cast<size_t>(k)]),
                                                         model.dataPoints, range, QSize(480, 480), kOriginalColor),
                            caption(k));
    };
  } else {
    source.frame = [model, xs, caption](int k) {
      const QImage grid = samplepictures::imageGrid(toDataScale(model, xs[static_cast<size_t>(k)]));
      const int scale = std::max(1, 384 / std::max(1, std::max(grid.width(), grid.height())));
      return captionedFrame(grid.scaled(grid.size() * scale), caption(k));
    };
  }
  source.count = static_cast<int>(xs.size());
  source.fps = m_fps->value();
  source.name = QStringLiteral("reverse-chain");
  source.description =
      tr("The reverse chain of %1 (%2 steps, batch of %3): x_t from x_T to the samples, one frame per step.")
          .arg(m_original.label)
          .arg(total)
          .arg(xs.front().size(0));
  return source;
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

QAbstractSlider* ChainPlayerView::lectureSlider() const { return m_slider; }
QAbstractButton* ChainPlayerView::lecturePlayButton() const { return m_play; }

bool ChainPlayerView::isBusy() const {
  return m_debounce->isActive() || m_worker->isRunning() || m_panel->opener()->isOpening();
}
