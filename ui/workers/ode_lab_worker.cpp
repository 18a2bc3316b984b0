#include "workers/ode_lab_worker.h"

#include <QElapsedTimer>
#include <QTimer>

#include <exception>

void OdeLabTask::run(quint64 id, const QString& kind, const OdeLabJob& job, std::shared_ptr<std::atomic<bool>> stop,
                     std::shared_ptr<std::atomic<double>> progress) {
  if (stop->load()) {
    Q_EMIT error(id, tr("Cancelled."), true);
    return;
  }
  QElapsedTimer clock;
  clock.start();
  try {
    OdeLabJobContext context;
    context.stop = stop.get();
    context.progress = [progress](double f) { progress->store(f); };
    OdeLabResult result = job(context);
    result.kind = kind;
    result.seconds = static_cast<double>(clock.nsecsElapsed()) * 1e-9;
    Q_EMIT done(id, result);
  } catch (const std::exception& e) {
    const bool cancelled = stop->load();
    Q_EMIT error(id, cancelled ? tr("Cancelled.") : QString::fromUtf8(e.what()), cancelled);
  }
}

OdeLabWorker::OdeLabWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<OdeLabResult>();
  qRegisterMetaType<OdeLabJob>();
  qRegisterMetaType<std::shared_ptr<std::atomic<bool>>>();
  qRegisterMetaType<std::shared_ptr<std::atomic<double>>>();
  m_task = new OdeLabTask;
  m_task->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_task, &QObject::deleteLater);
  connect(this, &OdeLabWorker::runRequested, m_task, &OdeLabTask::run, Qt::QueuedConnection);
  connect(m_task, &OdeLabTask::done, this, &OdeLabWorker::onDone, Qt::QueuedConnection);
  connect(m_task, &OdeLabTask::error, this, &OdeLabWorker::onError, Qt::QueuedConnection);
  m_timer = new QTimer(this);
  m_timer->setInterval(33);
  connect(m_timer, &QTimer::timeout, this, &OdeLabWorker::drainProgress);
  m_thread.setObjectName(QStringLiteral("ode-lab-worker"));
  m_thread.start();
}

OdeLabWorker::~OdeLabWorker() {
  if (m_stop) m_stop->store(true);
  m_thread.quit();
  m_thread.wait();
}

quint64 OdeLabWorker::start(const QString& kind, OdeLabJob job) {
  if (m_stop) m_stop->store(true);  // the superseded job stops at its next step
  m_stop = std::make_shared<std::atomic<bool>>(false);
  m_progress = std::make_shared<std::atomic<double>>(0.0);
  m_lastProgress = -1.0;
  m_kind = kind;
  m_running = true;
  const quint64 id = ++m_latest;
  Q_EMIT started(kind);
  m_timer->start();
  Q_EMIT runRequested(id, kind, job, m_stop, m_progress);
  return id;
}

void OdeLabWorker::requestStop() {
  if (m_running && m_stop) m_stop->store(true);
}

void OdeLabWorker::drainProgress() {
  if (!m_progress) return;
  const double f = m_progress->load();
  if (f != m_lastProgress) {
    m_lastProgress = f;
    Q_EMIT progress(m_kind, f);
  }
}

void OdeLabWorker::onDone(quint64 id, const OdeLabResult& result) {
  if (id != m_latest) return;
  drainProgress();
  m_running = false;
  m_timer->stop();
  Q_EMIT finished(result);
}

void OdeLabWorker::onError(quint64 id, const QString& message, bool cancelled) {
  if (id != m_latest) return;
  m_running = false;
  m_timer->stop();
  if (cancelled) Q_EMIT this->cancelled(m_kind);
  else Q_EMIT failed(m_kind, message);
}
