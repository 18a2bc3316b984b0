#include "widgets/schedule_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>

using difflab::ScheduleFamily;
using difflab::ScheduleOptions;

namespace {

QDoubleSpinBox* makeProbabilityBox(int decimals, double step, QWidget* parent) {
  // [0, 1] on purpose: 0 and 1 are reachable so that the core names them as invalid.
  auto* box = new QDoubleSpinBox(parent);
  box->setDecimals(decimals);
  box->setRange(0.0, 1.0);
  box->setSingleStep(step);
  box->setAccelerated(true);
  return box;
}

void showValue(QDoubleSpinBox* box, double value) {
  if (box->value() == value) return;
  const QSignalBlocker block(box);
  box->setValue(value);
}

}  // namespace

ScheduleControls::ScheduleControls(QWidget* parent) : QWidget(parent) {
  // The word-wrapped hint and the button under it sit below the form, not in it: QFormLayout (Qt 6.4) miscounts
  // its height for width with rows hidden by setRowVisible and can squeeze a row to 0 px (sampler_options_form.cpp).
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  m_form = new QFormLayout;
  m_form->setContentsMargins(0, 0, 0, 0);
  outer->addLayout(m_form);
  m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

  m_preset = new QComboBox(this);
  m_preset->addItem(tr("Choose a preset…"));
  m_preset->addItem(tr("DDPM: linear 10⁻⁴…0.02 (Ho et al. 2020)"));
  m_preset->addItem(tr("Stable Diffusion: scaled-linear 0.00085…0.012"));
  m_preset->addItem(tr("Improved DDPM: cosine (Nichol & Dhariwal 2021)"));
  m_preset->addItem(tr("Stable Diffusion + zero terminal SNR (Lin et al. 2024)"));
  m_preset->setToolTip(tr("Fills in the parameters of a published schedule"));
  m_form->addRow(tr("Preset"), m_preset);

  m_family = new QComboBox(this);
  m_family->addItem(tr("Linear"), static_cast<int>(ScheduleFamily::Linear));
  m_family->addItem(tr("Scaled linear"), static_cast<int>(ScheduleFamily::ScaledLinear));
  m_family->addItem(tr("Cosine"), static_cast<int>(ScheduleFamily::Cosine));
  m_family->addItem(tr("Sigmoid"), static_cast<int>(ScheduleFamily::Sigmoid));
  m_family->addItem(tr("Custom (log-SNR points)"), static_cast<int>(ScheduleFamily::Custom));
  m_form->addRow(tr("Family"), m_family);

  m_timesteps = new QSpinBox(this);
  m_timesteps->setRange(1, 100000);
  m_timesteps->setAccelerated(true);
  m_timesteps->setToolTip(tr("Number of training steps T"));
  m_form->addRow(tr("Steps T"), m_timesteps);

  m_betaStart = makeProbabilityBox(6, 1e-5, this);
  m_betaStart->setToolTip(tr("β at t = 1"));
  m_form->addRow(tr("β start"), m_betaStart);
  m_betaEnd = makeProbabilityBox(6, 1e-3, this);
  m_betaEnd->setToolTip(tr("β at t = T"));
  m_form->addRow(tr("β end"), m_betaEnd);

  m_cosineS = makeProbabilityBox(4, 1e-3, this);
  m_cosineS->setToolTip(tr("Offset s of the cosine schedule (Nichol & Dhariwal 2021, eq. 17)"));
  m_form->addRow(tr("Cosine offset s"), m_cosineS);
  m_cosineMaxBeta = makeProbabilityBox(4, 1e-3, this);
  m_cosineMaxBeta->setToolTip(tr("The cosine schedule clips β_t at this value"));
  m_form->addRow(tr("Max β"), m_cosineMaxBeta);

  m_zeroTerminalSnr = new QCheckBox(tr("Zero terminal SNR"), this);
  m_zeroTerminalSnr->setToolTip(
      tr("Rescale √ᾱ_t so that ᾱ_T = 0: the model is trained on pure noise at t = T (Lin et al. 2024)"));
  m_form->addRow(QString(), m_zeroTerminalSnr);

  m_customHint =
      new QLabel(tr("Drag the points on the log-SNR plot. Double-click adds a point, right-click removes one."), this);
  m_customHint->setWordWrap(true);
  outer->addWidget(m_customHint);
  m_resetPoints = new QPushButton(tr("Reset points"), this);
  m_resetPoints->setToolTip(tr("Place control points on the schedule last shown"));
  outer->addWidget(m_resetPoints, 0, Qt::AlignLeft);

  setOptions(m_options);

  connect(m_preset, QOverload<int>::of(&QComboBox::activated), this, &ScheduleControls::applyPreset);
  connect(m_family, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int) {
    m_options.family = static_cast<ScheduleFamily>(m_family->currentData().toInt());
    m_options.custom_kind = difflab::CustomScheduleKind::LogSnrPoints;
    updateVisibleRows();
    edited();
  });
  connect(m_timesteps, QOverload<int>::of(&QSpinBox::valueChanged), this, [this](int v) {
    m_options.timesteps = v;
    edited();
  });
  connect(m_betaStart, QOverload<double>::of(&QDoubleSpinBox::valueChanged), this, [this](double v) {
    m_options.beta_start = v;
    edited();
  });
  connect(m_betaEnd, QOverload<double>::of(&QDoubleSpinBox::valueChanged), this, [this](double v) {
    m_options.beta_end = v;
    edited();
  });
  connect(m_cosineS, QOverload<double>::of(&QDoubleSpinBox::valueChanged), this, [this](double v) {
    m_options.cosine_s = v;
    edited();
  });
  connect(m_cosineMaxBeta, QOverload<double>::of(&QDoubleSpinBox::valueChanged), this, [this](double v) {
    m_options.cosine_max_beta = v;
    edited();
  });
  connect(m_zeroTerminalSnr, &QCheckBox::toggled, this, [this](bool on) {
    m_options.zero_terminal_snr = on;
    edited();
  });
  connect(m_resetPoints, &QPushButton::clicked, this, &ScheduleControls::resetControlPointsRequested);
}

