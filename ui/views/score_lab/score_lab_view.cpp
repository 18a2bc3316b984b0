#include "data/gaussian_mixture.h"
#include "data/toy_datasets.h"
#include "io/animation_frames.h"
#include "ode/ode_likelihood.h"
#include "score/langevin.h"
#include "score/score_field.h"
#include "score/score_matching.h"

#include <ATen/Parallel.h>

#include "session/sampling_model.h"
#include "session/schedule_state.h"
#include "views/score_lab/score_lab_view.h"
#include "widgets/animation_export_dialog.h"
#include "widgets/equal_aspect.h"
#include "session/model_opener.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_export.h"
#include "widgets/side_panel.h"
#include "workers/animation_exporter.h"
#include "workers/intra_op_threads.h"
#include "workers/job_runner.h"

#include <qcustomplot.h>

#include "lecture/lecture_equations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <thread>

using namespace difflab;

namespace {

constexpr int kParticleFramesMax = 200;  // frames kept for the export and shown in the animation
constexpr int kTrailParticles = 60, kTrailLength = 14;

QVector<double> column(const at::Tensor& t, int64_t c) {
  const at::Tensor col = t.select(1, c).to(at::kDouble).contiguous();
  return QVector<double>(col.data_ptr<double>(), col.data_ptr<double>() + col.numel());
}

// Arrows as one curve: shaft p → tip, then a "V" head, each piece ended by NaN (a gap in QCPCurve).
void setArrows(QCPCurve* curve, const at::Tensor& points, const at::Tensor& field, double cell, double scale) {
  QVector<double> xs, ys;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (field.defined()) {
    const auto p = points.to(at::kDouble).contiguous(), f = field.to(at::kDouble).contiguous();
    const double* pp = p.data_ptr<double>();
    const double* fp = f.data_ptr<double>();
    for (int64_t i = 0; i < p.size(0); ++i) {
      double dx = fp[2 * i] / scale * 0.9 * cell, dy = fp[2 * i + 1] / scale * 0.9 * cell;
      const double len = std::hypot(dx, dy);
      if (!std::isfinite(len)) continue;
      if (len > 1.3 * cell) dx *= 1.3 * cell / len, dy *= 1.3 * cell / len;
      const double x0 = pp[2 * i], y0 = pp[2 * i + 1], x1 = x0 + dx, y1 = y0 + dy;
      const double h = 0.3 * std::min(std::hypot(dx, dy), cell), a = std::atan2(dy, dx);
      xs << x0 << x1 << nan << x1 - h * std::cos(a - 0.45) << x1 << x1 - h * std::cos(a + 0.45) << nan;
      ys << y0 << y1 << nan << y1 - h * std::sin(a - 0.45) << y1 << y1 - h * std::sin(a + 0.45) << nan;
    }
  }
  curve->setData(xs, ys);
}

QString fieldSourceName(ScoreLabView::FieldSource s) {
  switch (s) {
    case ScoreLabView::FieldSource::Dsm: return ScoreLabView::tr("the DSM network");
    case ScoreLabView::FieldSource::Ssm: return ScoreLabView::tr("the SSM network");
    case ScoreLabView::FieldSource::Model: return ScoreLabView::tr("the model");
    default: return ScoreLabView::tr("the exact score");
  }
}

}  // namespace

ScoreLabView::ScoreLabView(ScheduleState* schedule, ModelSession* session, QWidget* parent)
    : QWidget(parent),
      m_schedule(schedule),
      m_session(session),
      m_lastDsm(std::numeric_limits<double>::quiet_NaN()),
      m_lastSsm(std::numeric_limits<double>::quiet_NaN()) {
  m_runner = new JobRunner(QStringLiteral("score lab"), this);
  buildUi();
  connect(m_runner, &JobRunner::progress, this, [this](quint64, double f) { m_progress->setValue(int(1000 * f)); });
  connect(m_runner, &JobRunner::finished, this, [this](quint64) { setBusy(false, {}); });
  connect(m_runner, &JobRunner::cancelled, this, [this](quint64) { setBusy(false, tr("Stopped.")); });
  connect(m_runner, &JobRunner::failed, this, [this](quint64, const QString& message) { setBusy(false, message); });
  connect(m_schedule, &ScheduleState::changed, this, [this] {
    m_t->setMaximum(int(m_schedule->schedule().timesteps()));
    m_tSlider->setMaximum(m_t->maximum());
    updateSigmaLabel();  // α and σ at the same t under the new schedule
    rebuildReference();
  });
  rebuildReference();
}

ScoreLabView::~ScoreLabView() {
  // Stop and join the worker before the members its job reads (the live settings) are destroyed.
  delete m_runner;
  m_runner = nullptr;
}

bool ScoreLabView::isBusy() const { return m_runner->isRunning(); }

