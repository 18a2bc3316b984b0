#include "widgets/sampler_options_form.h"

#include "sampling/sampler_parameters.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>
#include <cmath>
#include <limits>

using difflab::SamplerOptions;
using difflab::SamplerParameter;
using difflab::TimestepSpacing;

namespace {

bool samplerReads(const std::string& sampler, const std::string& key) {
  for (const difflab::SamplerInfo& info : difflab::sampler_catalog())
    if (info.name == sampler)
      return std::find(info.parameters.begin(), info.parameters.end(), key) != info.parameters.end();
  return false;
}

// The parameters' labels come from the core (sampler_parameters.cpp, no Qt there); lupdate finds them here, and
// the form shows them through tr(). A label missing here stays English (test_ui_main_window checks none is).
[[maybe_unused]] const char* const kParameterLabels[] = {
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "η"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "rtol"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "atol"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Karras ρ"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "σ_max cap"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Variance"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Langevin step ε"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Steps per level"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Predictor"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Corrector steps"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Target SNR"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Lower order at the end"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Restart σ_min"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Restart σ_max"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Restarts"),
    QT_TRANSLATE_NOOP("SamplerOptionsForm", "Restart steps"),
};

QWidget* makeEditor(const SamplerParameter& p, QWidget* parent) {
  const QString help = QString::fromStdString(p.help);
  if (p.kind == SamplerParameter::Kind::Choice) {
    auto* box = new QComboBox(parent);
    for (const auto& c : p.choices) box->addItem(QString::fromStdString(c));
    box->setToolTip(help);
    return box;
  }
  if (p.kind == SamplerParameter::Kind::Integer) {
    auto* box = new QSpinBox(parent);
    box->setRange(static_cast<int>(p.min), static_cast<int>(std::min(p.max, 2147483647.0)));
    box->setKeyboardTracking(false);
    box->setToolTip(help);
    return box;
  }
  auto* box = new QDoubleSpinBox(parent);
  box->setDecimals(p.decimals);
  const double smallest = std::pow(10.0, -p.decimals);
  box->setRange(p.min_exclusive ? p.min + smallest : p.min, p.max);
  box->setSingleStep(p.step);
  box->setKeyboardTracking(false);
  box->setToolTip(help);
  return box;
}

}  // namespace

QString SamplerOptionsForm::parameterLabel(const SamplerParameter& parameter) { return tr(parameter.label.c_str()); }

