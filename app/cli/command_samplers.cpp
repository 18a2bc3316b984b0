// difflab-cli samplers: lists the samplers of sampler_catalog() with their parameters (the table of
// sampling/sampler_parameters.h) as `sample` flags, their recommended spacing, and the timestep spacings.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "sampling/sampler.h"
#include "sampling/sampler_parameters.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace difflab::cli {

const char* const kSamplersUsage =
    "difflab-cli samplers [--json]\n"
    "  Lists the samplers `difflab-cli sample --sampler NAME` accepts: their source, order, whether they\n"
    "  draw noise, the spacing they are used with unless --spacing says otherwise (measured, docs/samplers.md),\n"
    "  and the flags they read besides --steps, --spacing and --seed (with defaults and ranges), then the\n"
    "  timestep spacings. --json prints the same as JSON.\n";

namespace {

std::string range_text(const SamplerParameter& q) {
  if (q.kind == SamplerParameter::Kind::Choice) {
    std::string list;
    for (const auto& c : q.choices) list += (list.empty() ? "" : "|") + c;
    return list;
  }
  std::ostringstream r;
  r << (q.min_exclusive ? "(" : "[") << q.min << ", " << q.max << "]";
  return r.str();
}

}  // namespace

int run_samplers(const Args& args) {
  ArgParser p(args, {}, {"json"});
  const SamplerOptions defaults;
  if (p.flag("json")) {
    nlohmann::json out = {{"samplers", nlohmann::json::array()}, {"spacings", nlohmann::json::array()}};
    for (const auto& s : sampler_catalog()) {
      nlohmann::json params = nlohmann::json::array();
      for (const auto& key : s.parameters) {
        const SamplerParameter& q = *find_sampler_parameter(key);
        params.push_back({{"key", q.key},
                          {"flag", "--" + q.key},
                          {"default", q.get(recommended_sampler_options(s.name, 50))},
                          {"range", range_text(q)},
                          {"meaning", q.help}});
      }
      out["samplers"].push_back({{"name", s.name},
                                 {"title", s.title},
                                 {"reference", s.reference},
                                 {"stochastic", s.stochastic},
                                 {"order", s.order},
                                 {"invertible", s.invertible},
                                 {"recommended_spacing", timestep_spacing_name(s.recommended_spacing)},
                                 {"parameters", params}});
    }
    for (TimestepSpacing sp : timestep_spacings())
      out["spacings"].push_back({{"name", timestep_spacing_name(sp)}, {"meaning", timestep_spacing_meaning(sp)}});
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  std::cout << "samplers (difflab-cli sample --sampler NAME; every one also reads --steps, --spacing, --seed):\n";
  for (const auto& s : sampler_catalog()) {
    std::cout << "\n  " << std::left << std::setw(19) << s.name << s.title << "\n"
              << "  " << std::string(19, ' ') << s.reference << "\n"
              << "  " << std::string(19, ' ') << (s.stochastic ? "stochastic" : "deterministic");
    if (s.order > 0) std::cout << ", order " << s.order;
    std::cout << ", recommended spacing " << timestep_spacing_name(s.recommended_spacing);
    if (s.invertible) std::cout << ", inverts";
    std::cout << '\n';
    for (const auto& key : s.parameters) {
      const SamplerParameter& q = *find_sampler_parameter(key);
      std::cout << "  " << std::string(19, ' ') << std::setw(22) << ("--" + q.key) << std::setw(12)
                << ("(" + q.get(recommended_sampler_options(s.name, 50)) + ")") << q.help << " " << range_text(q)
                << '\n';
    }
  }
  std::cout << "\ngrid parameter: --karras-rho (" << defaults.karras_rho << ") rho of the karras spacing\n";
  std::cout << "\nspacings (--spacing NAME; default: the sampler's recommended one):\n";
  for (TimestepSpacing sp : timestep_spacings())
    std::cout << "  " << std::setw(19) << timestep_spacing_name(sp) << timestep_spacing_meaning(sp) << '\n';
  return 0;
}

}  // namespace difflab::cli
