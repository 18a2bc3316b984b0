#pragma once
// Sampler comparison: the same x_T (one seed) through several samplers × several step counts, shown as a
// grid of results (rows: samplers, columns: steps), and — for 2-D and analytic models — the distance of
// each result to the data (energy distance or sliced Wasserstein) against the NFE it cost, on log-log
// axes, with the distance between two independent data sets of the same sizes drawn as the floor below
// which no sampler can be told apart from the data. Runs on a ComparisonWorker with progress and Cancel.
// GUI-thread only.

#include "session/sampling_model.h"
#include "workers/comparison_worker.h"

#include "lecture/lecture_view.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class ModelPanel;
class RunBar;
class StepOptimiserPanel;
class ModelSession;
class ModelSourceBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class JobRunner;

namespace difflab {
struct StepOptimizerResult;
}
class QSpinBox;
class QTableWidget;
class ScheduleState;

class SamplerComparisonView : public QWidget, public LectureView {
  Q_OBJECT
 public:
  /// `schedule` and `dataset` must outlive the view (dataset may be null).
  SamplerComparisonView(ScheduleState* schedule, ModelSession* session, QWidget* parent = nullptr);
  ~SamplerComparisonView() override;

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;

  /// Checks exactly the samplers named (catalog names, e.g. "ddim").
  void setSamplers(const QStringList& names);
  QStringList checkedSamplers() const;
  /// Step counts parsed from the steps field ("2, 5, 10"); invalid entries are skipped.
  std::vector<int> stepCounts() const;

  /// Results so far: per sampler row, the (NFE, distance) points in step order.
  const std::vector<ComparisonCell>& cells() const { return m_cells; }
  double floorDistance() const { return m_floor; }

  // Parts, for tests.
  ModelSourceBox* modelBox() const;
  ModelPanel* modelPanel() const { return m_panel; }
  QListWidget* samplerList() const { return m_samplers; }
  QLineEdit* stepsEdit() const { return m_steps; }
  QSpinBox* seedBox() const { return m_seed; }
  QSpinBox* batchBox() const { return m_batch; }
  QComboBox* metricBox() const { return m_metric; }
  QPushButton* runButton() const;
  QPushButton* cancelButton() const;
  QProgressBar* progressBar() const;
  QCustomPlot* plot() const { return m_plot; }
  QTableWidget* grid() const { return m_grid; }
  QLabel* statusLabel() const { return m_status; }
  QComboBox* spacingBox() const { return m_spacing; }
  QPushButton* optimiseButton() const;
  QSpinBox* optimiseStepsBox() const;
  /// The last optimised grid (t_0 > … > t_N = 0) and the sampler it was optimised for; empty before any.
  const std::vector<double>& optimisedTimesteps() const;
  const QString& optimisedSampler() const;
  bool isOptimising() const;
  /// Writes the optimised grid as the JSON of `difflab-cli optimise-steps`; false (with the status line
  /// saying why) when there is none or the file cannot be written.
  bool saveOptimisedSteps(const QString& path);
  /// Forgets the optimised grid (the model or the schedule changed).
  void dropOptimisedSteps();
  ComparisonWorker* worker() const { return m_worker; }

 public Q_SLOTS:
  void run();
  /// Searches the step times of the first checked deterministic sampler at optimiseStepsBox() steps
  /// (sampling/step_optimizer.h) on a worker thread; the result joins the next runs as "NAME (optimised)" and is
  /// drawn on the schedule lab's plots (samplingTimesChanged).
  void optimiseSteps();

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();
  void comparisonFinished();
  void optimisationFinished();
  /// The optimised grid, for the schedule lab's markers.
  void samplingTimesChanged(const std::vector<double>& t);

 private:
  void buildLayout();
  void onCell(const ComparisonCell& cell);
  void replotCurves();
  /// Drops the results of the previous model (curves, grid, optimised steps).
  void clearResults();

  ScheduleState* m_schedule;
  std::optional<SamplingModel> m_model;
  ComparisonRequest m_request;
  std::vector<ComparisonCell> m_cells;
  double m_floor = 0.0;
  QString m_switchNote;  ///< said when a model switch stopped the running sweep, until the next run
  QRectF m_range;
  ComparisonWorker* m_worker = nullptr;
  ModelPanel* m_panel = nullptr;

  QListWidget* m_samplers = nullptr;
  QLineEdit* m_steps = nullptr;
  QSpinBox* m_seed = nullptr;
  QSpinBox* m_batch = nullptr;
  QComboBox* m_metric = nullptr;
  QComboBox* m_spacing = nullptr;
  StepOptimiserPanel* m_optimiser = nullptr;
  RunBar* m_run = nullptr;
  QLabel* m_status = nullptr;  // the run bar's
  QCustomPlot* m_plot = nullptr;
  QTableWidget* m_grid = nullptr;
};