void ScoreLabView::buildUi() {
  auto* settings = new QWidget(this);
  auto* column = new QVBoxLayout(settings);
  column->setContentsMargins(0, 0, 0, 0);

  auto* fieldGroup = new QGroupBox(tr("Score field"), settings);
  auto* ff = new QFormLayout(fieldGroup);
  m_data = new QComboBox(fieldGroup);
  m_data->setObjectName(QStringLiteral("data"));
  for (const std::string& name : mixture_preset_names())
    m_data->addItem(tr("mixture: %1").arg(QString::fromStdString(name)),
                    QStringLiteral("mix:%1").arg(QString::fromStdString(name)));
  m_data->addItem(tr("two moons (data points)"), QStringLiteral("toy:two-moons"));
  m_data->addItem(tr("swiss roll (data points)"), QStringLiteral("toy:swiss-roll"));
  m_data->addItem(tr("checkerboard (data points)"), QStringLiteral("toy:checkerboard"));
  m_data->setToolTip(
      tr("A mixture's score is exact. For data that are not a mixture the reference is the exact score "
         "of 4000 further points drawn from the same recipe (Karras et al. 2022's ideal denoiser)."));
  ff->addRow(tr("Data"), m_data);
  m_t = new QSpinBox(fieldGroup);
  m_t->setObjectName(QStringLiteral("t"));
  m_t->setRange(1, int(m_schedule->schedule().timesteps()));
  m_t->setValue(50);
  m_tSlider = new QSlider(Qt::Horizontal, fieldGroup);
  m_tSlider->setRange(1, m_t->maximum());
  m_tSlider->setValue(50);
  ff->addRow(tr("Time t"), m_t);
  ff->addRow(QString(), m_tSlider);
  m_sigma = new QLabel(fieldGroup);
  ff->addRow(QString(), m_sigma);
  m_field = new QComboBox(fieldGroup);
  m_field->setObjectName(QStringLiteral("field"));
  m_field->addItem(tr("exact score"));
  m_field->addItem(tr("DSM network against exact"));
  m_field->addItem(tr("SSM network against exact"));
  m_field->addItem(tr("the model (below) against exact"));
  ff->addRow(tr("Arrows"), m_field);
  m_heat = new QComboBox(fieldGroup);
  m_heat->setObjectName(QStringLiteral("heat"));
  m_heat->addItem(tr("log p_t (exact)"));
  m_heat->addItem(tr("error ‖s_θ − s*‖²"));
  m_heat->addItem(tr("log p_t of the arrows' model (ODE)"));
  m_heat->setToolTip(
      tr("The model's own density comes from the probability-flow ODE likelihood (exact divergence), "
         "computed on the worker."));
  ff->addRow(tr("Heat map"), m_heat);
  m_grid = new QSpinBox(fieldGroup);
  m_grid->setObjectName(QStringLiteral("grid"));
  m_grid->setRange(8, 60);
  m_grid->setValue(25);
  ff->addRow(tr("Grid"), m_grid);
  column->addWidget(fieldGroup);

  // The model file the "model" sources follow: the window's current model unless pinned here. It is sampled
  // along the lab's schedule (model/rescheduled_denoiser.h), so its t is the reference's t.
  m_modelPanel = new ModelPanel(m_session, m_schedule, /*clipX0=*/false, /*loadImageData=*/false, settings);
  m_modelPanel->opener()->setUseLabSchedule(true);
  m_modelPanel->labScheduleBox()->setVisible(false);
  column->addWidget(m_modelPanel);

  auto* langevinGroup = new QGroupBox(tr("Langevin dynamics"), settings);
  auto* lf = new QFormLayout(langevinGroup);
  m_langevinSource = new QComboBox(langevinGroup);
  m_langevinSource->setObjectName(QStringLiteral("langevin_source"));
  m_langevinSource->addItem(tr("exact score"));
  m_langevinSource->addItem(tr("DSM network"));
  m_langevinSource->addItem(tr("SSM network"));
  m_langevinSource->addItem(tr("the model"));
  lf->addRow(tr("Score"), m_langevinSource);
  m_annealed = new QCheckBox(tr("Annealed (Song && Ermon 2019)"), langevinGroup);
  m_annealed->setObjectName(QStringLiteral("annealed"));
  lf->addRow(m_annealed);
  m_particles = new QSpinBox(langevinGroup);
  m_particles->setObjectName(QStringLiteral("particles"));
  m_particles->setRange(10, 20000);
  m_particles->setValue(1000);
  lf->addRow(tr("Particles"), m_particles);
  m_delta = new QDoubleSpinBox(langevinGroup);
  m_delta->setObjectName(QStringLiteral("delta"));
  m_delta->setDecimals(4);
  m_delta->setRange(0.0001, 1.0);
  m_delta->setSingleStep(0.001);
  m_delta->setValue(0.005);
  m_delta->setToolTip(tr("x ← x + δ ∇log p(x) + √(2δ) z"));
  lf->addRow(tr("Step δ"), m_delta);
  m_ratio = new QDoubleSpinBox(langevinGroup);
  m_ratio->setObjectName(QStringLiteral("ratio"));
  m_ratio->setDecimals(3);
  m_ratio->setRange(0.001, 1.9);
  m_ratio->setValue(0.1);
  m_ratio->setToolTip(tr("Annealed: the step at level i is δ_i = r σ_i²"));
  lf->addRow(tr("Step ratio r"), m_ratio);
  m_langevinSteps = new QSpinBox(langevinGroup);
  m_langevinSteps->setObjectName(QStringLiteral("langevin_steps"));
  m_langevinSteps->setRange(1, 100000);
  m_langevinSteps->setValue(300);
  lf->addRow(tr("Steps (per level)"), m_langevinSteps);
  m_levels = new QSpinBox(langevinGroup);
  m_levels->setObjectName(QStringLiteral("levels"));
  m_levels->setRange(2, 100);
  m_levels->setValue(10);
  lf->addRow(tr("Levels"), m_levels);
  m_sigmaMax = new QDoubleSpinBox(langevinGroup);
  m_sigmaMax->setObjectName(QStringLiteral("sigma_max"));
  m_sigmaMax->setRange(0.1, 100);
  m_sigmaMax->setValue(6.0);
  lf->addRow(tr("Largest σ"), m_sigmaMax);
  auto* startHint = new QLabel(tr("Drag on the plot to choose where the particles start."), langevinGroup);
  startHint->setWordWrap(true);
  lf->addRow(startHint);
  m_runLangevin = new QPushButton(tr("Run particles"), langevinGroup);
  m_export = new QPushButton(tr("Export animation…"), langevinGroup);
  m_export->setEnabled(false);
  auto* lbuttons = new QHBoxLayout;
  lbuttons->addWidget(m_runLangevin);
  lbuttons->addWidget(m_export);
  lf->addRow(lbuttons);
  column->addWidget(langevinGroup);
  auto syncAnnealed = [this] {
    const bool a = m_annealed->isChecked();
    m_ratio->setEnabled(a);
    m_levels->setEnabled(a);
    m_sigmaMax->setEnabled(a);
    m_delta->setEnabled(!a);
  };
  connect(m_annealed, &QCheckBox::toggled, this, syncAnnealed);
  syncAnnealed();

  auto* raceGroup = new QGroupBox(tr("Score matching: DSM against SSM"), settings);
  auto* rf = new QFormLayout(raceGroup);
  m_dsmPrediction = new QComboBox(raceGroup);
  m_dsmPrediction->setObjectName(QStringLiteral("dsm_prediction"));
  m_dsmPrediction->addItem(tr("ε (noise)"), int(PredictionType::Epsilon));
  m_dsmPrediction->addItem(tr("x₀ (clean data)"), int(PredictionType::X0));
  m_dsmPrediction->addItem(tr("v (velocity)"), int(PredictionType::V));
  rf->addRow(tr("DSM predicts"), m_dsmPrediction);
  m_raceSteps = new QSpinBox(raceGroup);
  m_raceSteps->setObjectName(QStringLiteral("race_steps"));
  m_raceSteps->setRange(10, 100000);
  m_raceSteps->setSingleStep(100);
  m_raceSteps->setValue(1000);
  rf->addRow(tr("Steps"), m_raceSteps);
  auto* raceHint = new QLabel(tr("Both networks start from the same weights and see the same batches. The SSM network "
                                 "needs no noise target, only a Jacobian–vector product."),
                              raceGroup);
  raceHint->setWordWrap(true);
  rf->addRow(raceHint);
  m_runRace = new QPushButton(tr("Train both"), raceGroup);
  rf->addRow(m_runRace);
  column->addWidget(raceGroup);
  column->addStretch(1);

  auto* run = new QWidget(this);
  auto* rl = new QVBoxLayout(run);
  rl->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  m_progress = new QProgressBar(run);
  m_progress->setRange(0, 1000);
  m_progress->setValue(0);
  m_stop = new QPushButton(tr("Stop"), run);
  m_stop->setEnabled(false);
  bar->addWidget(m_progress, 1);
  bar->addWidget(m_stop);
  rl->addLayout(bar);
  m_status = new QLabel(run);
  m_status->setWordWrap(true);
  rl->addWidget(m_status);

  auto* main = new QWidget(this);
  auto* ml = new QHBoxLayout(main);
  ml->setContentsMargins(0, 0, 0, 0);
  auto* left = new QVBoxLayout;
  m_plot = new QCustomPlot(main);
  m_plot->setMinimumSize(320, 320);
  m_plot->setInteraction(QCP::iRangeZoom, true);
  m_plot->setSelectionRectMode(QCP::srmCustom);
  m_heatMap = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  auto* scale = new QCPColorScale(m_plot);
  m_plot->plotLayout()->addElement(0, 1, scale);
  scale->setBarWidth(10);
  m_heatMap->setColorScale(scale);
  m_heatMap->setGradient(QCPColorGradient(QCPColorGradient::gpThermal).inverted());
  m_heatMap->setInterpolate(true);
  m_exactArrows = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_exactArrows->setPen(QPen(QColor(40, 40, 40), 1.2));
  m_exactArrows->setName(tr("exact score"));
  m_learnedArrows = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_learnedArrows->setPen(QPen(QColor(214, 39, 40), 1.4));
  m_learnedArrows->setName(tr("learned score"));
  m_trails = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_trails->setPen(QPen(QColor(31, 119, 180, 110), 1.0));
  m_trails->removeFromLegend();
  m_particleGraph = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
  m_particleGraph->setLineStyle(QCPGraph::lsNone);
  m_particleGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180), 4));
  m_particleGraph->setName(tr("particles"));
  m_regionItem = new QCPItemRect(m_plot);
  m_regionItem->setPen(QPen(QColor(31, 119, 180), 1.5, Qt::DashLine));
  m_plot->xAxis->setLabel(QStringLiteral("x₁"));
  m_plot->yAxis->setLabel(QStringLiteral("x₂"));
  m_plot->legend->setVisible(true);
  m_plot->legend->setBrush(QColor(255, 255, 255, 200));
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
  plotexport::installPlotExportMenu(m_plot);
  connect(m_plot->selectionRect(), &QCPSelectionRect::accepted, this, [this](const QRect& r, QMouseEvent*) {
    setStartRegion(m_plot->xAxis->pixelToCoord(r.left()), m_plot->yAxis->pixelToCoord(r.bottom()),
                   m_plot->xAxis->pixelToCoord(r.right()), m_plot->yAxis->pixelToCoord(r.top()));
  });
  left->addWidget(m_plot, 1);
  m_caption = new QLabel(main);
  m_caption->setWordWrap(true);
  m_caption->setTextFormat(Qt::RichText);
  left->addWidget(m_caption);
  ml->addLayout(left, 3);

  auto* right = new QVBoxLayout;
  m_histPlot = new QCustomPlot(main);
  m_histPlot->setMinimumSize(240, 130);
  m_particleBars = new QCPBars(m_histPlot->xAxis, m_histPlot->yAxis);
  m_trueBars = new QCPBars(m_histPlot->xAxis, m_histPlot->yAxis);
  m_particleBars->setName(tr("particles"));
  m_particleBars->setBrush(QColor(31, 119, 180, 200));
  m_particleBars->setPen(Qt::NoPen);
  m_trueBars->setName(tr("true weight"));
  m_trueBars->setBrush(QColor(150, 150, 150, 200));
  m_trueBars->setPen(Qt::NoPen);
  auto* group = new QCPBarsGroup(m_histPlot);
  m_particleBars->setBarsGroup(group);
  m_trueBars->setBarsGroup(group);
  m_histPlot->yAxis->setLabel(tr("fraction per mode"));
  m_histPlot->yAxis->setRange(0, 1);
  m_histPlot->legend->setVisible(true);
  m_histPlot->legend->setBrush(QColor(255, 255, 255, 200));
  plotexport::installPlotExportMenu(m_histPlot);
  right->addWidget(m_histPlot, 1);

  m_lossPlot = new QCustomPlot(main);
  m_lossPlot->setMinimumSize(240, 115);
  m_lossPlot->addGraph();
  m_lossPlot->graph(0)->setName(tr("DSM loss"));
  m_lossPlot->graph(0)->setPen(QPen(QColor(214, 39, 40), 1.5));
  m_lossPlot->addGraph();
  m_lossPlot->graph(1)->setName(tr("SSM loss + 1"));
  m_lossPlot->graph(1)->setPen(QPen(QColor(44, 160, 44), 1.5));
  m_lossPlot->xAxis->setLabel(tr("step"));
  m_lossPlot->legend->setVisible(true);
  m_lossPlot->legend->setBrush(QColor(255, 255, 255, 200));
  plotexport::installPlotExportMenu(m_lossPlot);
  right->addWidget(m_lossPlot, 1);

  m_errorPlot = new QCustomPlot(main);
  m_errorPlot->setMinimumSize(240, 115);
  m_errorPlot->addGraph();
  m_errorPlot->graph(0)->setName(tr("DSM field error"));
  m_errorPlot->graph(0)->setPen(QPen(QColor(214, 39, 40), 1.5));
  m_errorPlot->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  m_errorPlot->addGraph();
  m_errorPlot->graph(1)->setName(tr("SSM field error"));
  m_errorPlot->graph(1)->setPen(QPen(QColor(44, 160, 44), 1.5));
  m_errorPlot->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  m_errorPlot->yAxis->setScaleType(QCPAxis::stLogarithmic);
  m_errorPlot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_errorPlot->yAxis->setLabel(tr("E‖s_θ − s*‖² / E‖s*‖²"));
  m_errorPlot->xAxis->setLabel(tr("step"));
  m_errorPlot->legend->setVisible(true);
  m_errorPlot->legend->setBrush(QColor(255, 255, 255, 200));
  plotexport::installPlotExportMenu(m_errorPlot);
  right->addWidget(m_errorPlot, 1);
  ml->addLayout(right, 2);

  sidepanel::install(this, QStringLiteral("scoreLab"), settings, run, main);

  connect(m_data, &QComboBox::currentIndexChanged, this, [this] { rebuildReference(); });
  connect(m_t, &QSpinBox::valueChanged, this, [this](int v) {
    if (m_tSlider->value() != v) m_tSlider->setValue(v);
    updateSigmaLabel();
    refreshField();
  });
  connect(m_tSlider, &QSlider::valueChanged, m_t, &QSpinBox::setValue);
  for (QSpinBox* box : {m_t, m_levels})
    connect(box, &QSpinBox::valueChanged, this, &ScoreLabView::lectureEquationChanged);
  for (QDoubleSpinBox* box : {m_delta, m_ratio, m_sigmaMax})
    connect(box, &QDoubleSpinBox::valueChanged, this, &ScoreLabView::lectureEquationChanged);
  connect(m_annealed, &QCheckBox::toggled, this, &ScoreLabView::lectureEquationChanged);
  connect(m_schedule, &ScheduleState::changed, this, &ScoreLabView::lectureEquationChanged);
  connect(m_field, &QComboBox::currentIndexChanged, this, [this] { refreshField(); });
  connect(m_heat, &QComboBox::currentIndexChanged, this, [this] { refreshField(); });
  connect(m_grid, &QSpinBox::valueChanged, this, [this] { refreshField(); });
  connect(m_runLangevin, &QPushButton::clicked, this, &ScoreLabView::runLangevin);
  connect(m_runRace, &QPushButton::clicked, this, &ScoreLabView::runRace);
  connect(m_stop, &QPushButton::clicked, this, &ScoreLabView::stop);
  connect(m_export, &QPushButton::clicked, this, &ScoreLabView::exportParticles);
  connect(m_modelPanel, &ModelPanel::opened, this, &ScoreLabView::onModelOpened);
  connect(m_modelPanel, &ModelPanel::modelChanged, this, [this] {
    if (FieldSource(m_field->currentIndex()) == FieldSource::Model) refreshField();
  });
  connect(m_modelPanel, &ModelPanel::failed, this, [this](const QString& message) { m_status->setText(message); });
  connect(m_dsmPrediction, &QComboBox::currentIndexChanged, this, [this] {
    stop();
    m_race.reset();
    for (QCustomPlot* p : {m_lossPlot, m_errorPlot}) {
      for (int g = 0; g < p->graphCount(); ++g) p->graph(g)->data()->clear();
      p->replot();
    }
  });
  updateSigmaLabel();
}

