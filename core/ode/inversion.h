#pragma once
// Encoding data into the latent x_T along the probability-flow ODE, and decoding latents back to data — both
// through the sampling library's own steppers (sampling/sampler.h), so inversion uses exactly the samplers the
// user samples with.
//
// The deterministic samplers are discretisations of one ODE, so each can run in either direction: decoding is
// an ordinary sampler run on the grid t_0 > … > t_{N−1} > t_N = 0 (sampler_timesteps of the options); encoding
// runs the same sampler on the reversed grid t_{N−1} < … < t_0 (a custom increasing grid; DDIM run upwards is
// DDIM inversion, Song et al. 2021 §4.3; DPM-Solver++ and UniPC take negative λ-steps). Any sampler of the
// catalog with SamplerInfo::invertible can invert (invertible_sampler_names(): ddim with η = 0, euler, heun, …).
//
// The data end. The denoiser is never evaluated at t = 0, where σ = 0: every sampler's last step is the final
// denoise x₀ = x̂₀(x_{t_s}, t_s) from the smallest positive time t_s = t_{N−1}. Encoding inverts that step
// exactly: it solves x̂₀(x, t_s) = x₀, i.e. the fixed point x = α_s x₀ + σ_s ε̂(x, t_s), by iteration from the
// usual DDIM-inversion guess x = α_s x₀ + σ_s ε̂(x₀, t_s) (Mokady et al. 2023 §3.1; fixed-point inversion as in
// Pan et al. 2023, "Effective Real Image Editing with Accelerated Iterative Diffusion Inversion"). The one-step
// guess alone leaves a round-trip error of σ_s² ∂ε̂/∂x·ε̂ — the ~2e-4 floor every solver levelled off at before,
// largest on narrow mixture components — and the iteration removes it (a contraction while σ_s‖∂ε̂/∂x‖ < 1).
// RK45 integrates adaptively between t_s = min(1, t_{N−1}) and t_0.
//
// Long work takes a progress callback (fraction done in [0, 1]) and a stop flag, checked once per step;
// a set flag throws Cancelled.

#include "base/stop_token.h"
#include "sampling/sampler.h"

#include <ATen/core/Tensor.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace difflab {

class Denoiser;

/// Checks that `name` is an invertible sampler (SamplerInfo::invertible) and returns it; throws
/// std::invalid_argument naming the value and the accepted names.
std::string parse_ode_solver(const std::string& name);
/// The invertible samplers' names, in catalog order.
std::vector<std::string> ode_solver_names();

/// Exact-step iterations that `difflab-cli invert`/`interpolate` and the ODE lab use unless told otherwise:
/// each of the K evaluations of a step checks the iterate it has, so K = 4 makes three Anderson updates. Measured
/// on the Fashion-MNIST ε-models of docs/samplers.md ("Exact steps"; 50 steps, 64 test images): Heun on
/// uniform log-SNR 3.8e-6 (cosine) and 8.6e-6 (linear) against 1.2e-3 and 6.0e-4 plain, DDIM trailing 5.8e-3 and
/// 8.4e-3 against 0.15 and 0.057, for 4.7x the encoding's evaluations; more iterations gain little in float32.
/// The core default (OdeTransportOptions::step_iterations) stays 0, the plain walk the order tests measure.
constexpr int64_t kDefaultExactStepIterations = 4;

