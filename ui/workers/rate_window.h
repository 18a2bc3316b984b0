#pragma once
// Training speed over the last few seconds of steps, for the Training tab's img/s and ETA. A figure is given only
// once the window spans a quarter of a second: right after a reset (a preview, a pause, a quality measurement),
// two step reports microseconds apart would otherwise read as thousands of steps a second. GUI-free; used on the
// training worker's thread.

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <utility>

class RateWindow {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kMinimumSpan{250};
  static constexpr std::chrono::seconds kSpan{3};

  /// Forgets the steps so far (time spent elsewhere is not training time).
  void reset() { m_samples.clear(); }
  /// Step `step` finished at `when`.
  void add(Clock::time_point when, int64_t step) {
    m_samples.emplace_back(when, step);
    while (m_samples.size() > 2 && when - m_samples[1].first >= kSpan) m_samples.pop_front();
  }
  /// Steps per second over the window, or nothing while it spans less than kMinimumSpan.
  std::optional<double> stepsPerSecond() const {
    if (m_samples.size() < 2) return std::nullopt;
    const auto span = m_samples.back().first - m_samples.front().first;
    if (span < kMinimumSpan) return std::nullopt;
    const double s = std::chrono::duration<double>(span).count();
    return static_cast<double>(m_samples.back().second - m_samples.front().second) / s;
  }

 private:
  std::deque<std::pair<Clock::time_point, int64_t>> m_samples;
};
