#include "io/json_text.h"

#include <stdexcept>

namespace difflab {

std::string readable_json_error(const std::string& what) {
  // "[json.exception.parse_error.101] parse error at line 1, column 74: syntax error while parsing array -
  // unexpected end of input; expected ']'" → "line 1, column 74: unexpected end of input; expected ']'".
  std::string m = what;
  if (!m.empty() && m.front() == '[') {
    const size_t close = m.find("] ");
    if (close != std::string::npos) m.erase(0, close + 2);
  }
  for (const char* lead : {"parse error at ", "parse error: "})
    if (m.rfind(lead, 0) == 0) m.erase(0, std::string(lead).size());
  const size_t syntax = m.find("syntax error while parsing ");
  if (syntax != std::string::npos) {
    const size_t dash = m.find(" - ", syntax);
    if (dash != std::string::npos) m.erase(syntax, dash + 3 - syntax);
  }
  return m;
}

nlohmann::json parse_json_text(const std::string& text, int max_depth) {
  // The callback sees every value's depth as it is parsed: a too deep document is refused before it is built.
  const auto limit = [max_depth](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > max_depth) throw std::invalid_argument("nested deeper than " + std::to_string(max_depth) + " levels");
    return true;
  };
  try {
    return nlohmann::json::parse(text, limit);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(readable_json_error(e.what()));
  }
}

}  // namespace difflab
