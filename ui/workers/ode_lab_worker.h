#pragma once
// Runs the ODE lab's jobs (inversion, interpolation, likelihood, variational bound, editing) on the worker's
// own thread. A job is a function of a JobContext (progress reporting and the stop flag) returning an
// OdeLabResult: the view builds it from core calls, so this header stays free of LibTorch's heavy headers.
//
// start() hands the job to the thread and returns at once; a newer start() stops the running job at its
// next step (restart semantics), requestStop() cancels. Progress is written to an atomic by the thread and
// drained by a 30 Hz timer on the GUI thread; finished/failed/cancelled arrive queued on the GUI thread and
// only for the newest job.
//
// Threading contract: a job may use a denoiser only while it runs; the view must not call the same denoiser
// from the GUI thread meanwhile.

#include <ATen/core/Tensor.h>

#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

class QTimer;

/// What a job hands back: named tensors and numbers, and a line of text.
struct OdeLabResult {
  QString kind;  ///< the job's kind, e.g. "inversion"
  QMap<QString, at::Tensor> tensors;
  QMap<QString, double> numbers;
  QString text;
  double seconds = 0.0;
};
Q_DECLARE_METATYPE(OdeLabResult)

/// Given to a job on the worker thread.
struct OdeLabJobContext {
  std::function<void(double)> progress;  ///< fraction done in [0, 1]
  const std::atomic<bool>* stop = nullptr;
};
using OdeLabJob = std::function<OdeLabResult(const OdeLabJobContext&)>;
Q_DECLARE_METATYPE(OdeLabJob)

/// Internal: lives on the worker thread. Public for moc.
class OdeLabTask : public QObject {
  Q_OBJECT
 public Q_SLOTS:
  void run(quint64 id, const QString& kind, const OdeLabJob& job, std::shared_ptr<std::atomic<bool>> stop,
           std::shared_ptr<std::atomic<double>> progress);
 Q_SIGNALS:
  void done(quint64 id, const OdeLabResult& result);
  void error(quint64 id, const QString& message, bool cancelled);
};

class OdeLabWorker : public QObject {
  Q_OBJECT
 public:
  explicit OdeLabWorker(QObject* parent = nullptr);
  ~OdeLabWorker() override;  ///< stops the running job and joins the thread

  /// Starts `job` of `kind`, superseding any running one; returns its id. Emits started() now.
  quint64 start(const QString& kind, OdeLabJob job);
  bool isRunning() const { return m_running; }

 public Q_SLOTS:
  /// Cancels the running job (it stops at its next step); emits cancelled() when it has stopped.
  void requestStop();

 Q_SIGNALS:
  void started(const QString& kind);
  void progress(const QString& kind, double fraction);
  void finished(const OdeLabResult& result);
  void failed(const QString& kind, const QString& message);
  void cancelled(const QString& kind);
  void runRequested(quint64 id, const QString& kind, const OdeLabJob& job, std::shared_ptr<std::atomic<bool>> stop,
                    std::shared_ptr<std::atomic<double>> progress);  ///< internal: to the thread

 private:
  void onDone(quint64 id, const OdeLabResult& result);
  void onError(quint64 id, const QString& message, bool cancelled);
  void drainProgress();

  QThread m_thread;
  OdeLabTask* m_task = nullptr;
  QTimer* m_timer = nullptr;
  quint64 m_latest = 0;
  QString m_kind;
  bool m_running = false;
  std::shared_ptr<std::atomic<bool>> m_stop;
  std::shared_ptr<std::atomic<double>> m_progress;
  double m_lastProgress = -1.0;
};
