// Euler–Maruyama on the reverse-time VP SDE (Song et al. 2021, eq. 6; their EulerMaruyamaPredictor), in
// u = t/T with the forward drift f(u) x, f = d log α/du, and diffusion g² = −2 f (the VP SDE, Lu et al. 2022
// eq. 2.4). Going from u to u − Δu with the score ∇log p_u(x) = −ε̂/σ (Tweedie):
//   x ← x − [f x − g² ∇log p_u(x)] Δu + g √Δu z.
// The last step, from t_{N−1} to 0, returns x̂₀ (Tweedie denoising instead of a noisy final step). From t = T
// of a zero-terminal-SNR schedule (f = −∞) the step is the exact posterior step, x_s = α_s x̂₀ + σ_s z.
#include "sampling/sampler_factories.h"

#include <cmath>

namespace difflab {
namespace {

class EulerMaruyamaSampler : public PredictThenStep<EulerMaruyamaSampler, StepLimit::X0AtZero> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    if (zero_snr_at(t)) {  // f = −∞ at zero SNR: the exact reverse step q(x_s | x_t, x̂₀) = N(α_s x̂₀, σ_s²)
      return {alpha_at(s) * p.x0 + sigma_at(s) * noise_like(x()), s, p, t};
    }
    const double T = static_cast<double>(schedule().timesteps());
    const double f = schedule().d_log_alpha_cont(t / T), g2 = -2.0 * f, du = (t - s) / T;
    const at::Tensor score = -p.eps / sigma_at(t);
    const at::Tensor drift = f * x() - g2 * score;  // reverse-time drift (eq. 6)
    at::Tensor x_s = x() - drift * du + std::sqrt(g2 * du) * noise_like(x());
    return {x_s, s, p, t};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_euler_maruyama_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                     at::Tensor x_T, at::Tensor y) {
  return std::make_unique<EulerMaruyamaSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
