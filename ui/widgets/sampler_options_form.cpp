#include "widgets/sampler_options_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

#include <algorithm>

using difflab::SamplerOptions;
using difflab::TimestepSpacing;

namespace {

bool samplerReads(const std::string& sampler, const std::string& parameter) {
  for (const difflab::SamplerInfo& info : difflab::sampler_catalog())
    if (info.name == sampler)
      return std::find(info.parameters.begin(), info.parameters.end(), parameter) != info.parameters.end();
  return false;
}

QDoubleSpinBox* makeDouble(double min, double max, double step, int decimals, QWidget* parent) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(min, max);
  box->setSingleStep(step);
  box->setDecimals(decimals);
  box->setKeyboardTracking(false);
  return box;
}

QSpinBox* makeInt(int min, int max, QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(min, max);
  box->setKeyboardTracking(false);
  return box;
}

}  // namespace

SamplerOptionsForm::SamplerOptionsForm(QWidget* parent) : QWidget(parent) {
  m_form = new QFormLayout(this);
  m_form->setContentsMargins(0, 0, 0, 0);

  m_sampler = new QComboBox(this);
  for (const difflab::SamplerInfo& info : difflab::sampler_catalog()) {
    m_sampler->addItem(QString::fromStdString(info.title), QString::fromStdString(info.name));
    m_sampler->setItemData(m_sampler->count() - 1, QString::fromStdString(info.reference), Qt::ToolTipRole);
  }
  addRow(tr("Sampler"), m_sampler);

  m_steps = makeInt(1, 1000, this);
  m_steps->setToolTip(tr("Number of sampling steps N, independent of the training steps T"));
  addRow(tr("Steps"), m_steps);

  m_spacing = new QComboBox(this);
  for (TimestepSpacing s : {TimestepSpacing::Leading, TimestepSpacing::Trailing, TimestepSpacing::Linspace,
                            TimestepSpacing::Karras, TimestepSpacing::UniformLogSnr})
    m_spacing->addItem(QString::fromStdString(difflab::timestep_spacing_name(s)), static_cast<int>(s));
  addRow(tr("Spacing"), m_spacing);

  m_rho = makeDouble(0.1, 50.0, 0.5, 2, this);
  m_rho->setToolTip(tr("Karras et al. 2022, eq. 5"));
  addRow(tr("Karras ρ"), m_rho);

  m_seed = makeInt(0, 2147483647, this);
  addRow(tr("Seed"), m_seed);

  m_eta = makeDouble(0.0, 1.0, 0.1, 2, this);
  m_eta->setToolTip(tr("0 = deterministic DDIM, 1 = DDPM's posterior variance"));
  addRow(tr("η"), m_eta);

  m_ddpmVariance = new QComboBox(this);
  m_ddpmVariance->addItem(tr("posterior β̃_t"), true);
  m_ddpmVariance->addItem(tr("β_t"), false);
  addRow(tr("Variance"), m_ddpmVariance);

  m_langevinStep = makeDouble(1e-8, 1.0, 1e-5, 8, this);
  addRow(tr("Langevin step ε"), m_langevinStep);
  m_langevinSteps = makeInt(1, 1000, this);
  addRow(tr("Steps per level"), m_langevinSteps);

  m_pcPredictor = new QComboBox(this);
  for (const char* name : {"euler-maruyama", "ddpm", "ddim", "euler"}) m_pcPredictor->addItem(QString::fromLatin1(name));
  addRow(tr("Predictor"), m_pcPredictor);
  m_pcCorrectorSteps = makeInt(0, 100, this);
  addRow(tr("Corrector steps"), m_pcCorrectorSteps);
  m_pcSnr = makeDouble(0.001, 10.0, 0.01, 3, this);
  addRow(tr("Target SNR"), m_pcSnr);

  m_rtol = makeDouble(1e-9, 1.0, 1e-5, 9, this);
  addRow(tr("rtol"), m_rtol);
  m_atol = makeDouble(1e-9, 1.0, 1e-5, 9, this);
  addRow(tr("atol"), m_atol);

  setOptions(SamplerOptions());

  auto changed = [this] {
    if (m_updating) return;
    updateRows();
    Q_EMIT optionsChanged();
  };
  for (QComboBox* box : {m_sampler, m_spacing, m_ddpmVariance, m_pcPredictor})
    connect(box, &QComboBox::currentIndexChanged, this, changed);
  for (QSpinBox* box : {m_steps, m_seed, m_langevinSteps, m_pcCorrectorSteps})
    connect(box, &QSpinBox::valueChanged, this, changed);
  for (QDoubleSpinBox* box : {m_rho, m_eta, m_langevinStep, m_pcSnr, m_rtol, m_atol})
    connect(box, &QDoubleSpinBox::valueChanged, this, changed);
}

