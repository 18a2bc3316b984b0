#pragma once
// Runs the ODE lab's jobs (inversion, interpolation, likelihood, variational bound, editing) on the worker's
// own thread. A job is a function of a context (progress and the StopToken) that calls core (its typed
// reports: ode/ode_lab_reports.h) and returns the closure that shows the report on the GUI thread.
//
// start() hands the job to the thread and returns at once; a newer start() stops the running job at its
// next step (restart semantics), requestStop() cancels. Progress is written to an atomic by the thread and
// drained by a 30 Hz timer on the GUI thread; finished/failed/cancelled arrive queued on the GUI thread and
// only for the newest job.
//
// Threading contract: a job may use a denoiser only while it runs; the view must not call the same denoiser
// from the GUI thread meanwhile.

#include "base/stop_token.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <functional>

class JobRunner;

/// Given to a job on the worker thread.
struct OdeLabJobContext {
  std::function<void(double)> progress;  ///< fraction done in [0, 1]
  difflab::StopToken stop;               ///< pass to the core call; it throws Cancelled once triggered
};
/// Runs on the worker thread (a core call with a typed report) and returns what shows the report, which runs
/// on the GUI thread if the job is still the newest when it ends.
using OdeLabJob = std::function<std::function<void()>(const OdeLabJobContext&)>;

/// The ODE lab's jobs on a JobRunner (workers/job_runner.h), one at a time.
class OdeLabWorker : public QObject {
  Q_OBJECT
 public:
  explicit OdeLabWorker(QObject* parent = nullptr);
  ~OdeLabWorker() override;  ///< stops the running job and joins the thread

  /// Starts `job` of `kind`, superseding any running one; returns its id. Emits started() now.
  quint64 start(const QString& kind, OdeLabJob job);
  bool isRunning() const;

 public Q_SLOTS:
  /// Cancels the running job (it stops at its next step); emits cancelled() when it has stopped.
  void requestStop();

 Q_SIGNALS:
  void started(const QString& kind);
  void progress(const QString& kind, double fraction);
  /// After the job's report has been shown; `seconds` of work on the worker thread.
  void finished(const QString& kind, double seconds);
  void failed(const QString& kind, const QString& message);
  void cancelled(const QString& kind);

 private:
  JobRunner* m_runner = nullptr;
  QString m_kind;
};
