// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "data/dataset_catalog.h"
#include "data/gaussian_mixture.h"
#include "model/denoiser.h"
#include "model/gaussian_mixture_denoiser.h"
#include "sampling/sampler.h"
#include "sampling/sampler_parameters.h"
#include "sampling/step_optimizer.h"

#include <torch/torch.h>

#include "views/sampler_comparison_view.h"

#include "session/dataset_state.h"
#include "session/model_opener.h"
#include "session/schedule_state.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_export.h"
#include "widgets/side_panel.h"
#include "workers/job_runner.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

#include "lecture/lecture_equations.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QSaveFile>
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
const QColor kPalette[] = {QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
                           QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
                           QColor(188, 189, 34),  QColor(23, 190, 207)};

QColor paletteColor(int i) { return kPalette[i % static_cast<int>(std::size(kPalette))]; }

// The same fixed seed as the model's reference set, offset: an independent draw of the same distribution.
constexpr uint64_t kFloorSeed = 977;

// `n` points drawn independently of a learned 2-D model's reference points, from the same data: its toy recipe
// with another seed, or, for data read from a file (which ignores the seed), points the reference does not
// hold. Undefined when there are none to spare or the data set cannot be read again.
at::Tensor independentDraw(const SamplingModel& model, int64_t n) {
  try {
    const difflab::Dataset other = difflab::load_dataset(model.dataName.toStdString(), kFloorSeed);
    const at::Tensor& same = model.data->data;
    if (other.data.sizes() != same.sizes() || !other.data.equal(same))
      return other.data.narrow(0, 0, std::min<int64_t>(n, other.size())).to(torch::kFloat32);
    const int64_t used = model.dataPoints.size(0);
    if (same.size(0) - used < n) return {};
    return same.narrow(0, used, n).to(torch::kFloat32);
  } catch (const std::exception&) {
    return {};
  }
}

// The legend's and the grid's name of a sampler: its title.
QString samplerTitle(const std::string& name) { return QString::fromStdString(difflab::sampler_info(name).title); }

}  // namespace

