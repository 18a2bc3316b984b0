#pragma once
// Reverse-chain player: the whole reverse chain of a batch is computed on a SamplingWorker, keeping every
// step's x_t, x̂₀, ε̂ and a clone of the sampler state; playback then walks the stored steps (play, pause,
// single step, back, rewind), independent of how fast they were computed. Per step it shows x_t, x̂₀ and ε̂
// side by side — image grids for images, particles with their trajectories over the greyed data for 2-D —
// and the numbers t, ᾱ_t, σ_t = √(1 − ᾱ_t), ‖ε̂‖ and the NFE so far.
//
// Branch: at the shown step k, the stored sampler state continues with another sampler, η, seed or guidance
// (difflab::branch_sampler) on a second worker; the original chain stays, and both are drawn (branch in
// orange, a second row for images) so they can be compared step by step. GUI-thread only.

#include "views/chain_player/chain_display.h"

#include "lecture/lecture_view.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class BranchControls;
class ClassifierGuidanceBox;
class GuidanceControls;
class RunBar;
class ModelPanel;
class ModelSession;
class ModelSourceBox;
class PlaybackBar;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class SamplerOptionsForm;
class ScheduleState;

class ChainPlayerView : public QWidget, public LectureView {
  Q_OBJECT
  Q_PROPERTY(bool busy READ isBusy)
 public:
  /// One chain of steps (views/chain_player/chain_display.h).
  using Chain = PlayerChain;

  /// `schedule` and `dataset` must outlive the view (dataset may be null).
  ChainPlayerView(ScheduleState* schedule, ModelSession* session, QWidget* parent = nullptr);
  ~ChainPlayerView() override;

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;
  QAbstractSlider* lectureSlider() const override;
  QAbstractButton* lecturePlayButton() const override;

  const Chain& original() const { return m_original; }
  const std::optional<Chain>& branch() const { return m_branch; }
  int currentStep() const { return m_step; }
  /// True while the chain of the current settings is on its way (model opening, settings settling, computing).
  bool isBusy() const;
  bool isPlaying() const;
  const std::optional<SamplingModel>& model() const { return m_model; }

  // Parts, for tests.
  ModelSourceBox* modelBox() const;
  ModelPanel* modelPanel() const { return m_panel; }
  ClassifierGuidanceBox* classifierGuidance() const;
  SamplerOptionsForm* samplerForm() const { return m_samplerForm; }
  SamplerOptionsForm* branchForm() const;
  QSpinBox* batchBox() const { return m_batch; }
  QComboBox* classBox() const;
  QDoubleSpinBox* guidanceBox() const;
  QDoubleSpinBox* branchGuidanceBox() const;
  QSlider* stepSlider() const;
  QPushButton* playButton() const;
  QPushButton* branchButton() const;
  QLabel* numbersLabel() const { return m_numbers; }
  QLabel* branchNumbersLabel() const { return m_branchNumbers; }
  QLabel* statusLabel() const { return m_status; }
  QCustomPlot* plot(int column) const { return m_display->plot(column); }
  QLabel* imagePanel(int row, int column) const { return m_display->imagePanel(row, column); }
  SamplingWorker* worker() const { return m_worker; }
  SamplingWorker* branchWorker() const { return m_branchWorker; }
  QPushButton* exportAnimationButton() const { return m_exportAnimation; }

  /// The computed chain as an animation, one frame per step at the player's steps/s: x_t as an image grid, or
  /// the particles over the greyed data, captioned with the step and t. Empty (count 0) until the chain is
  /// complete. The branch is not part of it.
  AnimationSource animationSource() const;

 public Q_SLOTS:
  /// Computes a new chain with the current settings (edits call it after a short debounce); drops the branch.
  void recompute();
  void play();
  void pause();
  void togglePlay();
  void stepForward();
  void stepBack();
  void rewind();
  /// Shows step `step` (0 = x_T … N), clamped to what has been computed.
  void seek(int step);
  /// Branches at the shown step with the branch form's sampler options and guidance.
  void branchHere();
  void clearBranch();

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();
  void chainComplete();
  void branchComplete();
  void stepShown(int step);

 private:
  void buildLayout();
  QWidget* buildControls();
  void scheduleRecompute();
  /// True when the model of the current settings is open; otherwise starts opening it on a worker thread
  /// and answers false, and `retry` runs once it is open.
  bool ensureModel(std::function<void()> retry);
  void onModelOpened(const std::shared_ptr<const SamplingModel>& model);
  void onFrame(Chain& chain, const SamplingFrame& frame);
  void render();
  QString numbers(const Chain& chain, int step) const;
  SamplingFrame startFrame(const difflab::Sampler& sampler) const;

  ScheduleState* m_schedule;
  std::optional<SamplingModel> m_model;
  ModelPanel* m_panel = nullptr;
  std::shared_ptr<difflab::Denoiser> m_denoiser;  ///< of the original chain (guided or not)
  Chain m_original;
  std::optional<Chain> m_branch;
  int m_step = 0;
  SamplingWorker* m_worker = nullptr;
  SamplingWorker* m_branchWorker = nullptr;
  QTimer* m_debounce = nullptr;

  SamplerOptionsForm* m_samplerForm = nullptr;
  QSpinBox* m_batch = nullptr;
  GuidanceControls* m_guidance = nullptr;
  BranchControls* m_branchControls = nullptr;
  QPushButton* m_exportAnimation = nullptr;
  RunBar* m_run = nullptr;
  QLabel* m_numbers = nullptr;
  QLabel* m_branchNumbers = nullptr;
  QLabel* m_status = nullptr;  // the run bar's
  ChainDisplay* m_display = nullptr;
  PlaybackBar* m_playback = nullptr;
};
