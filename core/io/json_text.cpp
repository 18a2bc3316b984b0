#include "io/json_text.h"

#include <stdexcept>

namespace difflab {

nlohmann::json parse_json_text(const std::string& text, int max_depth) {
  // The callback sees every value's depth as it is parsed: a too deep document is refused before it is built.
  const auto limit = [max_depth](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > max_depth) throw std::invalid_argument("nested deeper than " + std::to_string(max_depth) + " levels");
    return true;
  };
  try {
    return nlohmann::json::parse(text, limit);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(e.what());
  }
}

}  // namespace difflab
