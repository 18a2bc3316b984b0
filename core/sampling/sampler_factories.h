#pragma once
// Internal to difflab_sampling: the CRTP helper that gives every concrete sampler its clone(), and the ancestral
// step the ancestral samplers share. (Each sampler file defines its factory, make_<name>_sampler, which
// sampler_catalog.def declares and lists.)

#include "sampling/sampler.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace difflab {

/// clone() as a copy of the concrete sampler: the Sampler copy constructor copies the RNG state; tensors
/// (state, history) are shared because samplers never modify a tensor in place.
template <class Derived>
class ClonableSampler : public Sampler {
 public:
  using Sampler::Sampler;
  std::unique_ptr<Sampler> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

/// Where a step's update formula has no value, what the step is instead (PredictThenStep).
enum class StepLimit {
  None,           ///< the formula holds everywhere
  X0AtZero,       ///< the last step, to s = 0, returns x̂₀ (the DPM-Solver family's log-SNR step is ∞ there)
  DdimAtZeroSnr,  ///< from a zero-SNR time (σ = ∞) the DDIM step, the formula's limit (Lin et al. 2024)
};

/// The frame of the samplers whose step starts with one prediction at its own time: advance() reads
/// t = t_i and s = t_{i+1}, predicts x̂₀ and ε̂ at t, applies `kLimit`, and hands the rest to step(), which is
/// the paper's update.
template <class Derived, StepLimit kLimit = StepLimit::None>
class PredictThenStep : public ClonableSampler<Derived> {
 public:
  using ClonableSampler<Derived>::ClonableSampler;

 protected:
  using typename Sampler::Advance;
  using typename Sampler::Prediction;
  /// The update from x_t (this->x()) to time s, given the prediction p at t (`denoiser` for further evaluations).
  virtual Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) = 0;

  Advance advance(Denoiser& denoiser, int64_t i) final {
    const double t = this->timesteps()[i], s = this->timesteps()[i + 1];
    const Prediction p = this->predict(denoiser, this->x(), t);
    if (kLimit == StepLimit::X0AtZero && s == 0.0) return {p.x0, s, p, t};
    if (kLimit == StepLimit::DdimAtZeroSnr && this->zero_snr_at(t)) return {this->ddim_step(p, s), s, p, t};
    return step(denoiser, p, t, s, i);
  }
};

/// k-diffusion's get_ancestral_step: the VE noise levels σ_down (deterministic part) and σ_up (fresh noise) of
/// an ancestral step from σ to σ_next with noise share η, σ_down² + σ_up² = σ_next².
struct AncestralStep {
  double down, up;
};
inline AncestralStep ancestral_step(double sigma, double sigma_next, double eta) {
  if (eta == 0.0 || sigma_next == 0.0) return {sigma_next, 0.0};
  if (std::isinf(sigma)) {  // from σ = ∞ (zero terminal SNR): the limit of the formula below
    const double up = std::min(sigma_next, eta * sigma_next);
    return {std::sqrt(sigma_next * sigma_next - up * up), up};
  }
  const double up = std::min(sigma_next, eta * std::sqrt(sigma_next * sigma_next *
                                                         (sigma * sigma - sigma_next * sigma_next) / (sigma * sigma)));
  return {std::sqrt(sigma_next * sigma_next - up * up), up};
}

}  // namespace difflab
