#pragma once
// The probability-flow ODE of a discrete VP schedule, in the time variable u = t / T in [0, 1].
//
// With x_u = α(u) x₀ + σ(u) ε, α² + σ² = 1 and f(u) = d log α / du, the PF-ODE (Song et al. 2021, eq. 13,
// written with the drift f and diffusion g² = dσ²/du − 2 f σ² = −2 f of the VP SDE, as in Lu et al. 2022
// eq. 2.4) is
//     dx/du = f(u) x − ½ g²(u) ∇ log p_u(x) = f(u) (x − ε̂(x, u) / σ(u)),
// using Tweedie's ∇ log p_u(x) = −ε̂ / σ. Its divergence, needed for likelihoods, is
//     ∇·(dx/du) = f(u) (D − tr(∂ε̂/∂x) / σ(u)).
// f = NoiseSchedule::d_log_alpha_cont, continuous in u (noise_schedule.h).

#include "schedule/noise_schedule.h"

#include <torch/types.h>

namespace difflab {

class Denoiser;

/// The PF-ODE velocity dx/du for a batch x at time u (0 < u ≤ 1). y: class labels or undefined.
torch::Tensor pf_ode_velocity(Denoiser& denoiser, const torch::Tensor& x, double u, const torch::Tensor& y);

}  // namespace difflab
