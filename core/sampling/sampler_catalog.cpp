// The sampler catalog (sampler.h, SamplerInfo) from sampler_catalog.def, one line per sampler, and the settings
// that measure badly.
#include "sampling/sampler.h"

#include "base/error_text.h"
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

// Settings that measure badly, with the steps up to which they stay that bad. Two measurements (docs/samplers.md,
// "Settings that warn"):
// * energy distance more than 3x DDIM's at equal NFE >= 10 (DDIM on trailing, 0.0099 at 10 steps, 0.0075 at 20)
//   on the shipped six-narrow mixture (difflab-cli compare --spacing all);
// * at few steps, a spread (per-coordinate standard deviation) more than 1.5x the data's on any shipped mixture
//   (512 latents, seed 3, with and without zero terminal SNR), listed where it exceeds 1.4x for a margin against
//   other draws; test_sampler_zoo "no setting spreads samples ..." checks that every cell above 1.5x warns.
struct BadSetting {
  const char* sampler;
  TimestepSpacing spacing;
  bool any_spacing;
  int64_t max_steps;
  const char* measured;
  const char* why;
};

constexpr const char* kHeunWhy =
    "one step across orders of magnitude of sigma makes the trapezoidal correction overshoot";
constexpr const char* kDpm2Why = "a midpoint step across orders of magnitude of sigma overshoots";
constexpr const char* kEmWhy = "the reverse SDE takes too few steps";
constexpr const char* kPcWhy = "the Euler-Maruyama predictor takes too few steps";
constexpr const char* kRestartWhy = "its Heun steps and restart jumps span orders of magnitude of sigma";
constexpr const char* kKarrasWhy = "the Karras grid's few long steps at low noise defeat the x0 extrapolation";

