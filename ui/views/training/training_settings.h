#pragma once
// The training dashboard's settings: data set and network, objective, optimisation, checkpoints and previews,
// as a TrainingJob both ways (job(), setJob()). Data-set changes fill in the defaults of that kind of data (a
// toy MLP or a small image U-Net) until the user has chosen otherwise, and pick the zoo classifier that measures
// the Fréchet distance during training. GUI-thread only.

#include "workers/training_worker.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class ScheduleState;

class TrainingSettings : public QWidget {
  Q_OBJECT
 public:
  /// `schedule` (the schedule lab's, which the job trains on) must outlive the settings.
  explicit TrainingSettings(ScheduleState* schedule, QWidget* parent = nullptr);

  /// The job the controls describe (the schedule is the shared one).
  TrainingJob job() const;
  /// Fills the controls from a job (its schedule is ignored: the schedule lab owns it).
  void setJob(const TrainingJob& job);
  /// While a run is on, what it was started with cannot change (the preview and quality cadence can).
  void setRunning(bool running);

  /// "eps", "x0" or "v"; "mse" or "l1": the objective the lecture banner shows.
  QString prediction() const;
  QString loss() const;
  bool onCuda() const;
  int previewSteps() const;
  /// The zoo classifier of the chosen data set ("zoo:NAME"), empty when there is none.
  const QString& qualityClassifier() const { return m_qualityClassifier; }
  /// Shows a Fréchet-distance measurement (or why there is none) under its settings.
  void setQualityText(const QString& text);

  QSpinBox* processesBox() const { return m_processes; }
  QSpinBox* qualityEveryBox() const { return m_qualityEvery; }
  QLabel* qualityLabel() const { return m_qualityLabel; }

 Q_SIGNALS:
  /// The prediction target or the loss changed.
  void objectiveChanged();

 private:
  void onDatasetChanged();
  void updateQualityClassifier();
  void onScheduleChanged();
  void browseCheckpoint();
  void browseResume();

  ScheduleState* m_schedule;
  QComboBox* m_dataset = nullptr;
  QComboBox* m_model = nullptr;
  QCheckBox* m_conditional = nullptr;
  QDoubleSpinBox* m_pUncond = nullptr;
  QComboBox* m_prediction = nullptr;
  QComboBox* m_loss = nullptr;
  QComboBox* m_weighting = nullptr;
  QComboBox* m_tSampling = nullptr;
  QLabel* m_scheduleLabel = nullptr;
  QSpinBox* m_batch = nullptr;
  QSpinBox* m_steps = nullptr;
  QDoubleSpinBox* m_lr = nullptr;
  QSpinBox* m_warmup = nullptr;
  QDoubleSpinBox* m_ema = nullptr;
  QSpinBox* m_seed = nullptr;
  QComboBox* m_device = nullptr;
  QComboBox* m_precision = nullptr;
  QSpinBox* m_threads = nullptr;
  QSpinBox* m_processes = nullptr;
  QLineEdit* m_checkpoint = nullptr;
  QSpinBox* m_checkpointEvery = nullptr;
  QLineEdit* m_resume = nullptr;
  QSpinBox* m_previewEvery = nullptr;
  QSpinBox* m_previewCount = nullptr;
  QSpinBox* m_previewSteps = nullptr;
  QSpinBox* m_qualityEvery = nullptr;
  QSpinBox* m_qualityNum = nullptr;
  QLabel* m_qualityLabel = nullptr;
  QString m_qualityClassifier;
  QGroupBox* m_modelBox = nullptr;
  QGroupBox* m_objectiveBox = nullptr;
  bool m_defaultsApplied = false;
};
