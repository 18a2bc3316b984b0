#pragma once
// The parameters of one noise schedule: family, T, β_start / β_end, cosine s and max β, zero terminal SNR.
// Every edit emits optionsEdited() at once (no Apply button); validation is the core's job, so the ranges
// here are deliberately loose and impossible combinations reach NoiseSchedule::from_options, whose message
// the owner shows. GUI-thread only.

#include "schedule/noise_schedule.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

class ScheduleControls : public QWidget {
  Q_OBJECT
 public:
  explicit ScheduleControls(QWidget* parent = nullptr);

  const difflab::ScheduleOptions& options() const { return m_options; }
  /// Shows `options` without emitting optionsEdited(); widgets that already show the value are left
  /// untouched so that a spin box being typed into keeps its cursor.
  void setOptions(const difflab::ScheduleOptions& options);

  QComboBox* familyBox() const { return m_family; }
  QSpinBox* timestepsBox() const { return m_timesteps; }
  QDoubleSpinBox* betaStartBox() const { return m_betaStart; }
  QDoubleSpinBox* betaEndBox() const { return m_betaEnd; }
  QDoubleSpinBox* cosineSBox() const { return m_cosineS; }
  QDoubleSpinBox* cosineMaxBetaBox() const { return m_cosineMaxBeta; }
  QCheckBox* zeroTerminalSnrBox() const { return m_zeroTerminalSnr; }

 Q_SIGNALS:
  void optionsEdited(const difflab::ScheduleOptions& options);
  /// The user asked for fresh control points (custom log-SNR schedules).
  void resetControlPointsRequested();

 private:
  void edited();
  void updateVisibleRows();
  void applyPreset(int index);

  difflab::ScheduleOptions m_options;
  QFormLayout* m_form = nullptr;
  QComboBox* m_preset = nullptr;
  QComboBox* m_family = nullptr;
  QSpinBox* m_timesteps = nullptr;
  QDoubleSpinBox* m_betaStart = nullptr;
  QDoubleSpinBox* m_betaEnd = nullptr;
  QDoubleSpinBox* m_cosineS = nullptr;
  QDoubleSpinBox* m_cosineMaxBeta = nullptr;
  QCheckBox* m_zeroTerminalSnr = nullptr;
  QLabel* m_customHint = nullptr;
  QPushButton* m_resetPoints = nullptr;
};