const BadSetting kBadSettings[] = {
    {"dpmpp-2m", TimestepSpacing::Karras, false, 12, "3.0x DDIM's energy distance at 10 steps on six-narrow",
     kKarrasWhy},
    {"dpmpp-3m", TimestepSpacing::Karras, false, 12, "3.7x DDIM's energy distance at 10 steps on six-narrow",
     kKarrasWhy},
    {"dpmpp-2m-sde", TimestepSpacing::Karras, false, 12, "3.5x DDIM's energy distance at 10 steps on six-narrow",
     kKarrasWhy},
    {"euler-maruyama", TimestepSpacing::Leading, false, 30, "6.4x DDIM at 10 steps, 4.1x at 20, on six-narrow",
     "the reverse SDE needs many steps, and this grid starts below t = T"},
    {"euler-maruyama", TimestepSpacing::Linspace, false, 30, "7x DDIM at 10 steps, 4.5x at 20, on six-narrow",
     "the reverse SDE needs many steps"},
    {"euler-maruyama", TimestepSpacing::Karras, false, 12, "6.1x DDIM at 10 steps on six-narrow",
     "the reverse SDE takes too few steps at high noise on this grid"},
    {"pc", TimestepSpacing::Leading, false, 30, "8.5x DDIM at equal NFE (10 steps), 4.8x at 20, on six-narrow",
     "the Euler-Maruyama predictor needs many steps"},
    {"pc", TimestepSpacing::Linspace, false, 30, "9x DDIM at equal NFE (10 steps), 4.8x at 20, on six-narrow",
     "the Euler-Maruyama predictor needs many steps"},
    {"pc", TimestepSpacing::Karras, false, 12, "6.9x DDIM at equal NFE (10 steps) on six-narrow",
     "the Euler-Maruyama predictor takes too few steps at high noise on this grid"},
    {"annealed-langevin", TimestepSpacing::Leading, true, 20, "3-17x DDIM at equal NFE with 10-20 levels on six-narrow",
     "annealed Langevin dynamics needs hundreds of evaluations"},
    {"dpmpp-3m", TimestepSpacing::UniformLogSnr, false, 7,
     "spread up to 1.7x the data's (5 steps, 8gaussians), 1.5x at 7",
     "the third-order extrapolation overshoots on so few steps"},
    {"unipc", TimestepSpacing::Karras, false, 6, "spread up to 1.4x the data's (5 steps, six-narrow)", kKarrasWhy},
    {"euler-maruyama", TimestepSpacing::Beta, false, 6,
     "spread up to 4.2x the data's (3 steps, anisotropic), 1.5x at 6", kEmWhy},
    {"euler-maruyama", TimestepSpacing::Trailing, false, 3, "spread up to 2.7x the data's (3 steps, anisotropic)",
     kEmWhy},
    {"euler-maruyama", TimestepSpacing::UniformLogSnr, false, 10,
     "spread up to 35x the data's (3 steps, two-gaussians, zero terminal SNR), 1.5x at 10", kEmWhy},
    {"pc", TimestepSpacing::Beta, false, 6, "spread up to 4.3x the data's (3 steps, anisotropic), 1.5x at 6", kPcWhy},
    {"pc", TimestepSpacing::Trailing, false, 3, "spread up to 2.6x the data's (3 steps, anisotropic)", kPcWhy},
    {"pc", TimestepSpacing::UniformLogSnr, false, 8,
     "spread up to 35x the data's (3 steps, two-gaussians, zero terminal SNR), 2.3x at 8", kPcWhy},
    {"heun", TimestepSpacing::Beta, false, 5,
     "spread up to 2.4x the data's (3 steps, anisotropic, zero terminal SNR), 1.5x at 5", kHeunWhy},
    {"heun", TimestepSpacing::Karras, false, 8,
     "spread up to 163x the data's (3 steps, two-gaussians, zero terminal SNR), 1.6x at 8", kHeunWhy},
    {"heun", TimestepSpacing::Leading, false, 4,
     "spread up to 3.8x the data's (2 steps, two-gaussians, zero terminal SNR), 1.6x at 4", kHeunWhy},
    {"heun", TimestepSpacing::Linspace, false, 5, "spread up to 160x the data's (2 steps, two-gaussians), 1.6x at 5",
     kHeunWhy},
    {"heun", TimestepSpacing::Trailing, false, 3, "spread up to 2.0x the data's (2 steps, anisotropic), 1.5x at 3",
     kHeunWhy},
    {"heun", TimestepSpacing::UniformLogSnr, false, 8,
     "spread up to 163x the data's (3 steps, two-gaussians, zero terminal SNR), 1.5x at 8", kHeunWhy},
    {"dpm2", TimestepSpacing::Karras, false, 7,
     "spread up to 88x the data's (3 steps, 8gaussians, zero terminal SNR), 1.5x at 7", kDpm2Why},
    {"dpm2", TimestepSpacing::Leading, false, 6,
     "spread up to 13x the data's (2 steps, six-narrow, zero terminal SNR), 1.6x at 6", kDpm2Why},
    {"dpm2", TimestepSpacing::Linspace, false, 7, "spread up to 88x the data's (2 steps, 8gaussians), 1.6x at 7",
     kDpm2Why},
    {"dpm2", TimestepSpacing::UniformLogSnr, false, 6,
     "spread up to 88x the data's (3 steps, 8gaussians, zero terminal SNR), 1.6x at 6", kDpm2Why},
    {"restart", TimestepSpacing::Beta, false, 3, "spread up to 2.0x the data's (2 steps, anisotropic), 1.6x at 3",
     kRestartWhy},
    {"restart", TimestepSpacing::Karras, false, 5,
     "spread up to 21x the data's (3 steps, anisotropic, zero terminal SNR), 1.9x at 5", kRestartWhy},
    {"restart", TimestepSpacing::Leading, false, 4,
     "spread up to 1.5x the data's (4 steps, six-narrow, zero terminal SNR)", kRestartWhy},
    {"restart", TimestepSpacing::Linspace, false, 5, "spread up to 21x the data's (2 steps, anisotropic), 1.5x at 5",
     kRestartWhy},
    {"restart", TimestepSpacing::Trailing, false, 2, "spread up to 2.0x the data's (2 steps, anisotropic)",
     kRestartWhy},
    {"restart", TimestepSpacing::UniformLogSnr, false, 6,
     "spread up to 21x the data's (3 steps, anisotropic, zero terminal SNR), 1.5x at 6", kRestartWhy},
};

}  // namespace

std::string sampler_setting_warning(const SamplerOptions& o) {
  if (o.spacing == TimestepSpacing::Custom) return {};
  // One step on a grid that starts at t = 1 does next to nothing: the sample is the initial noise.
  if (o.steps == 1 && (o.spacing == TimestepSpacing::Leading || o.spacing == TimestepSpacing::Linspace) &&
      o.name != "rk45")
    return o.name + " with 1 step on " + timestep_spacing_name(o.spacing) +
           " spacing denoises from t = 1 only: the sample is the initial noise; try trailing spacing";
  for (const BadSetting& b : kBadSettings)
    if (o.name == b.sampler && (b.any_spacing || o.spacing == b.spacing) && o.steps <= b.max_steps) {
      // Advise the recommended spacing only where it is not already the one chosen (a bad setting at any
      // spacing, such as annealed Langevin with few steps, can only take more steps).
      const TimestepSpacing recommended = sampler_info(o.name).recommended_spacing;
      const std::string advice = recommended == o.spacing
                                     ? "try more steps (more than " + std::to_string(b.max_steps) + ")"
                                     : "try " + timestep_spacing_name(recommended) + " spacing or more steps";
      return o.name + " on " + timestep_spacing_name(o.spacing) + " spacing with " + count_text(o.steps, "step") +
             " measures badly (" + b.measured + "): " + b.why + "; " + advice;
    }
  return {};
}

}  // namespace difflab
