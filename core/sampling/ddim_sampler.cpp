// DDIM (Song, Meng & Ermon 2021), eq. 12 with σ_t(η) of eq. 16:
//   x_s = √ᾱ_s x̂₀ + √(1 − ᾱ_s − σ_t²) ε̂ + σ_t z,   σ_t = η √((1 − ᾱ_s)/(1 − ᾱ_t)) √(1 − ᾱ_t/ᾱ_s).
// η = 0 is the deterministic DDIM; η = 1 gives DDPM's posterior variance β̃.
#include "sampling/sampler_factories.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace difflab {
namespace {

class DdimSampler : public PredictThenStep<DdimSampler> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const double ab_t = alpha_bar_at(t), ab_s = alpha_bar_at(s);
    const double sigma =  // η = 0 on an increasing grid (inversion), where 1 − ᾱ_t/ᾱ_s < 0
        options().eta > 0.0 ? options().eta * std::sqrt((1.0 - ab_s) / (1.0 - ab_t)) * std::sqrt(1.0 - ab_t / ab_s)
                            : 0.0;
    // "direction pointing to x_t" and the predicted x₀ (eq. 12).
    at::Tensor x_s = std::sqrt(ab_s) * p.x0 + std::sqrt(std::max(1.0 - ab_s - sigma * sigma, 0.0)) * p.eps;
    if (sigma > 0.0) x_s = x_s + sigma * noise_like(x_s);  // random noise; none at s = 0 where σ_t = 0
    return {x_s, s, p, t};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_ddim_sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T,
                                           at::Tensor y) {
  auto s = std::make_unique<DdimSampler>(options, schedule, std::move(x_T), std::move(y));
  if (s->increasing() && options.eta > 0.0)
    throw std::invalid_argument("sampler 'ddim': only eta = 0 (the ODE) runs from data to noise, got eta " +
                                std::to_string(options.eta));
  return s;
}

}  // namespace difflab
