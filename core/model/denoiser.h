#pragma once
// A Denoiser hands samplers x̂₀ and ε̂ for (x_t, t, condition), whatever produces them: a trained network of
// any parameterisation, an imported module, or an exact analytic model. Samplers never know which.
//
// Time convention: t is a float tensor [B] of training time in the paper's units, t in [0, T] (fractional
// values use the schedule's continuous-time view). x_t = α(t) x₀ + σ(t) ε with α = √ᾱ, σ = √(1 − ᾱ).

#include "data/data_scale.h"
#include "schedule/noise_schedule.h"

#include <torch/types.h>

#include <limits>
#include <memory>
#include <string>
#include <utility>
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

  /// One line for `info` and the GUI, e.g. "checkpoint m.ckpt: mlp:default, predicts eps, EMA weights".
  virtual std::string description() const { return {}; }
  /// How samples map back to data scale (see DataScale).
  virtual DataScale data_scale() const { return {}; }
  /// Network evaluations per predict() call (a classifier-free guided call costs 2).
  virtual int64_t evaluations_per_call() const { return 1; }
  /// The largest VE noise level σ/α at which x̂₀ is trustworthy: +∞ when x̂₀ is predicted directly (x₀ or v
  /// prediction, exact models); kEpsilonSigmaVeMax for ε- and score-prediction networks, whose
  /// x̂₀ = (x − σ ε̂)/α multiplies the network's error by σ_VE (Lin et al. 2024, sec. 3.3: such a model cannot
  /// start at zero terminal SNR). Samplers start their grid at or below it (SamplerOptions::sigma_max).
  virtual double max_sigma_ve() const { return std::numeric_limits<double>::infinity(); }
  /// ≈ σ_VE(T) of the linear schedule (β 1e-4 → 0.02, T = 1000: 158), the noise level ε-models are trained
  /// to start from; on the cosine schedule (σ_VE(T) ≈ 2·10⁴) it moves the start from t = 1000 to t ≈ 996.
  static constexpr double kEpsilonSigmaVeMax = 160.0;

  const NoiseSchedule& schedule() const { return schedule_; }

  /// VP α(t) = √ᾱ(t) and σ(t) = √(1 − ᾱ(t)) for training times t [B] (any dtype/device), from the schedule's
  /// continuous view at u = t / T (exact √ᾱ_t, √(1 − ᾱ_t) at integer t; α(0) = 1, σ(0) = 0). Returned as
  /// float64 [B] on the CPU. Throws std::invalid_argument when some t lies outside [0, T] or is not finite.
  std::pair<torch::Tensor, torch::Tensor> alpha_sigma(const torch::Tensor& t) const;
  /// x · scale + offset (see data_scale()).
  torch::Tensor to_data_scale(const torch::Tensor& x) const;

 protected:
  NoiseSchedule schedule_;
};

}  // namespace difflab
