// DPM-Solver++(2S) ancestral: Lu et al. 2022 (DPM-Solver++, the singlestep second-order solver, Algorithm 1 with
// r = ½) towards σ_down, then ancestral noise up to σ_next, as k-diffusion's sample_dpmpp_2s_ancestral. In
// λ = −log σ_VE with h = λ_down − λ_t and the midpoint λ_m = λ_t + h/2 (model evaluated at the training time of
// λ_m), in the VP variable x = α x̃:
//   u   = (σ_m/σ_t) x_t − α_m (e^{−h/2} − 1) x̂₀(x_t, t)
//   x̃_down = e^{−h} x_t/α_t − (e^{−h} − 1) x̂₀(u, t_m),   x_s = α_s (x̃_down + σ_up z).
// The last step (σ_down = 0) is an Euler step onto x̂₀. NFE: 2 per step, 1 on the last.
#include "sampling/sampler_factories.h"

#include <cmath>

namespace difflab {
namespace {

class DpmSolverPp2sAncestralSampler : public PredictThenStep<DpmSolverPp2sAncestralSampler> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const AncestralStep a = ancestral_step(sigma_ve_at(t), sigma_ve_at(s), options().eta);
    if (a.down == 0.0) return {p.x0, s, p, t};  // Euler step onto x̂₀
    if (zero_snr_at(t)) {  // λ_t = −∞ has no midpoint: the Euler ancestral step, x̃ = x̂₀ + σ_down ε̂ + σ_up z
      at::Tensor x_tilde = p.x0 + a.down * p.eps;
      if (a.up > 0.0) x_tilde = x_tilde + a.up * noise_like(x_tilde);
      return {alpha_at(s) * x_tilde, s, p, t};
    }
    const double lambda_t = lambda_at(t), h = -std::log(a.down) - lambda_t;
    const double t_mid = schedule().timesteps() * schedule().u_from_lambda(lambda_t + 0.5 * h);
    const at::Tensor u = (sigma_at(t_mid) / sigma_at(t)) * x() - alpha_at(t_mid) * std::expm1(-0.5 * h) * p.x0;
    const Prediction q = predict(denoiser, u, t_mid);
    at::Tensor x_tilde = (std::exp(-h) / alpha_at(t)) * x() - std::expm1(-h) * q.x0;
    if (a.up > 0.0) x_tilde = x_tilde + a.up * noise_like(x_tilde);
    return {alpha_at(s) * x_tilde, s, q, t_mid};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_dpm_solver_pp_2s_ancestral_sampler(const SamplerOptions& options,
                                                                 const NoiseSchedule& schedule, at::Tensor x_T,
                                                                 at::Tensor y) {
  return std::make_unique<DpmSolverPp2sAncestralSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
