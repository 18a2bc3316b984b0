// The sampler catalog (sampler.h, SamplerInfo) from sampler_catalog.def, one line per sampler, and the settings
// that measure badly.
#include "sampling/sampler.h"

#include "sampling/sampler_factories.h"
#include "sampling/sampler_parameters.h"

#include <stdexcept>

namespace difflab {

// Each sampler's factory, defined in its own file.
#define DIFFLAB_SAMPLER(factory, ...)                                                                            \
  std::unique_ptr<Sampler> factory(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T, \
                                   at::Tensor y);
#include "sampling/sampler_catalog.def"
#undef DIFFLAB_SAMPLER

const std::vector<SamplerInfo>& sampler_catalog() {
  static const std::vector<SamplerInfo> catalog = {
#define DIFFLAB_SAMPLER(factory, ...) SamplerInfo{__VA_ARGS__, factory},
#include "sampling/sampler_catalog.def"
#undef DIFFLAB_SAMPLER
  };
  return catalog;
}

const SamplerInfo& sampler_info(const std::string& name) {
  for (const auto& info : sampler_catalog())
    if (info.name == name) return info;
  std::string known;
  for (const auto& info : sampler_catalog()) known += (known.empty() ? "" : ", ") + info.name;
  throw std::invalid_argument("unknown sampler '" + name + "' (expected one of " + known + ")");
}

std::string invertible_sampler_names() {
  std::string names;
  for (const auto& info : sampler_catalog())
    if (info.invertible) names += (names.empty() ? "" : ", ") + info.name;
  return names;
}

std::vector<std::string> predictor_sampler_names() {
  std::vector<std::string> names;
  for (const auto& info : sampler_catalog())
    if (info.name != "pc" && info.name != "rk45" && info.name != "annealed-langevin" && info.name != "restart")
      names.push_back(info.name);
  return names;
}

}  // namespace difflab

namespace difflab {

namespace {

// Combinations measured at more than 3x DDIM's energy distance at equal NFE >= 10 (DDIM on trailing, 0.0099 at
// 10 steps, 0.0075 at 20) on the shipped six-narrow mixture (docs/samplers.md; difflab-cli compare --spacing
// all), with the steps up to which they stay that bad.
struct BadSetting {
  const char* sampler;
  TimestepSpacing spacing;
  bool any_spacing;
  int64_t max_steps;
  const char* measured;
  const char* why;
};

const BadSetting kBadSettings[] = {
    {"dpmpp-2m", TimestepSpacing::Karras, false, 12, "3.0x DDIM's energy distance at 10 steps",
     "the Karras grid's few long steps at low noise defeat the x0 extrapolation"},
    {"dpmpp-3m", TimestepSpacing::Karras, false, 12, "3.7x DDIM's energy distance at 10 steps",
     "the Karras grid's few long steps at low noise defeat the x0 extrapolation"},
    {"dpmpp-2m-sde", TimestepSpacing::Karras, false, 12, "3.5x DDIM's energy distance at 10 steps",
     "the Karras grid's few long steps at low noise defeat the x0 extrapolation"},
    {"euler-maruyama", TimestepSpacing::Leading, false, 30, "6.4x DDIM at 10 steps, 4.1x at 20",
     "the reverse SDE needs many steps, and this grid starts below t = T"},
    {"euler-maruyama", TimestepSpacing::Linspace, false, 30, "7x DDIM at 10 steps, 4.5x at 20",
     "the reverse SDE needs many steps"},
    {"euler-maruyama", TimestepSpacing::Karras, false, 12, "6.1x DDIM at 10 steps",
     "the reverse SDE takes too few steps at high noise on this grid"},
    {"pc", TimestepSpacing::Leading, false, 30, "8.5x DDIM at equal NFE (10 steps), 4.8x at 20",
     "the Euler-Maruyama predictor needs many steps"},
    {"pc", TimestepSpacing::Linspace, false, 30, "9x DDIM at equal NFE (10 steps), 4.8x at 20",
     "the Euler-Maruyama predictor needs many steps"},
    {"pc", TimestepSpacing::Karras, false, 12, "6.9x DDIM at equal NFE (10 steps)",
     "the Euler-Maruyama predictor takes too few steps at high noise on this grid"},
    {"heun", TimestepSpacing::Karras, false, 3, "samples up to |x| = 200 for data within 4 at 2-3 steps",
     "one step across orders of magnitude of sigma makes the trapezoidal correction explode"},
    {"heun", TimestepSpacing::UniformLogSnr, false, 3, "samples up to |x| = 200 for data within 4 at 2-3 steps",
     "one step across orders of magnitude of sigma makes the trapezoidal correction explode"},
    {"heun", TimestepSpacing::Linspace, false, 3, "samples up to |x| = 200 for data within 4 at 2-3 steps",
     "one step across orders of magnitude of sigma makes the trapezoidal correction explode"},
    {"dpm2", TimestepSpacing::Karras, false, 3, "samples up to |x| = 260 for data within 4 at 2-3 steps",
     "a midpoint step across orders of magnitude of sigma overshoots"},
    {"dpm2", TimestepSpacing::UniformLogSnr, false, 3, "samples up to |x| = 260 for data within 4 at 2-3 steps",
     "a midpoint step across orders of magnitude of sigma overshoots"},
    {"dpm2", TimestepSpacing::Linspace, false, 3, "samples up to |x| = 260 for data within 4 at 2-3 steps",
     "a midpoint step across orders of magnitude of sigma overshoots"},
    {"euler-maruyama", TimestepSpacing::UniformLogSnr, false, 3, "samples up to |x| = 44 for data within 4",
     "the reverse SDE takes too few steps"},
    {"pc", TimestepSpacing::UniformLogSnr, false, 3, "samples up to |x| = 44 for data within 4",
     "the Euler-Maruyama predictor takes too few steps"},
    {"annealed-langevin", TimestepSpacing::Leading, true, 20, "3-17x DDIM at equal NFE with 10-20 levels",
     "annealed Langevin dynamics needs hundreds of evaluations"},
};

}  // namespace

std::string sampler_setting_warning(const SamplerOptions& o) {
  if (o.spacing == TimestepSpacing::Custom) return {};
  for (const BadSetting& b : kBadSettings)
    if (o.name == b.sampler && (b.any_spacing || o.spacing == b.spacing) && o.steps <= b.max_steps) {
      // Advise the recommended spacing only where it is not already the one chosen (a bad setting at any
      // spacing, such as annealed Langevin with few steps, can only take more steps).
      const TimestepSpacing recommended = sampler_info(o.name).recommended_spacing;
      const std::string advice = recommended == o.spacing
                                     ? "try more steps (more than " + std::to_string(b.max_steps) + ")"
                                     : "try " + timestep_spacing_name(recommended) + " spacing or more steps";
      return o.name + " on " + timestep_spacing_name(o.spacing) + " spacing with " + std::to_string(o.steps) +
             " steps measures badly (" + b.measured + " on the six-narrow mixture): " + b.why + "; " + advice;
    }
  return {};
}

}  // namespace difflab
