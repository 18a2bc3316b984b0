#include "schedule/schedule_json.h"

#include <set>
#include <stdexcept>

namespace difflab {

namespace {

[[noreturn]] void field_error(const std::string& field, const std::string& fault, const nlohmann::json& value) {
  throw std::invalid_argument("schedule field '" + field + "' " + fault + ", got " + value.dump());
}

double number_field(const nlohmann::json& j, const std::string& key, double fallback) {
  if (!j.contains(key)) return fallback;
  const auto& v = j.at(key);
  if (!v.is_number()) field_error(key, "must be a number", v);
  return v.get<double>();
}

std::vector<double> number_array_field(const nlohmann::json& j, const std::string& key) {
  if (!j.contains(key)) return {};
  const auto& v = j.at(key);
  if (!v.is_array()) field_error(key, "must be an array of numbers", v);
  std::vector<double> out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number()) field_error(key + "[" + std::to_string(i) + "]", "must be a number", v[i]);
    out.push_back(v[i].get<double>());
  }
  return out;
}

}  // namespace

CustomScheduleKind parse_custom_schedule_kind(const std::string& name) {
  if (name == "beta-table") return CustomScheduleKind::BetaTable;
  if (name == "alpha-bar-table") return CustomScheduleKind::AlphaBarTable;
  if (name == "log-snr-points") return CustomScheduleKind::LogSnrPoints;
  throw std::invalid_argument("unknown custom schedule kind '" + name +
                              "' (expected beta-table, alpha-bar-table or log-snr-points)");
}

std::string custom_schedule_kind_name(CustomScheduleKind kind) {
  switch (kind) {
    case CustomScheduleKind::BetaTable: return "beta-table";
    case CustomScheduleKind::AlphaBarTable: return "alpha-bar-table";
    case CustomScheduleKind::LogSnrPoints: return "log-snr-points";
  }
  return "unknown";
}

nlohmann::json schedule_options_to_json(const ScheduleOptions& o) {
  nlohmann::json j = {{"family", schedule_family_name(o.family)},
                      {"timesteps", o.timesteps},
                      {"beta_start", o.beta_start},
                      {"beta_end", o.beta_end},
                      {"cosine_s", o.cosine_s},
                      {"cosine_max_beta", o.cosine_max_beta},
                      {"zero_terminal_snr", o.zero_terminal_snr}};
  if (o.family == ScheduleFamily::Custom) {
    j["custom_kind"] = custom_schedule_kind_name(o.custom_kind);
    j["custom_values"] = o.custom_values;
    nlohmann::json points = nlohmann::json::array();
    for (const auto& [u, lambda] : o.control_points) points.push_back({u, lambda});
    j["control_points"] = points;
  }
  return j;
}

ScheduleOptions schedule_options_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("schedule options must be a JSON object, got " + j.dump());
  static const std::set<std::string> known = {"family",        "timesteps",       "beta_start",        "beta_end",
                                              "cosine_s",      "cosine_max_beta", "zero_terminal_snr", "custom_kind",
                                              "custom_values", "control_points"};
  for (const auto& item : j.items())
    if (!known.count(item.key())) field_error(item.key(), "is not a schedule option", item.value());

  ScheduleOptions o;
  if (j.contains("family")) {
    const auto& v = j.at("family");
    if (!v.is_string()) field_error("family", "must be a string", v);
    try {
      o.family = parse_schedule_family(v.get<std::string>());
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("schedule field 'family': ") + e.what());
    }
  }
  if (j.contains("timesteps")) {
    const auto& v = j.at("timesteps");
    if (!v.is_number_integer()) field_error("timesteps", "must be an integer", v);
    o.timesteps = v.get<int64_t>();
  }
  o.beta_start = number_field(j, "beta_start", o.beta_start);
  o.beta_end = number_field(j, "beta_end", o.beta_end);
  o.cosine_s = number_field(j, "cosine_s", o.cosine_s);
  o.cosine_max_beta = number_field(j, "cosine_max_beta", o.cosine_max_beta);
  if (j.contains("zero_terminal_snr")) {
    const auto& v = j.at("zero_terminal_snr");
    if (!v.is_boolean()) field_error("zero_terminal_snr", "must be true or false", v);
    o.zero_terminal_snr = v.get<bool>();
  }
  if (j.contains("custom_kind")) {
    const auto& v = j.at("custom_kind");
    if (!v.is_string()) field_error("custom_kind", "must be a string", v);
    try {
      o.custom_kind = parse_custom_schedule_kind(v.get<std::string>());
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("schedule field 'custom_kind': ") + e.what());
    }
  }
  o.custom_values = number_array_field(j, "custom_values");
  if (j.contains("control_points")) {
    const auto& v = j.at("control_points");
    if (!v.is_array()) field_error("control_points", "must be an array of [u, log_snr] pairs", v);
    for (size_t i = 0; i < v.size(); ++i) {
      const auto& p = v[i];
      if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
        field_error("control_points[" + std::to_string(i) + "]", "must be a pair [u, log_snr] of numbers", p);
      o.control_points.emplace_back(p[0].get<double>(), p[1].get<double>());
    }
  }
  return o;
}

}  // namespace difflab
