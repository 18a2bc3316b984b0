#pragma once
// The training objective: what the network predicts, the per-sample loss, the weighting over t, and how t is
// sampled. All losses are expressed so that the expected loss over t is the chosen weighted objective:
//
//   L = E_{t ~ π} [ w(t) · (1 / (T π(t))) · ℓ(prediction, target) ]
//
// where ℓ is the per-sample MSE or L1 (mean over the sample's elements), w(t) the weighting, π the t-sampling
// distribution (uniform gives the factor 1). Weightings are stated in ε-space and converted to the prediction
// type by the identities (α² = ᾱ, σ² = 1 − ᾱ, SNR = ᾱ/(1 − ᾱ)):
//   ‖ε − ε̂‖² = SNR · ‖x₀ − x̂₀‖² = ᾱ · ‖v − v̂‖²        (v = α ε − σ x₀, Salimans & Ho 2022, §4)
//
// The prediction type is process/parameterisation.h's PredictionType (eps, x0 or v; score is not trainable).

#include "train/training_options.h"
#include "schedule/noise_schedule.h"

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <string>
#include <vector>

namespace difflab {

struct TimestepSample {
  torch::Tensor t;                  ///< int64 [B], 1..T
  torch::Tensor importance_weight;  ///< float [B], 1 / (T π(t))
};

class Objective {
 public:
  Objective(const NoiseSchedule& schedule, ObjectiveOptions options);

  const ObjectiveOptions& options() const { return options_; }
  int64_t timesteps() const { return timesteps_; }

  /// Draws B timesteps from π (on the CPU, from `gen`).
  TimestepSample sample_timesteps(int64_t batch, at::Generator& gen) const;
  /// ᾱ_t for t int64 [B] (1..T), float64 [B] on the CPU.
  torch::Tensor alpha_bar_at(const torch::Tensor& t) const;
  /// x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε (Ho et al. 2020, eq. 4). t int64 [B].
  torch::Tensor q_sample(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& t) const;
  /// The regression target for the prediction type: ε, x₀ or v = √ᾱ ε − √(1 − ᾱ) x₀.
  torch::Tensor target(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& t) const;
  /// Per-sample loss ℓ (MSE or L1, mean over all but the batch dimension): float [B].
  torch::Tensor per_sample_loss(const torch::Tensor& prediction, const torch::Tensor& target) const;
  /// The weighting w(t) for the prediction type: float [B].
  torch::Tensor weight(const torch::Tensor& t) const;
  /// Records per-sample losses for loss-history sampling (no-op otherwise). t int64 [B] and losses on any device.
  void record_losses(const torch::Tensor& t, const torch::Tensor& losses);

  /// Loss-history state (float64 [T, 10] of the last losses and int64 [T] of counts), for checkpoints.
  std::vector<torch::Tensor> history_state() const { return {history_, history_count_}; }
  void set_history_state(const std::vector<torch::Tensor>& state);

  static constexpr int64_t kHistoryPerTimestep = 10;

 private:
  torch::Tensor gather(const torch::Tensor& table, const torch::Tensor& t, const torch::Tensor& like) const;
  torch::Tensor sampling_probabilities() const;  // float64 [T]; undefined for uniform

  ObjectiveOptions options_;
  int64_t timesteps_;
  torch::Tensor alpha_bar_;      // float64 [T], entry k is t = k + 1
  torch::Tensor weight_table_;   // float64 [T], the weighting for the prediction type
  torch::Tensor history_;        // float64 [T, 10]
  torch::Tensor history_count_;  // int64 [T]
};

}  // namespace difflab
