#pragma once
// Editing by partial noising (SDEdit: Meng et al. 2022, "SDEdit: Guided Image Synthesis and Editing with
// Stochastic Differential Equations", §3; the lecture notebook 001 §6 uses it for explainability after
// Wolleb et al. 2022): noise the input to a chosen level t₀ with the closed form
//     x_{t₀} = √ᾱ_{t₀} x₀ + √(1 − ᾱ_{t₀}) ε                       (Ho et al. 2020, eq. 4)
// and denoise it from t₀ with any sampler, optionally under another class (and guidance). Small t₀ keeps the
// input's layout; large t₀ hands more of it to the model. The difference |result − x₀| shows what the model
// (or the class change) altered.
//
// Starting a sampler at t₀: the samplers run on the schedule they are given from its top time. The
// schedule truncated to β_1..β_{t₀} has exactly the same ᾱ_t for t ≤ t₀, so the sampler is made on that
// schedule (with trailing spacing its first time is t₀) and the denoiser, which keeps the full schedule,
// is called at the same training times. At fractional times (Karras or log-SNR spacing, rk45) the two
// schedules' continuous views differ only inside the last interval (t₀ − 1, t₀), where the truncated
// spline has a one-sided end tangent.

#include "base/stop_token.h"
#include "model/denoiser.h"
#include "ode/inversion.h"
#include "sampling/sampler.h"

#include <ATen/core/Tensor.h>

#include <atomic>
#include <cstdint>

namespace difflab {

struct PartialNoisingOptions {
  /// Noise level: the training step t₀ in [1, T].
  int64_t t0 = 500;
  /// The sampler that denoises from t₀ (name, steps over [0, t₀], spacing, η, seed). Trailing spacing
  /// makes t₀ the first time; steps is capped at t₀ for the integer spacings.
  SamplerOptions sampler;
  /// Seed of the forward noise ε.
  uint64_t noise_seed = 0;
  /// Class to denoise under (−1: unconditional) and its classifier-free guidance scale w (1: plain
  /// conditional). A class or w ≠ 1 needs a class-conditional model.
  int64_t target_class = -1;
  double guidance = 1.0;

  PartialNoisingOptions() { sampler.spacing = TimestepSpacing::Trailing; }
};

struct PartialNoisingResult {
  at::Tensor noised;          ///< x_{t₀}
  at::Tensor result;          ///< the edit, shaped like x₀
  at::Tensor difference;      ///< |result − x₀|, shaped like x₀
  at::Tensor difference_map;  ///< float64: [B, H, W] channel mean for images [B, C, H, W]; [B] ‖·‖₂ otherwise
  int64_t nfe = 0;
};

/// x0: [B, ...] in model scale. progress(fraction) and stop as in inversion.h (a set stop throws
/// Cancelled).
PartialNoisingResult edit_by_partial_noising(Denoiser& denoiser, const at::Tensor& x0,
                                             const PartialNoisingOptions& options, const OdeProgress& progress = {},
                                             StopToken stop = {});

}  // namespace difflab