void ScheduleControls::setOptions(const ScheduleOptions& options) {
  m_options = options;
  const int familyIndex = m_family->findData(static_cast<int>(options.family));
  if (m_family->currentIndex() != familyIndex) {
    const QSignalBlocker block(m_family);
    m_family->setCurrentIndex(familyIndex);
  }
  const int steps = static_cast<int>(std::min<int64_t>(options.timesteps, m_timesteps->maximum()));
  if (m_timesteps->value() != steps) {
    const QSignalBlocker block(m_timesteps);
    m_timesteps->setValue(steps);
  }
  showValue(m_betaStart, options.beta_start);
  showValue(m_betaEnd, options.beta_end);
  showValue(m_cosineS, options.cosine_s);
  showValue(m_cosineMaxBeta, options.cosine_max_beta);
  if (m_zeroTerminalSnr->isChecked() != options.zero_terminal_snr) {
    const QSignalBlocker block(m_zeroTerminalSnr);
    m_zeroTerminalSnr->setChecked(options.zero_terminal_snr);
  }
  updateVisibleRows();
}

void ScheduleControls::updateVisibleRows() {
  const auto family = m_options.family;
  const bool endpoints =
      family == ScheduleFamily::Linear || family == ScheduleFamily::ScaledLinear || family == ScheduleFamily::Sigmoid;
  const bool cosine = family == ScheduleFamily::Cosine;
  const bool points =
      family == ScheduleFamily::Custom && m_options.custom_kind == difflab::CustomScheduleKind::LogSnrPoints;
  m_form->setRowVisible(m_betaStart, endpoints);
  m_form->setRowVisible(m_betaEnd, endpoints);
  m_form->setRowVisible(m_cosineS, cosine);
  m_form->setRowVisible(m_cosineMaxBeta, cosine);
  m_customHint->setVisible(family == ScheduleFamily::Custom);
  m_resetPoints->setVisible(points);
  if (family == ScheduleFamily::Custom && !points)
    m_customHint->setText(tr("Custom table with %n value(s), loaded from a file.", nullptr,
                             static_cast<int>(m_options.custom_values.size())));
  else
    m_customHint->setText(
        tr("Drag the points on the log-SNR plot. Double-click adds a point, right-click removes one."));
}

void ScheduleControls::applyPreset(int index) {
  ScheduleOptions o = m_options;
  o.timesteps = 1000;
  o.zero_terminal_snr = false;
  switch (index) {
    case 1:  // Ho et al. 2020, §4
      o.family = ScheduleFamily::Linear;
      o.beta_start = 1e-4;
      o.beta_end = 0.02;
      break;
    case 2:  // Rombach et al. 2022 (diffusers beta_schedule="scaled_linear")
      o.family = ScheduleFamily::ScaledLinear;
      o.beta_start = 0.00085;
      o.beta_end = 0.012;
      break;
    case 3:  // Nichol & Dhariwal 2021, eq. 17
      o.family = ScheduleFamily::Cosine;
      o.cosine_s = 0.008;
      o.cosine_max_beta = 0.999;
      break;
    case 4:  // Lin et al. 2024, §3.1
      o.family = ScheduleFamily::ScaledLinear;
      o.beta_start = 0.00085;
      o.beta_end = 0.012;
      o.zero_terminal_snr = true;
      break;
    default: return;
  }
  {
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(0);
  }
  setOptions(o);
  edited();
}

void ScheduleControls::edited() { Q_EMIT optionsEdited(m_options); }
