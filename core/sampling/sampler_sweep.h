#pragma once
// A sampler sweep: every (sampler, step count) pair run from the same x_T and scored by its distance to a
// reference set — the table behind the GUI's Compare samplers view and `difflab-cli compare`, so both print the
// same numbers for the same inputs. Safe to include after Qt headers (ATen/core only).

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

/// energy: squared energy distance; sliced-w2: sliced 2-Wasserstein (sampling/sample_distance.h).
enum class SampleMetric { EnergyDistance, SlicedWasserstein };
/// "energy" | "sliced-w2"; throws std::invalid_argument naming the value.
SampleMetric parse_sample_metric(const std::string& name);
std::string sample_metric_name(SampleMetric metric);
/// The metric between two sets [n, ...] and [m, ...] (flattened to [n, D]), in float64.
double sample_distance(const at::Tensor& x, const at::Tensor& y, SampleMetric metric);

struct SweepRequest {
  std::vector<SamplerOptions> samplers;  ///< each row; its `steps` is replaced by every entry of `steps`
  std::vector<int64_t> steps;            ///< ignored for a sampler on the custom spacing (one cell, its own grid)
  at::Tensor x_T;                        ///< shared initial noise [B, ...]
  at::Tensor labels;                     ///< int64 [B] or undefined
  at::Tensor reference;                  ///< data-scale set [M, ...] to score against; undefined: no scores
  SampleMetric metric = SampleMetric::EnergyDistance;
};

struct SweepCell {
  size_t sampler = 0;      ///< index into SweepRequest::samplers
  size_t steps_index = 0;  ///< index into SweepRequest::steps
  int64_t steps = 0;
  at::Tensor samples;      ///< data scale, float32, CPU (undefined on error)
  int64_t nfe = 0;         ///< network evaluations (denoiser calls × evaluations per call)
  double distance = 0;     ///< NaN without a reference, or for non-finite samples
  int64_t non_finite = 0;  ///< samples with a NaN or ±Inf entry
  double seconds = 0;
  std::string error;  ///< non-empty when this cell failed (the others still run)
};

/// Runs the sweep; on_cell gets each cell as it finishes. Throws Cancelled at the next check once `stop` is
/// triggered (the cells finished so far have reached on_cell).
std::vector<SweepCell> run_sampler_sweep(Denoiser& denoiser, const SweepRequest& request,
                                         const std::function<void(const SweepCell&)>& on_cell = {},
                                         StopToken stop = {});

}  // namespace difflab