SamplerOptionsForm::SamplerOptionsForm(QWidget* parent) : QWidget(parent) {
  // The word-wrapped warning sits below the form, not in it: QFormLayout (Qt 6.4) miscounts its height for width
  // with rows hidden by setRowVisible, and squeezed a row that had just appeared to 0 px (Heun → PC → annealed
  // Langevin left "Langevin step ε" without its box). A box layout measures the label right.
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  m_form = new QFormLayout;
  m_form->setContentsMargins(0, 0, 0, 0);
  outer->addLayout(m_form);

  m_sampler = new QComboBox(this);
  for (const difflab::SamplerInfo& info : difflab::sampler_catalog()) {
    m_sampler->addItem(QString::fromStdString(info.title), QString::fromStdString(info.name));
    m_sampler->setItemData(m_sampler->count() - 1, QString::fromStdString(info.reference), Qt::ToolTipRole);
  }
  addRow(tr("Sampler"), m_sampler);

  m_steps = new QSpinBox(this);
  m_steps->setRange(1, 1000);
  m_steps->setKeyboardTracking(false);
  m_steps->setToolTip(tr("Number of sampling steps N, independent of the training steps T"));
  addRow(tr("Steps"), m_steps);

  m_spacing = new QComboBox(this);
  for (TimestepSpacing s : difflab::timestep_spacings()) {
    if (s == TimestepSpacing::Custom) continue;  // offered once a grid is loaded (setCustomTimesteps)
    m_spacing->addItem(QString::fromStdString(difflab::timestep_spacing_name(s)), static_cast<int>(s));
    m_spacing->setItemData(m_spacing->count() - 1, QString::fromStdString(difflab::timestep_spacing_meaning(s)),
                           Qt::ToolTipRole);
  }
  addRow(tr("Spacing"), m_spacing);

  m_seed = new QSpinBox(this);
  m_seed->setRange(0, 2147483647);
  m_seed->setKeyboardTracking(false);
  addRow(tr("Seed"), m_seed);

  for (const SamplerParameter& p : difflab::sampler_parameters()) {
    QWidget* editor = makeEditor(p, this);
    m_parameters[p.key] = editor;
    addRow(parameterLabel(p), editor);
  }

  m_warning = new QLabel(this);
  m_warning->setWordWrap(true);
  m_warning->setStyleSheet(QStringLiteral("color: #b35900;"));
  m_warning->setVisible(false);
  outer->addWidget(m_warning);

  setOptions(difflab::recommended_sampler_options("ddim", 50));

  auto changed = [this] {
    if (m_updating) return;
    updateRows();
    Q_EMIT optionsChanged();
  };
  connect(m_sampler, &QComboBox::currentIndexChanged, this, [this, changed] {
    if (m_updating) return;
    const std::string name = m_sampler->currentData().toString().toStdString();
    const SamplerOptions defaults = difflab::recommended_sampler_options(name, m_steps->value());
    m_updating = true;
    if (!m_spacingChosen)  // follow the sampler's recommended spacing until the user picks one
      m_spacing->setCurrentIndex(std::max(0, m_spacing->findData(static_cast<int>(defaults.spacing))));
    etaBox()->setValue(defaults.eta);  // η's meaning differs: DDIM 0 (deterministic), ancestral/SDE 1
    m_updating = false;
    updateSpacingLabels();
    changed();
  });
  connect(m_spacing, &QComboBox::currentIndexChanged, this, [this, changed] {
    if (!m_updating) m_spacingChosen = true;
    changed();
  });
  for (QSpinBox* box : {m_steps, m_seed}) connect(box, &QSpinBox::valueChanged, this, changed);
  for (const auto& [key, editor] : m_parameters) {
    if (auto* d = qobject_cast<QDoubleSpinBox*>(editor))
      connect(d, &QDoubleSpinBox::valueChanged, this, changed);
    else if (auto* i = qobject_cast<QSpinBox*>(editor))
      connect(i, &QSpinBox::valueChanged, this, changed);
    else if (auto* c = qobject_cast<QComboBox*>(editor))
      connect(c, &QComboBox::currentIndexChanged, this, changed);
  }
}

void SamplerOptionsForm::addRow(const QString& label, QWidget* field) { m_form->addRow(label, field); }

QDoubleSpinBox* SamplerOptionsForm::etaBox() const { return qobject_cast<QDoubleSpinBox*>(parameterEditor("eta")); }

QWidget* SamplerOptionsForm::parameterEditor(const std::string& key) const {
  auto it = m_parameters.find(key);
  return it == m_parameters.end() ? nullptr : it->second;
}

SamplerOptions SamplerOptionsForm::options() const {
  SamplerOptions o;
  o.name = m_sampler->currentData().toString().toStdString();
  o.steps = m_steps->value();
  o.spacing = static_cast<TimestepSpacing>(m_spacing->currentData().toInt());
  if (o.spacing == TimestepSpacing::Custom) {
    o.custom_timesteps = m_customTimesteps;
    o.steps = static_cast<int64_t>(m_customTimesteps.size()) - 1;
  }
  o.seed = static_cast<uint64_t>(m_seed->value());
  for (const SamplerParameter& p : difflab::sampler_parameters()) {
    QWidget* editor = m_parameters.at(p.key);
    std::string text;
    if (auto* d = qobject_cast<QDoubleSpinBox*>(editor))
      text = QString::number(d->value(), 'g', 17).toStdString();
    else if (auto* i = qobject_cast<QSpinBox*>(editor))
      text = std::to_string(i->value());
    else if (auto* c = qobject_cast<QComboBox*>(editor))
      text = c->currentText().toStdString();
    try {
      difflab::set_sampler_parameter(o, p.key, text);
    } catch (const std::invalid_argument&) {
      // The editors' ranges follow the table; a value outside (e.g. rounding at an open bound) keeps the default.
    }
  }
  return o;
}

