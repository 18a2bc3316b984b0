#include "sampling/sampler_parameters.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace difflab {
namespace {

// Shortest decimal text that reads back to the same double.
std::string number(double value) {
  char buffer[40];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

[[noreturn]] void fail(const std::string& key, const std::string& text, const std::string& fault) {
  throw std::invalid_argument("sampler parameter " + key + ": " + fault + ", got '" + text + "'");
}

double parse_real(const std::string& key, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0') fail(key, text, "expected a number");
  if (errno == ERANGE || !std::isfinite(v)) fail(key, text, "expected a finite number");
  return v;
}

int64_t parse_integer(const std::string& key, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') fail(key, text, "expected an integer");
  if (errno == ERANGE) fail(key, text, "integer out of range");
  return v;
}

#define DIFFLAB_REAL(field)                                \
  [](const SamplerOptions& o) { return number(o.field); }, \
      [](SamplerOptions& o, const std::string& t) { o.field = parse_real(#field, t); }
#define DIFFLAB_INTEGER(field)                                     \
  [](const SamplerOptions& o) { return std::to_string(o.field); }, \
      [](SamplerOptions& o, const std::string& t) { o.field = parse_integer(#field, t); }

using Kind = SamplerParameter::Kind;

std::vector<SamplerParameter> make_table() {
  std::vector<SamplerParameter> t;
  using Get = std::string (*)(const SamplerOptions&);
  using Set = void (*)(SamplerOptions&, const std::string&);
  // Every row has a key, label, help, kind and accessors; real, integer and choice add their own fields.
  auto add = [&t](std::string key, std::string label, std::string help, Kind kind, Get get,
                  Set set) -> SamplerParameter& {
    SamplerParameter p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.help = std::move(help);
    p.kind = kind;
    p.get = get;
    p.set = set;
    t.push_back(std::move(p));
    return t.back();
  };
  auto real = [&add](std::string key, std::string label, std::string help, double min, double max, bool min_exclusive,
                     double step, int decimals, Get get, Set set) -> SamplerParameter& {
    SamplerParameter& p = add(std::move(key), std::move(label), std::move(help), Kind::Real, get, set);
    p.min = min;
    p.max = max;
    p.min_exclusive = min_exclusive;
    p.step = step;
    p.decimals = decimals;
    return p;
  };
  auto integer = [&add](std::string key, std::string label, std::string help, double min, double max, Get get,
                        Set set) -> SamplerParameter& {
    SamplerParameter& p = add(std::move(key), std::move(label), std::move(help), Kind::Integer, get, set);
    p.min = min;
    p.max = max;
    return p;
  };
  auto choice = [&add](std::string key, std::string label, std::string help, std::vector<std::string> choices, Get get,
                       Set set) -> SamplerParameter& {
    SamplerParameter& p = add(std::move(key), std::move(label), std::move(help), Kind::Choice, get, set);
    p.choices = std::move(choices);
    return p;
  };

  real("karras-rho", "Karras ρ", "rho of the karras spacing (Karras et al. 2022, eq. 5)", 0.0, 100.0, true, 0.5, 2,
       DIFFLAB_REAL(karras_rho))
      .grid = true;
  real("sigma-max", "σ_max cap",
       "largest VE noise level sigma/alpha of the grid's first time; 0: the model's own "
       "(160 for eps-prediction networks; zero terminal SNR: t = T, then 160)",
       0.0, 1e6, false, 10.0, 1, DIFFLAB_REAL(sigma_max))
      .grid = true;
  real("eta", "η",
       "noise share: 0 deterministic, 1 DDPM's posterior variance (DDIM, Song et al. 2021 eq. 16) or "
       "full ancestral noise (k-diffusion)",
       0.0, 10.0, false, 0.1, 2, DIFFLAB_REAL(eta));
  choice(
      "ddpm-variance", "Variance", "posterior (beta tilde_t) or beta_t (Ho et al. 2020, sec. 3.2)",
      {"posterior", "beta"},
      [](const SamplerOptions& o) { return std::string(o.ddpm_posterior_variance ? "posterior" : "beta"); },
      [](SamplerOptions& o, const std::string& v) { o.ddpm_posterior_variance = v == "posterior"; });
  real("langevin-step-size", "Langevin step ε",
       "epsilon of alpha_i = eps sigma_i^2/sigma_L^2 (Song & Ermon 2019, "
       "Alg. 1)",
       0.0, 1.0, true, 1e-5, 8, DIFFLAB_REAL(langevin_step_size));
  integer("langevin-steps-per-level", "Steps per level", "Langevin steps per noise level", 1, 1000,
          DIFFLAB_INTEGER(langevin_steps_per_level))
      .aliases = {"langevin-steps"};
  choice(
      "pc-predictor", "Predictor", "predictor sampler of the predictor-corrector scheme", predictor_sampler_names(),
      [](const SamplerOptions& o) { return o.pc_predictor; },
      [](SamplerOptions& o, const std::string& v) { o.pc_predictor = v; });
  integer("pc-corrector-steps", "Corrector steps", "Langevin corrector steps per level (Song et al. 2021, Alg. 5)", 0,
          100, DIFFLAB_INTEGER(pc_corrector_steps));
  real("pc-snr", "Target SNR", "corrector target signal-to-noise ratio r (Song et al. 2021, Alg. 5)", 0.0, 10.0, true,
       0.01, 3, DIFFLAB_REAL(pc_snr))
      .aliases = {"snr"};
  real("rtol", "rtol", "relative tolerance of the Dormand-Prince error control", 0.0, 1.0, true, 1e-5, 9,
       DIFFLAB_REAL(rtol));
  real("atol", "atol", "absolute tolerance of the Dormand-Prince error control", 0.0, 1.0, true, 1e-5, 9,
       DIFFLAB_REAL(atol));
  choice(
      "lower-order-final", "Lower order at the end",
      "on: multistep solvers drop to lower order on their last steps and after a much longer step (Lu et al. "
      "2022, DPM-Solver++ sec. 4); off: textbook order everywhere, for study",
      {"on", "off"}, [](const SamplerOptions& o) { return std::string(o.lower_order_final ? "on" : "off"); },
      [](SamplerOptions& o, const std::string& v) { o.lower_order_final = v == "on"; });
  real("restart-sigma-min", "Restart σ_min", "VE noise level where restarts begin (Xu et al. 2023)", 0.0, 1e4, true,
       0.05, 3, DIFFLAB_REAL(restart_sigma_min));
  real("restart-sigma-max", "Restart σ_max", "VE noise level each restart jumps back to (Xu et al. 2023)", 0.0, 1e4,
       true, 0.1, 3, DIFFLAB_REAL(restart_sigma_max));
  integer("restart-k", "Restarts", "restart cycles K (Xu et al. 2023)", 0, 100, DIFFLAB_INTEGER(restart_k));
  integer("restart-steps", "Restart steps", "Heun steps of each backward restart pass", 1, 1000,
          DIFFLAB_INTEGER(restart_steps));
  return t;
}

#undef DIFFLAB_REAL
#undef DIFFLAB_INTEGER

void check_range(const SamplerParameter& p, const std::string& text) {
  if (p.kind == Kind::Choice) {
    for (const auto& c : p.choices)
      if (c == text) return;
    std::string list;
    for (const auto& c : p.choices) list += (list.empty() ? "" : ", ") + c;
    fail(p.key, text, "expected one of " + list);
  }
  const double v = p.kind == Kind::Real ? parse_real(p.key, text) : static_cast<double>(parse_integer(p.key, text));
  const bool low_ok = p.min_exclusive ? v > p.min : v >= p.min;
  if (!low_ok || v > p.max)
    fail(p.key, text,
         "must lie in " + std::string(p.min_exclusive ? "(" : "[") + number(p.min) + ", " + number(p.max) + "]");
}

}  // namespace

const std::vector<SamplerParameter>& sampler_parameters() {
  static const std::vector<SamplerParameter> table = make_table();
  return table;
}

const SamplerParameter* find_sampler_parameter(const std::string& key) {
  for (const auto& p : sampler_parameters()) {
    if (p.key == key) return &p;
    for (const auto& a : p.aliases)
      if (a == key) return &p;
  }
  return nullptr;
}

void set_sampler_parameter(SamplerOptions& options, const std::string& key, const std::string& text) {
  const SamplerParameter* p = find_sampler_parameter(key);
  if (!p) throw std::invalid_argument("unknown sampler parameter '" + key + "'");
  check_range(*p, text);
  p->set(options, text);
}

std::string sampler_parameter_text(const SamplerOptions& options, const std::string& key) {
  const SamplerParameter* p = find_sampler_parameter(key);
  if (!p) throw std::invalid_argument("unknown sampler parameter '" + key + "'");
  return p->get(options);
}

double sampler_parameter_number(const SamplerOptions& options, const SamplerParameter& p) {
  const std::string text = p.get(options);
  if (p.kind == Kind::Choice) {
    for (size_t i = 0; i < p.choices.size(); ++i)
      if (p.choices[i] == text) return static_cast<double>(i);
    return -1.0;
  }
  return std::strtod(text.c_str(), nullptr);
}

void check_sampler_parameters(const SamplerOptions& o) {
  if (o.spacing != TimestepSpacing::Custom && o.steps < 1)
    throw std::invalid_argument("sampler options: steps must be at least 1, got " + std::to_string(o.steps));
  for (const auto& p : sampler_parameters()) check_range(p, p.get(o));
  if (!(o.restart_sigma_max > o.restart_sigma_min))
    throw std::invalid_argument("sampler parameter restart-sigma-max: must exceed restart-sigma-min (" +
                                number(o.restart_sigma_min) + "), got '" + number(o.restart_sigma_max) + "'");
}

SamplerOptions recommended_sampler_options(const std::string& name, int64_t steps) {
  SamplerOptions o;
  o.name = name;
  o.steps = steps;
  o.spacing = sampler_info(name).recommended_spacing;
  // η: DDIM's default is the deterministic 0 (Song et al. 2021); the ancestral and SDE samplers are defined by
  // their noise, so they start at full noise, η = 1, as in k-diffusion.
  if (name == "euler-ancestral" || name == "dpmpp-2s-ancestral" || name == "dpmpp-2m-sde") o.eta = 1.0;
  return o;
}

}  // namespace difflab
