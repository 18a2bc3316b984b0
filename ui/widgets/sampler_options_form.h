#pragma once
// Edits a difflab::SamplerOptions: the sampler (from difflab::sampler_catalog()), steps, timestep spacing, seed,
// and the parameters the chosen sampler reads, one row per entry of the sampler parameter table
// (sampling/sampler_parameters.h: label, range, help), so a new parameter needs no GUI code. Rows of parameters
// the sampler ignores are hidden. The spacing box marks the sampler's recommended spacing and follows it when
// the sampler changes, until the user picks a spacing; a combination that measures badly shows its warning
// (difflab::sampler_setting_warning). Emits optionsChanged() on every edit. GUI-thread only.

#include "sampling/sampler.h"
#include "sampling/sampler_parameters.h"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

class SamplerOptionsForm : public QWidget {
  Q_OBJECT
 public:
  explicit SamplerOptionsForm(QWidget* parent = nullptr);

  difflab::SamplerOptions options() const;
  /// Shows `options` without emitting optionsChanged().
  void setOptions(const difflab::SamplerOptions& options);
  /// Offers a custom grid (t_0 > … > t_N = 0, e.g. optimised steps) as the "custom" spacing and selects it.
  void setCustomTimesteps(const std::vector<double>& timesteps);

  /// Hides the steps and spacing rows (a branch continues on its chain's own timestep grid).
  void setGridEditable(bool editable);

  QComboBox* samplerBox() const { return m_sampler; }
  QSpinBox* stepsBox() const { return m_steps; }
  QComboBox* spacingBox() const { return m_spacing; }
  QSpinBox* seedBox() const { return m_seed; }
  QDoubleSpinBox* etaBox() const;
  /// The editor of a parameter-table key (QDoubleSpinBox, QSpinBox or QComboBox), or nullptr.
  QWidget* parameterEditor(const std::string& key) const;
  /// A parameter's row label in the interface's language (the core's English label when it has no translation).
  static QString parameterLabel(const difflab::SamplerParameter& parameter);
  /// The warning line under the form (empty and hidden when the setting is fine).
  QLabel* warningLabel() const { return m_warning; }

 Q_SIGNALS:
  void optionsChanged();

 private:
  void updateRows();
  void updateSpacingLabels();
  void addRow(const QString& label, QWidget* field);

  QFormLayout* m_form = nullptr;
  QComboBox* m_sampler = nullptr;
  QSpinBox* m_steps = nullptr;
  QComboBox* m_spacing = nullptr;
  QSpinBox* m_seed = nullptr;
  QLabel* m_warning = nullptr;
  std::map<std::string, QWidget*> m_parameters;  ///< key → editor, in table order
  std::vector<double> m_customTimesteps;
  bool m_spacingChosen = false;  ///< the user picked a spacing: sampler changes no longer move it
  bool m_gridEditable = true;
  bool m_updating = false;
};
