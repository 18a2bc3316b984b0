// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include <torch/torch.h>

#include "session/model_opener.h"

#include "session/schedule_state.h"
#include "widgets/model_source_box.h"
#include "workers/job_runner.h"

#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <stdexcept>

ModelOpener::ModelOpener(QObject* parent)
    : QObject(parent), m_runner(new JobRunner(QStringLiteral("model opener"), this)) {}

ModelOpener::~ModelOpener() {
  delete m_runner;  // joins an open still running before the members its delivery would touch go
}

void ModelOpener::invalidate() {
  ++m_ticket;
  m_current = false;
}

void ModelOpener::setSource(const ModelSourceBox* box, const ScheduleState* schedule, bool clipX0, bool loadImageData) {
  m_box = box;
  m_schedule = schedule;
  m_clipX0 = clipX0;
  m_loadImageData = loadImageData;
}

void ModelOpener::adopt(const std::shared_ptr<const SamplingModel>& model) {
  invalidate();  // an open still running for older settings must not replace it
  m_openingTicket = m_ticket;
  finish(m_ticket, model, QString());
}

QString ModelOpener::openingText(const QString& spec) { return tr("Opening %1…").arg(QFileInfo(spec).fileName()); }

bool ModelOpener::ensure(std::function<void()> retry) {
  if (m_current) return true;
  if (!m_box || !m_schedule) throw std::logic_error("ModelOpener::ensure: no source set");
  SamplingModelRequest request;
  request.spec = m_box->spec();
  request.schedule = m_schedule->options();
  request.clipX0 = m_clipX0;
  request.loadImageData = m_loadImageData;
  request.useLabSchedule = m_useLabSchedule;
  return ensure(request, std::move(retry));
}

bool ModelOpener::ensure(const SamplingModelRequest& request, std::function<void()> retry) {
  if (m_current) return true;
  m_retry = std::move(retry);
  if (m_openingTicket == m_ticket) return false;  // this settings' open is already running
  m_openingTicket = m_ticket;
  const uint64_t ticket = m_ticket;
  // On the opener's JobRunner: a newer open supersedes one that has not started, and a stale result (older
  // ticket) is dropped in finish().
  m_runner->start([this, request, ticket](const JobRunner::Context&) -> std::function<void()> {
    std::shared_ptr<const SamplingModel> model;
    QString error;
    try {
      model = std::make_shared<const SamplingModel>(openSamplingModel(request));
    } catch (const std::exception& e) {
      error = QString::fromStdString(difflab::user_message(e.what()));
    } catch (...) {
      error = tr("unknown error while opening %1").arg(request.spec);
    }
    return [this, ticket, model, error] { finish(ticket, model, error); };
  });
  Q_EMIT openingStarted(request.spec);
  return false;
}

void ModelOpener::finish(uint64_t ticket, const std::shared_ptr<const SamplingModel>& model, const QString& error) {
  if (ticket != m_ticket) return;  // settings changed while it opened: a newer open decides
  m_openingTicket = 0;
  std::function<void()> retry = std::move(m_retry);
  m_retry = nullptr;
  if (!model) {
    Q_EMIT failed(error);
    return;
  }
  m_current = true;
  Q_EMIT opened(model);
  if (retry) retry();
}
