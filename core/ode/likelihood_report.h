#pragma once
// The numbers the ODE lab and `difflab-cli likelihood` report for a batch: the probability-flow ODE
// log-likelihood (ode_likelihood.h) in nats and bits per dimension, with its spread across Hutchinson probe
// seeds.
//
// 8-bit images (uint8 input) are dequantised uniformly, x = (k + U)/128 − 1 with U ~ U[0, 1)^D, and their
// bits/dim include the bin width: bpd = −log p(x) / (D ln 2) + log₂ 128 (Ho et al. 2020 §4; Song et al.
// 2021 App. D.2), an upper bound on the discrete model's bits/dim (Theis et al. 2016). Continuous data
// (floating-point input, e.g. 2-D points) report −log p / (D ln 2).
//
// Prior at u = 1: when the model knows its own noised marginal (the exact Gaussian-mixture denoiser),
// log p₁ is that exact marginal Σ_k w_k N(α_T μ_k, α_T² Σ_k + σ_T² I); otherwise N(0, I), exact only as
// ᾱ_T → 0 (the report states ᾱ_T, e.g. 4.0e−5 for the DDPM linear schedule with T = 1000).

#include "base/stop_token.h"
#include "model/denoiser.h"
#include "ode/ode_likelihood.h"

#include <ATen/core/Tensor.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace difflab {

struct LikelihoodReportOptions {
  /// Divergence method, probes per estimate, probe seeds P, first seed, u_start, tolerances.
  OdeLikelihoodOptions ode;
  /// Seed of the uniform dequantisation noise (uint8 input only).
  uint64_t dequantization_seed = 0;
  /// Use the model's exact noised marginal as the prior when it has one (Gaussian mixtures).
  bool exact_prior = true;
};

struct LikelihoodReport {
  at::Tensor log_prob;           ///< float64 [B] nats, mean over probe seeds
  at::Tensor log_prob_per_seed;  ///< float64 [P, B]
  at::Tensor bits_per_dim;       ///< float64 [B]
  double mean_nats = 0;          ///< batch mean of log_prob
  double seed_std_nats = 0;      ///< std across probe seeds of the batch mean (0 for one seed / exact)
  double mean_bits_per_dim = 0;
  double seed_std_bits_per_dim = 0;
  int64_t dims = 0;        ///< D per sample
  bool eight_bit = false;  ///< input was uint8 and was dequantised
  std::string prior;       ///< which p₁ was used, in words
  int64_t nfe = 0;
  /// For the exact Gaussian-mixture model: its true log-density of the batch (mean, nats) and the mean
  /// |ODE estimate − exact| per sample, the check that the ODE likelihood is right.
  bool has_exact = false;
  double exact_nats = 0;
  double exact_mean_abs_error = 0;
};

/// x: uint8 images [B, ...] (dequantised) or floating-point data [B, ...] in model scale; y: labels or
/// undefined. progress(u) after each accepted ODE step; a set stop throws Cancelled.
LikelihoodReport likelihood_report(Denoiser& denoiser, const at::Tensor& x, const at::Tensor& y,
                                   const LikelihoodReportOptions& options,
                                   const std::function<void(double)>& progress = {}, StopToken stop = {});

}  // namespace difflab
