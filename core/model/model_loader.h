#pragma once
// Opens whatever a user points the sampler at as a Denoiser:
//   * a Diffusion Lab checkpoint (io/checkpoint.h): the network rebuilt from the stored config, with the
//     EMA weights when the file has them (unless use_ema is false), the stored schedule, prediction type,
//     sample shape, class names and data normalisation;
//   * a Gaussian-mixture JSON file (data/gaussian_mixture.h's format, plus an optional "classes" list of one
//     name per component): the exact GaussianMixtureDenoiser under the schedule given in the options.
// The kind is recognised by content (checkpoint magic, or a JSON object), not by file name.

#include "model/denoiser.h"

#include <memory>
#include <stdexcept>
#include <string>

namespace difflab {

struct DenoiserLoadOptions {
  /// Schedule for a mixture JSON (checkpoints carry their own and ignore this).
  ScheduleOptions schedule;
  /// "cpu", "cuda" or "cuda:N" for checkpoints (the exact mixture always computes on the CPU in float64).
  std::string device = "cpu";
  /// Use the checkpoint's EMA weights when present.
  bool use_ema = true;
  /// Most samples per network call (NetworkDenoiserOptions::batch_size: 0 automatic, < 0 the whole batch).
  int64_t batch_size = 0;
  /// Image checkpoints: clamp x̂₀ to the data range, [−1, 1] or [0, 1] (NetworkDenoiserOptions::clip_x0). Ignored for points and
  /// mixtures, whose data have no fixed range.
  bool clip_x0 = false;
  /// Checkpoints on CUDA: replay the network call from a captured CUDA graph (NetworkDenoiserOptions).
  bool cuda_graph = false;
};

struct ModelLoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `spec` is a file path or "zoo:NAME" (model/model_zoo.h).
/// Throws ModelLoadError naming the file and the fault (missing, truncated / corrupt checkpoint, foreign
/// format, bad mixture, incomplete metadata, unavailable device, unknown zoo name).
std::unique_ptr<Denoiser> load_denoiser(const std::string& spec, const DenoiserLoadOptions& options = {});

}  // namespace difflab