void SamplerOptionsForm::addRow(const QString& label, QWidget* field) { m_form->addRow(label, field); }

SamplerOptions SamplerOptionsForm::options() const {
  SamplerOptions o;
  o.name = m_sampler->currentData().toString().toStdString();
  o.steps = m_steps->value();
  o.spacing = static_cast<TimestepSpacing>(m_spacing->currentData().toInt());
  o.karras_rho = m_rho->value();
  o.seed = static_cast<uint64_t>(m_seed->value());
  o.eta = m_eta->value();
  o.ddpm_posterior_variance = m_ddpmVariance->currentData().toBool();
  o.langevin_step_size = m_langevinStep->value();
  o.langevin_steps_per_level = m_langevinSteps->value();
  o.pc_predictor = m_pcPredictor->currentText().toStdString();
  o.pc_corrector_steps = m_pcCorrectorSteps->value();
  o.pc_snr = m_pcSnr->value();
  o.rtol = m_rtol->value();
  o.atol = m_atol->value();
  return o;
}

void SamplerOptionsForm::setOptions(const SamplerOptions& o) {
  m_updating = true;
  const int samplerIndex = m_sampler->findData(QString::fromStdString(o.name));
  if (samplerIndex >= 0) m_sampler->setCurrentIndex(samplerIndex);
  m_steps->setValue(static_cast<int>(o.steps));
  m_spacing->setCurrentIndex(std::max(0, m_spacing->findData(static_cast<int>(o.spacing))));
  m_rho->setValue(o.karras_rho);
  m_seed->setValue(static_cast<int>(std::min<uint64_t>(o.seed, 2147483647u)));
  m_eta->setValue(o.eta);
  m_ddpmVariance->setCurrentIndex(o.ddpm_posterior_variance ? 0 : 1);
  m_langevinStep->setValue(o.langevin_step_size);
  m_langevinSteps->setValue(static_cast<int>(o.langevin_steps_per_level));
  const int predictor = m_pcPredictor->findText(QString::fromStdString(o.pc_predictor));
  if (predictor >= 0) m_pcPredictor->setCurrentIndex(predictor);
  m_pcCorrectorSteps->setValue(static_cast<int>(o.pc_corrector_steps));
  m_pcSnr->setValue(o.pc_snr);
  m_rtol->setValue(o.rtol);
  m_atol->setValue(o.atol);
  m_updating = false;
  updateRows();
}

void SamplerOptionsForm::setGridEditable(bool editable) {
  m_gridEditable = editable;
  updateRows();
}

void SamplerOptionsForm::updateRows() {
  const std::string name = m_sampler->currentData().toString().toStdString();
  const bool karras = static_cast<TimestepSpacing>(m_spacing->currentData().toInt()) == TimestepSpacing::Karras;
  m_form->setRowVisible(m_steps, m_gridEditable);
  m_form->setRowVisible(m_spacing, m_gridEditable);
  m_form->setRowVisible(m_rho, m_gridEditable && (karras || samplerReads(name, "karras_rho")));
  m_form->setRowVisible(m_eta, samplerReads(name, "eta"));
  m_form->setRowVisible(m_ddpmVariance, samplerReads(name, "ddpm_posterior_variance"));
  m_form->setRowVisible(m_langevinStep, samplerReads(name, "langevin_step_size"));
  m_form->setRowVisible(m_langevinSteps, samplerReads(name, "langevin_steps_per_level"));
  m_form->setRowVisible(m_pcPredictor, samplerReads(name, "pc_predictor"));
  m_form->setRowVisible(m_pcCorrectorSteps, samplerReads(name, "pc_corrector_steps"));
  m_form->setRowVisible(m_pcSnr, samplerReads(name, "pc_snr"));
  m_form->setRowVisible(m_rtol, samplerReads(name, "rtol"));
  m_form->setRowVisible(m_atol, samplerReads(name, "atol"));
}
