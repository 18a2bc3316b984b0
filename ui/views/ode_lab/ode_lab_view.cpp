// Core headers first: <torch/torch.h> must precede every Qt header.
#include "data/dataset.h"
#include "model/denoiser.h"
#include "ode/inversion.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "views/ode_lab/ode_lab_view.h"

#include "session/model_opener.h"
#include "session/schedule_state.h"
#include "views/ode_lab/edit_page.h"
#include "views/ode_lab/interpolation_page.h"
#include "views/ode_lab/inversion_page.h"
#include "views/ode_lab/likelihood_page.h"
#include "views/ode_lab/ode_lab_pictures.h"
#include "views/ode_lab/vlb_page.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/run_bar.h"
#include "widgets/side_panel.h"

#include "lecture/lecture_equations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

// The settings column starts wide enough for a zoo model's name ("Fashion-MNIST (U-Net, class-conditional)") and
// its description in a few lines; the model box alone asks only for 16 characters, the solver group for less than
// that name. Its minimum stays the controls' own (side_panel.h), so the pages keep their room on a laptop.
class SettingsColumn : public QWidget {
 public:
  using QWidget::QWidget;
  QSize sizeHint() const override {
    QSize hint = QWidget::sizeHint();
    hint.setWidth(std::max(hint.width(), 72 * fontMetrics().averageCharWidth()));
    return hint;
  }
};

}  // namespace

