#pragma once
// One line for a user out of any exception's what(): LibTorch's c10::Error appends "Exception raised from …"
// and a 20–30-frame backtrace to its message (also when another exception wraps it), which no user should
// see. Used where exceptions meet a user: difflab-cli's main, the GUI's job runner and views.
// Header-only, no LibTorch: the GUI includes it after Qt headers.

#include <string>

namespace difflab {

/// `what` cut before LibTorch's "Exception raised from" and its backtrace, without trailing blanks.
inline std::string user_message(const std::string& what) {
  std::string text = what;
  const size_t trace = text.find("Exception raised from");
  if (trace != std::string::npos) text.erase(trace);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r' || text.back() == '\t'))
    text.pop_back();
  return text.empty() ? what.substr(0, what.find('\n')) : text;
}

}  // namespace difflab
