#pragma once
// Optimised step times for a model, a deterministic sampler and a step budget: the idea of Align Your Steps
// (Sabour et al. 2024) and GITS (Chen et al. 2024) — choose t_1 > … > t_{N−1} (t_0 = T, t_N = 0 fixed) to
// minimise the distance between the sampler's output and the tight-tolerance RK45 solution of the
// probability-flow ODE from the same noise, on a batch. The search runs in the half log-SNR λ (each interior
// λ_k moved by ±δ while the error falls, δ halved when no move helps; coordinate descent), started from the
// best of the fixed spacings. The result is a custom spacing (SamplerOptions::custom_timesteps), saved as JSON.
// Safe to include after Qt headers.

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

struct StepOptimizerOptions {
  SamplerOptions sampler;         ///< name, steps N and parameters; must be deterministic
  int64_t batch = 256;            ///< latents the error is averaged over
  uint64_t seed = 0;              ///< of those latents
  double reference_tol = 1e-7;    ///< RK45 rtol = atol of the target solution
  int64_t max_evaluations = 400;  ///< sampler runs of the search (each N steps on the batch)
  double min_delta = 1e-3;        ///< stop when the λ move shrinks below this
};

struct StepOptimizerResult {
  std::vector<double> timesteps;  ///< t_0 = T > t_1 > … > t_{N−1} > t_N = 0
  double error = 0;               ///< RMS distance to the RK45 solution per dimension with these steps
  std::string start_spacing;      ///< the fixed spacing the search started from
  double start_error = 0;         ///< its error
  /// Every fixed spacing's error at the same N (name, error), for the comparison the optimiser must beat.
  std::vector<std::pair<std::string, double>> fixed_errors;
  int64_t evaluations = 0;    ///< sampler runs
  int64_t reference_nfe = 0;  ///< denoiser calls of the RK45 target
};

/// Fraction done in [0, 1] and the current best error.
using StepOptimizerProgress = std::function<void(double fraction, double error)>;

/// Runs the search; y: int64 [batch] labels or undefined. Throws std::invalid_argument for a stochastic sampler,
/// N < 2 or a batch < 1; a set stop flag ends the search early with the best grid so far.
StepOptimizerResult optimise_steps(Denoiser& denoiser, const StepOptimizerOptions& options, const at::Tensor& y = {},
                                   const StepOptimizerProgress& progress = {}, StopToken stop = {});

/// The RMS error per dimension of `options` (any grid) against the RK45 target of the same latents; shared by
/// the search and its tests.
double step_grid_error(Denoiser& denoiser, const SamplerOptions& options, const at::Tensor& x_T, const at::Tensor& y,
                       const at::Tensor& target);

/// The RK45 target (rtol = atol = tol) from x_T; nfe receives its denoiser calls.
at::Tensor ode_target(Denoiser& denoiser, const at::Tensor& x_T, const at::Tensor& y, double tol, int64_t* nfe);

/// JSON text of the result: {"sampler", "steps", "timesteps", "error", "start_spacing", "fixed_errors", …}; the
/// "timesteps" array is what `difflab-cli sample --timesteps-file` and the GUI read back.
std::string step_optimizer_json(const StepOptimizerResult& result, const StepOptimizerOptions& options,
                                const std::string& model);

}  // namespace difflab