OdeLabView::OdeLabView(ScheduleState* schedule, ModelSession* session, QWidget* parent)
    : QWidget(parent), m_schedule(schedule) {
  m_worker = new OdeLabWorker(this);
  // Its maps must stay invertible (no x̂₀ clipping); inversion encodes the model's own images.
  m_panel = new ModelPanel(session, schedule, /*clipX0=*/false, /*loadImageData=*/true, this);

  // The layout of every view with settings (widgets/side_panel.h): the model and the controls the pages share
  // (solver, spacing, steps, samples, seed, class) in the scrolling column on the left, with the progress bar,
  // Cancel and the status line pinned under it; the pages on the right, each with its own controls and run button.
  auto* side = new SettingsColumn;
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->addWidget(m_panel);
  auto* top = new QGroupBox(tr("Solver and samples"), side);
  auto* form = new QFormLayout(top);
  // Any deterministic sampler of the catalog inverts (ode/inversion.h); the default pair measured best.
  m_solver = new QComboBox(top);
  m_solver->setObjectName(QStringLiteral("solver"));
  for (const std::string& name : difflab::ode_solver_names()) {
    const auto& info = difflab::sampler_info(name);
    m_solver->addItem(QString::fromStdString(info.title), QString::fromStdString(name));
    m_solver->setItemData(m_solver->count() - 1, QString::fromStdString(info.reference), Qt::ToolTipRole);
  }
  const difflab::OdeTransportOptions defaults;
  m_solver->setCurrentIndex(std::max(0, m_solver->findData(QString::fromStdString(defaults.solver))));
  m_spacing = new QComboBox(top);
  m_spacing->setObjectName(QStringLiteral("spacing"));
  for (difflab::TimestepSpacing sp : difflab::timestep_spacings()) {
    if (sp == difflab::TimestepSpacing::Custom) continue;
    m_spacing->addItem(QString::fromStdString(difflab::timestep_spacing_name(sp)), static_cast<int>(sp));
  }
  m_spacing->setCurrentIndex(std::max(0, m_spacing->findData(static_cast<int>(defaults.spacing))));
  m_spacing->setToolTip(tr("Spacing of the inversion grid; the default pair (%1, %2) measured best at 50 steps")
                            .arg(QString::fromStdString(defaults.solver),
                                 QString::fromStdString(difflab::timestep_spacing_name(defaults.spacing))));
  m_steps = new QSpinBox(top);
  m_steps->setObjectName(QStringLiteral("steps"));
  m_steps->setRange(1, 1000);
  m_steps->setValue(50);
  // Exact steps (ode/inversion.h): each encoding step solved so that the decoding step undoes it.
  m_exactSteps = new QCheckBox(tr("exact"), top);
  m_exactSteps->setObjectName(QStringLiteral("exactSteps"));
  m_exactSteps->setChecked(true);  // as difflab-cli invert: a faithful latent by default
  m_exactSteps->setToolTip(
      tr("Exact inversion: each encoding step is iterated (fixed point, Pan et al. 2023, up to 4 times) so that "
         "the decoding step undoes it; the round trip's error then follows the residual left rather than the "
         "solver's discretisation error (far below it where the iterations converge; at few steps on narrow data they "
         "may not, and the plain walk can be better). Costs about 5 times the encoding's "
         "network evaluations; one-step solvers only (DDIM, Euler, "
         "Heun, DPM-2). The error curve always walks the plain grid: untick to see the round trip it measures."));
  auto* stepsField = new QWidget(top);
  auto* stepsRow = new QHBoxLayout(stepsField);
  stepsRow->setContentsMargins(0, 0, 0, 0);
  stepsRow->addWidget(m_steps, 1);
  stepsRow->addWidget(m_exactSteps);
  m_batch = new QSpinBox(top);
  m_batch->setObjectName(QStringLiteral("batch"));
  m_batch->setRange(1, 4096);
  m_batch->setValue(256);
  m_seed = new QSpinBox(top);
  m_seed->setObjectName(QStringLiteral("seed"));
  m_seed->setRange(0, 1000000);
  m_class = new QComboBox(top);
  m_class->setObjectName(QStringLiteral("class"));
  form->addRow(tr("Solver"), m_solver);
  form->addRow(tr("Spacing"), m_spacing);
  form->addRow(tr("Steps"), stepsField);
  form->addRow(tr("Samples"), m_batch);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("Class"), m_class);
  sideLayout->addWidget(top);
  sideLayout->addStretch(1);

  // Which of the shared controls the current page uses (followPage): a page that ignores one greys it out and says
  // why here, above the pages, where it shows even when the settings column scrolls (lecture mode on a laptop).
  auto* main = new QWidget;
  auto* mainLayout = new QVBoxLayout(main);
  mainLayout->setContentsMargins(0, 0, 0, 0);
  m_sharedNote = new QLabel(main);
  m_sharedNote->setObjectName(QStringLiteral("sharedNote"));
  m_sharedNote->setWordWrap(true);
  m_sharedNote->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
  mainLayout->addWidget(m_sharedNote);

  m_pages = new QTabWidget(main);
  m_inversion = new InversionPage(this);
  m_interpolation = new InterpolationPage(this);
  m_likelihood = new LikelihoodPage(this);
  m_vlb = new VlbPage(this);
  m_edit = new EditPage(this);
  m_pages->setObjectName(QStringLiteral("pages"));
  m_inversion->setObjectName(QStringLiteral("inversion"));  // the pages' kinds (pageKind), for screenshots
  m_interpolation->setObjectName(QStringLiteral("interpolation"));
  m_likelihood->setObjectName(QStringLiteral("likelihood"));
  m_vlb->setObjectName(QStringLiteral("vlb"));
  m_edit->setObjectName(QStringLiteral("edit"));
  m_pages->addTab(m_inversion, tr("Inversion"));
  m_pages->addTab(m_interpolation, tr("Interpolation"));
  m_pages->addTab(m_likelihood, tr("Likelihood"));
  m_pages->addTab(m_vlb, tr("Variational bound"));
  m_pages->addTab(m_edit, tr("Editing (SDEdit)"));
  mainLayout->addWidget(m_pages, 1);

  auto* run = new RunBar({}, tr("Cancel"), tr("no run yet"), this);
  m_progress = run->progressBar();
  m_progress->setRange(0, 1000);  // the jobs report fractions
  m_cancel = run->cancelButton();
  m_status = run->statusLabel();
  m_status->setObjectName(QStringLiteral("odeLabStatus"));
  sidepanel::install(this, QStringLiteral("ode-lab"), side, run, main);

  connect(m_cancel, &QPushButton::clicked, m_worker, &OdeLabWorker::requestStop);
  // The model opens off the GUI thread as soon as it is chosen (its classes fill the class boxes); an action
  // asked for meanwhile runs once it is open.
  connect(m_panel, &ModelPanel::modelChanged, this, [this] {
    // A run cut short by the switch is said so (also once the new model has opened), not dropped without a word.
    m_switchNote =
        m_worker->isRunning() ? tr("The run was stopped: the model changed. Run again for the new model.") : QString();
    m_worker->requestStop();
    m_model.reset();
    m_pageStatus.clear();  // the runs were the previous model's
    clearProgress();
    Q_EMIT modelChanged();  // results and overlaid curves belong to the previous model
    ensureModel({});
    if (!m_switchNote.isEmpty()) {
      m_status->setStyleSheet(QString());
      m_status->setText(m_switchNote);
    }
  });
  connect(m_panel, &ModelPanel::openingStarted, this, [this](const QString& spec) {
    m_status->setStyleSheet(QString());
    m_status->setText(ModelOpener::openingText(spec));
  });
  connect(m_panel, &ModelPanel::opened, this, &OdeLabView::onModelOpened);
  connect(m_panel, &ModelPanel::failed, this, [this](const QString& message) {
    m_model.reset();
    Q_EMIT modelChanged();
    showError(tr("Cannot open the model: %1").arg(message));
  });
  connect(m_solver, &QComboBox::currentIndexChanged, this, &OdeLabView::lectureEquationChanged);
  connect(m_solver, &QComboBox::currentIndexChanged, this, &OdeLabView::followPage);
  connect(m_pages, &QTabWidget::currentChanged, this, [this] {
    followPage();
    showPageStatus();
  });
  followPage();
  connect(m_steps, &QSpinBox::valueChanged, this, &OdeLabView::lectureEquationChanged);
  connect(m_worker, &OdeLabWorker::started, this, [this](const QString& kind) {
    m_switchNote.clear();
    m_pageStatus.remove(kind);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Running %1…").arg(kindTitle(kind)));
  });
  connect(m_worker, &OdeLabWorker::progress, this,
          [this](const QString&, double f) { m_progress->setValue(static_cast<int>(std::lround(f * 1000))); });
  // The bar and the status line belong to the run's page: another page shows its own last run (showPageStatus).
  connect(m_worker, &OdeLabWorker::finished, this, [this](const QString& kind, double seconds) {
    m_cancel->setEnabled(false);
    m_error.clear();
    setKindStatus(kind, tr("%1 finished in %2 s.").arg(kindTitle(kind)).arg(seconds, 0, 'f', 2), true);
    Q_EMIT resultShown(kind);
  });
  connect(m_worker, &OdeLabWorker::failed, this, [this](const QString& kind, const QString& message) {
    m_cancel->setEnabled(false);
    m_error = message;
    // as in every view: a failed or stopped run leaves an empty bar that says so, not a part-filled one
    setKindStatus(kind, tr("Error: %1").arg(message), false, tr("failed"));
  });
  connect(m_worker, &OdeLabWorker::cancelled, this, [this](const QString& kind) {
    m_cancel->setEnabled(false);
    setKindStatus(kind, m_switchNote.isEmpty() ? tr("Cancelled.") : m_switchNote, false,
                  m_switchNote.isEmpty() ? tr("cancelled") : QString());
  });
  ensureModel({});
}

