#pragma once
// The discrete-time variational bound on −log p_θ(x₀) of a DDPM (Sohl-Dickstein et al. 2015, §2.4; Ho et al.
// 2020, eq. 5), split into its per-timestep terms:
//
//   L = L_T + Σ_{t=2..T} L_{t−1} + L₀
//   L_T     = KL(q(x_T | x₀) ‖ N(0, I))                                  (the prior term; no parameters)
//   L_{t−1} = KL(q(x_{t−1} | x_t, x₀) ‖ p_θ(x_{t−1} | x_t)),  x_t ~ q(x_t | x₀)
//   L₀      = −log p_θ(x₀ | x₁),                              x₁ ~ q(x₁ | x₀)
//
// p_θ(x_{t−1} | x_t) = N(μ_θ, σ_t² I) with μ_θ = μ̃_t(x_t, x̂₀), x̂₀ = (x_t − √(1−ᾱ_t) ε̂)/√ᾱ_t (Ho et al. 2020,
// eq. 11 written through x̂₀), and σ_t² fixed to β̃_t or β_t (§3.2). L₀ is the discretized Gaussian decoder of
// 8-bit data scaled to [−1, 1] (§3.3, eq. 13; improved-diffusion's discretized_gaussian_log_likelihood with the
// exact normal CDF), or, for continuous data such as 2-D point sets, the Gaussian density N(x₀; μ_θ, σ₁²).
// Each L_{t−1} is evaluated at one sampled x_t per sample (the usual unbiased estimate of the bound, as in
// improved-diffusion's calc_bpd_loop); averaging over repeated runs reduces its variance.
//
// Units: nats per sample (summed over the sample's dimensions); bits/dim = nats / (D ln 2). For 8-bit data
// with the discretized decoder, bits/dim is that of the discrete data (comparable with the papers' numbers).
//
// The denoiser enters as a callback so that this library does not depend on model/:
//   eps(x_t, t) -> ε̂ shaped like x_t, where t is a [B] tensor holding the integer timestep in x_t's dtype and
//   on its device (the Denoiser's float-time convention). Adapter: [&](auto& x, auto& t){ return
//   denoiser.predict(x, t, y).eps; }.
//
// This header includes only <ATen/core/Tensor.h>, so ui/ may include it.

#include "base/stop_token.h"
#include "process/forward_process.h"

#include <ATen/core/Tensor.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace difflab {

/// σ_t² of the reverse process p_θ(x_{t−1} | x_t) (Ho et al. 2020, §3.2).
enum class ReverseVariance {
  PosteriorVariance,  ///< σ_t² = β̃_t ("fixed small"); at t = 1 (β̃_1 = 0) the decoder uses β̃_2, as improved-diffusion
  Beta,               ///< σ_t² = β_t ("fixed large")
};

/// The decoder p_θ(x₀ | x₁) of L₀.
enum class DecoderLikelihood {
  Discretized8Bit,  ///< x₀ on the 8-bit grid (DataScale::on_8bit_grid): Gaussian mass of the bin (Ho et al. 2020, eq. 13)
  Gaussian,         ///< continuous data: the density N(x₀; μ_θ, σ₁² I)
};

/// "fixed-small"|"fixed-large", "discretized-8bit"|"gaussian"; parsers throw std::invalid_argument naming the value.
ReverseVariance parse_reverse_variance(const std::string& name);
std::string reverse_variance_name(ReverseVariance v);
DecoderLikelihood parse_decoder_likelihood(const std::string& name);
std::string decoder_likelihood_name(DecoderLikelihood d);

struct VariationalBoundOptions {
  /// σ_t² of p_θ.
  ReverseVariance variance = ReverseVariance::PosteriorVariance;
  /// How L₀ scores x₀.
  DecoderLikelihood decoder = DecoderLikelihood::Discretized8Bit;
  /// Clamp x̂₀ to [data_min, data_max] before forming μ_θ (improved-diffusion's clip_denoised; image data only).
  bool clip_denoised = false;
  /// The model-scale values of pixels 0 and 255: [−1, 1], or [0, 1] for models trained on x / 255
  /// (DataScale::model_min/max). The 8-bit decoder's bins are (data_max − data_min) / 255 wide.
  double data_min = -1.0, data_max = 1.0;
  /// Seed of the CPU generator that draws the x_t (drawn on the CPU, then moved: same numbers on any device).
  uint64_t seed = 0;
};

/// The bound for a batch x₀ [B, ...]. All tensors float64 on the CPU.
struct VariationalBound {
  at::Tensor terms;         ///< [B, T] nats; column 0 = L₀ (t = 1), column t − 1 = L_{t−1} (t = 2..T)
  at::Tensor prior;         ///< [B] nats, L_T
  at::Tensor total;         ///< [B] nats, prior + Σ terms
  at::Tensor bits_per_dim;  ///< [B] total / (D ln 2), D = elements per sample
};

using EpsPredictor = std::function<at::Tensor(const at::Tensor& x_t, const at::Tensor& t)>;

/// KL(N(mean1, e^logvar1) ‖ N(mean2, e^logvar2)) elementwise, in nats (improved-diffusion losses.normal_kl).
at::Tensor normal_kl(const at::Tensor& mean1, const at::Tensor& logvar1, const at::Tensor& mean2,
                     const at::Tensor& logvar2);
/// log of the N(mean, e^{2 log_scale}) mass of x's 8-bit bin [x − h, x + h], h = (hi − lo) / 510 (1/255 on
/// [−1, 1]), with the outer bins extended to ±∞ (x within 0.05 % of the range from lo or hi: −0.999 and 0.999
/// on [−1, 1]), elementwise in nats, floored at log 1e-12 (improved-diffusion; Ho et al. 2020, eq. 13).
at::Tensor discretized_gaussian_log_likelihood(const at::Tensor& x, const at::Tensor& mean, const at::Tensor& log_scale,
                                               double lo = -1.0, double hi = 1.0);
/// log N(x; mean, e^{2 log_scale}) elementwise, in nats.
at::Tensor gaussian_log_likelihood(const at::Tensor& x, const at::Tensor& mean, const at::Tensor& log_scale);

/// L_T = KL(q(x_T | x₀) ‖ N(0, I)) per sample: [B] nats, in x0's dtype/device.
at::Tensor prior_term(const ForwardProcess& process, const at::Tensor& x0);

/// One term for a given x_t ~ q(x_t | x₀) and ε̂ = ε̂(x_t, t): L₀ at t = 1, L_{t−1} for t = 2..T; [B] nats in
/// x0's dtype/device. Throws std::invalid_argument for t outside [1, T], mismatched shapes, ᾱ_t = 0 (ε̂ carries
/// no information about x₀ at a zero-terminal-SNR t = T), or 8-bit decoding of x₀ outside [−1, 1].
at::Tensor vlb_term(const ForwardProcess& process, const at::Tensor& x0, const at::Tensor& x_t, int64_t t,
                    const at::Tensor& eps_hat, const VariationalBoundOptions& options = {});

/// The whole bound: for t = T..1 draws x_t ~ q(x_t | x₀), calls eps(x_t, t) once (T calls in all), and
/// collects the terms. progress(fraction done in [0, 1]) after each t; a set *stop throws
/// Cancelled. x0: [B, ...] float (model scale, [−1, 1] for the 8-bit decoder).
VariationalBound variational_bound(const ForwardProcess& process, const at::Tensor& x0, const EpsPredictor& eps,
                                   const VariationalBoundOptions& options = {},
                                   const std::function<void(double)>& progress = {}, StopToken stop = {});

}  // namespace difflab
