#pragma once
// Runs the forward (noising) chain of a batch x₀ over every t = 0..T on a worker thread, for the forward
// chain view: either the closed form x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε with one ε for all t (Ho et al. 2020,
// eq. 4), or the Markov chain x_t = √(1−β_t) x_{t−1} + √β_t ε_t (eq. 2), whose first noise ε_1 is that same
// ε: both start from the same seed and agree exactly at t = 1.
//
// Restart-on-change: the view posts a request whenever the schedule, the data or the mode change (post());
// the worker abandons a computation as soon as a newer one has been posted (checked once per step), so the
// newest request is served next and the GUI thread never waits. Results arrive by the finished() signal.

#include "schedule/noise_schedule.h"

#include <ATen/core/Tensor.h>

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

struct ForwardChainRequest {
  quint64 id = 0;
  std::optional<difflab::NoiseSchedule> schedule;
  at::Tensor x0;        ///< float32 [B, ...] in the model's scale (images in [−1, 1])
  bool markov = false;  ///< step-by-step Markov chain instead of the closed form
  quint64 seed = 0;
};

struct ForwardChainResult {
  quint64 id = 0;
  bool markov = false;
  quint64 seed = 0;
  at::Tensor frames;  ///< float16 [T + 1, B, ...]: x_t for t = 0..T (x_0 = the data)
  // Statistics over every value of the batch (all samples and coordinates), index t = 0..T.
  std::vector<double> mean, std;
  /// Their expectations given x₀: E[x_t] = √ᾱ_t · mean(x₀), and Std[x_t] = √(ᾱ_t Var(x₀) + 1 − ᾱ_t), the
  /// pooled standard deviation of √ᾱ_t x₀ + √(1−ᾱ_t) ε over the batch's values (ε independent of x₀).
  std::vector<double> expectedMean, expectedStd;
};
using ForwardChainResultPtr = std::shared_ptr<const ForwardChainResult>;
Q_DECLARE_METATYPE(ForwardChainResultPtr)

/// The computation behind ForwardChainWorker, any thread; `keepGoing()` is asked once per step and a false
/// answer returns null. Throws what the core throws (e.g. a shape the process rejects).
ForwardChainResultPtr computeForwardChain(const ForwardChainRequest& request, const std::function<bool()>& keepGoing);

class JobRunner;

/// computeForwardChain on a JobRunner (workers/job_runner.h). Use from the GUI thread.
class ForwardChainWorker : public QObject {
  Q_OBJECT
 public:
  explicit ForwardChainWorker(QObject* parent = nullptr);
  ~ForwardChainWorker() override;  ///< stops the running computation and joins the thread

  /// Gives `request` a new id (returned) and starts it, superseding any older request, which stops at its
  /// next step.
  quint64 post(ForwardChainRequest request);
  /// Stops the current computation without starting another.
  void requestStop();

 Q_SIGNALS:
  void started(quint64 id);
  void finished(ForwardChainResultPtr result);
  void failed(quint64 id, const QString& message);

 private:
  JobRunner* m_runner = nullptr;
};

namespace difflab {
struct Dataset;
}
/// x₀ for the chain: the samples `indices` of `dataset` in the model's scale (float32; images mapped from
/// 0..255 to [−1, 1], points unchanged), shape [B, ...]. Any thread.
at::Tensor forwardChainBatch(const difflab::Dataset& dataset, const std::vector<int64_t>& indices);