OdeLabView::~OdeLabView() = default;

void OdeLabView::clearProgress(const QString& text) {
  m_progress->setValue(0);
  m_progress->setFormat(text.isEmpty() ? tr("no run yet") : text);
}

QString OdeLabView::pageKind(int index) const {
  const QWidget* page = m_pages->widget(index);
  if (page == m_inversion) return QStringLiteral("inversion");
  if (page == m_interpolation) return QStringLiteral("interpolation");
  if (page == m_likelihood) return QStringLiteral("likelihood");
  if (page == m_vlb) return QStringLiteral("vlb");
  if (page == m_edit) return QStringLiteral("edit");
  return {};
}

QString OdeLabView::kindTitle(const QString& kind) const {
  for (int i = 0; i < m_pages->count(); ++i)
    if (pageKind(i) == kind) return m_pages->tabText(i);
  return kind;
}

void OdeLabView::setKindStatus(const QString& kind, const QString& text, bool finished, const QString& bar) {
  m_pageStatus[kind] = PageStatus{text, finished, bar};
  showPageStatus();
}

void OdeLabView::showPageStatus() {
  if (m_worker->isRunning()) return;  // the running job's bar and "Running …" stay in view
  const auto it = m_pageStatus.constFind(pageKind(m_pages->currentIndex()));
  m_status->setStyleSheet(QString());
  if (it == m_pageStatus.constEnd()) {  // no run on this page (for this model) yet
    clearProgress();
    m_status->setText(m_switchNote);
    return;
  }
  if (it->finished) {
    m_progress->setFormat(QStringLiteral("%p%"));
    m_progress->setValue(m_progress->maximum());
  } else {
    clearProgress(it->bar);
  }
  m_status->setText(it->text);
}