void SamplerOptionsForm::setOptions(const SamplerOptions& o) {
  m_updating = true;
  const int samplerIndex = m_sampler->findData(QString::fromStdString(o.name));
  if (samplerIndex >= 0) m_sampler->setCurrentIndex(samplerIndex);
  if (o.spacing == TimestepSpacing::Custom) setCustomTimesteps(o.custom_timesteps);
  m_steps->setValue(static_cast<int>(o.steps));
  m_spacing->setCurrentIndex(std::max(0, m_spacing->findData(static_cast<int>(o.spacing))));
  m_seed->setValue(static_cast<int>(std::min<uint64_t>(o.seed, 2147483647u)));
  for (const SamplerParameter& p : difflab::sampler_parameters()) {
    QWidget* editor = m_parameters.at(p.key);
    if (auto* d = qobject_cast<QDoubleSpinBox*>(editor))
      d->setValue(difflab::sampler_parameter_number(o, p));
    else if (auto* i = qobject_cast<QSpinBox*>(editor))
      i->setValue(static_cast<int>(difflab::sampler_parameter_number(o, p)));
    else if (auto* c = qobject_cast<QComboBox*>(editor))
      c->setCurrentText(QString::fromStdString(p.get(o)));
  }
  m_updating = false;
  updateSpacingLabels();
  updateRows();
}

void SamplerOptionsForm::setCustomTimesteps(const std::vector<double>& timesteps) {
  m_customTimesteps = timesteps;
  int index = m_spacing->findData(static_cast<int>(TimestepSpacing::Custom));
  if (index < 0) {
    m_spacing->addItem(QString(), static_cast<int>(TimestepSpacing::Custom));
    index = m_spacing->count() - 1;
  }
  m_spacing->setItemText(index, tr("custom (%1 steps)").arg(static_cast<int>(timesteps.size()) - 1));
  const bool wasUpdating = m_updating;
  m_updating = true;
  m_spacing->setCurrentIndex(index);
  m_steps->setValue(static_cast<int>(timesteps.size()) - 1);
  m_updating = wasUpdating;
  m_spacingChosen = true;
  updateRows();
  if (!m_updating) Q_EMIT optionsChanged();
}

void SamplerOptionsForm::setGridEditable(bool editable) {
  m_gridEditable = editable;
  updateRows();
}

void SamplerOptionsForm::updateSpacingLabels() {
  const auto& info = difflab::sampler_info(m_sampler->currentData().toString().toStdString());
  for (int i = 0; i < m_spacing->count(); ++i) {
    const auto s = static_cast<TimestepSpacing>(m_spacing->itemData(i).toInt());
    if (s == TimestepSpacing::Custom) continue;
    QString text = QString::fromStdString(difflab::timestep_spacing_name(s));
    if (s == info.recommended_spacing) text += tr(" (recommended)");
    m_spacing->setItemText(i, text);
  }
}

void SamplerOptionsForm::updateRows() {
  const std::string name = m_sampler->currentData().toString().toStdString();
  const auto spacing = static_cast<TimestepSpacing>(m_spacing->currentData().toInt());
  m_form->setRowVisible(m_steps, m_gridEditable && spacing != TimestepSpacing::Custom);
  m_form->setRowVisible(m_spacing, m_gridEditable);
  for (const SamplerParameter& p : difflab::sampler_parameters()) {
    const bool visible = p.grid ? m_gridEditable && spacing == TimestepSpacing::Karras : samplerReads(name, p.key);
    m_form->setRowVisible(m_parameters.at(p.key), visible);
  }
  const std::string warning = difflab::sampler_setting_warning(options());
  m_warning->setText(QString::fromStdString(warning));
  m_warning->setVisible(!warning.empty());
}
