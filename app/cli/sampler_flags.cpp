#include "cli/sampler_flags.h"

#include "io/json_text.h"

#include "sampling/sampler_parameters.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace difflab::cli {

std::set<std::string> sampler_flag_names() {
  std::set<std::string> names = {"sampler", "steps", "spacing", "seed", "timesteps-file"};
  for (const auto& p : sampler_parameters()) {
    names.insert(p.key);
    for (const auto& a : p.aliases) names.insert(a);
  }
  return names;
}

std::vector<double> read_timesteps_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw CliError("--timesteps-file: cannot open '" + path + "'");
  nlohmann::json j;
  try {
    std::ostringstream text;
    text << in.rdbuf();
    j = parse_json_text(text.str());
  } catch (const std::exception& e) {
    throw CliError("--timesteps-file: " + path + " is not JSON (" + e.what() + ")");
  }
  if (!j.is_object() || !j.contains("timesteps") || !j["timesteps"].is_array())
    throw CliError("--timesteps-file: " + path + ": expected an object with a \"timesteps\" array");
  std::vector<double> t;
  for (size_t i = 0; i < j["timesteps"].size(); ++i) {
    const auto& v = j["timesteps"][i];
    if (!v.is_number())
      throw CliError("--timesteps-file: " + path + ": timesteps[" + std::to_string(i) + "]: expected number, got " +
                     v.type_name());
    t.push_back(v.get<double>());
  }
  return t;
}

SamplerOptions sampler_options_from_flags(const ArgParser& p, const std::string& name, int64_t steps,
                                          bool read_spacing) {
  SamplerOptions o;
  try {
    o = recommended_sampler_options(name, steps);
  } catch (const std::invalid_argument& e) {
    throw CliError(std::string("--sampler: ") + e.what());
  }
  if (o.steps < 1) throw CliError("--steps must be >= 1, got " + std::to_string(o.steps));
  if (auto spacing = read_spacing ? p.get("spacing") : std::nullopt) {
    try {
      o.spacing = parse_timestep_spacing(*spacing);
    } catch (const std::invalid_argument& e) {
      throw CliError(std::string("--spacing: ") + e.what());
    }
  }
  if (auto file = p.get("timesteps-file")) {
    if (read_spacing && p.has("spacing") && o.spacing != TimestepSpacing::Custom)
      throw CliError("--timesteps-file gives the custom spacing; drop --spacing " + *p.get("spacing"));
    o.spacing = TimestepSpacing::Custom;
    o.custom_timesteps = read_timesteps_file(*file);
    o.steps = static_cast<int64_t>(o.custom_timesteps.size()) - 1;
  } else if (o.spacing == TimestepSpacing::Custom) {
    throw CliError("--spacing custom needs --timesteps-file FILE.json (written by difflab-cli optimise-steps)");
  }
  for (const auto& param : sampler_parameters()) {
    std::vector<std::string> spellings = {param.key};
    spellings.insert(spellings.end(), param.aliases.begin(), param.aliases.end());
    for (const auto& flag : spellings)
      if (auto value = p.get(flag)) {
        try {
          set_sampler_parameter(o, param.key, *value);
        } catch (const std::invalid_argument& e) {
          throw CliError("--" + flag + ": " + e.what());
        }
      }
  }
  o.seed = static_cast<uint64_t>(p.get_int("seed", 0));
  return o;
}

std::vector<std::string> sampler_list(const std::string& text) {
  std::vector<std::string> names;
  if (text == "all") {
    for (const auto& info : sampler_catalog()) names.push_back(info.name);
    return names;
  }
  std::stringstream in(text);
  std::string name;
  while (std::getline(in, name, ',')) {
    if (name.empty()) continue;
    try {
      sampler_info(name);
    } catch (const std::invalid_argument& e) {
      throw CliError(std::string("--samplers: ") + e.what());
    }
    names.push_back(name);
  }
  if (names.empty()) throw CliError("--samplers: expected a comma-separated list of sampler names, got '" + text + "'");
  return names;
}

std::vector<int64_t> integer_list(const std::string& flag, const std::string& text) {
  std::vector<int64_t> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t used = 0;
    long long v = 0;
    try {
      v = std::stoll(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || v < 1)
      throw CliError("--" + flag + ": expected positive integers separated by commas, got '" + item + "'");
    values.push_back(v);
  }
  if (values.empty())
    throw CliError("--" + flag + ": expected positive integers separated by commas, got '" + text + "'");
  return values;
}

}  // namespace difflab::cli
