// Annealed Langevin dynamics, Song & Ermon 2019 ("Generative Modeling by Estimating Gradients of the Data
// Distribution"), Algorithm 1, on the VE variable x̃ = x/α whose noise levels are σ_i = σ_VE(t_i) =
// √((1 − ᾱ)/ᾱ). Its score is ∇log p_σ(x̃) = −ε̂/σ_i (Tweedie; = α · (−ε̂/σ_VP) in x). Step i is noise level i:
//   α_i = ε σ_i²/σ_L²;   repeat M times: x̃ ← x̃ + (α_i/2) ∇log p_{σ_i}(x̃) + √α_i z.
// After the last level one more evaluation returns x̂₀ (the final denoising step of Song & Ermon 2020,
// "Improved Techniques", sec. 3.3 — Jolicoeur-Martineau et al. 2021). NFE = N M + 1. A level at zero SNR
// (σ = ∞, t = T of a zero-terminal-SNR schedule) is the prior itself: no Langevin steps there (one evaluation).
#include "sampling/sampler_factories.h"

#include <cmath>

namespace difflab {
namespace {

class AnnealedLangevinSampler : public ClonableSampler<AnnealedLangevinSampler> {
 public:
  using ClonableSampler::ClonableSampler;

 protected:
  Advance advance(Denoiser& denoiser, int64_t i) override {
    const int64_t levels = total_steps();
    const double t = timesteps()[i];
    const double sigma = sigma_ve_at(t), sigma_L = sigma_ve_at(timesteps()[levels - 1]), a = alpha_at(t);
    const double step = options().langevin_step_size * sigma * sigma / (sigma_L * sigma_L);  // α_i
    Prediction p;
    if (zero_snr_at(t)) {  // σ = ∞: x_T ~ N(0, I) is already this level's distribution
      p = predict(denoiser, x(), t);
      return i + 1 < levels ? Advance{x(), t, p, t} : Advance{p.x0, 0.0, p, t};
    }
    at::Tensor x_tilde = x() / a;
    for (int64_t k = 0; k < options().langevin_steps_per_level; ++k) {
      p = predict(denoiser, a * x_tilde, t);
      const at::Tensor score = -p.eps / sigma;
      x_tilde = x_tilde + 0.5 * step * score + std::sqrt(step) * noise_like(x_tilde);
    }
    if (i + 1 < levels) return {a * x_tilde, t, p, t};
    p = predict(denoiser, a * x_tilde, t);  // final denoising
    return {p.x0, 0.0, p, t};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_annealed_langevin_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                        at::Tensor x_T, at::Tensor y) {
  return std::make_unique<AnnealedLangevinSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
