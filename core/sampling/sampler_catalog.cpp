#include "sampling/sampler.h"

namespace difflab {

const std::vector<SamplerInfo>& sampler_catalog() {
  static const std::vector<SamplerInfo> catalog = {
      {"ddpm", "DDPM ancestral", "Ho et al. 2020, Algorithm 2; respacing as Nichol & Dhariwal 2021, sec. 4",
       {"ddpm_posterior_variance"}, true, 1},
      {"ddim", "DDIM", "Song, Meng & Ermon 2021, eq. 12 (eta = 0 deterministic, eta = 1 DDPM-like)", {"eta"},
       true, 1},
      {"euler", "Euler (probability-flow ODE)", "Karras et al. 2022, Algorithm 1 without the Heun correction",
       {"karras_rho"}, false, 1},
      {"heun", "Heun (probability-flow ODE)", "Karras et al. 2022, Algorithm 1", {"karras_rho"}, false, 2},
      {"dpmpp-2m", "DPM-Solver++(2M)", "Lu et al. 2022, DPM-Solver++, Algorithm 2", {}, false, 2},
      {"dpmpp-3m", "DPM-Solver++(3M)", "Lu et al. 2022, DPM-Solver++ multistep, third order (k-diffusion form)",
       {}, false, 3},
      {"euler-maruyama", "Euler-Maruyama (reverse-time VP SDE)", "Song et al. 2021, eq. 6 and Appendix F", {},
       true, 1},
      {"annealed-langevin", "Annealed Langevin dynamics", "Song & Ermon 2019, Algorithm 1",
       {"langevin_step_size", "langevin_steps_per_level"}, true, 0},
      {"pc", "Predictor-corrector", "Song et al. 2021, Algorithms 1 and 5 (Langevin corrector)",
       {"pc_predictor", "pc_corrector_steps", "pc_snr"}, true, 1},
      {"rk45", "Adaptive RK45 (probability-flow ODE)",
       "Dormand & Prince 1980 on the PF-ODE of Song et al. 2021, eq. 13", {"rtol", "atol"}, false, 5},
  };
  return catalog;
}

}  // namespace difflab
