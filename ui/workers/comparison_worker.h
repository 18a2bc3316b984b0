#pragma once
// Runs a sampler comparison on its own thread: every (sampler, step count) pair from the same x_T, each
// result scored by its distance to a reference set (energy distance or sliced Wasserstein, see
// sampling/sample_distance.h). One result per cell arrives as a queued signal (low rate: no buffer needed).
// start() supersedes a running comparison; requestStop() cancels it within one sampler step.
//
// Threading contract: the request's denoiser is used only by the worker thread while the request runs.

#include "sampling/sampler_sweep.h"

#include <ATen/core/Tensor.h>

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class JobRunner;

namespace difflab {
class Denoiser;
}

using SampleMetric = difflab::SampleMetric;

struct ComparisonRequest {
  std::shared_ptr<difflab::Denoiser> denoiser;
  std::vector<difflab::SamplerOptions> samplers;  ///< their `steps` are replaced by each entry of `steps`
  std::vector<int> steps;
  at::Tensor xT;         ///< the shared initial noise [B, ...]
  at::Tensor labels;     ///< int64 [B] or undefined
  at::Tensor reference;  ///< data-scale points [M, D] to score against; undefined: no scores
  SampleMetric metric = SampleMetric::EnergyDistance;
};

struct ComparisonCell {
  int sampler = 0;      ///< index into request.samplers
  int stepsIndex = 0;   ///< index into request.steps
  at::Tensor samples;   ///< data scale, float32, CPU
  qint64 nfe = 0;       ///< network evaluations (a guided call counts 2)
  double distance = 0;  ///< NaN without a reference
  double seconds = 0;
  QString error;  ///< non-empty when this cell failed (the others still run)
};

Q_DECLARE_METATYPE(ComparisonRequest)
Q_DECLARE_METATYPE(ComparisonCell)

/// The sweep of difflab::run_sampler_sweep (the same numbers as `difflab-cli compare`) on a JobRunner.
class ComparisonWorker : public QObject {
  Q_OBJECT
 public:
  explicit ComparisonWorker(QObject* parent = nullptr);
  ~ComparisonWorker() override;

  /// Starts `request`, superseding a running one. Emits started() now.
  void start(const ComparisonRequest& request);
  bool isRunning() const { return m_running; }
  /// Distance between two point sets with the given metric (the same the worker uses).
  static double distance(const at::Tensor& x, const at::Tensor& y, SampleMetric metric);

 public Q_SLOTS:
  void requestStop();

 Q_SIGNALS:
  void started(int cells);
  void cellFinished(const ComparisonCell& cell);
  void progress(int done, int cells);
  void finished();
  void cancelled();

 private:
  JobRunner* m_runner = nullptr;
  bool m_running = false;
  int m_cells = 0;
  int m_done = 0;
};
