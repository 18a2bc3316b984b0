// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "schedule/schedule_json.h"
#include <torch/torch.h>

#include "session/model_opener.h"

#include "workers/job_runner.h"

#include <QDateTime>
#include <QFileInfo>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <map>
#include <exception>
#include <stdexcept>

namespace {

// The models open in this process by share key; entries expire with the last view that holds the model.
// GUI thread only.
std::map<QString, std::weak_ptr<const SamplingModel>>& sharedModels() {
  static std::map<QString, std::weak_ptr<const SamplingModel>> models;
  return models;
}

// Opens running now by share key, each with the views waiting for it: they get its model or its error, or, when
// the open will not deliver (its view moved on or went), are handed back to open it themselves (`handBack`).
using Waiter =
    std::function<void(const std::shared_ptr<const SamplingModel>& model, const QString& error, bool handBack)>;
std::map<QString, std::vector<Waiter>>& openingNow() {
  static std::map<QString, std::vector<Waiter>> waiting;
  return waiting;
}

void release(const QString& key, const std::shared_ptr<const SamplingModel>& model, const QString& error,
             bool handBack) {
  auto& waiting = openingNow();
  const auto it = waiting.find(key);
  if (it == waiting.end()) return;
  const std::vector<Waiter> waiters = std::move(it->second);
  waiting.erase(it);
  for (const Waiter& w : waiters) w(model, error, handBack);
}

}  // namespace

QString ModelOpener::shareKey(const SamplingModelRequest& r) {
  const QFileInfo file(r.spec);
  return QStringLiteral("%1|%2|%3|%4|%5%6%7")
      .arg(r.spec)
      .arg(file.exists() ? file.size() : -1)
      .arg(file.exists() ? file.lastModified().toMSecsSinceEpoch() : 0)
      .arg(QString::fromStdString(difflab::schedule_options_to_json(r.schedule).dump()))
      .arg(r.referenceCount)
      .arg(r.clipX0 ? QLatin1Char('c') : QLatin1Char('-'))
      .arg(QString(r.loadImageData ? QLatin1Char('d') : QLatin1Char('-')) +
           (r.useLabSchedule ? QLatin1Char('l') : QLatin1Char('-')));
}

int ModelOpener::sharedModelCount() {
  int alive = 0;
  for (const auto& [key, model] : sharedModels()) alive += model.expired() ? 0 : 1;
  return alive;
}

ModelOpener::ModelOpener(QObject* parent)
    : QObject(parent), m_runner(new JobRunner(QStringLiteral("model opener"), this)) {}

ModelOpener::~ModelOpener() {
  if (!m_ownKey.isEmpty()) release(m_ownKey, nullptr, QString(), /*handBack=*/true);  // it will not deliver
  delete m_runner;  // joins an open still running before the members its delivery would touch go
}

void ModelOpener::invalidate() {
  ++m_ticket;
  m_current = false;
  m_model.reset();
}

void ModelOpener::setRequest(const SamplingModelRequest& request) {
  const bool changed = shareKey(request) != shareKey(m_request);
  m_request = request;
  if (changed) invalidate();
}

void ModelOpener::setSpec(const QString& spec) {
  m_request.spec = spec;
  invalidate();
}

void ModelOpener::setUseLabSchedule(bool on) {
  if (on == m_request.useLabSchedule) return;
  m_request.useLabSchedule = on;
  invalidate();
}

bool ModelOpener::setSchedule(const difflab::ScheduleOptions& schedule) {
  m_request.schedule = schedule;
  if (m_model && !m_model->usesSharedSchedule) return false;  // a trained model keeps its own schedule
  invalidate();
  return true;
}

void ModelOpener::adopt(const std::shared_ptr<const SamplingModel>& model) {
  invalidate();  // an open still running for older settings must not replace it
  m_openingTicket = m_ticket;
  finish(m_ticket, model, QString());
}

QString ModelOpener::openingText(const QString& spec) { return tr("Opening %1…").arg(QFileInfo(spec).fileName()); }

bool ModelOpener::ensure(const SamplingModelRequest& request, std::function<void()> retry) {
  setRequest(request);
  return ensure(std::move(retry));
}

bool ModelOpener::ensure(std::function<void()> retry) {
  if (m_current) return true;
  if (m_request.spec.isEmpty()) throw std::logic_error("ModelOpener::ensure: no model spec set");
  const SamplingModelRequest request = m_request;
  m_retry = std::move(retry);
  if (m_openingTicket == m_ticket) return false;  // this settings' open is already running
  m_openingTicket = m_ticket;
  const uint64_t ticket = m_ticket;
  const QString key = shareKey(request);
  std::shared_ptr<const SamplingModel> open;
  if (const auto shared = sharedModels().find(key); shared != sharedModels().end()) {
    open = shared->second.lock();
    if (!open) sharedModels().erase(shared);  // its last view has gone: no entry kept for it
  }
  if (open) {
    // Another view has this model open: delivered as an open would be (after this call returns), not read again.
    QTimer::singleShot(0, this, [this, ticket, open] { finish(ticket, open, QString()); });
    Q_EMIT openingStarted(request.spec);
    return false;
  }
  if (openingNow().count(key) && key != m_ownKey) {
    // Another view is reading this model now: wait for it rather than read the file a second time.
    openingNow()[key].push_back(
        [self = QPointer<ModelOpener>(this), ticket](const std::shared_ptr<const SamplingModel>& model,
                                                     const QString& error, bool handBack) {
          if (!self) return;
          if (!handBack) return self->finish(ticket, model, error);
          QTimer::singleShot(0, self, [self, ticket] {
            if (!self || ticket != self->m_ticket || self->m_current) return;
            self->m_openingTicket = 0;  // opened here after all
            self->ensure(std::move(self->m_retry));
          });
        });
    Q_EMIT openingStarted(request.spec);
    return false;
  }
  // The open this view ran before is superseded on its runner and will not deliver: its waiters open themselves.
  if (!m_ownKey.isEmpty()) release(m_ownKey, nullptr, QString(), /*handBack=*/true);
  m_ownKey = key;
  openingNow()[key];
  // On the opener's JobRunner: a newer open supersedes one that has not started, and a stale result (older
  // ticket) is dropped in finish().
  m_runner->start([this, request, ticket, key](const JobRunner::Context&) -> std::function<void()> {
    std::shared_ptr<const SamplingModel> model;
    QString error;
    try {
      model = std::make_shared<const SamplingModel>(openSamplingModel(request));
    } catch (const std::exception& e) {
      error = QString::fromStdString(difflab::user_message(e.what()));
    } catch (...) {
      error = tr("unknown error while opening %1").arg(request.spec);
    }
    return [this, ticket, model, error, key] { finish(ticket, model, error, key); };
  });
  Q_EMIT openingStarted(request.spec);
  return false;
}

void ModelOpener::finish(uint64_t ticket, const std::shared_ptr<const SamplingModel>& model, const QString& error,
                         const QString& shareKey) {
  if (!shareKey.isEmpty()) {  // this view's own open: shared, and handed to the views that waited for it
    if (shareKey == m_ownKey) m_ownKey.clear();
    if (model) sharedModels()[shareKey] = model;  // also when this view has moved on meanwhile
    release(shareKey, model, error, /*handBack=*/false);
  }
  if (ticket != m_ticket) return;  // settings changed while it opened: a newer open decides
  m_openingTicket = 0;
  std::function<void()> retry = std::move(m_retry);
  m_retry = nullptr;
  if (!model) {
    Q_EMIT failed(error);
    return;
  }
  m_current = true;
  m_model = model;
  Q_EMIT opened(model);
  if (retry) retry();
}
