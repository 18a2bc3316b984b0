#pragma once
// JSON text as the program reads it: nlohmann::json, with nesting limited so that a hostile file cannot overflow
// the stack (a value nested 74,000 levels deep crashes when it is destroyed or printed). Every JSON reader of the
// program goes through parse_json_text.

#include <nlohmann/json.hpp>

#include <string>

namespace difflab {

/// The JSON value of `text`. Throws std::invalid_argument with nlohmann's message for malformed text, or
/// "nested deeper than N levels" (N = max_depth; configs, sidecars and mixtures nest fewer than 10).
nlohmann::json parse_json_text(const std::string& text, int max_depth = 100);

}  // namespace difflab