void ScoreLabView::updateSigmaLabel() {
  const NoiseSchedule& s = m_schedule->schedule();
  const double u = m_t->value() / double(s.timesteps());
  const double a = s.alpha_cont(u), sig = s.sigma_vp_cont(u);
  m_sigma->setText(tr("α = %1, σ = %2, σ/α = %3").arg(a, 0, 'f', 3).arg(sig, 0, 'f', 3).arg(sig / a, 0, 'g', 3));
}

void ScoreLabView::rebuildReference() {
  stop();
  m_race.reset();
  m_frames.clear();
  m_fractions.clear();
  m_trail.clear();
  m_export->setEnabled(false);
  for (QCustomPlot* p : {m_lossPlot, m_errorPlot})
    for (int g = 0; g < p->graphCount(); ++g) p->graph(g)->data()->clear();
  m_lossPlot->replot();
  m_errorPlot->replot();
  m_particleGraph->data()->clear();
  m_trails->data()->clear();
  const QString key = m_data->currentData().toString();
  const NoiseSchedule& schedule = m_schedule->schedule();
  try {
    if (key.startsWith(QStringLiteral("mix:"))) {
      const std::string path = mixture_preset_path(key.mid(4).toStdString());
      std::ifstream in(path);
      const nlohmann::json json = nlohmann::json::parse(in);
      std::vector<std::string> classes;
      if (json.contains("classes") && json.at("classes").is_array())
        for (const auto& c : json.at("classes")) classes.push_back(c.get<std::string>());
      const GaussianMixture mixture = parse_gaussian_mixture(json, path);
      m_reference = mixture_reference(mixture, schedule, classes);
      m_train = sample_gaussian_mixture(mixture, 2000, 1);
    } else {
      const QString name = key.mid(4);
      auto make = [&](int64_t n, uint64_t seed) {
        return name == QLatin1String("two-moons")    ? make_two_moons(n, seed)
               : name == QLatin1String("swiss-roll") ? make_swiss_roll(n, seed)
                                                     : make_checkerboard(n, seed);
      };
      const Dataset reference = make(4000, 2);
      const bool labelled = !reference.class_names.empty();
      m_reference = empirical_reference(reference.data, labelled ? reference.labels : at::Tensor(),
                                        labelled ? reference.class_names : std::vector<std::string>{}, schedule);
      m_train = make(2000, 1).data.to(at::kFloat);
    }
  } catch (const std::exception& e) {
    m_reference.reset();
    m_status->setText(tr("Cannot use this data set: %1").arg(QString::fromStdString(e.what())));
    return;
  }
  // The view: the data's 1st–99th percentiles padded by 25 %.
  for (int c = 0; c < 2; ++c) {
    const at::Tensor col = m_train.select(1, c).to(at::kDouble);
    const double lo = col.quantile(0.01).item<double>(), hi = col.quantile(0.99).item<double>();
    const double pad = 0.25 * (hi - lo) + 0.2;
    m_extent[2 * c] = lo - pad;
    m_extent[2 * c + 1] = hi + pad;
  }
  const double w = m_extent[1] - m_extent[0], h = m_extent[3] - m_extent[2];
  setStartRegion(m_extent[1] - 0.3 * w, m_extent[3] - 0.3 * h, m_extent[1] - 0.15 * w, m_extent[3] - 0.15 * h);
  plotaspect::showEqualAspect(m_plot, QRectF(QPointF(m_extent[0], m_extent[2]), QPointF(m_extent[1], m_extent[3])));
  const auto names = m_reference->mode_names();
  const int M = int(names.size());
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  if (M <= 12)
    for (int m = 0; m < M; ++m) ticker->addTick(m, QString::fromStdString(names[size_t(m)]));
  else
    for (int m = 0; m < M; m += std::max(1, M / 8)) ticker->addTick(m, QString::number(m));
  m_histPlot->xAxis->setTicker(ticker);
  m_histPlot->xAxis->setRange(-0.9, M - 0.1);  // the pair of bars of the last mode whole
  m_histPlot->xAxis->setLabel(M > 12 ? tr("mode") : QString());
  const at::Tensor weights = m_reference->mode_weights();
  QVector<double> keys, truth;
  for (int m = 0; m < M; ++m) keys << m, truth << weights[m].item<double>();
  m_trueBars->setData(keys, truth);
  m_particleBars->data()->clear();
  m_histPlot->yAxis->setRange(0, std::min(1.0, 1.4 * *std::max_element(truth.begin(), truth.end()) + 0.05));
  m_histPlot->replot();
  m_status->setText(QString::fromStdString(m_reference->description()));
  refreshField();
}

