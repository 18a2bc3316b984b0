#pragma once
// Opens a view's SamplingModel on a worker thread, so that reading a checkpoint (about a second for the
// 35.7 M-parameter CIFAR-10 U-Net, longer from a slow disk) never freezes the GUI.
//
// A view asks through ensure(request, retry): when the model of the current settings is open it answers
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

class ModelSourceBox;
class JobRunner;
class ScheduleState;

class ModelOpener : public QObject {
  Q_OBJECT
 public:
  explicit ModelOpener(QObject* parent = nullptr);
  ~ModelOpener() override;

  /// True when the model of the current settings is open (opened since the last invalidate()).
  bool isCurrent() const { return m_current; }
  /// True while an open of the current settings runs.
  bool isOpening() const { return m_openingTicket == m_ticket && m_openingTicket != 0 && !m_current; }

  /// Where a view's model comes from: the model box's spec and the shared schedule (for mixtures). They must
  /// outlive the opener. `loadImageData`: see openSamplingModel().
  void setSource(const ModelSourceBox* box, const ScheduleState* schedule, bool clipX0, bool loadImageData = false);
  /// Sample a trained model along the shared schedule (SamplingModelRequest::useLabSchedule); takes effect at
  /// the next open (call invalidate()).
  void setUseLabSchedule(bool on) { m_useLabSchedule = on; }
  bool usesLabSchedule() const { return m_useLabSchedule; }
  /// See the file comment; the request is read from the source. `retry` replaces any retry stored earlier
  /// (the newest action wins).
  bool ensure(std::function<void()> retry);
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

  const ModelSourceBox* m_box = nullptr;
  const ScheduleState* m_schedule = nullptr;
  bool m_clipX0 = false;
  bool m_loadImageData = false;
  bool m_useLabSchedule = false;
  uint64_t m_ticket = 1;         ///< bumped by invalidate()
  uint64_t m_openingTicket = 0;  ///< the ticket of the newest open started
  bool m_current = false;
  std::function<void()> m_retry;
  JobRunner* m_runner;  ///< where models open
  QString m_ownKey;     ///< the share key of the open running on m_runner (empty: none)
};