struct OdeTransportOptions {
  /// An invertible sampler (parse_ode_solver). The default pair (solver, spacing), Heun on uniform log-SNR,
  /// measured best at 50 steps on the shipped mixtures (docs/samplers.md, "Inversion"; dpmpp-3m is as good per
  /// network evaluation at half the cost).
  std::string solver = "heun";
  /// Number of steps N of the fixed-step solvers (1 ≤ N ≤ T for the integer spacings).
  int64_t steps = 50;
  /// Spacing of the grid (sampler.h). Custom: custom_timesteps (decreasing, ending at 0).
  TimestepSpacing spacing = TimestepSpacing::UniformLogSnr;
  std::vector<double> custom_timesteps;
  double karras_rho = 7.0;
  /// Cap on the latent end's VE noise level (SamplerOptions::sigma_max); 0: the denoiser's own limit
  /// (Denoiser::max_sigma_ve: ε-models start at σ_VE = 160, never dividing by a near-zero α).
  double sigma_max = 0.0;
  /// RK45 tolerances. RK45 takes only t_0 from the grid and integrates adaptively from min(1, t_{N−1}).
  double rtol = 1e-5;
  double atol = 1e-5;
  /// Fixed-point iterations that invert the final denoise exactly (see above); 0 keeps the one-step guess.
  int64_t boundary_iterations = 8;
  /// Exact steps: at most this many fixed-point iterations per step make each encoding step the exact inverse
  /// of the decoding step over the same interval, x_{k+1} with Φ_k(x_{k+1}) = x_k (Φ_k: the solver's step from
  /// s_{k+1} down to s_k). Starting from the solver's own upward step, x ← x + (α_{k+1}/α_k)(x_k − Φ_k(x)): for
  /// DDIM exactly the fixed-point inversion of Pan et al. 2023 (AIDI, eq. 7); ReNoise (Garibi et al. 2024)
  /// iterates the same way. Each iteration costs one step's evaluations and first checks the iterate it has (so
  /// K iterations make K − 1 updates); iterations stop once the residual is
  /// at float precision, and the best iterate is kept. The round trip is then exact up to that residual rather
  /// than the solver's discretisation error, whatever the schedule. 0: the plain reversed walk. Only for
  /// one-step solvers (not SamplerInfo::multistep, not RK45); others ignore it.
  int64_t step_iterations = 0;
};

struct OdeTransportResult {
  at::Tensor x;              ///< the latent (encode) or the data (decode), shaped and typed like the input
  int64_t nfe = 0;           ///< denoiser evaluations (per batch)
  bool exact_steps = false;  ///< encoding walked exact steps (step_iterations > 0 and a one-step solver)
  /// Exact steps only: the largest residual max|x_k − Φ_k(x_{k+1})| left over all steps (0 otherwise).
  double step_residual = 0;
  double t_top = 0;  ///< training time of the latent end, t_0 of the grid
};

/// Fraction done, in [0, 1].
using OdeProgress = std::function<void(double)>;

/// The grid actually walked: increasing times 0 = s_0 < s_1 < … < s_N = t_0 (the sampling grid reversed; for
/// RK45 just 0 < min(1, t_{N−1}) < t_0).
std::vector<double> ode_time_grid(const NoiseSchedule& schedule, const OdeTransportOptions& options);

/// Data x₀ [B, ...] → latent at t_0. y: int64 [B] labels (−1 = unconditional) or undefined.
OdeTransportResult encode_pf_ode(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                 const OdeTransportOptions& options, const OdeProgress& progress = {},
                                 StopToken stop = {});

/// Latent at t_0 [B, ...] → data. The exact reverse walk of encode_pf_ode over the same grid.
OdeTransportResult decode_pf_ode(Denoiser& denoiser, const at::Tensor& latent, const at::Tensor& y,
                                 const OdeTransportOptions& options, const OdeProgress& progress = {},
                                 StopToken stop = {});

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
  std::string solver;   ///< the sampler that walked it
  double relative = 0;  ///< mean relative error
  double mse = 0;       ///< mean per-dimension squared error
  int64_t nfe = 0;      ///< encode + decode evaluations
};

/// Encodes and decodes x₀ once per entry of step_counts (the solver of `options`), returning the errors.
/// progress gets the overall fraction done.
std::vector<ReconstructionPoint> reconstruction_curve(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                                      const std::vector<int64_t>& step_counts,
                                                      const OdeTransportOptions& options,
                                                      const OdeProgress& progress = {}, StopToken stop = {});

}  // namespace difflab