void ScoreLabView::setStartRegion(double x0, double y0, double x1, double y1) {
  m_region[0] = std::min(x0, x1);
  m_region[1] = std::min(y0, y1);
  m_region[2] = std::max(x0, x1);
  m_region[3] = std::max(y0, y1);
  drawRegion();
}

void ScoreLabView::drawRegion() {
  m_regionItem->topLeft->setCoords(m_region[0], m_region[3]);
  m_regionItem->bottomRight->setCoords(m_region[2], m_region[1]);
  m_plot->replot();
}

ScoreLabView::FieldSettings ScoreLabView::currentFieldSettings() const {
  FieldSettings s;
  s.t = m_t->value();
  s.source = FieldSource(m_field->currentIndex());
  s.heat = Heat(m_heat->currentIndex());
  s.grid = m_grid->value();
  return s;
}

namespace {

struct FieldPicture {
  at::Tensor points, exact, learned, heat;
  QString caption;
};

// Everything the field plot shows at one setting; runs on the worker.
FieldPicture computeField(ScoreReference& reference, ScoreMatchingRace* race, Denoiser* fileModel,
                          const double extent[4], ScoreLabView::FieldSource source, ScoreLabView::Heat heat, double t,
                          int grid, const JobRunner::Context& ctx) {
  FieldPicture f;
  FieldGrid g{extent[0], extent[1], extent[2], extent[3], grid, grid};
  f.points = g.points();
  f.exact = reference.score(f.points, t);
  const at::Tensor log_p = reference.log_density(f.points, t);
  Denoiser* model = nullptr;
  if (source == ScoreLabView::FieldSource::Dsm && race) model = &race->dsm_denoiser();
  if (source == ScoreLabView::FieldSource::Ssm && race) model = &race->ssm_denoiser();
  if (source == ScoreLabView::FieldSource::Model) model = fileModel;
  if (model) f.learned = model_score(*model, f.points, t);
  const NoiseSchedule& schedule = reference.denoiser().schedule();
  const double u = t / double(schedule.timesteps());
  f.caption =
      ScoreLabView::tr("t = %1: σ/α = %2.").arg(t).arg(schedule.sigma_vp_cont(u) / schedule.alpha_cont(u), 0, 'g', 3);
  if (f.learned.defined()) {
    const FieldComparison c = compare_fields(f.learned, f.exact, log_p);
    f.caption += ScoreLabView::tr(
                     " Red: %1, black: exact. Error weighted by p_t: %2 relative (unweighted mean %3): "
                     "scores are learned only where the data are.")
                     .arg(fieldSourceName(source))
                     .arg(c.weighted_relative_error, 0, 'g', 3)
                     .arg(c.mean_squared_error, 0, 'g', 3);
  }
  switch (heat) {
    case ScoreLabView::Heat::FieldError:
      f.heat = f.learned.defined() ? (f.learned - f.exact).pow(2).sum(1).clamp_min(1e-12).log10() : at::Tensor();
      f.caption += f.learned.defined() ? ScoreLabView::tr(" Heat: log₁₀ ‖s_θ − s*‖².")
                                       : ScoreLabView::tr(" Choose a network under Arrows to see its error.");
      break;
    case ScoreLabView::Heat::ModelLogDensity: {
      OdeLikelihoodOptions o;
      o.u_start = u;
      o.rtol = 1e-3;
      o.atol = 1e-3;
      Denoiser& d = model ? *model : reference.denoiser();
      f.heat = ode_log_likelihood(
                   d, f.points, {}, o, [&](double v) { ctx.progress((v - u) / (1 - u)); }, ctx.stop)
                   .log_prob.to(at::kDouble);
      f.caption += ScoreLabView::tr(" Heat: log p_t of %1 by the probability-flow ODE.").arg(fieldSourceName(source));
      break;
    }
    default: f.heat = log_p; f.caption += ScoreLabView::tr(" Heat: exact log p_t.");
  }
  if (f.heat.defined() && heat != ScoreLabView::Heat::FieldError)
    f.heat = f.heat.clamp_min(f.heat.max().item<double>() - 12);
  return f;
}

}  // namespace

