// Euler ancestral: k-diffusion's sample_euler_ancestral (the Karras et al. 2022 sampler family). In the σ-form
// x̃ = x/α with σ = σ_VE, each step splits σ_next into σ_down (an Euler step of the probability-flow ODE) and
// σ_up (fresh noise), σ_down² + σ_up² = σ_next², σ_up = min(σ_next, η √(σ_next²(σ² − σ_next²)/σ²)):
//   x̃ ← x̃ + (σ_down − σ) d + σ_up z,   d = (x̃ − x̂₀)/σ = ε̂.
// Written through d = ε̂ (x̃ + (σ_down − σ) ε̂ = x̂₀ + σ_down ε̂), which avoids cancelling two O(σ) terms at high σ.
// η = 0 is Euler (= DDIM); the last step, σ_next = 0, lands on x̂₀.
#include "sampling/sampler_factories.h"

namespace difflab {
namespace {

class EulerAncestralSampler : public PredictThenStep<EulerAncestralSampler> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const AncestralStep a = ancestral_step(sigma_ve_at(t), sigma_ve_at(s), options().eta);
    at::Tensor x_tilde = p.x0 + a.down * p.eps;                      // Euler step to σ_down
    if (a.up > 0.0) x_tilde = x_tilde + a.up * noise_like(x_tilde);  // ancestral noise up to σ_next
    return {alpha_at(s) * x_tilde, s, p, t};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_euler_ancestral_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                      at::Tensor x_T, at::Tensor y) {
  return std::make_unique<EulerAncestralSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
