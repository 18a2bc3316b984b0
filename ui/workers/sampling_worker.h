#pragma once
// Runs a sampler chain over a denoiser on the worker's own thread (Qt's Mandelbrot pattern): start() hands a
// request to the thread and returns at once; a newer start() supersedes the running chain, which stops at
// its next step (restart semantics for interactive controls); requestStop() cancels.
//
// Per-step frames are high-rate, so the thread pushes them into a buffer that a 30 Hz timer on the GUI
// thread drains (painting rate is independent of sampling rate). Every signal is emitted on the GUI thread
// and only for the newest request: frames of a superseded chain are dropped.
//
// Threading contract: the request's denoiser and start state are used by the worker thread only while the
// request runs; the caller must not call the same denoiser from another thread meanwhile (each view owns
// its own). The start state is cloned, never modified.

#include <ATen/core/Tensor.h>

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace difflab {
class Denoiser;
class Sampler;
}  // namespace difflab

/// What the worker runs: `start` (cloned) is advanced with `denoiser` until done.
struct SamplingRequest {
  std::shared_ptr<difflab::Denoiser> denoiser;
  std::shared_ptr<const difflab::Sampler> start;
  /// Emit every step's tensors (x_t, x̂₀, ε̂) as frames; off, only progress and the result arrive.
  bool reportFrames = true;
  /// Attach a clone of the sampler state after each step to its frame (for rewinding and branching).
  bool keepStates = false;
};

/// One step of the chain (see difflab::SamplerStep).
struct SamplingFrame {
  int step = 0;  ///< steps done, 1..totalSteps
  int totalSteps = 0;
  double t = 0.0;      ///< training time of xt
  double tEval = 0.0;  ///< training time of the prediction x0, eps
  at::Tensor xt, x0, eps;
  qint64 nfe = 0;
  /// Classifier guidance: mean ‖s · ∇ₓ log p(y | x_t, t)‖ of this step's last network call; < 0 without.
  double guidanceNorm = -1.0;
  std::shared_ptr<const difflab::Sampler> state;  ///< after the step, when keepStates
};

struct SamplingResult {
  at::Tensor samples;  ///< x after the last step (float32, CPU, model scale)
  qint64 nfe = 0;
  int steps = 0;
  double seconds = 0.0;
};

Q_DECLARE_METATYPE(SamplingRequest)
Q_DECLARE_METATYPE(SamplingFrame)
Q_DECLARE_METATYPE(SamplingResult)

class JobRunner;

/// Sampler chains on a JobRunner (workers/job_runner.h): frames are posted per step and drained at ~30 Hz.
class SamplingWorker : public QObject {
  Q_OBJECT
 public:
  explicit SamplingWorker(QObject* parent = nullptr);
  ~SamplingWorker() override;  ///< stops the running chain and joins the thread

  /// Starts `request`, superseding any running one; returns its id. Emits started() now.
  quint64 start(const SamplingRequest& request);
  bool isRunning() const { return m_active != 0; }
  quint64 currentRequest() const { return m_current; }

  /// Drains the buffer now (tests and the final flush); normally the timer does it.
  void drain();

 public Q_SLOTS:
  /// Cancels the running chain; emits cancelled() at once if one was running.
  void requestStop();

 Q_SIGNALS:
  void started(quint64 request);
  void progress(int step, int totalSteps);
  void frameReady(const SamplingFrame& frame);
  void finished(const SamplingResult& result);
  void failed(const QString& message);
  void cancelled();

 private:
  JobRunner* m_runner = nullptr;
  quint64 m_current = 0;  ///< the newest request's id
  quint64 m_active = 0;   ///< the running request's id; 0 when none (frames of others are dropped)
};
