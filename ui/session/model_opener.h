#pragma once
// Opens a view's SamplingModel on a worker thread, so that reading a checkpoint (about a second for the
// 35.7 M-parameter CIFAR-10 U-Net, longer from a slow disk) never freezes the GUI.
//
// A view sets what it wants (setRequest, or setSpec / setSchedule / setUseLabSchedule as its controls change)
// and asks through ensure(retry): when the model of the current settings is open it answers
// true and the view goes on; otherwise the open starts (once per change of settings), ensure answers false,
// and `retry` runs on the GUI thread after `opened` has been emitted, so the action that needed the model
// simply runs again. invalidate() (the model spec, the schedule or the data changed) drops the model; a
// result of an open that started before the last invalidate() is discarded, so a slow old file can never
// replace a newer choice. A file cannot be abandoned halfway through, so the destructor waits for opens
// still running.
//
// Views that ask for the same model (the same spec, file size and time, schedule and options) share one open
// SamplingModel: the window's current model is read once, not once per view. Shared models are only read
// (sampling runs predict() from several threads, as the reverse chain's two workers always have).
//
// Only <ATen/core/Tensor.h> is reached through sampling_model.h (safe after Qt headers).

#include "session/sampling_model.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

class JobRunner;

class ModelOpener : public QObject {
  Q_OBJECT
 public:
  explicit ModelOpener(QObject* parent = nullptr);
  ~ModelOpener() override;

  /// True when the model of the current settings is open (opened since the last invalidate()).
  bool isCurrent() const { return m_current; }
  /// True while an open of the current settings runs.
  bool isOpening() const { return m_openingTicket == m_ticket && m_openingTicket != 0 && !m_current; }

  /// What this opener opens: the model spec, the Schedule lab's schedule (for mixtures) and the view's options.
  /// A change that alters what opens drops the open model (as invalidate()).
  const SamplingModelRequest& request() const { return m_request; }
  void setRequest(const SamplingModelRequest& request);
  /// Another model for this view (the box or the window's current model changed); always drops the open one.
  void setSpec(const QString& spec);
  /// Sample a trained model along the shared schedule (SamplingModelRequest::useLabSchedule).
  void setUseLabSchedule(bool on);
  bool usesLabSchedule() const { return m_request.useLabSchedule; }
  /// The Schedule lab's schedule changed. The rule for every view: the open model is dropped when it depends on
  /// that schedule (a mixture, or a trained model sampled along the lab's schedule) or when none is open yet (an
  /// open under the old schedule may be running); a trained model on its own schedule stays open. Returns true
  /// when the model was dropped, so the view clears what it showed of it.
  bool setSchedule(const difflab::ScheduleOptions& schedule);
  /// The open model of the current settings; null when none is (yet).
  const std::shared_ptr<const SamplingModel>& model() const { return m_model; }
  /// See the file comment; opens request(). `retry` replaces any retry stored earlier (the newest action wins).
  bool ensure(std::function<void()> retry);
  /// setRequest(request), then ensure(retry).
  bool ensure(const SamplingModelRequest& request, std::function<void()> retry = {});

  /// "Opening FILE…", for a view's status line while `spec` opens.
  static QString openingText(const QString& spec);
  void invalidate();
  /// Takes `model`, opened elsewhere for the current settings, as the open model (emits opened() and runs a
  /// stored retry), so that a file checked once is not read twice.
  void adopt(const std::shared_ptr<const SamplingModel>& model);

 Q_SIGNALS:
  /// The spec being opened, for a "Opening …" line in the view.
  void openingStarted(const QString& spec);
  /// The model of the current settings; emitted before the stored retry runs.
  void opened(const std::shared_ptr<const SamplingModel>& model);
  /// The open failed; the message names the file and the fault. The stored retry is dropped.
  void failed(const QString& message);

 public:
  /// Models open now anywhere in the process (alive in some view), for tests: how many distinct ones.
  static int sharedModelCount();
  /// The key under which a request's model is shared: spec, the file's size and modification time, and every
  /// option that changes what opens.
  static QString shareKey(const SamplingModelRequest& request);

 private:
  void finish(uint64_t ticket, const std::shared_ptr<const SamplingModel>& model, const QString& error,
              const QString& shareKey = {});

  SamplingModelRequest m_request;
  std::shared_ptr<const SamplingModel> m_model;  ///< the open model of m_request (null: none)
  uint64_t m_ticket = 1;                         ///< bumped by invalidate()
  uint64_t m_openingTicket = 0;                  ///< the ticket of the newest open started
  bool m_current = false;
  std::function<void()> m_retry;
  JobRunner* m_runner;  ///< where models open
  QString m_ownKey;     ///< the share key of the open running on m_runner (empty: none)
};
