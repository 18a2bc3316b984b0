#pragma once
// The score lab's controls: the data set, the time t with its α and σ, what the arrows and the heat map show,
// the model panel (placed between), Langevin dynamics (plain or annealed, Song & Ermon 2019) and the DSM-vs-SSM
// race. They describe the jobs (fieldSettings(), langevinOptions()); the view runs them from its pinned run bar. GUI-thread only.

#include "views/score_lab/score_lab_jobs.h"

#include <QWidget>

namespace difflab {
struct LangevinOptions;
enum class PredictionType;
}  // namespace difflab
class ModelPanel;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class ScheduleState;

class ScoreLabSettings : public QWidget {
  Q_OBJECT
 public:
  /// `schedule` must outlive the settings; `modelPanel` is placed under the field's controls.
  ScoreLabSettings(ScheduleState* schedule, ModelPanel* modelPanel, QWidget* parent = nullptr);

  /// The data set's key: "mix:PRESET" (an exact mixture) or "toy:NAME" (a point set's empirical reference).
  QString dataKey() const;
  /// Chooses the data set with this key; false when the lab does not offer it.
  bool selectData(const QString& key);
  ScoreFieldSettings fieldSettings() const;
  /// Plain or annealed Langevin as set; `seed` and the start are the view's.
  difflab::LangevinOptions langevinOptions() const;
  /// What the particles follow.
  ScoreFieldSource langevinSource() const;
  int64_t particleCount() const;
  int64_t raceSteps() const;
  difflab::PredictionType dsmPrediction() const;

  QComboBox* dataBox() const { return m_data; }
  QSpinBox* tBox() const { return m_t; }
  QSlider* tSlider() const { return m_tSlider; }
  QComboBox* fieldBox() const { return m_field; }
  QComboBox* heatBox() const { return m_heat; }
  QCheckBox* annealedBox() const { return m_annealed; }
  QComboBox* langevinSourceBox() const { return m_langevinSource; }
  QSpinBox* raceStepsBox() const { return m_raceSteps; }
  QPushButton* exportButton() const { return m_export; }
  /// Plain Langevin: δ; annealed: r, L and σ_1, for the lecture banner.
  double stepSize() const;
  double stepRatio() const;
  int levels() const;
  double sigmaMax() const;
  bool annealed() const;

 Q_SIGNALS:
  void dataChanged();
  /// t, the arrows, the heat map or the grid changed.
  void fieldChanged();
  /// A number of the lecture banner changed.
  void lectureEquationChanged();
  void dsmPredictionChanged();

 private:
  void updateSigmaLabel();

  ScheduleState* m_schedule;
  QComboBox* m_data = nullptr;
  QSpinBox* m_t = nullptr;
  QSlider* m_tSlider = nullptr;
  QLabel* m_sigma = nullptr;
  QComboBox* m_field = nullptr;
  QComboBox* m_heat = nullptr;
  QSpinBox* m_grid = nullptr;
  QCheckBox* m_annealed = nullptr;
  QComboBox* m_langevinSource = nullptr;
  QSpinBox* m_particles = nullptr;
  QDoubleSpinBox* m_delta = nullptr;
  QDoubleSpinBox* m_ratio = nullptr;
  QSpinBox* m_langevinSteps = nullptr;
  QSpinBox* m_levels = nullptr;
  QDoubleSpinBox* m_sigmaMax = nullptr;
  QSpinBox* m_raceSteps = nullptr;
  QComboBox* m_dsmPrediction = nullptr;
  QPushButton* m_export = nullptr;
};
