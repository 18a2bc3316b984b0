#pragma once
// Memory estimates before large jobs (issue #17): a job that cannot fit is refused up front with the amount it
// needs, instead of failing halfway with an allocation error (or being killed by the kernel).

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace difflab {

/// Bytes the system can still give a process: MemAvailable of /proc/meminfo (Linux); 0 when unknown.
inline uint64_t available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  uint64_t kib = 0;
  std::string unit;
  while (in >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  return 0;
}

/// "1.5 GiB", "320 MiB".
inline std::string memory_text(double bytes) {
  char buf[32];
  if (bytes >= 1024.0 * 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  else
    std::snprintf(buf, sizeof buf, "%.0f MiB", bytes / (1024.0 * 1024));
  return buf;
}

/// Throws std::runtime_error "<what> needs about X, and this machine has Y available" when `bytes` exceeds the
/// memory available now. When availability is unknown it never throws.
inline void check_memory(double bytes, const std::string& what) {
  const uint64_t available = available_memory_bytes();
  if (available > 0 && bytes > static_cast<double>(available))
    throw std::runtime_error(what + " needs about " + memory_text(bytes) + " of memory, and this machine has " +
                             memory_text(static_cast<double>(available)) + " available");
}

}  // namespace difflab
