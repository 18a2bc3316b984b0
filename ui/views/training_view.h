#pragma once
// The training dashboard: choose a data set, a network preset, the objective, batch size, steps, learning
// rate and device; the noise schedule is the shared one shaped in the schedule lab. Start / Pause / Resume /
// Stop drive a TrainingWorker on its own thread; a ~30 Hz timer drains its feed into a live loss plot (raw
// and smoothed, optional log scale), the per-timestep loss (heatmap over steps or curves) and a grid of
// samples drawn from the EMA weights every N steps from fixed noise. Errors (divergence, out of memory, bad
// data) appear in the message area; the last checkpoint written stays on disk.
//
// GUI-thread only. The GUI never waits on the model, except that destroying the view while training runs
// asks the worker to stop and waits for its current step.

#include "workers/training_worker.h"

#include "lecture/lecture_view.h"

#include <QWidget>

#include <limits>

class LossPlot;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class SampleGridWidget;
class ScheduleState;
class TimestepLossHeatmap;
class TrainingSettings;

class TrainingView : public QWidget, public LectureView {
  Q_OBJECT
  /// True while a training run is in progress (read by the screenshot tour).
  Q_PROPERTY(bool busy READ isRunning)
 public:
  /// `schedule` must outlive the view.
  explicit TrainingView(ScheduleState* schedule, QWidget* parent = nullptr);
  ~TrainingView() override;

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;

  /// The job the controls describe (the schedule is the shared one).
  TrainingJob job() const;
  /// Fills the controls from a job (its schedule is ignored: the schedule lab owns it).
  void setJob(const TrainingJob& job);

  bool isRunning() const { return m_worker != nullptr; }
  bool isPaused() const { return m_paused; }
  /// The worker's last status line ("Training", "Paused at step N", ...).
  QString statusText() const;
  /// The last step drained from the worker's feed.
  qint64 lastStep() const { return m_lastStep; }

  // Parts, for the main window and for tests.
  LossPlot* lossPlot() const { return m_lossPlot; }
  TimestepLossHeatmap* timestepLoss() const { return m_heatmap; }
  SampleGridWidget* samples() const { return m_samples; }
  QPushButton* startButton() const { return m_start; }
  QPushButton* pauseButton() const { return m_pause; }
  QSpinBox* processesBox() const;
  QPushButton* stopButton() const { return m_stop; }
  QProgressBar* progressBar() const { return m_progress; }
  QLabel* messageLabel() const { return m_message; }
  QCheckBox* logScaleCheck() const { return m_logScale; }
  QDoubleSpinBox* smoothingBox() const { return m_smoothing; }
  QComboBox* timestepModeCombo() const { return m_timestepMode; }
  QSpinBox* qualityEveryBox() const;
  QLabel* qualityLabel() const;
  TrainingSettings* settings() const { return m_settings; }

  /// Drain rate of the worker's feed.
  static constexpr int kDrainIntervalMs = 33;

 public Q_SLOTS:
  void start();
  /// Pauses or resumes a running training.
  void setPaused(bool paused);
  /// Stops after the current step; the worker writes the checkpoint.
  void stop();

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();
  void trainingStarted(const QString& description);
  void trainingFinished(qint64 step, bool stopped, const QString& checkpoint);
  void trainingFailed(const QString& message);
  /// After a timer tick that brought new steps.
  void progressDrained(qint64 step);

 private:
  void buildLayout();
  QWidget* buildControls();
  void onStarted(const QString& description);
  void onFinished(qint64 step, bool stopped, const QString& checkpoint);
  void onFailed(const QString& message, const QString& lastCheckpoint);
  void drain();
  void endRun();
  void updateButtons();
  void showMessage(const QString& text, bool error);

  ScheduleState* m_schedule;
  TrainingSettings* m_settings = nullptr;
  QPushButton* m_start = nullptr;
  QPushButton* m_pause = nullptr;
  QPushButton* m_stop = nullptr;
  // Read-outs.
  QProgressBar* m_progress = nullptr;
  QLabel* m_stepLabel = nullptr;
  QLabel* m_rateLabel = nullptr;
  QLabel* m_etaLabel = nullptr;
  QLabel* m_memoryLabel = nullptr;
  QLabel* m_statusLabel = nullptr;
  QLabel* m_description = nullptr;
  QLabel* m_message = nullptr;
  QCheckBox* m_logScale = nullptr;
  QDoubleSpinBox* m_smoothing = nullptr;
  QComboBox* m_timestepMode = nullptr;
  LossPlot* m_lossPlot = nullptr;
  TimestepLossHeatmap* m_heatmap = nullptr;
  SampleGridWidget* m_samples = nullptr;
  // The run.
  TrainingWorker* m_worker = nullptr;
  std::shared_ptr<TrainingFeed> m_feed;
  QTimer* m_drainTimer = nullptr;
  bool m_paused = false;
  QString m_runDescription;        ///< what the last started run trained (its description line)
  bool m_runStarted = false;       ///< the worker reported started: the plots belong to this run now
  int64_t m_pendingTimesteps = 0;  ///< T of the run being started
  QString m_confirmedConflict;     ///< an objective/schedule conflict the user pressed Start again for
  qint64 m_lastStep = 0;
  qint64 m_previewStep = -1;  ///< the step the shown preview was drawn at; -1 before the run's first
  double m_lastLoss = std::numeric_limits<double>::quiet_NaN();  ///< of m_lastStep; NaN before a run
  qint64 m_totalSteps = 0;
};