SamplerComparisonView::SamplerComparisonView(ScheduleState* schedule, ModelSession* session, QWidget* parent)
    : QWidget(parent), m_schedule(schedule) {
  m_worker = new ComparisonWorker(this);
  m_optimiser = new JobRunner(QStringLiteral("step optimiser"), this);
  m_panel = new ModelPanel(session, schedule, /*clipX0=*/true, /*loadImageData=*/false, this);
  buildLayout();
  // The model is opened off the GUI thread when a run needs it, and again only after its settings change.
  // Results and optimised steps belong to one model and schedule: a switch drops them (and their Save).
  connect(m_panel, &ModelPanel::modelChanged, this, &SamplerComparisonView::clearResults);
  connect(m_panel, &ModelPanel::openingStarted, this, [this](const QString& spec) {
    m_status->setStyleSheet(QString());
    m_status->setText(ModelOpener::openingText(spec));
  });
  connect(m_panel, &ModelPanel::opened, this, [this](const std::shared_ptr<const SamplingModel>& model) {
    m_model = *model;
    if (!m_worker->isRunning()) m_status->clear();  // not "Opening …" beside the opened model
  });
  connect(m_panel, &ModelPanel::failed, this, [this](const QString& message) {
    m_model.reset();
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(tr("Cannot open the model: %1").arg(message));
  });
  connect(m_run, &QPushButton::clicked, this, &SamplerComparisonView::run);
  connect(m_optimise, &QPushButton::clicked, this, &SamplerComparisonView::optimiseSteps);
  connect(m_saveSteps, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save optimised steps"),
        QStringLiteral("%1-%2-steps.json").arg(m_optimisedSampler).arg(static_cast<int>(m_optimised.size()) - 1),
        tr("JSON (*.json)"));
    if (!path.isEmpty()) saveOptimisedSteps(path);
  });
  connect(m_cancel, &QPushButton::clicked, m_worker, &ComparisonWorker::requestStop);
  for (auto end : {&JobRunner::finished, &JobRunner::cancelled})
    connect(m_optimiser, end, this, [this] { m_optimise->setText(tr("Optimise steps")); });
  connect(m_optimiser, &JobRunner::failed, this, [this](quint64, const QString& message) {
    m_optimise->setText(tr("Optimise steps"));
    if (m_discardOptimisation) return;
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(tr("Optimising failed: %1").arg(message));
  });
  connect(m_worker, &ComparisonWorker::started, this, [this](int cells) {
    m_progress->setFormat(tr("%v / %m runs"));
    m_progress->setRange(0, cells);
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
  });
  connect(m_worker, &ComparisonWorker::progress, this, [this](int done) { m_progress->setValue(done); });
  connect(m_worker, &ComparisonWorker::cellFinished, this, &SamplerComparisonView::onCell);
  connect(m_worker, &ComparisonWorker::finished, this, [this] {
    m_cancel->setEnabled(false);
    m_status->setText(tr("Done: %n result(s).", nullptr, static_cast<int>(m_cells.size())));
    Q_EMIT comparisonFinished();
  });
  connect(m_worker, &ComparisonWorker::cancelled, this, [this] {
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelled."));
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

  // Optimised steps (Align Your Steps / GITS idea): the step times of one deterministic sampler that best follow
  // the exact ODE from the same noise.
  auto* optimiseGroup = new QGroupBox(tr("Optimised steps"), side);
  auto* optimiseForm = new QFormLayout(optimiseGroup);
  m_optimiseSteps = new QSpinBox(optimiseGroup);
  m_optimiseSteps->setRange(2, 100);
  m_optimiseSteps->setValue(10);
  m_optimiseSteps->setToolTip(tr("Steps of the grid to optimise, for the first checked deterministic sampler"));
  optimiseForm->addRow(tr("Steps"), m_optimiseSteps);
  auto* optimiseRow = new QHBoxLayout;
  m_optimise = new QPushButton(tr("Optimise steps"), optimiseGroup);
  m_optimise->setToolTip(
      tr("Search t_1 > … > t_{N−1} so that the sampler's samples come closest to the RK45 solution "
         "of the probability-flow ODE (Sabour et al. 2024; Chen et al. 2024)"));
  m_saveSteps = new QPushButton(tr("Save…"), optimiseGroup);
  m_saveSteps->setEnabled(false);
  m_saveSteps->setToolTip(tr("Save the optimised grid as JSON (difflab-cli sample --timesteps-file)"));
  optimiseRow->addWidget(m_optimise);
  optimiseRow->addWidget(m_saveSteps);
  optimiseForm->addRow(optimiseRow);
  sideLayout->addWidget(optimiseGroup);
  setSamplers({QStringLiteral("ddim"), QStringLiteral("euler"), QStringLiteral("heun"), QStringLiteral("dpmpp-2m")});

  sideLayout->addStretch(1);

  auto* runPanel = new QWidget;
  auto* runLayout = new QVBoxLayout(runPanel);
  runLayout->setContentsMargins(0, 0, 0, 0);
  auto* runRow = new QHBoxLayout;
  m_run = new QPushButton(tr("Run"), runPanel);
  m_cancel = new QPushButton(tr("Cancel"), runPanel);
  m_cancel->setEnabled(false);
  runRow->addWidget(m_run);
  runRow->addWidget(m_cancel);
  runLayout->addLayout(runRow);
  m_progress = new QProgressBar(runPanel);
  m_progress->setFormat(tr("no run yet"));  // "%v / %m runs" once a run starts
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  runLayout->addWidget(m_progress);
  m_status = new QLabel(runPanel);
  m_status->setWordWrap(true);
  m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  runLayout->addWidget(m_status);

  m_plot = new QCustomPlot(this);
  plotexport::installPlotExportMenu(m_plot);
  m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
  m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
  m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_plot->xAxis->setLabel(tr("network evaluations (NFE)"));
  m_plot->yAxis->setLabel(tr("distance to the data"));
  m_plot->legend->setVisible(false);  // shown once there are curves: never an empty box
  // Before any run the axes show the usual span of a comparison: 1–1000 evaluations, distances 1e-3–1.
  m_plot->xAxis->setRange(1, 1000);
  m_plot->yAxis->setRange(1e-3, 1);
  // Top right: distances fall with the evaluations, so that corner of a log-log error plot stays empty.
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  m_plot->setMinimumHeight(260);

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
  sidepanel::install(this, QStringLiteral("comparison"), side, runPanel, splitter);
}

ModelSourceBox* SamplerComparisonView::modelBox() const { return m_panel->sourceBox(); }

void SamplerComparisonView::clearResults() {
  m_worker->requestStop();
  m_model.reset();
  dropOptimisedSteps();
  m_cells.clear();
  m_request = ComparisonRequest();
  m_floor = 0.0;
  m_grid->clear();
  m_grid->setRowCount(0);
  m_grid->setColumnCount(0);
  m_progress->setFormat(tr("no run yet"));
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_status->setStyleSheet(QString());
  m_status->clear();
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
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_status->setText(
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
  for (const QString& name : names) rowNames << samplerTitle(name.toStdString());
  for (const QString& name : names) {
    difflab::SamplerOptions o = difflab::recommended_sampler_options(name.toStdString(), steps.front());
    if (spacing >= 0) o.spacing = static_cast<difflab::TimestepSpacing>(spacing);
    o.seed = static_cast<uint64_t>(m_seed->value());
    m_request.samplers.push_back(o);
  }
  if (!m_optimised.empty()) {  // the optimised grid: one cell, at its own step count
    difflab::SamplerOptions o = difflab::recommended_sampler_options(m_optimisedSampler.toStdString(), 1);
    o.spacing = difflab::TimestepSpacing::Custom;
    o.custom_timesteps = m_optimised;
    o.seed = static_cast<uint64_t>(m_seed->value());
    m_request.samplers.push_back(o);
    rowNames << tr("%1 (optimised)").arg(samplerTitle(m_optimisedSampler.toStdString()));
  }

  // The floor: an independent draw of the data (from the mixture, or the learned model's data set) scored like
  // a sampler's output.
  m_floor = 0.0;
  if (auto* mixture = dynamic_cast<difflab::GaussianMixtureDenoiser*>(m_model->denoiser.get());
      mixture && m_model->dataPoints.defined()) {
    m_floor = ComparisonWorker::distance(difflab::sample_gaussian_mixture(mixture->mixture(), batch, kFloorSeed),
                                         m_model->dataPoints, metric);
  } else if (m_model->isPoints() && m_model->data && m_model->dataPoints.defined()) {
    if (const at::Tensor draw = independentDraw(*m_model, batch); draw.defined() && draw.size(0) == batch)
      m_floor = ComparisonWorker::distance(draw, m_model->dataPoints, metric);
  }
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
                                           paletteColor(cell.sampler))
            : samplepictures::imageGrid(cell.samples.narrow(0, 0, std::min<int64_t>(16, cell.samples.size(0))));
    item->setIcon(QIcon(QPixmap::fromImage(picture.scaled(kThumb, kThumb, Qt::KeepAspectRatio))));
    QString tip = tr("NFE %1, %2 s").arg(cell.nfe).arg(cell.seconds, 0, 'f', 2);
    if (std::isfinite(cell.distance)) tip += tr(", distance %1").arg(cell.distance, 0, 'g', 4);
    item->setToolTip(tip);
  }
  m_grid->setItem(cell.sampler, cell.stepsIndex, item);
  replotCurves();
}

