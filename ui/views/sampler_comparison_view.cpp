// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "model/denoiser.h"
#include "sampling/sampler.h"
#include "sampling/sampler_parameters.h"

#include <torch/torch.h>

#include "views/sampler_comparison_view.h"

#include "views/comparison/comparison_pictures.h"
#include "views/comparison/step_optimiser_panel.h"

#include "session/dataset_state.h"
#include "session/model_opener.h"
#include "session/schedule_state.h"
#include "widgets/empty_plot_note.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_export.h"
#include "widgets/run_bar.h"
#include "widgets/side_panel.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

#include "lecture/lecture_equations.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

namespace {

constexpr int kThumb = 110;
}  // namespace

SamplerComparisonView::SamplerComparisonView(ScheduleState* schedule, ModelSession* session, QWidget* parent)
    : QWidget(parent), m_schedule(schedule) {
  m_worker = new ComparisonWorker(this);
  m_panel = new ModelPanel(session, schedule, /*clipX0=*/true, /*loadImageData=*/false, this);
  buildLayout();
  // The model is opened off the GUI thread when a run needs it, and again only after its settings change.
  // Results and optimised steps belong to one model and schedule: a switch drops them (and their Save).
  connect(m_panel, &ModelPanel::modelChanged, this, &SamplerComparisonView::clearResults);
  connect(m_panel, &ModelPanel::openingStarted, this,
          [this](const QString& spec) { m_run->showStatus(ModelOpener::openingText(spec)); });
  connect(m_panel, &ModelPanel::opened, this, [this](const std::shared_ptr<const SamplingModel>& model) {
    m_model = *model;
    // Not "Opening …" beside the opened model; a run that the switch stopped stays said.
    if (!m_worker->isRunning()) m_run->showStatus(m_switchNote);
  });
  connect(m_panel, &ModelPanel::failed, this, [this](const QString& message) {
    m_model.reset();
    m_run->showError(tr("Cannot open the model: %1").arg(message));
  });
  connect(runButton(), &QPushButton::clicked, this, &SamplerComparisonView::run);
  connect(optimiseButton(), &QPushButton::clicked, this, &SamplerComparisonView::optimiseSteps);
  connect(m_optimiser, &StepOptimiserPanel::saveRequested, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save optimised steps"),
                                                      QStringLiteral("%1-%2-steps.json")
                                                          .arg(optimisedSampler())
                                                          .arg(static_cast<int>(optimisedTimesteps().size()) - 1),
                                                      tr("JSON (*.json)"));
    if (!path.isEmpty()) saveOptimisedSteps(path);
  });
  connect(m_optimiser, &StepOptimiserPanel::status, this,
          [this](const QString& text, bool error) { error ? m_run->showError(text) : m_run->showStatus(text); });
  connect(m_optimiser, &StepOptimiserPanel::finished, this, [this](const std::vector<double>& t) {
    Q_EMIT samplingTimesChanged(t);
    Q_EMIT optimisationFinished();
  });
  connect(cancelButton(), &QPushButton::clicked, m_worker, &ComparisonWorker::requestStop);
  connect(m_worker, &ComparisonWorker::started, this, [this](int cells) {
    m_run->setRunning(true, tr("%v / %m runs"));
    progressBar()->setRange(0, cells);
    progressBar()->setValue(0);
  });
  connect(m_worker, &ComparisonWorker::progress, this, [this](int done) { progressBar()->setValue(done); });
  connect(m_worker, &ComparisonWorker::cellFinished, this, &SamplerComparisonView::onCell);
  connect(m_worker, &ComparisonWorker::finished, this, [this] {
    m_run->setRunning(false);
    const int results = static_cast<int>(m_cells.size());
    // Without 2-D data there is nothing to measure against: say so after the run too, beside the empty plot.
    m_status->setText(
        m_model && !m_model->dataPoints.defined()
            ? tr("Done: %n result(s), samples only: no 2-D data to measure distances against.", nullptr, results)
            : tr("Done: %n result(s).", nullptr, results));
    Q_EMIT comparisonFinished();
  });
  connect(m_worker, &ComparisonWorker::cancelled, this, [this] {
    m_run->setRunning(false);
    m_status->setText(m_switchNote.isEmpty() ? tr("Cancelled.") : m_switchNote);
  });
  m_panel->ensure({});  // open the model now, so its description shows before the first run
}

