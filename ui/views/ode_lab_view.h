#pragma once
// ODE lab: the probability-flow ODE as a tool (core/ode).
//   * Inversion — data → latent x_T → reconstruction with DDIM inversion, Heun, DPM-Solver++(2M) or RK45; the
//     original, the latent and the reconstruction side by side, the error per sample, and the reconstruction
//     error against the number of steps.
//   * Interpolation — two seeds' latents walked by slerp (or lerp, for contrast) and decoded into a strip that
//     also plays as an animation; the class and guidance may change along the path for conditional models;
//     the latent norm along both paths is plotted.
//   * Likelihood — the ODE log-likelihood in nats and bits/dim (exact divergence or Hutchinson with P probe
//     seeds, whose spread is shown; for the exact mixture the true log-density is shown next to it).
//   * Variational bound — L_T, L_{t−1} for every t and L₀ as bars on a log axis, with the total in bits/dim.
//   * Editing — SDEdit: noise to t₀ (slider), denoise under a chosen class; original, result, |difference|.
// Every computation runs on an OdeLabWorker thread with a progress bar and Cancel. GUI-thread only.

#include "session/sampling_model.h"
#include "workers/ode_lab_worker.h"

#include <ATen/core/Tensor.h>

#include <QMap>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class DatasetState;
class ModelOpener;
class ModelSourceBox;
class OdeLabWorker;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;
class QTimer;
class ScheduleState;

class OdeLabView : public QWidget {
  Q_OBJECT
 public:
  /// `schedule` and `dataset` must outlive the view (dataset may be null).
  OdeLabView(ScheduleState* schedule, DatasetState* dataset, QWidget* parent = nullptr);
  ~OdeLabView() override;

  /// The last finished result of a job kind ("inversion", "interpolation", "likelihood", "vlb", "edit").
  /// The open model (empty until it has opened, off the GUI thread, or when it failed to open).
  const std::optional<SamplingModel>& model() const { return m_model; }
  std::optional<OdeLabResult> result(const QString& kind) const;
  QString errorText() const { return m_error; }

  // Parts, for tests and screenshots.
  QTabWidget* pages() const { return m_pages; }
  ModelSourceBox* modelBox() const { return m_modelBox; }
  QComboBox* solverBox() const { return m_solver; }
  QSpinBox* stepsBox() const { return m_steps; }
  QSpinBox* batchBox() const { return m_batch; }
  QSpinBox* framesBox() const { return m_frames; }
  QComboBox* pathBox() const { return m_path; }
  QComboBox* divergenceBox() const { return m_divergence; }
  QSpinBox* probeSeedsBox() const { return m_probeSeeds; }
  QSlider* t0Slider() const { return m_t0; }
  QComboBox* editClassBox() const { return m_editClass; }
  QLabel* likelihoodReadout() const { return m_likelihoodText; }
  QLabel* vlbReadout() const { return m_vlbText; }
  QCustomPlot* vlbPlot() const { return m_vlbPlot; }
  QCustomPlot* curvePlot() const { return m_curvePlot; }
  QProgressBar* progressBar() const { return m_progress; }
  QPushButton* cancelButton() const { return m_cancel; }
  QPushButton* playButton() const { return m_play; }

 public Q_SLOTS:
  void runInversion();
  void runInterpolation();
  void runLikelihood();
  void runVlb();
  void runEdit();

 Q_SIGNALS:
  /// A job finished and its result is shown.
  void resultShown(const QString& kind);

 private:
  QWidget* buildInversionPage();
  QWidget* buildInterpolationPage();
  QWidget* buildLikelihoodPage();
  QWidget* buildVlbPage();
  QWidget* buildEditPage();
  /// True when the model of the current settings is open; otherwise starts opening it on a worker thread
  /// and answers false, and `retry` runs once it is open.
  bool ensureModel(std::function<void()> retry);
  void onModelOpened(const std::shared_ptr<const SamplingModel>& model);
  at::Tensor dataBatch(int64_t n) const;  ///< model scale, float64
  void updateClassBoxes();
  void onFinished(const OdeLabResult& result);
  void showInversion(const OdeLabResult& r);
  void showInterpolation(const OdeLabResult& r);
  void showLikelihood(const OdeLabResult& r);
  void showVlb(const OdeLabResult& r);
  void showEdit(const OdeLabResult& r);
  void showError(const QString& message);
  void advanceAnimation();
  QImage picture(const at::Tensor& modelScale, const QSize& size, const QColor& color) const;

  ScheduleState* m_schedule;
  DatasetState* m_dataset;
  std::optional<SamplingModel> m_model;
  ModelOpener* m_opener = nullptr;
  OdeLabWorker* m_worker = nullptr;
  QMap<QString, OdeLabResult> m_results;
  QString m_error;

  ModelSourceBox* m_modelBox = nullptr;
  QLabel* m_modelInfo = nullptr;
  QComboBox* m_solver = nullptr;
  QComboBox* m_spacing = nullptr;
  QSpinBox* m_steps = nullptr;
  QSpinBox* m_batch = nullptr;
  QSpinBox* m_seed = nullptr;
  QComboBox* m_class = nullptr;
  QProgressBar* m_progress = nullptr;
  QPushButton* m_cancel = nullptr;
  QLabel* m_status = nullptr;
  QTabWidget* m_pages = nullptr;

  // Inversion.
  QLabel* m_original = nullptr;
  QLabel* m_latent = nullptr;
  QLabel* m_reconstruction = nullptr;
  QLabel* m_inversionText = nullptr;
  QCustomPlot* m_curvePlot = nullptr;
  int m_curveRuns = 0;  ///< colours of the overlaid reconstruction curves
  // Interpolation.
  QSpinBox* m_seedA = nullptr;
  QSpinBox* m_seedB = nullptr;
  QSpinBox* m_frames = nullptr;
  QComboBox* m_path = nullptr;
  QComboBox* m_classA = nullptr;
  QComboBox* m_classB = nullptr;
  QDoubleSpinBox* m_guidanceA = nullptr;
  QDoubleSpinBox* m_guidanceB = nullptr;
  QLabel* m_strip = nullptr;
  QLabel* m_animation = nullptr;
  QPushButton* m_play = nullptr;
  QTimer* m_animationTimer = nullptr;
  QVector<QImage> m_animationFrames;
  int m_animationIndex = 0;
  QCustomPlot* m_normPlot = nullptr;
  // Likelihood.
  QComboBox* m_divergence = nullptr;
  QSpinBox* m_probes = nullptr;
  QSpinBox* m_probeSeeds = nullptr;
  QLabel* m_likelihoodText = nullptr;
  QCustomPlot* m_likelihoodPlot = nullptr;
  // VLB.
  QLabel* m_vlbText = nullptr;
  QCustomPlot* m_vlbPlot = nullptr;
  // Editing.
  QSlider* m_t0 = nullptr;
  QLabel* m_t0Label = nullptr;
  QComboBox* m_editClass = nullptr;
  QDoubleSpinBox* m_editGuidance = nullptr;
  QComboBox* m_editSampler = nullptr;
  QLabel* m_editOriginal = nullptr;
  QLabel* m_editResult = nullptr;
  QLabel* m_editDifference = nullptr;
  QLabel* m_editText = nullptr;
};