// Each page uses some of the shared controls: inversion all of them; interpolation decodes with the solver,
// spacing and steps but has its own seeds and classes; the likelihood integrates adaptively (Dormand–Prince, the
// page's tolerances) and the bound sums every t, so neither walks a grid; editing denoises with its own sampler
// and class on a trailing grid from t₀ (partial_noising.h) in the shared number of steps. RK45 adapts its own
// steps; exact steps need a one-step solver.
void OdeLabView::followPage() {
  const QString kind = pageKind(m_pages->currentIndex());
  const std::string solver = m_solver->currentData().toString().toStdString();
  const bool rk45 = solver == "rk45";
  const bool oneStep = !solver.empty() && !rk45 && !difflab::sampler_info(solver).multistep;
  const bool grid = kind != QLatin1String("likelihood") && kind != QLatin1String("vlb");
  const bool ownSampler = kind == QLatin1String("edit");
  const bool ownSeeds = kind == QLatin1String("interpolation");
  m_solver->setEnabled(grid && !ownSampler);
  m_spacing->setEnabled(grid && !ownSampler);
  m_steps->setEnabled(grid && (ownSampler || !rk45));
  m_exactSteps->setEnabled(kind == QLatin1String("inversion") && oneStep);
  m_seed->setEnabled(!ownSeeds);
  m_class->setEnabled(!ownSeeds && !ownSampler);
  QString note;
  if (!grid)
    note = kind == QLatin1String("likelihood")
               ? tr("The likelihood integrates the ODE adaptively (RK45, Dormand–Prince, to its tolerance): Solver, "
                    "Spacing and Steps don't apply.")
               : tr("The bound sums one term per timestep t = 1…T: Solver, Spacing and Steps don't apply.");
  else if (ownSampler)
    note =
        tr("Editing denoises with its own sampler and class (below) on a trailing grid that starts at t₀: "
           "Solver, Spacing and Class don't apply.");
  else if (ownSeeds)
    note = tr("Interpolation decodes with Solver, Spacing and Steps; its seeds and classes are its own (below).");
  if (grid && !ownSampler && rk45)
    note += (note.isEmpty() ? QString() : QStringLiteral(" ")) +
            tr("RK45 chooses its own steps to its tolerance: Steps doesn't apply.");
  m_sharedNote->setText(note);
  m_sharedNote->setVisible(!note.isEmpty());
  Q_EMIT lectureEquationChanged();
}