void SamplerComparisonView::buildLayout() {
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->addWidget(m_panel);

  auto* group = new QGroupBox(tr("Comparison"), side);
  auto* form = new QFormLayout(group);
  m_samplers = new QListWidget(group);
  for (const difflab::SamplerInfo& info : difflab::sampler_catalog()) {
    auto* item = new QListWidgetItem(QString::fromStdString(info.title), m_samplers);
    item->setData(Qt::UserRole, QString::fromStdString(info.name));
    item->setToolTip(QString::fromStdString(info.reference));
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
  }
  m_samplers->setMinimumHeight(200);
  form->addRow(tr("Samplers"), m_samplers);
  m_steps = new QLineEdit(QStringLiteral("2, 4, 8, 16, 32, 64"), group);
  m_steps->setToolTip(tr("Step counts, separated by commas"));
  form->addRow(tr("Steps"), m_steps);
  m_seed = new QSpinBox(group);
  m_seed->setRange(0, 2147483647);
  form->addRow(tr("Seed"), m_seed);
  m_batch = new QSpinBox(group);
  m_batch->setRange(2, 8192);
  m_batch->setValue(1000);
  form->addRow(tr("Samples"), m_batch);
  m_metric = new QComboBox(group);
  m_metric->addItem(tr("Energy distance"), static_cast<int>(SampleMetric::EnergyDistance));
  m_metric->addItem(tr("Sliced Wasserstein W₂"), static_cast<int>(SampleMetric::SlicedWasserstein));
  form->addRow(tr("Distance"), m_metric);
  connect(m_metric, &QComboBox::currentIndexChanged, this, &SamplerComparisonView::lectureEquationChanged);
  m_spacing = new QComboBox(group);
  m_spacing->addItem(tr("recommended per sampler"), -1);
  for (difflab::TimestepSpacing sp : difflab::timestep_spacings())
    if (sp != difflab::TimestepSpacing::Custom)
      m_spacing->addItem(QString::fromStdString(difflab::timestep_spacing_name(sp)), static_cast<int>(sp));
  m_spacing->setToolTip(
      tr("Each sampler's recommended spacing (measured on the exact mixtures, docs/samplers.md), "
         "or one spacing for all"));
  form->addRow(tr("Spacing"), m_spacing);
  sideLayout->addWidget(group);

  m_optimiser = new StepOptimiserPanel(side);
  sideLayout->addWidget(m_optimiser);
  setSamplers({QStringLiteral("ddim"), QStringLiteral("euler"), QStringLiteral("heun"), QStringLiteral("dpmpp-2m")});

  sideLayout->addStretch(1);

  m_run = new RunBar({tr("Run")}, tr("Cancel"), tr("no run yet"), this);
  m_status = m_run->statusLabel();

  m_plot = ComparisonPictures::makePlot(this);
  emptyplot::install(m_plot, tr("no distances yet"));

  m_grid = new QTableWidget(this);
  m_grid->setIconSize(QSize(kThumb, kThumb));
  m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_grid->horizontalHeader()->setDefaultSectionSize(kThumb + 12);
  m_grid->verticalHeader()->setDefaultSectionSize(kThumb + 12);

  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(m_plot);
  splitter->addWidget(m_grid);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);
  sidepanel::remember(splitter, QStringLiteral("comparison-plot"));
  sidepanel::install(this, QStringLiteral("comparison"), side, m_run, splitter);
}

ModelSourceBox* SamplerComparisonView::modelBox() const { return m_panel->sourceBox(); }
QPushButton* SamplerComparisonView::runButton() const { return m_run->action(0); }
QPushButton* SamplerComparisonView::cancelButton() const { return m_run->cancelButton(); }
QProgressBar* SamplerComparisonView::progressBar() const { return m_run->progressBar(); }
QPushButton* SamplerComparisonView::optimiseButton() const { return m_optimiser->optimiseButton(); }
QSpinBox* SamplerComparisonView::optimiseStepsBox() const { return m_optimiser->stepsBox(); }
const std::vector<double>& SamplerComparisonView::optimisedTimesteps() const { return m_optimiser->timesteps(); }
const QString& SamplerComparisonView::optimisedSampler() const { return m_optimiser->sampler(); }

