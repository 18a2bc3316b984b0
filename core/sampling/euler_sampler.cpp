// Euler on the probability-flow ODE in Karras et al.'s (2022) form: with x̃ = x/α and σ = σ_VE = σ_VP/α,
//   dx̃/dσ = (x̃ − D(x̃; σ))/σ   (Karras et al. eq. 3 with s = 1, σ(t) = t),
// Algorithm 1 without the second-order correction (k-diffusion's sample_euler). With a denoiser whose x̂₀
// and ε̂ agree this is exactly DDIM with η = 0 (Karras et al. sec. 3; Song et al. 2021 eq. 14).
#include "sampling/sampler_factories.h"

namespace difflab {
namespace {

class EulerSampler : public ClonableSampler<EulerSampler> {
 public:
  using ClonableSampler::ClonableSampler;

 protected:
  Advance advance(Denoiser& denoiser, int64_t i) override {
    const double t = timesteps()[i], s = timesteps()[i + 1];
    const double sigma = sigma_ve_at(t), sigma_next = sigma_ve_at(s);
    const Prediction p = predict(denoiser, x(), t);
    if (zero_snr_at(t)) return {ddim_step(p, s), s, p, t};  // σ = ∞: the step's limit
    const at::Tensor x_tilde = x() / alpha_at(t);
    const at::Tensor d = (x_tilde - p.x0) / sigma;                 // dx̃/dσ
    const at::Tensor x_next = x_tilde + (sigma_next - sigma) * d;  // Euler step
    return {alpha_at(s) * x_next, s, p, t};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_euler_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                            at::Tensor x_T, at::Tensor y) {
  return std::make_unique<EulerSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
