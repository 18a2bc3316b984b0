#include "base/error_text.h"
#include "workers/ode_lab_worker.h"

#include "workers/job_runner.h"

#include <QElapsedTimer>

#include <exception>

OdeLabWorker::OdeLabWorker(QObject* parent) : QObject(parent) {
  m_runner = new JobRunner(QStringLiteral("ode-lab-worker"), this);
  connect(m_runner, &JobRunner::progress, this, [this](quint64, double f) { Q_EMIT progress(m_kind, f); });
  connect(m_runner, &JobRunner::failed, this,
          [this](quint64, const QString& message) { Q_EMIT failed(m_kind, message); });
  connect(m_runner, &JobRunner::cancelled, this, [this](quint64) { Q_EMIT cancelled(m_kind); });
}

OdeLabWorker::~OdeLabWorker() = default;

bool OdeLabWorker::isRunning() const { return m_runner->isRunning(); }

quint64 OdeLabWorker::start(const QString& kind, OdeLabJob job) {
  m_kind = kind;
  Q_EMIT started(kind);
  return m_runner->start([this, kind, job = std::move(job)](const JobRunner::Context& c) -> std::function<void()> {
    QElapsedTimer clock;
    clock.start();
    OdeLabJobContext context;
    context.progress = c.progress;
    context.stop = c.stop;
    std::function<void()> show = job(context);
    c.stop.throw_if_stopped();  // stopped after the last check: report cancelled, not a result
    const double seconds = static_cast<double>(clock.nsecsElapsed()) * 1e-9;
    return [this, kind, show = std::move(show), seconds] {
      try {
        if (show) show();
      } catch (const std::exception& e) {  // drawing a report must not take the GUI down
        Q_EMIT failed(kind, QString::fromStdString(difflab::user_message(e.what())));
        return;
      }
      Q_EMIT finished(kind, seconds);
    };
  });
}

void OdeLabWorker::requestStop() { m_runner->requestStop(); }
