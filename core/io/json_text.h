#pragma once
// JSON text as the program reads it: nlohmann::json, with nesting limited so that a hostile file cannot overflow
// the stack (a value nested 74,000 levels deep crashes when it is destroyed or printed). Every JSON reader of the
// program goes through parse_json_text.

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace difflab {

/// nlohmann's message without its codes: "line 1, column 74: unexpected end of input; expected ']'".
std::string readable_json_error(const std::string& what);

/// The JSON value of `text`. Throws std::invalid_argument with where and what (readable_json_error), or
/// "nested deeper than N levels" (N = max_depth; configs, sidecars and mixtures nest fewer than 10).
nlohmann::json parse_json_text(const std::string& text, int max_depth = 100);

/// An integer field: a JSON integer, or a float with an integral value, within int64. (nlohmann's get<int64_t>()
/// converts 3.7e29 with undefined behaviour; found by tests/fuzz.) Throws std::invalid_argument "expected an
/// integer, got …".
inline int64_t json_integer(const nlohmann::json& j) {
  if (j.is_number_integer() && !(j.is_number_unsigned() && j.get<uint64_t>() > uint64_t{INT64_MAX}))
    return j.get<int64_t>();
  if (j.is_number_float()) {
    const double v = j.get<double>();
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9.2e18) return static_cast<int64_t>(v);
  }
  throw std::invalid_argument("expected an integer, got " + j.dump());
}

/// An array of integer fields (json_integer each).
inline std::vector<int64_t> json_integers(const nlohmann::json& j) {
  if (!j.is_array()) throw std::invalid_argument("expected an array of integers, got " + j.dump());
  std::vector<int64_t> out;
  for (const auto& e : j) out.push_back(json_integer(e));
  return out;
}

}  // namespace difflab