void ScoreLabView::refreshField() {
  if (!m_reference) return;
  const FieldSettings s = currentFieldSettings();
  if (m_raceRunning) {  // the race's job redraws the field with these settings
    std::lock_guard<std::mutex> lock(m_settingsMutex);
    m_liveSettings = s;
    return;
  }
  if ((s.source == FieldSource::Dsm || s.source == FieldSource::Ssm) && !m_race) {
    m_status->setText(tr("Train the networks first (Score matching ▸ Train both); showing the exact score."));
  }
  const std::shared_ptr<Denoiser> fileModel = s.source == FieldSource::Model && ensureModel([this] {
                                                if (FieldSource(m_field->currentIndex()) == FieldSource::Model)
                                                  refreshField();
                                              })
                                                  ? modelDenoiser()
                                                  : nullptr;
  auto reference = m_reference;
  auto race = m_race;
  const std::array<double, 4> extent{m_extent[0], m_extent[1], m_extent[2], m_extent[3]};
  setBusy(true, {});
  m_runner->start(
      [this, reference, race, fileModel, extent, s](const JobRunner::Context& ctx) -> std::function<void()> {
        FieldPicture f =
            computeField(*reference, race.get(), fileModel.get(), extent.data(), s.source, s.heat, s.t, s.grid, ctx);
        return [this, f, s] {
          showField(f.points, f.exact, f.learned, f.heat, s.grid, f.caption);
          emit resultShown(QStringLiteral("field"));
        };
      });
}

