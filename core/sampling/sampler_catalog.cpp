// The sampler catalog: one line per sampler (sampler.h, SamplerInfo). The recommended spacings were chosen by
// measurement on the shipped exact mixtures (docs/samplers.md; `difflab-cli compare --spacing all`): the beta
// spacing (Lee et al. 2024), dense at both ends, gave the ODE samplers the lowest energy distance at 5 and
// 10 steps on the six-narrow mixture (e.g. DPM-Solver++(2M) 0.018 at 5 steps against 0.057-0.23 elsewhere);
// so did the ancestral and SDE samplers at 5-10 steps (Euler ancestral = DDPM 0.0023 at 10 steps, 3.9x better
// than DDIM); Euler-Maruyama and PC did best on trailing, Restart and annealed Langevin on uniform log-SNR.
#include "sampling/sampler.h"

#include "sampling/sampler_factories.h"
#include "sampling/sampler_parameters.h"

#include <stdexcept>

namespace difflab {

const std::vector<SamplerInfo>& sampler_catalog() {
  using S = TimestepSpacing;
  static const std::vector<SamplerInfo> catalog = {
      {"ddpm",
       "DDPM ancestral",
       "Ho et al. 2020, Algorithm 2; respacing as Nichol & Dhariwal 2021, sec. 4",
       {"ddpm-variance"},
       true,
       1,
       S::Beta,
       make_ddpm_sampler,
       false},
      {"ddim",
       "DDIM",
       "Song, Meng & Ermon 2021, eq. 12 (eta = 0 deterministic, eta = 1 DDPM-like)",
       {"eta"},
       true,
       1,
       S::Beta,
       make_ddim_sampler,
       true},
      {"euler",
       "Euler (probability-flow ODE)",
       "Karras et al. 2022, Algorithm 1 without the Heun correction",
       {},
       false,
       1,
       S::Beta,
       make_euler_sampler,
       true},
      {"heun",
       "Heun (probability-flow ODE)",
       "Karras et al. 2022, Algorithm 1",
       {},
       false,
       2,
       S::Beta,
       make_heun_sampler,
       true},
      {"dpmpp-2m",
       "DPM-Solver++(2M)",
       "Lu et al. 2022, DPM-Solver++, Algorithm 2",
       {"lower-order-final"},
       false,
       2,
       S::Beta,
       make_dpm_solver_pp_2m_sampler,
       true},
      {"dpmpp-3m",
       "DPM-Solver++(3M)",
       "Lu et al. 2022, DPM-Solver++ multistep, third order (k-diffusion form)",
       {"lower-order-final"},
       false,
       3,
       S::Beta,
       make_dpm_solver_pp_3m_sampler,
       true},
      {"unipc",
       "UniPC (bh2, order 2)",
       "Zhao et al. 2023, UniPC: UniP-2 predictor and UniC corrector, B(h) = e^h - 1",
       {"lower-order-final"},
       false,
       3,
       S::Beta,
       make_unipc_sampler,
       true},
      {"lms",
       "Linear multistep (LMS, order 4)",
       "Karras et al. 2022 / k-diffusion sample_lms: Adams-Bashforth in sigma",
       {"lower-order-final"},
       false,
       4,
       S::Beta,
       make_lms_sampler,
       true},
      {"euler-ancestral",
       "Euler ancestral",
       "k-diffusion sample_euler_ancestral (Karras et al. 2022 sampler family)",
       {"eta"},
       true,
       1,
       S::Beta,
       make_euler_ancestral_sampler,
       false},
      {"dpmpp-2s-ancestral",
       "DPM-Solver++(2S) ancestral",
       "Lu et al. 2022, DPM-Solver++(2S); k-diffusion sample_dpmpp_2s_ancestral",
       {"eta"},
       true,
       2,
       S::Beta,
       make_dpm_solver_pp_2s_ancestral_sampler,
       false},
      {"dpmpp-2m-sde",
       "DPM-Solver++(2M) SDE",
       "Lu et al. 2022; k-diffusion sample_dpmpp_2m_sde (midpoint)",
       {"eta"},
       true,
       2,
       S::Beta,
       make_dpm_solver_pp_2m_sde_sampler,
       false},
      {"restart",
       "Restart (Heun)",
       "Xu et al. 2023, Restart Sampling, Algorithm 1 on Karras et al. 2022 Heun",
       {"restart-sigma-min", "restart-sigma-max", "restart-k", "restart-steps"},
       true,
       2,
       S::UniformLogSnr,
       make_restart_sampler,
       false},
      {"euler-maruyama",
       "Euler-Maruyama (reverse-time VP SDE)",
       "Song et al. 2021, eq. 6 and Appendix F",
       {},
       true,
       1,
       S::Trailing,
       make_euler_maruyama_sampler,
       false},
      {"annealed-langevin",
       "Annealed Langevin dynamics",
       "Song & Ermon 2019, Algorithm 1",
       {"langevin-step-size", "langevin-steps-per-level"},
       true,
       0,
       S::UniformLogSnr,
       make_annealed_langevin_sampler,
       false},
      {"pc",
       "Predictor-corrector",
       "Song et al. 2021, Algorithms 1 and 5 (Langevin corrector)",
       {"pc-predictor", "pc-corrector-steps", "pc-snr"},
       true,
       1,
       S::Trailing,
       make_predictor_corrector_sampler,
       false},
      {"rk45",
       "Adaptive RK45 (probability-flow ODE)",
       "Dormand & Prince 1980 on the PF-ODE of Song et al. 2021, eq. 13; always integrates from t = T to the data",
       {"rtol", "atol"},
       false,
       5,
       S::Trailing,
       make_rk45_sampler,
       true},
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
    if (o.name == b.sampler && (b.any_spacing || o.spacing == b.spacing) && o.steps <= b.max_steps)
      return o.name + " on " + timestep_spacing_name(o.spacing) + " spacing with " + std::to_string(o.steps) +
             " steps measures badly (" + b.measured + " on the six-narrow mixture): " + b.why + "; try " +
             timestep_spacing_name(sampler_info(o.name).recommended_spacing) + " spacing or more steps";
  return {};
}

}  // namespace difflab
