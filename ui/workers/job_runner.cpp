#include "workers/job_runner.h"

#include "base/error_text.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QTimer>

#include <deque>
#include <exception>

/// Shared by the GUI thread and the runner's thread: the hand-over queue and the coalesced progress.
class JobRunnerState {
 public:
  enum class Kind { Post, Done, Failed, Cancelled };
  struct Event {
    quint64 id = 0;
    Kind kind = Kind::Post;
    std::function<void()> deliver;
    QString message;
  };

  std::atomic<quint64> latest{0};      ///< the newest job's id; older jobs are superseded
  std::atomic<quint64> progressId{0};  ///< whose progress `progress` is
  std::atomic<double> progress{-1.0};

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

JobRunner::JobRunner(const QString& threadName, QObject* parent)
    : QObject(parent), m_state(std::make_shared<JobRunnerState>()) {
  m_task = new QObject;  // the runner thread's context object: jobs are queued calls on it
  m_task->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_task, &QObject::deleteLater);
  m_thread.setObjectName(threadName);
  m_thread.start();
  m_timer = new QTimer(this);
  m_timer->setInterval(kDrainIntervalMs);
  connect(m_timer, &QTimer::timeout, this, &JobRunner::drain);
}

JobRunner::~JobRunner() {
  ++m_state->latest;  // nothing more is delivered
  if (m_stop) m_stop->store(true);
  m_thread.quit();
  m_thread.wait();
}

quint64 JobRunner::start(Job job) {
  if (m_stop) m_stop->store(true);  // the superseded job stops at its next check
  auto stop = std::make_shared<std::atomic<bool>>(false);
  m_stop = stop;
  const quint64 id = ++m_state->latest;
  m_current = id;
  m_running = true;
  m_lastProgress = -1.0;
  m_timer->start();
  Q_EMIT started(id);
  std::shared_ptr<JobRunnerState> state = m_state;
  QMetaObject::invokeMethod(
      m_task,
      [state, stop, id, job = std::move(job)] {
        using Kind = JobRunnerState::Kind;
        if (state->latest.load() != id) return;  // superseded while queued: it never ran
        Context c;
        c.stop = difflab::StopToken(stop.get());
        c.progress = [state, id](double f) {
          state->progress.store(f);
          state->progressId.store(id);
        };
        c.post = [state, id](std::function<void()> deliver) { state->push({id, Kind::Post, std::move(deliver), {}}); };
        c.superseded = [state, id] { return state->latest.load() != id; };
        try {
          std::function<void()> done = job(c);
          state->push({id, Kind::Done, std::move(done), {}});
        } catch (const std::exception& e) {
          if (stop->load())
            state->push({id, Kind::Cancelled, {}, {}});
          else
            state->push({id, Kind::Failed, {}, QString::fromStdString(difflab::user_message(e.what()))});
        } catch (...) {
          if (stop->load())
            state->push({id, Kind::Cancelled, {}, {}});
          else
            state->push({id, Kind::Failed, {}, QStringLiteral("unknown error")});
        }
      },
      Qt::QueuedConnection);
  return id;
}

void JobRunner::requestStop() {
  if (m_running && m_stop) m_stop->store(true);
}

void JobRunner::drain() {
  using Kind = JobRunnerState::Kind;
  if (m_running && m_state->progressId.load() == m_current) {
    const double f = m_state->progress.load();
    if (f != m_lastProgress) {
      m_lastProgress = f;
      Q_EMIT progress(m_current, f);
    }
  }
  std::deque<JobRunnerState::Event> events = m_state->take();
  for (JobRunnerState::Event& e : events) {
    if (e.id != m_current) continue;  // a superseded job
    if (e.kind == Kind::Post) {
      if (e.deliver) e.deliver();
      continue;
    }
    // The job has ended. Mark it so before the delivery runs: the delivery may start the next job.
    m_running = false;
    m_timer->stop();
    switch (e.kind) {
      case Kind::Done:
        if (e.deliver) e.deliver();
        Q_EMIT finished(e.id);
        break;
      case Kind::Failed: Q_EMIT failed(e.id, e.message); break;
      case Kind::Cancelled: Q_EMIT cancelled(e.id); break;
      case Kind::Post: break;
    }
  }
}
