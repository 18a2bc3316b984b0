// The sampler catalog: one line per sampler (sampler.h, SamplerInfo). The recommended spacings were chosen by
// measurement on the shipped exact mixtures (docs/samplers.md; `difflab-cli compare`).
#include "sampling/sampler.h"

#include "sampling/sampler_factories.h"
#include "sampling/sampler_parameters.h"

#include <stdexcept>

namespace difflab {

const std::vector<SamplerInfo>& sampler_catalog() {
  using S = TimestepSpacing;
  static const std::vector<SamplerInfo> catalog = {
      {"ddpm", "DDPM ancestral", "Ho et al. 2020, Algorithm 2; respacing as Nichol & Dhariwal 2021, sec. 4",
       {"ddpm-variance"}, true, 1, S::Trailing, make_ddpm_sampler, false},
      {"ddim", "DDIM", "Song, Meng & Ermon 2021, eq. 12 (eta = 0 deterministic, eta = 1 DDPM-like)", {"eta"}, true, 1,
       S::Trailing, make_ddim_sampler, true},
      {"euler", "Euler (probability-flow ODE)", "Karras et al. 2022, Algorithm 1 without the Heun correction", {},
       false, 1, S::Trailing, make_euler_sampler, true},
      {"heun", "Heun (probability-flow ODE)", "Karras et al. 2022, Algorithm 1", {}, false, 2, S::Karras,
       make_heun_sampler, true},
      {"dpmpp-2m", "DPM-Solver++(2M)", "Lu et al. 2022, DPM-Solver++, Algorithm 2", {"lower-order-final"}, false, 2,
       S::UniformLogSnr, make_dpm_solver_pp_2m_sampler, true},
      {"dpmpp-3m", "DPM-Solver++(3M)", "Lu et al. 2022, DPM-Solver++ multistep, third order (k-diffusion form)",
       {"lower-order-final"}, false, 3, S::UniformLogSnr, make_dpm_solver_pp_3m_sampler, true},
      {"unipc", "UniPC (bh2, order 2)", "Zhao et al. 2023, UniPC: UniP-2 predictor and UniC corrector, B(h) = e^h - 1",
       {"lower-order-final"}, false, 3, S::UniformLogSnr, make_unipc_sampler, true},
      {"lms", "Linear multistep (LMS, order 4)", "Karras et al. 2022 / k-diffusion sample_lms: Adams-Bashforth in sigma",
       {"lower-order-final"}, false, 4, S::Karras, make_lms_sampler, true},
      {"euler-ancestral", "Euler ancestral", "k-diffusion sample_euler_ancestral (Karras et al. 2022 sampler family)",
       {"eta"}, true, 1, S::Trailing, make_euler_ancestral_sampler, false},
      {"dpmpp-2s-ancestral", "DPM-Solver++(2S) ancestral", "Lu et al. 2022, DPM-Solver++(2S); k-diffusion sample_dpmpp_2s_ancestral",
       {"eta"}, true, 2, S::Karras, make_dpm_solver_pp_2s_ancestral_sampler, false},
      {"dpmpp-2m-sde", "DPM-Solver++(2M) SDE", "Lu et al. 2022; k-diffusion sample_dpmpp_2m_sde (midpoint)", {"eta"}, true,
       2, S::Karras, make_dpm_solver_pp_2m_sde_sampler, false},
      {"restart", "Restart (Heun)", "Xu et al. 2023, Restart Sampling, Algorithm 1 on Karras et al. 2022 Heun",
       {"restart-sigma-min", "restart-sigma-max", "restart-k", "restart-steps"}, true, 2, S::Karras, make_restart_sampler,
       false},
      {"euler-maruyama", "Euler-Maruyama (reverse-time VP SDE)", "Song et al. 2021, eq. 6 and Appendix F", {}, true, 1,
       S::Trailing, make_euler_maruyama_sampler, false},
      {"annealed-langevin", "Annealed Langevin dynamics", "Song & Ermon 2019, Algorithm 1",
       {"langevin-step-size", "langevin-steps-per-level"}, true, 0, S::Trailing, make_annealed_langevin_sampler, false},
      {"pc", "Predictor-corrector", "Song et al. 2021, Algorithms 1 and 5 (Langevin corrector)",
       {"pc-predictor", "pc-corrector-steps", "pc-snr"}, true, 1, S::Trailing, make_predictor_corrector_sampler, false},
      {"rk45", "Adaptive RK45 (probability-flow ODE)",
       "Dormand & Prince 1980 on the PF-ODE of Song et al. 2021, eq. 13; always integrates from t = T to the data",
       {"rtol", "atol"}, false, 5, S::Trailing, make_rk45_sampler, true},
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

std::string sampler_setting_warning(const SamplerOptions& o) {
  (void)o;
  return {};
}

}  // namespace difflab
