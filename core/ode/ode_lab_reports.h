#pragma once
// The ODE lab's tools as core functions with typed reports: what the GUI's ODE lab pages show and the CLI
// commands print, computed once here (inversion with its error-against-steps curve, interpolation of point
// clouds or images, the variational bound of a batch) so the two never drift apart. The likelihood report is
// ode/likelihood_report.h, SDEdit ode/partial_noising.h.
//
// Every function takes progress(fraction) and a StopToken (a triggered stop throws Cancelled).

#include "base/stop_token.h"
#include "ode/interpolation.h"
#include "ode/inversion.h"
#include "process/variational_bound.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace difflab {

class Denoiser;

/// x0 when it is defined; otherwise n model samples decoded from noise (seed + 1000) with the default ODE
/// solver at 25 steps, the stand-in for data when no data set matches the model. Float64, model scale.
at::Tensor data_or_model_samples(Denoiser& denoiser, const at::Tensor& x0, int64_t n, uint64_t seed,
                                 const at::Tensor& y);

/// The step counts of the error-against-steps curve: 2, 5, 10, 20, 50, 100, 200, those ≤ max_steps.
std::vector<int64_t> inversion_step_ladder(int64_t max_steps);

struct InversionReport {
  at::Tensor x0, latent, reconstruction;   ///< [B, ...] model scale; latent at t_top
  ReconstructionError error;               ///< per sample
  std::vector<ReconstructionPoint> curve;  ///< on the first ≤ 64 samples, one point per ladder step count
  std::string solver;                      ///< the round trip's sampler
  std::string curve_label;                 ///< "heun / uniform-logsnr": the curve's solver (RK45 → the default)
  int64_t nfe = 0;                         ///< encode + decode
  double t_top = 0;                        ///< training time of the latent end
  bool exact_steps = false;                ///< the round trip's encoding walked exact steps (inversion.h)
};

/// Encodes x0 [B, ...] (model scale) to the latent, decodes it back, and measures the error; then the error
/// against the number of steps (inversion_step_ladder(max_curve_steps)). The curve always walks the plain
/// reversed grid (no exact steps): it shows the solver's discretisation error falling at its order, which exact
/// steps would hide, at a fifth of their cost. Progress: 0.2 encode, 0.2 decode, 0.6 curve.
InversionReport inversion_report(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                 const OdeTransportOptions& options, int64_t max_curve_steps,
                                 const OdeProgress& progress = {}, StopToken stop = {});

struct InterpolationReport {
  at::Tensor frames;                ///< [K, N, ...] decoded frames (N latents per frame), model scale
  std::vector<double> weights;      ///< K weights in [0, 1]
  std::vector<double> slerp_norms;  ///< ‖z_w‖ of the first latent along the slerp path
  std::vector<double> lerp_norms;   ///< … and along the lerp path (it dips midway)
  InterpolationPath path = InterpolationPath::Slerp;
};

/// Walks the latents za → zb ([N, ...] each, the same shape) along the options' path and decodes each frame
/// with the condition blended by the frame weight (ConditionPathDenoiser). N = 1 for an image strip, a
/// whole cloud for 2-D points.
InterpolationReport interpolation_report(Denoiser& denoiser, const at::Tensor& za, const at::Tensor& zb,
                                         const InterpolationOptions& options, const OdeProgress& progress = {},
                                         StopToken stop = {});

struct VlbReport {
  at::Tensor terms;  ///< float64 [T]: batch mean of L₀ (index 0), L_{t−1} (index t − 1)
  double prior = 0;  ///< batch mean of L_T, nats
  double total = 0;  ///< batch mean of the bound, nats per sample
  double bits_per_dim = 0;
  int64_t dims = 0;  ///< D per sample
  DecoderLikelihood decoder = DecoderLikelihood::Gaussian;
};

/// The variational bound of x0 [B, ...] (model scale) under the denoiser's ε̂ (process/variational_bound.h).
/// With the discretised decoder (Ho et al. 2020, eq. 13) x0 is first moved onto the 8-bit grid it scores.
VlbReport vlb_report(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                     const VariationalBoundOptions& options, const OdeProgress& progress = {}, StopToken stop = {});
/// The options the ODE lab uses: the discretised decoder for images, the Gaussian one for points.
VariationalBoundOptions default_vlb_options(bool images, uint64_t seed);

}  // namespace difflab
