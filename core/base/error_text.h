#pragma once
// One line for a user out of any exception's what(): LibTorch's c10::Error appends "Exception raised from …"
// and a 20–30-frame backtrace to its message (also when another exception wraps it), which no user should
// see. Used where exceptions meet a user: difflab-cli's main, the GUI's job runner and views.
// Also the pieces messages are made of: a shape, a list of names, a state dict's mismatch.
// Header-only, no LibTorch: the GUI includes it after Qt headers.

#include <string>
#include <utility>
#include <vector>

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

/// "[2, 3, 4]": a tensor's or a sample's shape (any range of integers: std::vector<int64_t>, at::IntArrayRef).
template <class Sizes>
std::string shape_text(const Sizes& sizes) {
  std::string out = "[";
  for (const auto& s : sizes) out += (out.size() > 1 ? ", " : "") + std::to_string(s);
  return out + "]";
}

/// The first `most` names joined by ", ", then ", … (N in all)" when there are more.
/// "1 dimension", "3 dimensions": a count with its noun, singular for one.
inline std::string count_text(long long n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

inline std::string names_text(const std::vector<std::string>& names, size_t most = 5) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < most; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > most) out += ", … (" + std::to_string(names.size()) + " in all)";
  return out;
}

/// A weights file against an architecture, in one line: "missing a, b; unexpected c; mis-shaped d [3] (expected
/// [4])"; empty when all three lists are.
inline std::string mismatch_text(const std::vector<std::string>& missing, const std::vector<std::string>& unexpected,
                                 const std::vector<std::string>& misshaped) {
  std::string why;
  const std::pair<const char*, const std::vector<std::string>*> parts[] = {
      {"missing ", &missing}, {"unexpected ", &unexpected}, {"mis-shaped ", &misshaped}};
  for (const auto& [label, names] : parts)
    if (!names->empty()) why += (why.empty() ? "" : "; ") + std::string(label) + names_text(*names);
  return why;
}

}  // namespace difflab
