// Heun's second-order method on the probability-flow ODE, Karras et al. 2022, Algorithm 1, in their
// σ-form x̃ = x/α, σ = σ_VE: an Euler step, then the trapezoidal correction unless σ_{i+1} = 0, where the
// Euler step already lands on D(x̃; σ_i). NFE = 2N − 1. The step itself is Sampler::heun_advance (shared with
// the restart sampler).
#include "sampling/sampler_factories.h"

namespace difflab {
namespace {

class HeunSampler : public ClonableSampler<HeunSampler> {
 public:
  using ClonableSampler::ClonableSampler;

 protected:
  Advance advance(Denoiser& denoiser, int64_t i) override {
    return heun_advance(denoiser, x(), timesteps()[i], timesteps()[i + 1]);
  }
};

}  // namespace

std::unique_ptr<Sampler> make_heun_sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T,
                                           at::Tensor y) {
  return std::make_unique<HeunSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
