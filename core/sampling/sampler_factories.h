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
