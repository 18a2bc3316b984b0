#include "data/gaussian_mixture.h"
#include "process/prediction_type.h"
#include "score/langevin.h"

#include "session/schedule_state.h"
#include "views/score_lab/score_lab_settings.h"
#include "widgets/model_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace difflab;

namespace {

QSpinBox* spinBox(QWidget* parent, const char* name, int lo, int hi, int value) {
  auto* box = new QSpinBox(parent);
  box->setObjectName(QString::fromLatin1(name));
  box->setRange(lo, hi);
  box->setValue(value);
  return box;
}

QDoubleSpinBox* doubleBox(QWidget* parent, const char* name, int decimals, double lo, double hi, double value) {
  auto* box = new QDoubleSpinBox(parent);
  box->setObjectName(QString::fromLatin1(name));
  box->setDecimals(decimals);
  box->setRange(lo, hi);
  box->setValue(value);
  return box;
}

QComboBox* comboBox(QWidget* parent, const char* name, const QStringList& items) {
  auto* box = new QComboBox(parent);
  box->setObjectName(QString::fromLatin1(name));
  box->addItems(items);
  return box;
}

}  // namespace

ScoreLabSettings::ScoreLabSettings(ScheduleState* schedule, ModelPanel* modelPanel, QWidget* parent)
    : QWidget(parent), m_schedule(schedule) {
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);

  auto* fieldGroup = new QGroupBox(tr("Score field"), this);
  auto* ff = new QFormLayout(fieldGroup);
  m_data = new QComboBox(fieldGroup);
  m_data->setObjectName(QStringLiteral("data"));
  for (const std::string& name : mixture_preset_names()) {
    // The lab draws fields in the plane: only the 2-D mixtures (unbalanced-1d is for the other views).
    try {
      if (load_gaussian_mixture(mixture_preset_path(name)).dim() != 2) continue;
    } catch (const std::exception&) {
      continue;  // a damaged preset file: the views that open it say why
    }
    m_data->addItem(tr("mixture: %1").arg(QString::fromStdString(name)),
                    QStringLiteral("mix:%1").arg(QString::fromStdString(name)));
  }
  m_data->addItem(tr("two moons (data points)"), QStringLiteral("toy:two-moons"));
  m_data->addItem(tr("swiss roll (data points)"), QStringLiteral("toy:swiss-roll"));
  m_data->addItem(tr("checkerboard (data points)"), QStringLiteral("toy:checkerboard"));
  m_data->setToolTip(
      tr("A mixture's score is exact. For data that are not a mixture the reference is the exact score "
         "of 4000 further points drawn from the same recipe (Karras et al. 2022's ideal denoiser)."));
  ff->addRow(tr("Data"), m_data);
  m_t = spinBox(fieldGroup, "t", 1, int(m_schedule->schedule().timesteps()), 50);
  m_tSlider = new QSlider(Qt::Horizontal, fieldGroup);
  m_tSlider->setRange(1, m_t->maximum());
  m_tSlider->setValue(50);
  ff->addRow(tr("Time t"), m_t);
  ff->addRow(QString(), m_tSlider);
  m_sigma = new QLabel(fieldGroup);
  ff->addRow(QString(), m_sigma);
  m_field = comboBox(fieldGroup, "field",
                     {tr("exact score"), tr("DSM network against exact"), tr("SSM network against exact"),
                      tr("the model (below) against exact")});
  ff->addRow(tr("Arrows"), m_field);
  m_heat = comboBox(fieldGroup, "heat",
                    {tr("log p_t (exact)"), tr("error ‖s_θ − s*‖²"), tr("log p_t of the arrows' model (ODE)")});
  m_heat->setToolTip(
      tr("The model's own density comes from the probability-flow ODE likelihood (exact divergence), "
         "computed on the worker."));
  ff->addRow(tr("Heat map"), m_heat);
  m_grid = spinBox(fieldGroup, "grid", 8, 60, 25);
  ff->addRow(tr("Grid"), m_grid);
  column->addWidget(fieldGroup);

  column->addWidget(modelPanel);

  auto* langevinGroup = new QGroupBox(tr("Langevin dynamics"), this);
  auto* lf = new QFormLayout(langevinGroup);
  m_langevinSource = comboBox(langevinGroup, "langevin_source",
                              {tr("exact score"), tr("DSM network"), tr("SSM network"), tr("the model")});
  lf->addRow(tr("Score"), m_langevinSource);
  m_annealed = new QCheckBox(tr("Annealed (Song && Ermon 2019)"), langevinGroup);
  m_annealed->setObjectName(QStringLiteral("annealed"));
  lf->addRow(m_annealed);
  m_particles = spinBox(langevinGroup, "particles", 10, 20000, 1000);
  lf->addRow(tr("Particles"), m_particles);
  m_delta = doubleBox(langevinGroup, "delta", 4, 0.0001, 1.0, 0.005);
  m_delta->setSingleStep(0.001);
  m_delta->setToolTip(tr("x ← x + δ ∇log p(x) + √(2δ) z"));
  lf->addRow(tr("Step δ"), m_delta);
  m_ratio = doubleBox(langevinGroup, "ratio", 3, 0.001, 1.9, 0.1);
  m_ratio->setToolTip(tr("Annealed: the step at level i is δ_i = r σ_i²"));
  lf->addRow(tr("Step ratio r"), m_ratio);
  m_langevinSteps = spinBox(langevinGroup, "langevin_steps", 1, 100000, 300);
  lf->addRow(tr("Steps (per level)"), m_langevinSteps);
  m_levels = spinBox(langevinGroup, "levels", 2, 100, 10);
  lf->addRow(tr("Levels"), m_levels);
  m_sigmaMax = doubleBox(langevinGroup, "sigma_max", 2, 0.1, 100, 6.0);
  lf->addRow(tr("Largest σ"), m_sigmaMax);
  auto* startHint = new QLabel(tr("Drag on the plot to choose where the particles start."), langevinGroup);
  startHint->setWordWrap(true);
  lf->addRow(startHint);
  m_export = new QPushButton(tr("Export animation…"), langevinGroup);
  m_export->setEnabled(false);
  lf->addRow(m_export);
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

  auto* raceGroup = new QGroupBox(tr("Score matching: DSM against SSM"), this);
  auto* rf = new QFormLayout(raceGroup);
  m_dsmPrediction = new QComboBox(raceGroup);
  m_dsmPrediction->setObjectName(QStringLiteral("dsm_prediction"));
  m_dsmPrediction->addItem(tr("ε (noise)"), int(PredictionType::Epsilon));
  m_dsmPrediction->addItem(tr("x₀ (clean data)"), int(PredictionType::X0));
  m_dsmPrediction->addItem(tr("v (velocity)"), int(PredictionType::V));
  rf->addRow(tr("DSM predicts"), m_dsmPrediction);
  m_raceSteps = spinBox(raceGroup, "race_steps", 10, 100000, 1000);
  m_raceSteps->setSingleStep(100);
  rf->addRow(tr("Steps"), m_raceSteps);
  auto* raceHint = new QLabel(tr("Both networks start from the same weights and see the same batches. The SSM network "
                                 "needs no noise target, only a Jacobian–vector product."),
                              raceGroup);
  raceHint->setWordWrap(true);
  rf->addRow(raceHint);
  column->addWidget(raceGroup);
  column->addStretch(1);

  connect(m_data, &QComboBox::currentIndexChanged, this, &ScoreLabSettings::dataChanged);
  connect(m_t, &QSpinBox::valueChanged, this, [this](int v) {
    if (m_tSlider->value() != v) m_tSlider->setValue(v);
    updateSigmaLabel();
    emit fieldChanged();
  });
  connect(m_tSlider, &QSlider::valueChanged, m_t, &QSpinBox::setValue);
  for (QComboBox* box : {m_field, m_heat})
    connect(box, &QComboBox::currentIndexChanged, this, [this] { emit fieldChanged(); });
  connect(m_grid, &QSpinBox::valueChanged, this, [this] { emit fieldChanged(); });
  for (QSpinBox* box : {m_t, m_levels})
    connect(box, &QSpinBox::valueChanged, this, &ScoreLabSettings::lectureEquationChanged);
  for (QDoubleSpinBox* box : {m_delta, m_ratio, m_sigmaMax})
    connect(box, &QDoubleSpinBox::valueChanged, this, &ScoreLabSettings::lectureEquationChanged);
  connect(m_annealed, &QCheckBox::toggled, this, &ScoreLabSettings::lectureEquationChanged);
  connect(m_dsmPrediction, &QComboBox::currentIndexChanged, this, &ScoreLabSettings::dsmPredictionChanged);
  connect(m_schedule, &ScheduleState::changed, this, [this] {
    m_t->setMaximum(int(m_schedule->schedule().timesteps()));
    m_tSlider->setMaximum(m_t->maximum());
    updateSigmaLabel();  // α and σ at the same t under the new schedule
    emit lectureEquationChanged();
  });
  updateSigmaLabel();
}

