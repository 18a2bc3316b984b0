#include "sampling/sampler.h"

#include "views/chain_player/branch_controls.h"
#include "widgets/sampler_options_form.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

BranchControls::BranchControls(QWidget* parent) : QGroupBox(tr("Branch at the shown step"), parent) {
  auto* layout = new QVBoxLayout(this);
  m_form = new SamplerOptionsForm(this);
  m_form->setGridEditable(false);
  layout->addWidget(m_form);
  auto* form = new QFormLayout;
  m_guidance = new QDoubleSpinBox(this);
  m_guidance->setRange(0.0, 30.0);
  m_guidance->setSingleStep(0.5);
  m_guidance->setValue(1.0);
  m_guidance->setToolTip(tr("Guidance of the branch (needs a class)"));
  form->addRow(tr("Guidance w"), m_guidance);
  layout->addLayout(form);
  auto* buttons = new QHBoxLayout;
  m_branch = new QPushButton(tr("Branch here"), this);
  m_clear = new QPushButton(tr("Clear"), this);
  buttons->addWidget(m_branch);
  buttons->addWidget(m_clear);
  layout->addLayout(buttons);
}

void BranchControls::followGrid(const difflab::SamplerOptions& original) {
  difflab::SamplerOptions b = m_form->options();
  b.steps = original.steps;
  b.spacing = original.spacing;
  b.karras_rho = original.karras_rho;
  m_form->setOptions(b);
}

difflab::SamplerOptions BranchControls::options(const difflab::SamplerOptions& original) const {
  difflab::SamplerOptions options = m_form->options();
  options.steps = original.steps;
  options.spacing = original.spacing;
  options.karras_rho = original.karras_rho;
  options.sigma_max = original.sigma_max;
  options.custom_timesteps = original.custom_timesteps;
  return options;
}

double BranchControls::guidance() const { return m_guidance->value(); }
