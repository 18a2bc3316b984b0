#pragma once
// 2-D score lab (issue #16): the pictures of lectures 001–003 on any 2-D data set.
//   * Field — the score ∇ₓ log p_t(x) as arrows on a grid at any t, over a heat map of log p_t (exact), of the
//     error ‖s_θ − s*‖² of a learned field, or of the learned model's own log p_t (ODE likelihood, worker);
//     the learned field beside the exact one with its p_t-weighted error.
//   * Langevin — particles from a region dragged out on the plot (left button), under plain or annealed
//     Langevin dynamics, animated with trails; beside them the particles per mode against the true weights.
//   * Score matching — DSM and sliced score matching (SSM-VR) trained side by side on the same batches, with
//     their loss curves (SSM + 1, Stein's identity) and field errors against the exact score.
// Besides the two networks trained here, the arrows and the particles can follow a model file: the window's current
// model (a network just trained in the Training tab, a zoo checkpoint, an import) or one opened in the view's own
// Model panel, sampled along the lab's schedule so that its t is the reference's t.
// The exact reference is the mixture itself, or for data that are not a mixture (two moons, swiss roll,
// checkerboard) the point set's exact denoiser (core/score/score_field.h). All computing runs on one JobRunner;
// while the race trains it also redraws the field of the chosen network, so the field improves live.
// GUI-thread only.

#include <ATen/core/Tensor.h>

#include "lecture/lecture_view.h"
#include "views/score_lab/score_lab_jobs.h"

#include <QWidget>

#include <memory>
#include <mutex>
#include <functional>
#include <vector>

namespace difflab {
class Denoiser;
class ScoreReference;
class ScoreMatchingRace;
}  // namespace difflab
class JobRunner;
class ModelPanel;
class ModelSession;
struct SamplingModel;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class ScheduleState;
class RunBar;
class ScoreLabPlots;
class ScoreLabSettings;

class ScoreLabView : public QWidget, public LectureView {
  Q_OBJECT
 public:
  /// `schedule` (the window's) and `session` (the window's current model; may be null) must outlive the view.
  explicit ScoreLabView(ScheduleState* schedule, ModelSession* session = nullptr, QWidget* parent = nullptr);
  ~ScoreLabView() override;

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;
  QAbstractSlider* lectureSlider() const override;
  QAbstractButton* lecturePlayButton() const override;

  /// What the arrows and the heat map show.
  using FieldSource = ScoreFieldSource;
  using Heat = ScoreHeat;

  // --- parts, for tests and screenshots -------------------------------------------------------------------
  QComboBox* dataBox() const;
  QSpinBox* tBox() const;
  QComboBox* fieldBox() const;
  QComboBox* heatBox() const;
  QCheckBox* annealedBox() const;
  QComboBox* langevinSourceBox() const;
  /// The model the "model" field and Langevin sources follow.
  ModelPanel* modelPanel() const { return m_modelPanel; }
  QSpinBox* raceStepsBox() const;
  QPushButton* langevinButton() const;
  QPushButton* raceButton() const;
  QLabel* statusLabel() const;
  QLabel* captionLabel() const;
  QCustomPlot* fieldPlot() const;
  QCustomPlot* histogramPlot() const;
  /// Particle fraction per mode of the last Langevin frame (empty before any run).
  std::vector<double> modeFractions() const;
  /// The race's last field errors (relative Fisher divergence), NaN before any evaluation.
  double lastDsmError() const { return m_lastDsm; }
  double lastSsmError() const { return m_lastSsm; }
  bool isBusy() const;
  /// Sets the Langevin start rectangle (data coordinates), as a drag on the plot does.
  void setStartRegion(double x0, double y0, double x1, double y1);

 public Q_SLOTS:
  void runLangevin();
  void runRace();
  void stop();
  void exportParticles();

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();
  /// A job's result is on screen ("field", "langevin", "race").
  void resultShown(const QString& kind);

 private:
  void clearProgress();  ///< "no run yet": the shown results were dropped
  void rebuildReference();
  void refreshField();
  /// `countsSteps`: the job drives the progress bar (particles, training), not a quick field refresh.
  void setBusy(bool busy, const QString& what, bool countsSteps = false);
  void clearRace();

  /// Opens the panel's model if needed; true when it is open and 2-D (else the status line says why). Once it
  /// has opened, `retry` runs (the field is drawn again, or the particles start).
  bool ensureModel(std::function<void()> retry);
  /// The panel's denoiser when its model is open and 2-D, else null.
  std::shared_ptr<difflab::Denoiser> modelDenoiser() const;
  /// A model that opened: when the arrows follow it, the data set it was trained on is chosen as the reference.
  void onModelOpened(const std::shared_ptr<const SamplingModel>& model);

  ScheduleState* m_schedule;
  ModelSession* m_session;
  ModelPanel* m_modelPanel = nullptr;
  ScoreLabSettings* m_settings = nullptr;
  ScoreLabPlots* m_plots = nullptr;
  JobRunner* m_runner = nullptr;
  std::shared_ptr<difflab::ScoreReference> m_reference;
  std::shared_ptr<difflab::ScoreMatchingRace> m_race;
  at::Tensor m_train;  // float32 [N, 2] the training points
  double m_extent[4] = {-3, 3, -3, 3};
  double m_region[4] = {1.5, 1.5, 2.5, 2.5};
  bool m_raceRunning = false;
  bool m_barCounts = false;             ///< the running job drives the progress bar
  bool m_particlesFollowModel = false;  ///< the particles on screen (and the bar's last run) followed the model file
  mutable std::mutex m_settingsMutex;   // the race job reads the field settings while it runs
  ScoreFieldSettings m_liveSettings;
  std::vector<at::Tensor> m_frames;  // Langevin positions for the animation export
  double m_lastDsm, m_lastSsm;

  RunBar* m_run = nullptr;
  QLabel* m_status = nullptr;  // the run bar's
};
