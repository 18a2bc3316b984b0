#pragma once
// The schedule shared by every view (schedule lab, forward chain, later training and sampling): one
// ScheduleState per main window. Views edit the options; everyone listening to changed() re-reads
// schedule(). GUI-thread only.

#include "schedule/noise_schedule.h"

#include <QObject>
#include <QString>

#include <optional>

class ScheduleState : public QObject {
  Q_OBJECT
 public:
  explicit ScheduleState(QObject* parent = nullptr);

  const difflab::ScheduleOptions& options() const { return m_options; }
  /// The current schedule (always valid: invalid options keep the last valid schedule).
  const difflab::NoiseSchedule& schedule() const { return *m_schedule; }
  /// Empty when the current options are valid, otherwise the core's message naming the bad value.
  QString error() const { return m_error; }

 public Q_SLOTS:
  /// Builds the schedule; on success emits changed(), on failure keeps the last schedule and emits invalid().
  void setOptions(const difflab::ScheduleOptions& options);

 Q_SIGNALS:
  void changed();
  void invalid(const QString& message);

 private:
  difflab::ScheduleOptions m_options;
  std::optional<difflab::NoiseSchedule> m_schedule;
  QString m_error;
};
