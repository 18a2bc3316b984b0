// DPM-2: the second-order midpoint method on the probability-flow ODE in Karras et al. 2022's σ-form
// x̃ = x/α, σ = σ_VE, dx̃/dσ = (x̃ − D(x̃; σ))/σ, with the midpoint taken in log σ: k-diffusion's sample_dpm_2
// ("inspired by DPM-Solver-2", Lu et al. 2022, DPM-Solver, Algorithm 1 with r = ½, and by Karras et al. 2022,
// Algorithm 2), without churn:
//   d = (x̃_i − D(x̃_i; σ_i))/σ_i,   σ_m = exp(½ (log σ_i + log σ_{i+1})),   x̃_m = x̃_i + (σ_m − σ_i) d,
//   x̃_{i+1} = x̃_i + (σ_{i+1} − σ_i) (x̃_m − D(x̃_m; σ_m))/σ_m.
// The model is called at the training time of σ_m. The last step (σ_{i+1} = 0) is an Euler step onto D(x̃_i; σ_i),
// and a step from α = 0 (zero terminal SNR) is the DDIM step's limit, as for Heun. NFE = 2N − 1.
#include "sampling/sampler_factories.h"

#include <cmath>

namespace difflab {
namespace {

class Dpm2Sampler : public PredictThenStep<Dpm2Sampler, StepLimit::DdimAtZeroSnr> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const double sigma = sigma_ve_at(t), sigma_next = sigma_ve_at(s);
    const at::Tensor x_tilde = x() / alpha_at(t);
    const at::Tensor d = (x_tilde - p.x0) / sigma;
    if (sigma_next == 0.0) return {x_tilde - sigma * d, s, p, t};  // Euler onto D(x̃; σ_i); α(0) = 1
    const double sigma_mid = std::exp(0.5 * (std::log(sigma) + std::log(sigma_next)));
    const double t_mid = t_from_sigma_ve(sigma_mid);
    const at::Tensor x_mid = x_tilde + (sigma_mid - sigma) * d;
    const Prediction q = predict(denoiser, alpha_at(t_mid) * x_mid, t_mid);
    const at::Tensor d_mid = (x_mid - q.x0) / sigma_mid;
    return {alpha_at(s) * (x_tilde + (sigma_next - sigma) * d_mid), s, q, t_mid};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_dpm2_sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T,
                                           at::Tensor y) {
  return std::make_unique<Dpm2Sampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
