#pragma once
// The four things a diffusion network may predict, and the exact conversions between them given x_t and the
// noise level. Everything here is linear algebra on
//
//   x_t = α x₀ + σ ε,   α = √ᾱ_t,  σ = √(1 − ᾱ_t)                         (Ho et al. 2020, eq. 4)
//   v   = α ε − σ x₀                                                     (Salimans & Ho 2022, §4, eq. 9)
//   ∇ log p_t(x_t) = −E[ε | x_t] / σ                                     (Tweedie's formula: Robbins 1956,
//                                                                          Efron 2011; Song et al. 2021, eq. 21)
//
// Contracts:
// * alpha and sigma are tensors broadcastable against x_t: [B, 1, ..., 1] (see forward_process.h's
//   broadcast_coefficient) or 0-dim scalars (e.g. torch::scalar_tensor(0.7, torch::kFloat64)). Results take
//   the usual type promotion of x_t with alpha/sigma; pass float64 throughout for exact round trips.
// * The v conversions divide by α² + σ² (= 1 for a variance-preserving schedule up to rounding), so they
//   are exact inverses of v_from_eps_x0 for any (α, σ) with α² + σ² > 0.
// * x0_from_eps divides by α (infinite at a zero-terminal-SNR t = T); eps_from_x0 and the score conversions
//   divide by σ (infinite at t = 0). Callers that can meet those ends prefer v or the x0/eps pair they need.
//
// This header includes only <ATen/core/Tensor.h>, so that ui/ may include it after Qt headers.

#include "process/prediction_type.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <utility>

namespace difflab {

/// x₀ = (x_t − σ ε) / α.
at::Tensor x0_from_eps(const at::Tensor& x_t, const at::Tensor& eps, const at::Tensor& alpha, const at::Tensor& sigma);
/// ε = (x_t − α x₀) / σ.
at::Tensor eps_from_x0(const at::Tensor& x_t, const at::Tensor& x0, const at::Tensor& alpha, const at::Tensor& sigma);
/// v = α ε − σ x₀ (Salimans & Ho 2022, eq. 9). Needs no x_t.
at::Tensor v_from_eps_x0(const at::Tensor& eps, const at::Tensor& x0, const at::Tensor& alpha, const at::Tensor& sigma);
/// ε = (σ x_t + α v) / (α² + σ²).
at::Tensor eps_from_v(const at::Tensor& x_t, const at::Tensor& v, const at::Tensor& alpha, const at::Tensor& sigma);
/// x₀ = (α x_t − σ v) / (α² + σ²)  (Salimans & Ho 2022, §4: x̂₀ = α z_t − σ v̂ when α² + σ² = 1).
at::Tensor x0_from_v(const at::Tensor& x_t, const at::Tensor& v, const at::Tensor& alpha, const at::Tensor& sigma);
/// ∇_x log p_t(x_t) = −ε / σ (Tweedie; the score of q(x_t | x₀) with ε in place of E[ε | x_t]).
at::Tensor score_from_eps(const at::Tensor& eps, const at::Tensor& sigma);
/// ε = −σ ∇_x log p_t(x_t).
at::Tensor eps_from_score(const at::Tensor& score, const at::Tensor& sigma);

/// A network's raw prediction of the given type turned into the (x̂₀, ε̂) pair that denoisers hand to
/// samplers (first = x̂₀, second = ε̂). For Epsilon and Score, x̂₀ divides by α; for X0, ε̂ divides by σ; V
/// divides by neither.
std::pair<at::Tensor, at::Tensor> to_x0_eps(PredictionType type, const at::Tensor& prediction, const at::Tensor& x_t,
                                            const at::Tensor& alpha, const at::Tensor& sigma);

/// The inverse: the target a network of `type` should output for the pair (x₀, ε) at noise level (α, σ).
at::Tensor prediction_from_x0_eps(PredictionType type, const at::Tensor& x0, const at::Tensor& eps,
                                  const at::Tensor& alpha, const at::Tensor& sigma);

}  // namespace difflab
