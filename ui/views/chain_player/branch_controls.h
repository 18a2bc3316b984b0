#pragma once
// The reverse-chain player's "Branch at the shown step" group: a second sampler (its own η, seed and kind,
// e.g. DDIM η = 1 beside the deterministic original) that continues the chain from the shown step on the
// original's grid, with its own guidance w (enabled when a class is asked for). GUI-thread only.

#include <QGroupBox>

namespace difflab {
struct SamplerOptions;
}
class QDoubleSpinBox;
class QPushButton;
class SamplerOptionsForm;

class BranchControls : public QGroupBox {
  Q_OBJECT
 public:
  explicit BranchControls(QWidget* parent = nullptr);

  /// Keeps the form's grid (steps, spacing, ρ) the original's, which the branch cannot change.
  void followGrid(const difflab::SamplerOptions& original);
  /// The branch's options on the original sampler's grid: steps, spacing, ρ, σ_max and custom times from
  /// `original`, the rest from the form.
  difflab::SamplerOptions options(const difflab::SamplerOptions& original) const;
  double guidance() const;

  SamplerOptionsForm* form() const { return m_form; }
  QDoubleSpinBox* guidanceBox() const { return m_guidance; }
  QPushButton* branchButton() const { return m_branch; }
  QPushButton* clearButton() const { return m_clear; }

 private:
  SamplerOptionsForm* m_form = nullptr;
  QDoubleSpinBox* m_guidance = nullptr;
  QPushButton* m_branch = nullptr;
  QPushButton* m_clear = nullptr;
};
