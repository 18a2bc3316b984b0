#pragma once
// Generate: choose a model (an exact mixture preset, a checkpoint or a mixture JSON), a sampler with its
// parameters, steps, spacing, seed, batch size, class and guidance scale, and see the samples — a grid for
// images, a scatter over the (greyed) data for 2-D points. Every edit re-runs the preview on a
// SamplingWorker (a newer run supersedes the running one, so the GUI never waits); a progress bar and
// Cancel follow the run. Save PNG writes the picture with its full recipe in PNG text chunks
// (sampling/sampling_recipe.h); Open PNG restores the settings from such a file.
//
// samplingTimesChanged() reports the training times the sampler visits, for the schedule lab's markers.
// GUI-thread only.

#include "sampling/sampling_recipe.h"
#include "session/sampling_model.h"

#include <ATen/core/Tensor.h>

#include "lecture/lecture_view.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class GuidanceControls;
class ModelPanel;
class ModelSession;
class ModelSourceBox;
class PlotViewBar;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class RunBar;
class SampleDisplay;
class QTimer;
class SamplerOptionsForm;
class SamplingWorker;
class ScheduleState;
struct SamplingFrame;
struct SamplingResult;

class GenerateView : public QWidget, public LectureView {
  Q_OBJECT
  /// True while a preview is pending, its model opening, or sampling (the screenshot tour waits for it to fall).
  Q_PROPERTY(bool busy READ isBusy)
 public:
  /// `schedule` and `session` (the window's current model; may be null) must outlive the view.
  GenerateView(ScheduleState* schedule, ModelSession* session, QWidget* parent = nullptr);
  ~GenerateView() override;

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;

  /// The settings as a recipe (what Save PNG writes).
  difflab::SamplingRecipe recipe() const;
  /// Shows the recipe's settings (model, schedule for mixtures, sampler, batch, class, guidance) and re-runs
  /// (the class once the model is open, which happens off the GUI thread). Returns false with a message when
  /// the model file is not there; a file that cannot be opened is reported in the view like any other.
  bool applyRecipe(const difflab::SamplingRecipe& recipe, QString* error = nullptr);

  /// Writes the current picture with the recipe in its text chunks. False with a message on failure.
  bool savePng(const QString& path, QString* error = nullptr);
  /// Reads the recipe from a PNG's text chunks and applies it. False with a message on failure.
  bool openPng(const QString& path, QString* error = nullptr);

  /// The last finished batch in data scale (undefined before the first run).
  at::Tensor lastSamples() const { return m_samples; }
  const std::optional<SamplingModel>& model() const { return m_model; }
  QString errorText() const;
  bool isBusy() const;

  // Parts, for the main window and tests.
  ModelSourceBox* modelBox() const;
  ModelPanel* modelPanel() const { return m_panel; }
  PlotViewBar* plotBar() const;
  SamplerOptionsForm* samplerForm() const { return m_samplerForm; }
  QSpinBox* batchBox() const { return m_batch; }
  QComboBox* classBox() const;
  QDoubleSpinBox* guidanceBox() const;
  /// Classifier guidance: "none", "exact" (a mixture's posterior) or a classifier checkpoint's path.
  QComboBox* classifierBox() const;
  QDoubleSpinBox* classifierScaleBox() const;
  /// Adds a classifier checkpoint to the box and selects it; false with a message when it does not open.
  bool openClassifier(const QString& path, QString* error = nullptr);
  QProgressBar* progressBar() const;
  QPushButton* cancelButton() const;
  QCustomPlot* scatterPlot() const;
  QLabel* imageLabel() const;
  QLabel* statusLabel() const { return m_status; }
  SamplingWorker* worker() const { return m_worker; }

 public Q_SLOTS:
  /// Starts a run with the current settings now (edits call it after a short debounce).
  void regenerate();
  void saveDialog();
  void openDialog();

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();
  /// Training times t_0 > … > t_{N−1} the sampler evaluates at (the final t_N = 0 left out).
  void samplingTimesChanged(const std::vector<double>& t);
  /// A run finished and its samples are shown.
  void generated();

 private:
  void buildLayout();
  void scheduleRun();
  /// True when the model of the current settings is open; otherwise starts opening it on a worker thread
  /// and answers false, and `retry` runs once it is open.
  bool ensureModel(std::function<void()> retry);
  void onModelOpened(const std::shared_ptr<const SamplingModel>& model);
  void onModelChanged();
  void clearSamples();

  void updateSamplingTimes();
  void onFrame(const SamplingFrame& frame);
  void onFinished(const SamplingResult& result);
  void onFailed(const QString& message);
  void showError(const QString& message);

  ScheduleState* m_schedule;
  std::optional<SamplingModel> m_model;
  std::optional<difflab::SamplingRecipe> m_pendingRecipe;  ///< applied once its model is open
  at::Tensor m_samples;
  SamplingWorker* m_worker = nullptr;
  QTimer* m_debounce = nullptr;

  ModelPanel* m_panel = nullptr;
  SamplerOptionsForm* m_samplerForm = nullptr;
  QSpinBox* m_batch = nullptr;
  GuidanceControls* m_guidance = nullptr;
  RunBar* m_run = nullptr;
  QLabel* m_status = nullptr;  // the run bar's
  SampleDisplay* m_display = nullptr;
  QString m_error;
};