void SamplerComparisonView::clearResults() {
  const bool wasRunning = m_worker->isRunning();
  m_worker->requestStop();
  m_model.reset();
  dropOptimisedSteps();
  m_cells.clear();
  m_request = ComparisonRequest();
  m_floor = 0.0;
  m_grid->clear();
  m_grid->setRowCount(0);
  m_grid->setColumnCount(0);
  progressBar()->setFormat(tr("no run yet"));
  progressBar()->setRange(0, 1);
  progressBar()->setValue(0);
  // A run cut short by the switch is said so, not dropped without a word.
  m_switchNote = wasRunning ? tr("The run was stopped: the model changed. Run again for the new model.") : QString();
  m_run->showStatus(m_switchNote);
  replotCurves();
  m_panel->ensure({});  // the new model opens now: its description shows before the first run
}

void SamplerComparisonView::setSamplers(const QStringList& names) {
  for (int i = 0; i < m_samplers->count(); ++i) {
    QListWidgetItem* item = m_samplers->item(i);
    item->setCheckState(names.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
  }
}

QStringList SamplerComparisonView::checkedSamplers() const {
  QStringList names;
  for (int i = 0; i < m_samplers->count(); ++i)
    if (m_samplers->item(i)->checkState() == Qt::Checked) names << m_samplers->item(i)->data(Qt::UserRole).toString();
  return names;
}

std::vector<int> SamplerComparisonView::stepCounts() const {
  std::vector<int> steps;
  for (const QString& part : m_steps->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const int n = part.trimmed().toInt(&ok);
    if (ok && n >= 1 && n <= 1000) steps.push_back(n);
  }
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  return steps;
}

void SamplerComparisonView::run() {
  m_switchNote.clear();
  m_status->setStyleSheet(QString());
  const QStringList names = checkedSamplers();
  const std::vector<int> steps = stepCounts();
  if (names.isEmpty() || steps.empty()) {
    m_status->setText(tr("Choose at least one sampler and one step count."));
    return;
  }
  if (!m_panel->ensure([this] { run(); })) return;  // runs again once the model is open
  const auto metric = static_cast<SampleMetric>(m_metric->currentData().toInt());
  const int64_t batch = m_model->isPoints() ? m_batch->value() : std::min(m_batch->value(), 16);
  std::vector<int64_t> shape{batch};
  for (int64_t d : m_model->sampleShape()) shape.push_back(d);

  // Settings the schedule cannot take (more steps than T on an integer grid) are refused before the run, and
  // the previous results stay.
  for (const QString& name : names)
    for (int n : steps) {
      difflab::SamplerOptions at = difflab::recommended_sampler_options(name.toStdString(), n);
      if (const int sp = m_spacing->currentData().toInt(); sp >= 0)
        at.spacing = static_cast<difflab::TimestepSpacing>(sp);
      try {
        difflab::sampler_timesteps(m_model->denoiser->schedule(), at);
      } catch (const std::exception& e) {
        m_run->showError(
            tr("%1 at %2 steps: %3").arg(name).arg(n).arg(QString::fromStdString(difflab::user_message(e.what()))));
        return;
      }
    }

  m_request = ComparisonRequest();
  m_request.denoiser = m_model->denoiser;
  m_request.steps = steps;
  m_request.xT = difflab::initial_noise(shape, static_cast<uint64_t>(m_seed->value()));
  m_request.reference = m_model->dataPoints;
  m_request.metric = metric;
  const int spacing = m_spacing->currentData().toInt();
  QStringList rowNames;
  for (const QString& name : names) rowNames << ComparisonPictures::samplerTitle(name.toStdString());
  for (const QString& name : names) {
    difflab::SamplerOptions o = difflab::recommended_sampler_options(name.toStdString(), steps.front());
    if (spacing >= 0) o.spacing = static_cast<difflab::TimestepSpacing>(spacing);
    o.seed = static_cast<uint64_t>(m_seed->value());
    m_request.samplers.push_back(o);
  }
  if (!optimisedTimesteps().empty()) {  // the optimised grid: one cell, at its own step count
    difflab::SamplerOptions o = difflab::recommended_sampler_options(optimisedSampler().toStdString(), 1);
    o.spacing = difflab::TimestepSpacing::Custom;
    o.custom_timesteps = optimisedTimesteps();
    o.seed = static_cast<uint64_t>(m_seed->value());
    m_request.samplers.push_back(o);
    rowNames << tr("%1 (optimised)").arg(ComparisonPictures::samplerTitle(optimisedSampler().toStdString()));
  }

  // The floor: an independent draw of the data scored like a sampler's output.
  m_floor = ComparisonPictures::floorDistance(*m_model, batch, metric);
  m_range = samplepictures::pointBounds(m_model->dataPoints);

  m_cells.clear();
  m_grid->clear();
  m_grid->setRowCount(rowNames.size());
  m_grid->setColumnCount(static_cast<int>(steps.size()));
  QStringList rowTitles, columnTitles;
  for (const QString& name : rowNames) rowTitles << name;
  for (int n : steps) columnTitles << tr("%n step(s)", nullptr, n);
  m_grid->setVerticalHeaderLabels(rowTitles);
  m_grid->setHorizontalHeaderLabels(columnTitles);
  replotCurves();
  m_status->setText(m_model->dataPoints.defined()
                        ? tr("Running %1 samplers × %2 step counts…").arg(names.size()).arg(steps.size())
                        : tr("Running (no 2-D data to measure against: results only)…"));
  m_worker->start(m_request);
}

void SamplerComparisonView::onCell(const ComparisonCell& cell) {
  m_cells.push_back(cell);
  if (m_cells.size() == 1) Q_EMIT lectureEquationChanged();  // the floor is measured now
  auto* item = new QTableWidgetItem;
  if (!cell.error.isEmpty()) {
    item->setText(tr("failed"));
    item->setToolTip(cell.error);
  } else {
    QImage picture =
        m_model && m_model->isPoints()
            ? samplepictures::scatterImage(cell.samples, m_model->dataPoints, m_range, QSize(kThumb, kThumb),
                                           ComparisonPictures::color(cell.sampler))
            : samplepictures::imageGrid(cell.samples.narrow(0, 0, std::min<int64_t>(16, cell.samples.size(0))));
    item->setIcon(QIcon(QPixmap::fromImage(picture.scaled(kThumb, kThumb, Qt::KeepAspectRatio))));
    QString tip = tr("NFE %1, %2 s").arg(cell.nfe).arg(cell.seconds, 0, 'f', 2);
    if (std::isfinite(cell.distance)) tip += tr(", distance %1").arg(cell.distance, 0, 'g', 4);
    item->setToolTip(tip);
  }
  m_grid->setItem(cell.sampler, cell.stepsIndex, item);
  replotCurves();
}

void SamplerComparisonView::replotCurves() { ComparisonPictures::showCurves(m_plot, m_request, m_cells, m_floor); }

SamplerComparisonView::~SamplerComparisonView() = default;  // the runners (children) stop their jobs and join

void SamplerComparisonView::optimiseSteps() {
  if (m_optimiser->isRunning()) {  // a second click stops the search; it reports the best grid so far
    m_optimiser->stop();
    return;
  }
  QString name;
  for (const QString& candidate : checkedSamplers())
    if (!difflab::sampler_info(candidate.toStdString()).stochastic) {
      name = candidate;
      break;
    }
  if (name.isEmpty()) {
    m_status->setText(
        tr("Check a deterministic sampler (DDIM with η = 0 is not one here; e.g. DPM-Solver++(2M) or "
           "UniPC): optimised steps follow the ODE."));
    return;
  }
  if (!m_panel->ensure([this] { optimiseSteps(); })) return;
  const bool points = m_model->isPoints();
  m_optimiser->optimise(m_model->denoiser, name, points ? std::min(m_batch->value(), 512) : 8,
                        static_cast<uint64_t>(m_seed->value()) + 1,  // other latents than the comparison's
                        points ? 400 : 60, m_panel->spec());
}

bool SamplerComparisonView::isOptimising() const { return m_optimiser->isRunning(); }

void SamplerComparisonView::dropOptimisedSteps() {
  if (m_optimiser->drop())
    m_status->setText(tr("The optimised steps were for the previous model or schedule: optimise again."));
}

bool SamplerComparisonView::saveOptimisedSteps(const QString& path) {
  QString error;
  if (!m_optimiser->save(path, &error)) {
    m_status->setText(error);
    return false;
  }
  m_status->setText(tr("Saved the optimised steps to %1.").arg(path));
  return true;
}

QString SamplerComparisonView::lectureEquation() const {
  const bool sliced = m_metric->currentData().toInt() == static_cast<int>(SampleMetric::SlicedWasserstein);
  // The floor is measured for mixtures only (an independent draw); 0 means "not measured".
  return lecture::sampleDistance(sliced,
                                 m_cells.empty() || m_floor <= 0 ? std::numeric_limits<double>::quiet_NaN() : m_floor);
}
