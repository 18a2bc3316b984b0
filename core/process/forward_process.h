#pragma once
// The DDPM forward (noising) process of a discrete schedule β_1..β_T (Ho et al. 2020, §2):
//
//   q(x_t | x_{t−1}) = N(√(1 − β_t) x_{t−1}, β_t I)                                   (eq. 2)
//   q(x_t | x₀)      = N(√ᾱ_t x₀, (1 − ᾱ_t) I)                                        (eq. 4)
//   q(x_{t−1} | x_t, x₀) = N(μ̃_t, β̃_t I),
//       μ̃_t = √ᾱ_{t−1} β_t / (1 − ᾱ_t) · x₀ + √α_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · x_t   (eq. 7)
//       β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t                                         (eq. 7)
//
// Time contract: the paper's integer t. A timestep tensor is int64 [B] (any device) with values in [0, T]
// for q_sample (t = 0 returns x₀) and in [1, T] for markov_step and the posterior; every sample of the
// batch may have its own t. Each operation also has an int64_t scalar-t overload. Out-of-range t throws
// std::out_of_range naming the value and the range.
//
// Coefficient tensors: the schedule's tables are held in float64 on the CPU; coefficients are gathered,
// cast to the dtype and moved to the device of the data tensor, and shaped [B, 1, ..., 1] so that they
// broadcast against x [B, ...]. Computations therefore run in the data's dtype; pass float64 data for
// reference-precision results.
//
// This header includes only <ATen/core/Tensor.h> and the pure-C++ schedule, so ui/ may include it.

#include "schedule/noise_schedule.h"

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace difflab {

/// values [B] -> [B, 1, ..., 1] with `ndim` dimensions in all (ndim >= 1), so that a per-sample
/// coefficient broadcasts against a batch of samples. Throws std::invalid_argument if values is not 1-D.
at::Tensor broadcast_coefficient(const at::Tensor& values, int64_t ndim);
/// values [B] -> shaped for broadcasting against `like` [B, ...], in like's dtype and on like's device.
at::Tensor broadcast_coefficient(const at::Tensor& values, const at::Tensor& like);

/// Mean coefficients and variance of the posterior q(x_{t−1} | x_t, x₀) (Ho et al. 2020, eq. 7), each shaped
/// [B, 1, ..., 1] (tensor t) or 0-dim (scalar t), in the data's dtype/device.
struct PosteriorCoefficients {
  at::Tensor coef_x0;   ///< √ᾱ_{t−1} β_t / (1 − ᾱ_t)
  at::Tensor coef_xt;   ///< √α_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t)
  at::Tensor variance;  ///< β̃_t (0 at t = 1)
  /// log β̃_t with the t = 1 value replaced by log β̃_2 (improved-diffusion's posterior_log_variance_clipped),
  /// finite everywhere; for T = 1 it is log β_1.
  at::Tensor log_variance_clipped;
};

/// The posterior as a Gaussian: mean μ̃_t shaped like x_t, variance/log-variance broadcastable.
struct PosteriorMoments {
  at::Tensor mean;
  at::Tensor variance;
  at::Tensor log_variance_clipped;
};

class ForwardProcess {
 public:
  explicit ForwardProcess(NoiseSchedule schedule);

  const NoiseSchedule& schedule() const { return schedule_; }
  int64_t timesteps() const { return schedule_.timesteps(); }

  // --- per-sample coefficients: t int64 [B] in [0, T] (β-based ones [1, T]) -> float64 [B] on t's device --
  at::Tensor beta(const at::Tensor& t) const;
  at::Tensor alpha_bar(const at::Tensor& t) const;
  at::Tensor sqrt_alpha_bar(const at::Tensor& t) const;            ///< α in parameterisation.h's sense
  at::Tensor sqrt_one_minus_alpha_bar(const at::Tensor& t) const;  ///< σ in parameterisation.h's sense

  /// x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε (eq. 4). x0, eps: [B, ...]; t: int64 [B] in [0, T].
  at::Tensor q_sample(const at::Tensor& x0, const at::Tensor& t, const at::Tensor& eps) const;
  at::Tensor q_sample(const at::Tensor& x0, int64_t t, const at::Tensor& eps) const;

  /// One Markov step x_t = √(1 − β_t) x_{t−1} + √β_t ε (eq. 2). t: int64 [B] in [1, T].
  at::Tensor markov_step(const at::Tensor& x_prev, const at::Tensor& t, const at::Tensor& eps) const;
  at::Tensor markov_step(const at::Tensor& x_prev, int64_t t, const at::Tensor& eps) const;

  /// Posterior coefficients (eq. 7) for t int64 [B] in [1, T], shaped to broadcast against `like` [B, ...].
  PosteriorCoefficients posterior_coefficients(const at::Tensor& t, const at::Tensor& like) const;
  /// The same for a scalar t: 0-dim tensors in like's dtype/device.
  PosteriorCoefficients posterior_coefficients(int64_t t, const at::Tensor& like) const;

  /// q(x_{t−1} | x_t, x₀): mean μ̃_t(x_t, x₀) and variance β̃_t (eq. 6–7).
  PosteriorMoments posterior(const at::Tensor& x0, const at::Tensor& x_t, const at::Tensor& t) const;
  PosteriorMoments posterior(const at::Tensor& x0, const at::Tensor& x_t, int64_t t) const;

 private:
  at::Tensor gather(const at::Tensor& table, const at::Tensor& t, int64_t lowest) const;
  at::Tensor scalar(double value, const at::Tensor& like) const;
  void check_t(int64_t t, int64_t lowest) const;

  NoiseSchedule schedule_;
  at::Tensor beta_;           ///< float64 [T + 1], entry 0 unused (0)
  at::Tensor alpha_bar_;      ///< float64 [T + 1], entry t = ᾱ_t, ᾱ_0 = 1
  at::Tensor post_coef_x0_;   ///< float64 [T + 1]
  at::Tensor post_coef_xt_;   ///< float64 [T + 1]
  at::Tensor post_variance_;  ///< float64 [T + 1]
  at::Tensor post_log_var_;   ///< float64 [T + 1]
};

}  // namespace difflab
