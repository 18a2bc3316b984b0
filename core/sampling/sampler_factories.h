#pragma once
// Internal to difflab_sampling: one factory per sampler file, used by make_sampler, and the CRTP helper
// that gives every concrete sampler its clone().

#include "sampling/sampler.h"

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

std::unique_ptr<Sampler> make_ddpm_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                           at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_ddim_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                           at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_euler_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                            at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_heun_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                           at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_dpm_solver_pp_2m_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                       at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_dpm_solver_pp_3m_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                       at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_euler_maruyama_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                     at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_annealed_langevin_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                        at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_predictor_corrector_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                          at::Tensor x_T, at::Tensor y);
std::unique_ptr<Sampler> make_rk45_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                           at::Tensor x_T, at::Tensor y);

}  // namespace difflab
