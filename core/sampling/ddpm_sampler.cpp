// DDPM ancestral sampling (Ho et al. 2020, Algorithm 2) on a subsequence of the training steps: the step
// t → s uses the respaced β'_t = 1 − ᾱ_t/ᾱ_s (Nichol & Dhariwal 2021, sec. 4), and the posterior
// q(x_s | x_t, x̂₀) of Ho et al. eq. 6–7, whose mean written with x̂₀ is Algorithm 2's mean written with ε̂.
#include "sampling/sampler_factories.h"

#include <cmath>

namespace difflab {
namespace {

class DdpmSampler : public PredictThenStep<DdpmSampler> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const double ab_t = alpha_bar_at(t), ab_s = alpha_bar_at(s);
    const double beta = 1.0 - ab_t / ab_s;  // respaced β'_t
    // Posterior mean μ̃(x_t, x̂₀), Ho et al. eq. 7.
    const double c0 = std::sqrt(ab_s) * beta / (1.0 - ab_t);
    const double ct = std::sqrt(ab_t / ab_s) * (1.0 - ab_s) / (1.0 - ab_t);
    at::Tensor x_s = c0 * p.x0 + ct * x();
    // σ_t² = β̃_t or β_t (Ho et al. sec. 3.2); Algorithm 2 adds no noise on the last step (z = 0 at t = 1).
    if (s > 0.0) {
      const double var = options().ddpm_posterior_variance ? beta * (1.0 - ab_s) / (1.0 - ab_t) : beta;
      x_s = x_s + std::sqrt(var) * noise_like(x_s);
    }
    return {x_s, s, p, t};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_ddpm_sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T,
                                           at::Tensor y) {
  return std::make_unique<DdpmSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