bool OdeLabView::ensureModel(std::function<void()> retry) { return m_panel->ensure(std::move(retry)); }

ModelSourceBox* OdeLabView::modelBox() const { return m_panel->sourceBox(); }

void OdeLabView::onModelOpened(const std::shared_ptr<const SamplingModel>& model) {
  m_model = *model;
  m_status->setStyleSheet(QString());
  m_status->setText(m_switchNote);  // not "Opening …" beside the opened model
  m_steps->setMaximum(static_cast<int>(m_model->denoiser->schedule().timesteps()));
  if (!m_model->isPoints() && m_batch->value() > 64) m_batch->setValue(16);
  odelab::fillClassBox(m_class, m_model->classNames, tr("unconditional"));
  Q_EMIT modelOpened();
  Q_EMIT lectureEquationChanged();  // T and ᾱ of the model's schedule
}

difflab::OdeTransportOptions OdeLabView::transportOptions() const {
  difflab::OdeTransportOptions o;
  o.solver = difflab::parse_ode_solver(m_solver->currentData().toString().toStdString());
  o.spacing = static_cast<difflab::TimestepSpacing>(m_spacing->currentData().toInt());
  o.steps = m_steps->value();
  o.step_iterations = m_exactSteps->isChecked() ? difflab::kDefaultExactStepIterations : 0;
  return o;
}

int OdeLabView::steps() const { return m_steps->value(); }
int64_t OdeLabView::batchSize() const { return m_batch->value(); }
uint64_t OdeLabView::seed() const { return static_cast<uint64_t>(m_seed->value()); }
int OdeLabView::classIndex() const { return m_class->currentData().isValid() ? m_class->currentData().toInt() : -1; }

at::Tensor OdeLabView::dataBatch(int64_t n) const {
  if (m_model->isPoints() && m_model->dataPoints.defined()) {
    const at::Tensor p = m_model->dataPoints.narrow(0, 0, std::min<int64_t>(n, m_model->dataPoints.size(0)));
    return m_model->denoiser->data_scale().to_model(p.to(torch::kFloat64));
  }
  const auto& data = m_model->data;  // openSamplingModel checked its shape
  if (data && data->sample_shape() == m_model->sampleShape() && data->size() > 0)
    return data->normalized().narrow(0, 0, std::min<int64_t>(n, data->size())).to(torch::kFloat64);
  return {};  // the job generates model samples instead
}

void OdeLabView::start(const QString& kind, OdeLabJob job) { m_worker->start(kind, std::move(job)); }

void OdeLabView::showError(const QString& message) {
  m_error = message;
  const QString text = tr("Error: %1").arg(message);
  // An error raised before a job started (by the current page) is that page's status until its next run.
  const QString kind = pageKind(m_pages->currentIndex());
  if (!m_worker->isRunning() && !kind.isEmpty()) {
    setKindStatus(kind, text, false, tr("failed"));
    return;
  }
  m_status->setText(text);
}

QString OdeLabView::lectureEquation() const {
  // The pages that walk no shared grid show their own equation: the likelihood's change of variables, the bound's
  // terms, SDEdit's noising and sampler. RK45 adapts its steps: no step count is shown for it (−1).
  const QString kind = pageKind(m_pages->currentIndex());
  if (kind == QLatin1String("likelihood")) return lecture::odeLikelihood(m_likelihood->tolerance());
  if (kind == QLatin1String("vlb"))
    return lecture::variationalBound(
        static_cast<int>(m_model ? m_model->denoiser->schedule().timesteps() : m_schedule->schedule().timesteps()));
  if (kind == QLatin1String("edit")) return m_edit->lectureEquation();
  const bool rk45 = m_solver->currentData().toString() == QLatin1String("rk45");
  return lecture::probabilityFlow(m_solver->currentText(), rk45 ? -1 : m_steps->value());
}