void ScoreLabView::showField(const at::Tensor& points, const at::Tensor& exact, const at::Tensor& learned,
                             const at::Tensor& heat, int grid, const QString& caption) {
  const double cell = std::min(m_extent[1] - m_extent[0], m_extent[3] - m_extent[2]) / (grid - 1);
  // One length scale for both fields (the exact field's median), so their lengths compare; longer arrows are capped.
  const at::Tensor norms = exact.pow(2).sum(1).sqrt();
  const double scale = std::max(1e-12, norms.quantile(0.5).item<double>());
  setArrows(m_exactArrows, points, exact, cell, scale);
  setArrows(m_learnedArrows, points, learned, cell, scale);
  m_learnedArrows->setVisible(learned.defined());
  if (learned.defined())
    m_learnedArrows->addToLegend();
  else
    m_learnedArrows->removeFromLegend();
  if (heat.defined()) {
    m_heatMap->data()->setSize(grid, grid);
    m_heatMap->data()->setRange(QCPRange(m_extent[0], m_extent[1]), QCPRange(m_extent[2], m_extent[3]));
    const at::Tensor h = heat.to(at::kDouble).contiguous();
    for (int iy = 0; iy < grid; ++iy)
      for (int ix = 0; ix < grid; ++ix) m_heatMap->data()->setCell(ix, iy, h[iy * grid + ix].item<double>());
    m_heatMap->rescaleDataRange(true);
    m_heatMap->setVisible(true);
    m_heatMap->colorScale()->setVisible(true);
  } else {
    m_heatMap->setVisible(false);
  }
  m_caption->setText(caption);
  m_plot->replot();
}

void ScoreLabView::setBusy(bool busy, const QString& what) {
  m_stop->setEnabled(busy);
  if (!busy) {
    m_progress->setValue(m_progress->maximum());
    if (m_raceRunning) {
      m_raceRunning = false;
      m_runRace->setText(tr("Train both"));
      if (!what.isEmpty()) m_status->setText(what);
      refreshField();  // the final field of the trained networks
      return;
    }
  } else {
    m_progress->setValue(0);
  }
  if (!what.isEmpty()) m_status->setText(what);
}

bool ScoreLabView::ensureModel(std::function<void()> retry) {
  if (!m_modelPanel->ensure(std::move(retry))) {
    m_status->setText(ModelOpener::openingText(m_modelPanel->spec()));
    return false;
  }
  if (!modelDenoiser()) {
    m_status->setText(tr("%1 is not a 2-D model: the score lab needs a model of points (a two-moons or mixture "
                         "checkpoint, or a mixture).")
                          .arg(ModelSourceBox::displayName(m_modelPanel->spec())));
    return false;
  }
  return true;
}

std::shared_ptr<Denoiser> ScoreLabView::modelDenoiser() const {
  const std::shared_ptr<const SamplingModel> model = m_modelPanel->model();
  return model && model->isPoints() ? model->denoiser : nullptr;
}

void ScoreLabView::onModelOpened(const std::shared_ptr<const SamplingModel>& model) {
  if (m_status->text() == ModelOpener::openingText(m_modelPanel->spec())) m_status->clear();
  if (!model || !model->isPoints() || FieldSource(m_field->currentIndex()) != FieldSource::Model) return;
  // The reference is the data the model was trained on (a mixture is its own data), when the lab offers them.
  QString name = model->dataName;
  name.remove(QStringLiteral(" (exact mixture)"));
  for (const QString& key : {QStringLiteral("toy:%1").arg(name), QStringLiteral("mix:%1").arg(name)}) {
    const int row = m_data->findData(key);
    if (row >= 0 && row != m_data->currentIndex()) {
      m_data->setCurrentIndex(row);
      return;
    }
  }
}

