#pragma once
// JobRunner: the one way the GUI runs long work (Qt's Mandelbrot example). Every worker in ui/workers/ is a
// thin typed adapter over one.
//
// - start(job) hands the job to the runner's own thread and returns at once. A newer start() supersedes the
//   running job: its StopToken is triggered (core work throws difflab::Cancelled at its next step) and
//   nothing more of it reaches the GUI.
// - requestStop() triggers the current job's StopToken; its end still arrives (cancelled(), or finished()
//   when it had already completed), so a view can tell when the model is free again.
// - A job reports through its Context: progress(f) is coalesced (the GUI sees the newest value), post(fn)
//   queues fn to run on the GUI thread. A timer on the GUI thread drains both at ~30 Hz, so painting rate is
//   independent of the job's rate. The closure a job returns runs on the GUI thread after its posts.
// - Every signal is emitted on the GUI thread and only for the newest job.
//
// Threading contract: a job may use a model (denoiser, trainer) only while it runs; the view must not call the
// same model from the GUI thread meanwhile. Construct and use the runner on the GUI thread.

#include "base/stop_token.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

class QTimer;
class JobRunnerState;

class JobRunner : public QObject {
  Q_OBJECT
 public:
  /// Given to a job on the runner's thread.
  struct Context {
    difflab::StopToken stop;                          ///< triggered when superseded or stopped
    std::function<void(double)> progress;             ///< fraction done in [0, 1], coalesced
    std::function<void(std::function<void()>)> post;  ///< runs the function on the GUI thread
    std::function<bool()> superseded;                 ///< true once a newer job started
  };
  /// Runs on the runner's thread and returns what to do on the GUI thread when it has ended well (may be
  /// empty). An exception fails the job; once stop was requested, any exception reports cancelled().
  using Job = std::function<std::function<void()>(const Context&)>;

  explicit JobRunner(const QString& threadName, QObject* parent = nullptr);
  ~JobRunner() override;  ///< stops the running job and joins the thread

  /// Starts `job`, superseding any running one; returns its id. Emits started(id) now.
  quint64 start(Job job);
  /// Triggers the current job's StopToken; its end is still reported (cancelled or finished).
  void requestStop();
  /// A job is running or its end has not been delivered yet.
  bool isRunning() const { return m_running; }
  quint64 currentJob() const { return m_current; }
  /// Delivers now what the thread has handed over (tests, final flush); normally the timer does it.
  void drain();

 Q_SIGNALS:
  void started(quint64 id);
  void progress(quint64 id, double fraction);
  void finished(quint64 id);  ///< after the job's returned closure ran
  void failed(quint64 id, const QString& message);
  void cancelled(quint64 id);

 private:
  QThread m_thread;
  QObject* m_task = nullptr;
  std::shared_ptr<JobRunnerState> m_state;
  std::shared_ptr<std::atomic<bool>> m_stop;  ///< the current job's stop flag
  QTimer* m_timer = nullptr;
  quint64 m_current = 0;
  bool m_running = false;
  double m_lastProgress = -1.0;
};
