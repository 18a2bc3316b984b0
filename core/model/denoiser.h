#pragma once
// A Denoiser hands samplers x̂₀ and ε̂ for (x_t, t, condition), whatever produces them: a trained network of
// any parameterisation, an imported module, or an exact analytic model. Samplers never know which.
//
// Time convention: t is a float tensor [B] of training time in the paper's units, t in [0, T] (fractional
// values use the schedule's continuous-time view). x_t = α(t) x₀ + σ(t) ε with α = √ᾱ, σ = √(1 − ᾱ).

#include "schedule/noise_schedule.h"

#include <torch/types.h>

#include <memory>
#include <string>
#include <vector>

namespace difflab {

struct DenoiserOutput {
  torch::Tensor x0;   ///< x̂₀, shaped like x_t
  torch::Tensor eps;  ///< ε̂, shaped like x_t
};

class Denoiser {
 public:
  explicit Denoiser(NoiseSchedule schedule) : schedule_(std::move(schedule)) {}
  virtual ~Denoiser() = default;

  /// y: int64 [B] class labels, -1 = unconditional; undefined tensor = unconditional.
  virtual DenoiserOutput predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) = 0;

  virtual bool is_conditional() const { return false; }
  virtual std::vector<std::string> class_names() const { return {}; }
  /// Shape of one sample, e.g. {1, 28, 28} or {2}.
  virtual std::vector<int64_t> sample_shape() const = 0;

  const NoiseSchedule& schedule() const { return schedule_; }

 protected:
  NoiseSchedule schedule_;
};

}  // namespace difflab