void SamplerComparisonView::replotCurves() {
  m_plot->clearGraphs();
  double lo = std::numeric_limits<double>::infinity(), hi = 0, nfeMax = 1;
  for (size_t s = 0; s < m_request.samplers.size(); ++s) {
    QVector<double> nfe, distance;
    for (const ComparisonCell& c : m_cells)
      if (c.sampler == static_cast<int>(s) && c.error.isEmpty() && std::isfinite(c.distance) && c.distance > 0) {
        nfe << static_cast<double>(c.nfe);
        distance << c.distance;
        lo = std::min(lo, c.distance);
        hi = std::max(hi, c.distance);
        nfeMax = std::max(nfeMax, static_cast<double>(c.nfe));
      }
    QCPGraph* g = m_plot->addGraph();
    const auto& options = m_request.samplers[s];
    g->setName(
        options.spacing == difflab::TimestepSpacing::Custom
            ? tr("%1 (optimised)").arg(samplerTitle(options.name))
            : QStringLiteral("%1 · %2").arg(samplerTitle(options.name),
                                            QString::fromStdString(difflab::timestep_spacing_name(options.spacing))));
    if (options.spacing == difflab::TimestepSpacing::Custom)
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, 12));
    g->setPen(QPen(paletteColor(static_cast<int>(s)), 2));
    if (options.spacing != difflab::TimestepSpacing::Custom)
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    g->setData(nfe, distance);
  }
  if (m_floor > 0) {
    QCPGraph* floor = m_plot->addGraph();
    floor->setName(tr("data vs data"));
    floor->setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
    floor->setData({1.0, std::max(2.0, nfeMax * 1.5)}, {m_floor, m_floor});
    lo = std::min(lo, m_floor);
    hi = std::max(hi, m_floor);
  }
  if (hi > 0) {
    m_plot->xAxis->setRange(0.8, std::max(2.0, nfeMax * 1.5));
    m_plot->yAxis->setRange(lo / 2, hi * 2);
  }
  m_plot->legend->setVisible(m_plot->graphCount() > 0);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