void ScoreLabView::stop() {
  if (m_runner && m_runner->isRunning()) m_runner->requestStop();
}

void ScoreLabView::runLangevin() {
  if (!m_reference) return;
  const int source = m_langevinSource->currentIndex();
  if ((source == 1 || source == 2) && !m_race) {
    m_status->setText(tr("Train the networks first (Score matching ▸ Train both), or run on the exact score."));
    return;
  }
  if (source == 3 && !ensureModel([this] { runLangevin(); })) return;  // runs once the model is open
  const std::shared_ptr<Denoiser> fileModel = source == 3 ? modelDenoiser() : nullptr;
  LangevinOptions o;
  o.step_size = m_delta->value();
  o.step_ratio = m_ratio->value();
  o.steps = m_langevinSteps->value();
  o.t = m_t->value();  // the slider's noise level: at t → 0 a point set's score is too sharp for any fixed δ
  o.annealed = m_annealed->isChecked();
  o.levels = m_levels->value();
  o.sigma_max = m_sigmaMax->value();
  o.seed = 1;
  const int64_t n = m_particles->value();
  at::Tensor lo = at::tensor({m_region[0], m_region[1]}, at::kDouble),
             hi = at::tensor({m_region[2], m_region[3]}, at::kDouble);
  at::Generator gen = at::detail::createCPUGenerator(7);
  const at::Tensor start = lo + (hi - lo) * at::rand({n, 2}, gen, at::kDouble);
  auto reference = m_reference;
  auto race = m_race;
  const NoiseSchedule schedule = m_schedule->schedule();
  m_frames.clear();
  m_trail.clear();
  m_export->setEnabled(false);
  setBusy(true, tr("Langevin particles…"));
  m_runner->start([this, reference, race, fileModel, schedule, start, o,
                   source](const JobRunner::Context& ctx) -> std::function<void()> {
    ScoreFunction score = source == 0   ? score_function(*reference)
                          : source == 3 ? score_function(*fileModel)
                                        : score_function(source == 1 ? race->dsm_denoiser() : race->ssm_denoiser());
    LangevinChain chain(score, schedule, start, o);
    const int64_t total = chain.total_steps(), every = std::max<int64_t>(1, total / 150);
    const int64_t M = reference->mode_weights().size(0);
    auto frame = [&] {
      const double t = o.t, a = schedule.alpha_cont(t / double(schedule.timesteps()));
      const at::Tensor pos = chain.positions().clone();
      if (!at::isfinite(pos).all().item<bool>()) {
        const double s = chain.current_sigma_ve();
        throw std::runtime_error(tr("Langevin diverged at step %1: the step is too large for this noise level (keep "
                                    "δ well under σ_VE(t)² = %2, or raise t).")
                                     .arg(chain.steps_done())
                                     .arg(s * s, 0, 'g', 3)
                                     .toStdString());
      }
      const at::Tensor modes = reference->assign_modes(a * pos, t);
      const at::Tensor fractions = at::bincount(modes, {}, M).to(at::kDouble) / double(pos.size(0));
      const QString caption =
          o.annealed
              ? tr("Annealed Langevin: step %1 of %2, level σ = %3, δ = %4")
                    .arg(chain.steps_done())
                    .arg(total)
                    .arg(chain.current_sigma_ve(), 0, 'g', 3)
                    .arg(chain.current_step_size(), 0, 'g', 3)
              : tr("Langevin: step %1 of %2, δ = %3").arg(chain.steps_done()).arg(total).arg(o.step_size, 0, 'g', 3);
      ctx.post([this, pos, fractions, caption] { showParticles(pos, fractions, caption); });
    };
    frame();
    auto last = std::chrono::steady_clock::now();
    while (!chain.finished()) {
      chain.run(every, ctx.stop);
      // Paced to about 25 frames a second so that the motion can be followed (the steps themselves are fast).
      std::this_thread::sleep_until(last + std::chrono::milliseconds(40));
      last = std::chrono::steady_clock::now();
      ctx.stop.throw_if_stopped();
      frame();
      ctx.progress(double(chain.steps_done()) / double(total));
    }
    return [this] {
      m_export->setEnabled(!m_frames.empty());
      m_status->setText(tr("Particles done: the bars show where they ended, the grey ones the true weights."));
      emit resultShown(QStringLiteral("langevin"));
    };
  });
}

void ScoreLabView::showParticles(const at::Tensor& positions, const at::Tensor& fractions, const QString& caption) {
  m_particleGraph->setData(column(positions, 0), column(positions, 1));
  if (int(m_frames.size()) < kParticleFramesMax) m_frames.push_back(positions);
  m_trail.push_back(positions.narrow(0, 0, std::min<int64_t>(kTrailParticles, positions.size(0))));
  if (int(m_trail.size()) > kTrailLength) m_trail.erase(m_trail.begin());
  QVector<double> xs, ys;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (m_trail.size() > 1)
    for (int64_t i = 0; i < m_trail.front().size(0); ++i) {
      for (const at::Tensor& p : m_trail) xs << p[i][0].item<double>(), ys << p[i][1].item<double>();
      xs << nan, ys << nan;
    }
  m_trails->setData(xs, ys);
  QVector<double> keys, values;
  m_fractions.clear();
  for (int64_t m = 0; m < fractions.size(0); ++m) {
    keys << double(m);
    values << fractions[m].item<double>();
    m_fractions.push_back(values.back());
  }
  m_particleBars->setData(keys, values);
  const double top = std::max(m_histPlot->yAxis->range().upper, *std::max_element(values.begin(), values.end()) + 0.05);
  m_histPlot->yAxis->setRange(0, std::min(1.05, top));
  m_histPlot->replot();
  m_caption->setText(caption);
  m_plot->replot();
}

