// Core headers first: <torch/torch.h> must precede every Qt header (Qt's `slots` macro).
#include "model/denoiser.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "workers/sampling_worker.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QTimer>

#include <deque>
#include <exception>

/// The hand-over between the worker thread (producer) and the GUI thread's drain timer (consumer).
class SamplingBuffer {
 public:
  enum class Kind { Frame, Finished, Failed };
  struct Event {
    quint64 id = 0;
    Kind kind = Kind::Frame;
    SamplingFrame frame;
    SamplingResult result;
    QString message;
  };

  void push(Event event) {
    QMutexLocker lock(&m_mutex);
    m_events.push_back(std::move(event));
  }
  std::deque<Event> take() {
    QMutexLocker lock(&m_mutex);
    std::deque<Event> out;
    out.swap(m_events);
    return out;
  }

 private:
  QMutex m_mutex;
  std::deque<Event> m_events;
};

namespace {
constexpr int kDrainIntervalMs = 33;  // ~30 Hz
}

SamplingTask::SamplingTask(std::shared_ptr<SamplingBuffer> buffer, const std::atomic<quint64>* latest)
    : m_buffer(std::move(buffer)), m_latest(latest) {}

void SamplingTask::run(quint64 id, const SamplingRequest& request) {
  if (id != m_latest->load()) return;  // superseded while queued
  SamplingBuffer::Event done;
  done.id = id;
  try {
    if (!request.denoiser || !request.start) throw std::invalid_argument("sampling request without a model or sampler");
    // Grad mode is thread-local and on by default on a new thread: sampling never needs gradients.
    torch::NoGradGuard noGrad;
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<difflab::Sampler> sampler = request.start->clone();
    while (!sampler->done()) {
      if (id != m_latest->load()) return;  // a newer request or a stop: drop this chain quietly
      difflab::SamplerStep s = sampler->step(*request.denoiser);
      SamplingBuffer::Event e;
      e.id = id;
      e.frame.step = static_cast<int>(s.step);
      e.frame.totalSteps = static_cast<int>(s.total_steps);
      e.frame.t = s.t;
      e.frame.tEval = s.t_eval;
      e.frame.nfe = s.nfe;
      if (request.reportFrames) {
        e.frame.xt = s.x_t.detach().to(torch::kCPU, torch::kFloat32);
        e.frame.x0 = s.x0.detach().to(torch::kCPU, torch::kFloat32);
        e.frame.eps = s.eps.detach().to(torch::kCPU, torch::kFloat32);
      }
      if (request.keepStates) e.frame.state = std::shared_ptr<const difflab::Sampler>(sampler->clone());
      m_buffer->push(std::move(e));
    }
    done.kind = SamplingBuffer::Kind::Finished;
    done.result.samples = sampler->x().detach().to(torch::kCPU, torch::kFloat32);
    done.result.nfe = sampler->nfe();
    done.result.steps = static_cast<int>(sampler->total_steps());
    done.result.seconds = static_cast<double>(clock.nsecsElapsed()) * 1e-9;
  } catch (const std::exception& error) {
    done.kind = SamplingBuffer::Kind::Failed;
    done.message = QString::fromStdString(error.what());
  }
  m_buffer->push(std::move(done));
}

SamplingWorker::SamplingWorker(QObject* parent)
    : QObject(parent), m_buffer(std::make_shared<SamplingBuffer>()) {
  qRegisterMetaType<SamplingRequest>();
  qRegisterMetaType<SamplingFrame>();
  qRegisterMetaType<SamplingResult>();
  m_task = new SamplingTask(m_buffer, &m_latest);
  m_task->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_task, &QObject::deleteLater);
  connect(this, &SamplingWorker::runRequested, m_task, &SamplingTask::run, Qt::QueuedConnection);
  m_thread.setObjectName(QStringLiteral("sampling"));
  m_thread.start();

  m_timer = new QTimer(this);
  m_timer->setInterval(kDrainIntervalMs);
  connect(m_timer, &QTimer::timeout, this, &SamplingWorker::drain);
}

SamplingWorker::~SamplingWorker() {
  ++m_latest;  // the running chain stops at its next step
  m_thread.quit();
  m_thread.wait();
}

quint64 SamplingWorker::start(const SamplingRequest& request) {
  const quint64 id = ++m_latest;
  m_current = id;
  m_running = true;
  m_timer->start();
  Q_EMIT started(id);
  Q_EMIT runRequested(id, request);
  return id;
}

void SamplingWorker::requestStop() {
  if (!m_running) return;
  m_current = ++m_latest;
  m_running = false;
  m_timer->stop();
  Q_EMIT cancelled();
}

void SamplingWorker::drain() {
  std::deque<SamplingBuffer::Event> events = m_buffer->take();
  for (SamplingBuffer::Event& e : events) {
    if (e.id != m_current || !m_running) continue;  // a superseded or cancelled chain
    switch (e.kind) {
      case SamplingBuffer::Kind::Frame:
        Q_EMIT progress(e.frame.step, e.frame.totalSteps);
        Q_EMIT frameReady(e.frame);
        break;
      case SamplingBuffer::Kind::Finished:
        m_running = false;
        m_timer->stop();
        Q_EMIT finished(e.result);
        break;
      case SamplingBuffer::Kind::Failed:
        m_running = false;
        m_timer->stop();
        Q_EMIT failed(e.message);
        break;
    }
  }
}