SamplerComparisonView::~SamplerComparisonView() = default;  // the runners (children) stop their jobs and join

void SamplerComparisonView::optimiseSteps() {
  if (m_optimiser->isRunning()) {  // a second click stops the search; it reports the best grid so far
    m_optimiser->requestStop();
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
  difflab::StepOptimizerOptions options;
  options.sampler = difflab::recommended_sampler_options(name.toStdString(), m_optimiseSteps->value());
  options.batch = m_model->isPoints() ? std::min(m_batch->value(), 512) : 8;
  options.seed = static_cast<uint64_t>(m_seed->value()) + 1;  // other latents than the comparison's
  options.max_evaluations = m_model->isPoints() ? 400 : 60;
  auto denoiser = m_model->denoiser;
  const std::string model = m_panel->spec().toStdString();
  m_discardOptimisation = false;
  m_optimise->setText(tr("Stop optimising"));
  m_status->setStyleSheet(QString());
  m_status->setText(tr("Optimising %1 steps of %2…").arg(options.sampler.steps).arg(name));
  m_optimiser->start([this, denoiser, options, model, name](const JobRunner::Context& c) -> std::function<void()> {
    torch::NoGradGuard noGrad;
    const difflab::StepOptimizerResult result = difflab::optimise_steps(
        *denoiser, options, {},
        [this, &c](double f, double e) {
          c.post([this, f, e] {
            m_status->setText(tr("Optimising… %1 %, error %2").arg(int(100 * f)).arg(e, 0, 'g', 3));
          });
        },
        c.stop);
    const std::string json = difflab::step_optimizer_json(result, options, model);
    return [this, result, json, name] { showOptimisedSteps(result, json, name); };
  });
}

bool SamplerComparisonView::isOptimising() const { return m_optimiser->isRunning(); }

void SamplerComparisonView::showOptimisedSteps(const difflab::StepOptimizerResult& result, const std::string& json,
                                               const QString& sampler) {
  if (m_discardOptimisation) return;  // the model or schedule changed meanwhile: the result is for the old one
  m_optimised = result.timesteps;
  m_optimisedSampler = sampler;
  m_optimisedJson = json;
  m_saveSteps->setEnabled(true);
  double bestFixed = std::numeric_limits<double>::infinity();
  for (const auto& [spacing, e] : result.fixed_errors) bestFixed = std::min(bestFixed, e);
  m_status->setText(tr("%1 at %2 steps: RMS distance to the exact ODE %3 with optimised steps, %4 with the "
                       "best fixed spacing (%5 sampler runs). Run to compare.")
                        .arg(sampler)
                        .arg(static_cast<int>(result.timesteps.size()) - 1)
                        .arg(result.error, 0, 'g', 3)
                        .arg(bestFixed, 0, 'g', 3)
                        .arg(result.evaluations));
  Q_EMIT samplingTimesChanged(result.timesteps);
  Q_EMIT optimisationFinished();
}

void SamplerComparisonView::dropOptimisedSteps() {
  if (m_optimiser->isRunning()) {  // a running search is for the old model: stop it and drop what it finds
    m_optimiser->requestStop();
    m_discardOptimisation = true;
  }
  if (m_optimised.empty()) return;
  m_optimised.clear();
  m_optimisedJson.clear();
  m_optimisedSampler.clear();
  m_saveSteps->setEnabled(false);
  m_status->setText(tr("The optimised steps were for the previous model or schedule: optimise again."));
}

bool SamplerComparisonView::saveOptimisedSteps(const QString& path) {
  if (m_optimisedJson.empty()) {
    m_status->setText(tr("No optimised steps yet: press Optimise steps first."));
    return false;
  }
  QSaveFile file(path);  // atomic: written to a temporary file, then renamed
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(m_optimisedJson.data(), static_cast<qint64>(m_optimisedJson.size())) !=
          static_cast<qint64>(m_optimisedJson.size()) ||
      !file.commit()) {
    m_status->setText(tr("Cannot write %1: %2").arg(path, file.errorString()));
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