void ScoreLabView::exportParticles() {
  if (m_frames.empty()) return;
  const std::vector<at::Tensor> frames = m_frames;
  const at::Tensor background = m_train;
  PointView view{m_extent[0], m_extent[1], m_extent[2], m_extent[3]};
  const double side = std::max(view.x_max - view.x_min, view.y_max - view.y_min);
  view.x_max = view.x_min + side;
  view.y_max = view.y_min + side;
  AnimationSource source;
  source.count = int(frames.size());
  source.fps = 25;
  source.name = QStringLiteral("langevin-particles");
  source.description = tr("%1 frames of %2 particles").arg(frames.size()).arg(frames.front().size(0));
  source.frame = [frames, background, view](int k) {
    const at::Tensor rgb = point_frame(frames[size_t(k)], view, background).contiguous();
    const QImage image(rgb.data_ptr<uint8_t>(), int(rgb.size(1)), int(rgb.size(0)), int(rgb.size(1) * 3),
                       QImage::Format_RGB888);
    return image.copy();
  };
  exportAnimation(this, source);
}

void ScoreLabView::runRace() {
  if (!m_reference) return;
  if (m_raceRunning) return;
  try {
    if (!m_race) {
      ScoreRaceOptions o;
      o.network = MlpDenoiserOptions{2, 64, 2, 32, 0};
      o.batch_size = 256;
      o.learning_rate = 3e-3;
      o.eval_samples = 512;
      o.seed = 7;
      const double T = double(m_schedule->schedule().timesteps());  // the evaluation times scale with T
      for (double& t : o.eval_t) t = std::clamp(std::round(t * T / 1000.0), 1.0, T);
      o.dsm_prediction = PredictionType(m_dsmPrediction->currentData().toInt());
      m_race = std::make_shared<ScoreMatchingRace>(m_train, m_schedule->schedule(), *m_reference, o);
      for (QCustomPlot* p : {m_lossPlot, m_errorPlot})
        for (int g = 0; g < p->graphCount(); ++g) p->graph(g)->data()->clear();
    }
  } catch (const std::exception& e) {
    m_status->setText(QString::fromStdString(e.what()));
    return;
  }
  {
    std::lock_guard<std::mutex> lock(m_settingsMutex);
    m_liveSettings = currentFieldSettings();
  }
  m_raceRunning = true;
  m_runRace->setText(tr("Training…"));
  setBusy(true, tr("Training DSM and SSM…"));
  auto race = m_race;
  auto reference = m_reference;
  const std::shared_ptr<Denoiser> fileModel = modelDenoiser();  // for arrows that follow the model meanwhile
  const std::array<double, 4> extent{m_extent[0], m_extent[1], m_extent[2], m_extent[3]};
  const int64_t steps = m_raceSteps->value();
  m_runner->start([this, race, reference, fileModel, extent,
                   steps](const JobRunner::Context& ctx) -> std::function<void()> {
    // The race's small networks (batch 256, width 64) run faster on one intra-op thread: 1000 steps in 5.2 s
    // against 17.9 s on two (bench/bench_score_race.cpp, docs/performance.md), and the other core stays with the GUI.
    const IntraOpThreads oneThread(1);
    auto post_evaluation = [&] {
      const ScoreRaceEvaluation e = race->evaluate();
      FieldSettings s;
      {
        std::lock_guard<std::mutex> lock(m_settingsMutex);
        s = m_liveSettings;
      }
      if (s.heat == Heat::ModelLogDensity) s.heat = Heat::ExactLogDensity;  // the ODE likelihood waits for the end
      FieldPicture f =
          computeField(*reference, race.get(), fileModel.get(), extent.data(), s.source, s.heat, s.t, s.grid, ctx);
      ctx.post([this, e, f, s] {
        m_lastDsm = e.dsm_error;
        m_lastSsm = e.ssm_error;
        m_errorPlot->graph(0)->addData(double(e.step), e.dsm_error);
        m_errorPlot->graph(1)->addData(double(e.step), e.ssm_error);
        m_errorPlot->rescaleAxes();
        m_errorPlot->replot();
        showField(f.points, f.exact, f.learned, f.heat, s.grid, f.caption);
      });
    };
    if (race->steps_done() == 0) post_evaluation();
    double dsm = 0, ssm = 0;
    int count = 0;
    for (int64_t i = 0; i < steps; ++i) {
      ctx.stop.throw_if_stopped();
      const ScoreRaceStep s = race->step();
      dsm += s.dsm_loss;
      ssm += s.ssm_loss;
      if (++count == 25 || i + 1 == steps) {
        const double step = double(s.step), d = dsm / count, m = ssm / count + 1.0;
        ctx.post([this, step, d, m] {
          m_lossPlot->graph(0)->addData(step, d);
          m_lossPlot->graph(1)->addData(step, m);
          m_lossPlot->rescaleAxes();
          m_lossPlot->replot();
        });
        dsm = ssm = 0;
        count = 0;
      }
      if ((i + 1) % 100 == 0 || i + 1 == steps) post_evaluation();
      ctx.progress(double(i + 1) / double(steps));
    }
    return [this] {
      m_status->setText(tr("Trained %1 steps. Field error (relative, mean over t): DSM %2, SSM %3.")
                            .arg(m_race ? m_race->steps_done() : 0)
                            .arg(m_lastDsm, 0, 'g', 3)
                            .arg(m_lastSsm, 0, 'g', 3));
      emit resultShown(QStringLiteral("race"));
    };
  });
}

QString ScoreLabView::lectureEquation() const {
  const NoiseSchedule& s = m_schedule->schedule();
  const double t = m_t->value(), ab = s.alpha_bar(static_cast<int64_t>(t));
  if (!m_annealed->isChecked()) return lecture::langevin(m_delta->value(), t, std::sqrt((1.0 - ab) / ab));
  return lecture::annealedLangevin(m_ratio->value(), m_levels->value(), m_sigmaMax->value(),
                                   std::sqrt((1.0 - ab) / ab));
}

QAbstractSlider* ScoreLabView::lectureSlider() const { return m_tSlider; }
QAbstractButton* ScoreLabView::lecturePlayButton() const { return isBusy() ? m_stop : m_runLangevin; }
