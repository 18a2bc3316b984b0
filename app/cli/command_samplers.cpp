// difflab-cli samplers: lists the samplers of sampler_catalog() with their parameters as `sample` flags,
// and the timestep spacings.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "sampling/sampler.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace difflab::cli {

const char* const kSamplersUsage =
    "difflab-cli samplers [--json]\n"
    "  Lists the samplers `difflab-cli sample --sampler NAME` accepts: their source, order, whether they\n"
    "  draw noise, and the flags they read besides --steps, --spacing and --seed (with defaults), then the\n"
    "  timestep spacings. --json prints the same as JSON.\n";

namespace {

struct Parameter {
  const char* flag;
  std::string default_value;
  const char* meaning;
};

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// SamplerOptions field → `sample` flag, default and meaning (the fields SamplerInfo::parameters names).
const std::map<std::string, Parameter>& parameters() {
  static const SamplerOptions d;
  static const std::map<std::string, Parameter> table = {
      {"karras_rho", {"--karras-rho", number(d.karras_rho), "rho of the karras spacing"}},
      {"eta", {"--eta", number(d.eta), "DDIM eta: 0 deterministic, 1 DDPM-like noise"}},
      {"ddpm_posterior_variance",
       {"--ddpm-variance", d.ddpm_posterior_variance ? "posterior" : "beta", "posterior (beta tilde) or beta"}},
      {"langevin_step_size", {"--langevin-step-size", number(d.langevin_step_size), "epsilon of alpha_i = eps sigma_i^2/sigma_L^2"}},
      {"langevin_steps_per_level", {"--langevin-steps", number(static_cast<double>(d.langevin_steps_per_level)),
                                    "Langevin steps per noise level"}},
      {"pc_predictor", {"--pc-predictor", d.pc_predictor, "predictor sampler"}},
      {"pc_corrector_steps", {"--pc-corrector-steps", number(static_cast<double>(d.pc_corrector_steps)),
                              "Langevin corrector steps per level"}},
      {"pc_snr", {"--snr", number(d.pc_snr), "corrector target signal-to-noise ratio"}},
      {"rtol", {"--rtol", number(d.rtol), "relative tolerance"}},
      {"atol", {"--atol", number(d.atol), "absolute tolerance"}},
  };
  return table;
}

const char* const kSpacings[][2] = {
    {"leading", "diffusers 'leading': 1, 1+r, ..., r = T div N"},
    {"trailing", "diffusers 'trailing': starts at t = T"},
    {"linspace", "diffusers 'linspace': round(linspace(1, T, N))"},
    {"karras", "Karras et al. 2022: sigma^(1/rho) uniform"},
    {"uniform-logsnr", "uniform in log-SNR"},
};

}  // namespace

int run_samplers(const Args& args) {
  ArgParser p(args, {}, {"json"});
  if (p.flag("json")) {
    nlohmann::json out = {{"samplers", nlohmann::json::array()}, {"spacings", nlohmann::json::array()}};
    for (const auto& s : sampler_catalog()) {
      nlohmann::json params = nlohmann::json::array();
      for (const auto& name : s.parameters) {
        const Parameter& q = parameters().at(name);
        params.push_back({{"option", name}, {"flag", q.flag}, {"default", q.default_value}, {"meaning", q.meaning}});
      }
      out["samplers"].push_back({{"name", s.name}, {"title", s.title}, {"reference", s.reference},
                                 {"stochastic", s.stochastic}, {"order", s.order}, {"parameters", params}});
    }
    for (const auto& sp : kSpacings) out["spacings"].push_back({{"name", sp[0]}, {"meaning", sp[1]}});
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  std::cout << "samplers (difflab-cli sample --sampler NAME; every one also reads --steps, --spacing, --seed):\n";
  for (const auto& s : sampler_catalog()) {
    std::cout << "\n  " << std::left << std::setw(19) << s.name << s.title << "\n"
              << "  " << std::string(19, ' ') << s.reference << "\n"
              << "  " << std::string(19, ' ') << (s.stochastic ? "stochastic" : "deterministic");
    if (s.order > 0) std::cout << ", order " << s.order;
    std::cout << '\n';
    for (const auto& name : s.parameters) {
      const Parameter& q = parameters().at(name);
      std::cout << "  " << std::string(19, ' ') << std::setw(22) << q.flag << std::setw(12)
                << ("(" + q.default_value + ")") << q.meaning << '\n';
    }
  }
  std::cout << "\nspacings (--spacing NAME; default " << timestep_spacing_name(SamplerOptions{}.spacing) << "):\n";
  for (const auto& sp : kSpacings) std::cout << "  " << std::setw(19) << sp[0] << sp[1] << '\n';
  return 0;
}

}  // namespace difflab::cli
