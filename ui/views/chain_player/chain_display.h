#pragma once
// The reverse-chain player's picture of one step: x_t, x̂₀ and ε̂ side by side, for the original chain and an
// optional branch. 2-D models get three scatter plots (the data greyed behind x_t and x̂₀, the first particles'
// paths on x_t, the branch in orange); image models get image grids, the branch in a second row. Also the
// read-out of a step's numbers and the chain as an animation. GUI-thread only.

#include "session/sampling_model.h"
#include "workers/animation_exporter.h"
#include "workers/sampling_worker.h"

#include <QImage>
#include <QStackedWidget>

#include <vector>

class QCPCurve;
class QCustomPlot;
class QLabel;

namespace difflab {
class NoiseSchedule;
}

/// One chain: frames[0] is the start (x_T, or the branch point), frames[i] the state after step firstStep + i.
/// Only frames[0] of a branch carries a state from the original.
struct PlayerChain {
  std::vector<SamplingFrame> frames;
  int firstStep = 0;
  int totalSteps = 0;
  bool complete = false;
  QString label;
  /// The frame showing global step `step`, or null when the chain has not (yet) reached it.
  const SamplingFrame* at(int step) const;
  int lastStep() const { return firstStep + static_cast<int>(frames.size()) - 1; }
};

class ChainDisplay : public QStackedWidget {
  Q_OBJECT
 public:
  explicit ChainDisplay(QWidget* parent = nullptr);

  /// Shows the page of the model's kind; for 2-D models, the data behind x_t and x̂₀ and axes that hold both the
  /// data and the N(0, I) start (ε̂ on its own ±3.5 scale).
  void setModel(const SamplingModel& model);
  /// Lists the branch in the x_t plot's legend (while there is one).
  void setBranchInLegend(bool shown);
  /// Draws global step `step` of `original` and, where it has reached it, of `branch` (may be null).
  void showStep(const SamplingModel& model, const PlayerChain& original, const PlayerChain* branch, int step);

  /// "step k / N  t = …  ᾱ_t = …  σ_t = …  ‖ε̂‖ = …  NFE = …" (rich text) for global step `step` of `chain`, with
  /// classifier guidance's pull where the frame has one; empty when the chain has not reached the step.
  static QString stepNumbers(const difflab::NoiseSchedule& schedule, const PlayerChain& chain, int step);
  /// The complete chain as an animation, one frame per step at `fps`: x_t as an image grid, or the particles
  /// over the greyed data, captioned with the step and t. Empty (count 0) while the chain is incomplete.
  static AnimationSource animation(const SamplingModel& model, const PlayerChain& chain, int fps);

  QCustomPlot* plot(int column) const { return m_plots[column]; }
  QLabel* imagePanel(int row, int column) const { return m_images[row][column]; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;  ///< refits the image panels when they resize

 private:
  void showPoints(const SamplingModel& model, const PlayerChain* chains[2], int step);
  void showImages(const SamplingModel& model, const PlayerChain* chains[2], int step);

  QCustomPlot* m_plots[3] = {nullptr, nullptr, nullptr};
  QLabel* m_images[2][3] = {{nullptr, nullptr, nullptr}, {nullptr, nullptr, nullptr}};
  QImage m_pictures[2][3];  ///< what each image panel shows, at full size (refitted on resize)
  QLabel* m_branchRowTitle = nullptr;
  std::vector<QCPCurve*> m_trails[2];
};
