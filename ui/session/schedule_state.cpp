#include "base/error_text.h"
#include "session/schedule_state.h"

#include <stdexcept>

ScheduleState::ScheduleState(QObject* parent) : QObject(parent) {
  m_schedule = difflab::NoiseSchedule::from_options(m_options);
}

void ScheduleState::setOptions(const difflab::ScheduleOptions& options) {
  try {
    auto next = difflab::NoiseSchedule::from_options(options);
    m_options = options;
    m_schedule = std::move(next);
    m_error.clear();
    Q_EMIT changed();
  } catch (const std::exception& e) {
    m_options = options;
    m_error = QString::fromStdString(difflab::user_message(e.what()));
    Q_EMIT invalid(m_error);
  }
}
