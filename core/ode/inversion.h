#pragma once
// Encoding data into the latent x_T along the probability-flow ODE, and decoding latents back to data.
//
// The deterministic samplers are discretisations of one ODE, so each can run in either direction:
//   * DDIM with η = 0 (Song et al. 2021, eq. 12 with σ_t = 0; eq. 13 shows it is Euler's method for
//     d x̄ = ε̂ dσ̄ with x̄ = x/α and σ̄ = σ/α). Run in increasing time it is DDIM inversion (§4.3 and §5.4):
//         x_{t'} = α_{t'} x̂₀(x_t, t) + σ_{t'} ε̂(x_t, t),   t' > t.
//   * Heun's second-order method in (σ̄, x̄) (Karras et al. 2022, Algorithm 1).
//   * DPM-Solver++(2M) in the half log-SNR λ = log(α/σ) (Lu et al. 2022b, Algorithm 2); the step size h is
//     negative when encoding.
//   * Adaptive Dormand–Prince RK45 on dx/du of probability_flow.h, with tolerances rtol, atol.
//
// Time grid: the N steps use the sampling grid t_0 > … > t_{N−1} > t_N = 0 of sampling_timesteps (the same
// spacing the samplers use, so a latent written here starts an ordinary sampler run at t_0). Encoding walks
// it upwards, decoding downwards. The denoiser is never evaluated at t = 0, where σ = 0 and ε̂ is undefined:
// the step between t = 0 and the smallest positive time t_s is the same first-order step in every solver —
//     encode  x_{t_s} = α_{t_s} x₀ + σ_{t_s} ε̂(x₀, t_s)             (ε̂ at t_s stands in for ε̂ at 0: the
//     decode  x₀ = x̂₀(x_{t_s}, t_s) = (x_{t_s} − σ_{t_s} ε̂(x_{t_s}, t_s)) / α_{t_s}   usual DDIM-inversion
// approximation x_{t_s} ≈ x₀, Mokady et al. 2023 §3.1), so the last decode step is every sampler's final
// denoise. RK45 integrates u = t/T adaptively over [t_s/T, t_0/T] with t_s = min(1, t_{N−1}), the first
// training step, and the same end step.
//
// Long work takes a progress callback (fraction done in [0, 1]) and a stop flag, checked once per step;
// a set flag throws std::runtime_error("cancelled").

#include "sampling/sampler.h"

#include <ATen/core/Tensor.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace difflab {

class Denoiser;

/// The ODE solvers that can run in both directions.
enum class OdeSolver { Ddim, Heun, DpmSolverPP2M, Rk45 };

/// "ddim", "heun", "dpmpp-2m", "rk45" (the sampler names of sampler.h); throws std::invalid_argument naming
/// the value and the accepted names.
OdeSolver parse_ode_solver(const std::string& name);
std::string ode_solver_name(OdeSolver solver);

struct OdeTransportOptions {
  OdeSolver solver = OdeSolver::Ddim;
  /// Number of steps N of the fixed-step solvers (1 ≤ N ≤ T for the integer spacings).
  int64_t steps = 50;
  /// Spacing of the grid (sampler.h). Trailing puts t_0 at T, so latents are x_T.
  TimestepSpacing spacing = TimestepSpacing::Trailing;
  double karras_rho = 7.0;
  /// RK45 tolerances. RK45 takes only t_0 from the grid and integrates adaptively from min(1, t_{N−1}).
  double rtol = 1e-5;
  double atol = 1e-5;
};

struct OdeTransportResult {
  at::Tensor x;      ///< the latent (encode) or the data (decode), shaped and typed like the input
  int64_t nfe = 0;   ///< denoiser evaluations (per batch)
  double t_top = 0;  ///< training time of the latent end, t_0 of the grid
};

/// Fraction done, in [0, 1].
using OdeProgress = std::function<void(double)>;

/// The grid actually walked: increasing times 0 = s_0 < s_1 < … < s_N = t_0 (sampling_timesteps reversed).
std::vector<double> ode_time_grid(const NoiseSchedule& schedule, const OdeTransportOptions& options);

/// Data x₀ [B, ...] → latent at t_0. y: int64 [B] labels (−1 = unconditional) or undefined.
OdeTransportResult encode_pf_ode(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                 const OdeTransportOptions& options, const OdeProgress& progress = {},
                                 const std::atomic<bool>* stop = nullptr);

/// Latent at t_0 [B, ...] → data. The exact reverse walk of encode_pf_ode over the same grid.
OdeTransportResult decode_pf_ode(Denoiser& denoiser, const at::Tensor& latent, const at::Tensor& y,
                                 const OdeTransportOptions& options, const OdeProgress& progress = {},
                                 const std::atomic<bool>* stop = nullptr);

/// Per-sample reconstruction errors of x̂ against x (both [B, ...]), float64 [B] each.
struct ReconstructionError {
  at::Tensor relative;  ///< ‖x̂ − x‖ / ‖x‖
  at::Tensor mse;       ///< mean over dimensions of (x̂ − x)²
  /// MSE per dimension on a [0, 1] scale for data in [−1, 1] (mse / 4), the unit of DDIM's Table 2.
  at::Tensor mse_unit_range;
};
ReconstructionError reconstruction_error(const at::Tensor& x, const at::Tensor& x_hat);

/// One point of the reconstruction-versus-steps curve (means over the batch).
struct ReconstructionPoint {
  int64_t steps = 0;
  double relative = 0;      ///< mean relative error
  double mse = 0;           ///< mean per-dimension squared error
  int64_t nfe = 0;          ///< encode + decode evaluations
};

/// Encodes and decodes x₀ once per entry of step_counts (the solver of `options`), returning the errors.
/// progress gets the overall fraction done.
std::vector<ReconstructionPoint> reconstruction_curve(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                                      const std::vector<int64_t>& step_counts,
                                                      const OdeTransportOptions& options,
                                                      const OdeProgress& progress = {},
                                                      const std::atomic<bool>* stop = nullptr);

}  // namespace difflab
