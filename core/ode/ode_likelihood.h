#pragma once
// Log-likelihood through the probability-flow ODE (Song et al. 2021, §4.3 and App. D.2):
//     log p₀(x₀) = log p₁(x₁) + ∫₀¹ ∇·v(x_u, u) du,   v = PF-ODE velocity (probability_flow.h),
// integrated jointly for (x, Δlog p) with Dormand–Prince. The divergence is exact (D backward passes, for
// low-dimensional data) or Hutchinson's estimator E_z[zᵀ (∂v/∂x) z] with Rademacher or Gaussian probes
// held fixed along the trajectory (Grathwohl et al. 2019, FFJORD).
//
// Spread across probe seeds: P independent probe sets (seeds seed, seed + 1, …) share ONE trajectory — the
// velocity does not depend on the probes — each with its own Δlog p channel, so the estimator's spread is
// measured at the cost of P·M vector–Jacobian products per evaluation instead of P integrations.
//
// Denoisers that are not differentiable by autograd (e.g. the exact Gaussian mixture, computed on detached
// float64 tensors) get the derivatives by central differences instead: ∂v_i/∂x_i ≈ (v_i(x + h e_i) −
// v_i(x − h e_i)) / 2h for the exact trace and zᵀ(v(x + h z) − v(x − h z)) / 2h for Hutchinson, with
// h = ∛ε_dtype · max(1, ‖x‖_∞) (truncation O(h²), rounding O(ε/h): about 1e-10 in float64).

#include "base/stop_token.h"
#include <torch/types.h>

#include <atomic>
#include <cstdint>
#include <functional>

namespace difflab {

class Denoiser;

enum class DivergenceMethod { Exact, HutchinsonRademacher, HutchinsonGaussian };

struct OdeLikelihoodOptions {
  /// Exact divergence for low dimension; Hutchinson for images.
  DivergenceMethod divergence = DivergenceMethod::Exact;
  /// Probe vectors per Hutchinson estimate (averaged).
  int64_t probes = 1;
  /// Seed of the first Hutchinson probe set.
  uint64_t seed = 0;
  /// Independent probe sets (seeds seed … seed + P − 1) along one shared trajectory (Hutchinson only).
  int64_t probe_seeds = 1;
  /// Start of the integration in u = t / T (the data end; u = 0 has σ = 0 and is singular). Song et al.
  /// 2021 (App. D.2) start at 1e-5.
  double u_start = 1e-5;
  double rtol = 1e-5;
  double atol = 1e-5;
  /// log p₁ of the terminal state; empty = the standard normal N(0, I) (exact only for ᾱ_T → 0).
  std::function<torch::Tensor(const torch::Tensor&)> prior_log_prob;
};

struct OdeLikelihoodResult {
  torch::Tensor log_prob;           ///< [B] nats, log p_{u_start}(x) (mean over the probe seeds)
  torch::Tensor log_prob_per_seed;  ///< [P, B] one estimate per probe seed ([1, B] for the exact divergence)
  torch::Tensor prior_log_prob;     ///< [B] log p₁(x₁)
  torch::Tensor delta_log_prob;     ///< [B] ∫ ∇·v du (mean over the probe seeds)
  torch::Tensor latent;             ///< x₁, the ODE's encoding of x
  int64_t nfe = 0;                  ///< velocity evaluations (each costs one or more network calls)
};

/// x: float64 or float32 [B, ...]; y: labels or undefined. progress(u) after each accepted step.
OdeLikelihoodResult ode_log_likelihood(Denoiser& denoiser, const torch::Tensor& x, const torch::Tensor& y,
                                       const OdeLikelihoodOptions& options = {},
                                       const std::function<void(double)>& progress = {}, StopToken stop = {});

/// log N(x; 0, I) summed over all but the batch dimension.
torch::Tensor standard_normal_log_prob(const torch::Tensor& x);

/// Bits per dimension of continuous data: −log p / (D ln 2).
torch::Tensor bits_per_dim(const torch::Tensor& log_prob_nats, int64_t dims);

/// Bits per dimension of 8-bit data scaled to an interval of width `range` (2 for [−1, 1], 1 for [0, 1]) with
/// uniform dequantisation: the bin width is range/256, so bpd = −log p / (D ln 2) + log₂(256 / range)
/// (log₂ 128 on [−1, 1]: Ho et al. 2020 §4; Song et al. 2021 App. D.2).
torch::Tensor bits_per_dim_8bit(const torch::Tensor& log_prob_nats, int64_t dims, double range = 2.0);

/// Uniform dequantisation: uint8 k ↦ ((k + U) / 256) · (hi − lo) + lo with U ~ U[0, 1); [lo, hi) = [−1, 1) by
/// default, [0, 1) for a model trained on x / 255.
torch::Tensor dequantize_uint8(const torch::Tensor& images_uint8, torch::Generator generator, double lo = -1.0,
                               double hi = 1.0);

}  // namespace difflab
