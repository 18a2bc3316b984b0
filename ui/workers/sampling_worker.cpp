// Core headers first: <torch/torch.h> must precede every Qt header (Qt's `slots` macro).
#include "model/classifier_guidance.h"
#include "model/denoiser.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "workers/job_runner.h"
#include "workers/sampling_worker.h"

#include <QElapsedTimer>

#include <exception>
#include <stdexcept>

SamplingWorker::SamplingWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<SamplingRequest>();
  qRegisterMetaType<SamplingFrame>();
  qRegisterMetaType<SamplingResult>();
  m_runner = new JobRunner(QStringLiteral("sampling"), this);
  connect(m_runner, &JobRunner::failed, this, [this](quint64 id, const QString& message) {
    if (id != m_active) return;
    m_active = 0;
    Q_EMIT failed(message);
  });
}

SamplingWorker::~SamplingWorker() = default;

quint64 SamplingWorker::start(const SamplingRequest& request) {
  // The runner's id is this request's id: started() carries it, frames and results are matched by it.
  const quint64 id = m_runner->start([this, request](const JobRunner::Context& c) -> std::function<void()> {
    if (!request.denoiser || !request.start) throw std::invalid_argument("sampling request without a model or sampler");
    // Grad mode is thread-local and on by default on a new thread: sampling never needs gradients.
    torch::NoGradGuard noGrad;
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<difflab::Sampler> sampler = request.start->clone();
    while (!sampler->done()) {
      c.stop.throw_if_stopped();  // a newer request or a stop: drop this chain
      const difflab::SamplerStep s = sampler->step(*request.denoiser);
      SamplingFrame frame;
      frame.step = static_cast<int>(s.step);
      frame.totalSteps = static_cast<int>(s.total_steps);
      frame.t = s.t;
      frame.tEval = s.t_eval;
      frame.nfe = s.nfe * request.denoiser->evaluations_per_call();  // guided steps cost 2 (as the CLI counts)
      if (const auto* cg = dynamic_cast<const difflab::ClassifierGuidance*>(request.denoiser.get()))
        frame.guidanceNorm = cg->last_guidance_norm();
      if (request.reportFrames) {
        frame.xt = s.x_t.detach().to(torch::kCPU, torch::kFloat32);
        frame.x0 = s.x0.detach().to(torch::kCPU, torch::kFloat32);
        frame.eps = s.eps.detach().to(torch::kCPU, torch::kFloat32);
      }
      if (request.keepStates) frame.state = std::shared_ptr<const difflab::Sampler>(sampler->clone());
      c.post([this, frame] {
        if (m_active != m_current) return;  // stopped: nothing more of this chain
        Q_EMIT progress(frame.step, frame.totalSteps);
        Q_EMIT frameReady(frame);
      });
    }
    SamplingResult result;
    result.samples = sampler->x().detach().to(torch::kCPU, torch::kFloat32);
    result.nfe = sampler->nfe() * request.denoiser->evaluations_per_call();
    result.steps = static_cast<int>(sampler->total_steps());
    result.seconds = static_cast<double>(clock.nsecsElapsed()) * 1e-9;
    return [this, result] {
      if (m_active != m_current) return;
      m_active = 0;
      Q_EMIT finished(result);
    };
  });
  m_current = id;
  m_active = id;
  Q_EMIT started(id);
  return id;
}

void SamplingWorker::requestStop() {
  if (m_active == 0) return;
  m_runner->requestStop();
  m_active = 0;
  Q_EMIT cancelled();
}

void SamplingWorker::drain() { m_runner->drain(); }