void ScoreLabSettings::updateSigmaLabel() {
  const NoiseSchedule& s = m_schedule->schedule();
  const double u = m_t->value() / double(s.timesteps());
  const double a = s.alpha_cont(u), sig = s.sigma_vp_cont(u);
  m_sigma->setText(tr("α = %1, σ = %2, σ/α = %3").arg(a, 0, 'f', 3).arg(sig, 0, 'f', 3).arg(sig / a, 0, 'g', 3));
}

QString ScoreLabSettings::dataKey() const { return m_data->currentData().toString(); }

bool ScoreLabSettings::selectData(const QString& key) {
  const int row = m_data->findData(key);
  if (row < 0) return false;
  m_data->setCurrentIndex(row);
  return true;
}

ScoreFieldSettings ScoreLabSettings::fieldSettings() const {
  ScoreFieldSettings s;
  s.t = m_t->value();
  s.source = ScoreFieldSource(m_field->currentIndex());
  s.heat = ScoreHeat(m_heat->currentIndex());
  s.grid = m_grid->value();
  return s;
}

LangevinOptions ScoreLabSettings::langevinOptions() const {
  LangevinOptions o;
  o.step_size = m_delta->value();
  o.step_ratio = m_ratio->value();
  o.steps = m_langevinSteps->value();
  o.t = m_t->value();  // the slider's noise level: at t → 0 a point set's score is too sharp for any fixed δ
  o.annealed = m_annealed->isChecked();
  o.levels = m_levels->value();
  o.sigma_max = m_sigmaMax->value();
  return o;
}

ScoreFieldSource ScoreLabSettings::langevinSource() const { return ScoreFieldSource(m_langevinSource->currentIndex()); }
int64_t ScoreLabSettings::particleCount() const { return m_particles->value(); }
int64_t ScoreLabSettings::raceSteps() const { return m_raceSteps->value(); }
PredictionType ScoreLabSettings::dsmPrediction() const {
  return PredictionType(m_dsmPrediction->currentData().toInt());
}
double ScoreLabSettings::stepSize() const { return m_delta->value(); }
double ScoreLabSettings::stepRatio() const { return m_ratio->value(); }
int ScoreLabSettings::levels() const { return m_levels->value(); }
double ScoreLabSettings::sigmaMax() const { return m_sigmaMax->value(); }
bool ScoreLabSettings::annealed() const { return m_annealed->isChecked(); }
