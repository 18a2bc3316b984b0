#pragma once
// Edits a difflab::SamplerOptions: the sampler (from difflab::sampler_catalog()), steps, timestep spacing,
// seed, and the parameters the chosen sampler reads (η, DDPM variance, Langevin step size and steps per
// level, predictor–corrector settings, RK45 tolerances, Karras ρ). Rows of parameters the sampler ignores
// are hidden. Emits optionsChanged() on every edit. GUI-thread only.

#include "sampling/sampler.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;

class SamplerOptionsForm : public QWidget {
  Q_OBJECT
 public:
  explicit SamplerOptionsForm(QWidget* parent = nullptr);

  difflab::SamplerOptions options() const;
  /// Shows `options` without emitting optionsChanged().
  void setOptions(const difflab::SamplerOptions& options);

  /// Hides the steps and spacing rows (a branch continues on its chain's own timestep grid).
  void setGridEditable(bool editable);

  QComboBox* samplerBox() const { return m_sampler; }
  QSpinBox* stepsBox() const { return m_steps; }
  QComboBox* spacingBox() const { return m_spacing; }
  QSpinBox* seedBox() const { return m_seed; }
  QDoubleSpinBox* etaBox() const { return m_eta; }

 Q_SIGNALS:
  void optionsChanged();

 private:
  void updateRows();
  void addRow(const QString& label, QWidget* field);

  QFormLayout* m_form = nullptr;
  QComboBox* m_sampler = nullptr;
  QSpinBox* m_steps = nullptr;
  QComboBox* m_spacing = nullptr;
  QDoubleSpinBox* m_rho = nullptr;
  QSpinBox* m_seed = nullptr;
  QDoubleSpinBox* m_eta = nullptr;
  QComboBox* m_ddpmVariance = nullptr;
  QDoubleSpinBox* m_langevinStep = nullptr;
  QSpinBox* m_langevinSteps = nullptr;
  QComboBox* m_pcPredictor = nullptr;
  QSpinBox* m_pcCorrectorSteps = nullptr;
  QDoubleSpinBox* m_pcSnr = nullptr;
  QDoubleSpinBox* m_rtol = nullptr;
  QDoubleSpinBox* m_atol = nullptr;
  bool m_gridEditable = true;
  bool m_updating = false;
};
