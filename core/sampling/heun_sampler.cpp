// Heun's second-order method on the probability-flow ODE, Karras et al. 2022, Algorithm 1, in their
// σ-form x̃ = x/α, σ = σ_VE: an Euler step, then the trapezoidal correction unless σ_{i+1} = 0, where the
// Euler step already lands on D(x̃; σ_i). NFE = 2N − 1.
#include "sampling/sampler_factories.h"

namespace difflab {
namespace {

class HeunSampler : public ClonableSampler<HeunSampler> {
 public:
  using ClonableSampler::ClonableSampler;

 protected:
  Advance advance(Denoiser& denoiser, int64_t i) override {
    const double t = timesteps()[i], s = timesteps()[i + 1];
    const double sigma = sigma_ve_at(t), sigma_next = sigma_ve_at(s);
    const Prediction p = predict(denoiser, x(), t);
    const at::Tensor x_tilde = x() / alpha_at(t);
    const at::Tensor d = (x_tilde - p.x0) / sigma;                      // Alg. 1 line 4: evaluate dx/dt at t_i
    at::Tensor x_next = x_tilde + (sigma_next - sigma) * d;             // line 5: Euler step from t_i to t_{i+1}
    if (sigma_next == 0.0) return {x_next, s, p, t};
    const Prediction q = predict(denoiser, alpha_at(s) * x_next, s);
    const at::Tensor d_next = (x_next - q.x0) / sigma_next;             // line 7: dx/dt at t_{i+1}
    x_next = x_tilde + (sigma_next - sigma) * 0.5 * (d + d_next);       // line 8: trapezoidal rule
    return {alpha_at(s) * x_next, s, q, s};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_heun_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                           at::Tensor x_T, at::Tensor y) {
  return std::make_unique<HeunSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
