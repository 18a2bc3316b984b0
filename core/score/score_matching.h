#pragma once
// Score-matching objectives side by side on 2-D data: denoising score matching (Vincent 2011; in the ε-space
// form of Ho et al. 2020) and sliced score matching with variance reduction (Song, Garg, Shi & Ermon 2019,
// "Sliced Score Matching", eq. 8, SSM-VR), both for a noise-conditional network at training times t ~ U{1..T}.
//
// With s_θ = −ε̂/σ and J = ∂ε̂/∂x, both losses are written per sample, weighted by σ² in score space and divided
// by the dimension D:
//   DSM:     ℓ = ‖ε̂ − ε‖² / D                         (or the same in x₀/v space: train/objective.h)
//   SSM-VR:  ℓ = (‖ε̂‖² − 2σ vᵀ J v) / D,   v ~ N(0, I)   (from σ²·2[vᵀ ∇ₓs_θ v + ½‖s_θ‖²])
// Stein's lemma gives E[ε̂·ε] = σ E[tr J] = σ E[vᵀJv], so for every network E[DSM] = E[SSM-VR] + E‖ε‖²/D =
// E[SSM-VR] + 1: the two are the same objective (Fisher divergence to p_t, up to a constant); they differ in
// variance and in cost (SSM needs a Jacobian–vector product, i.e. a second backward pass).
#include "model/denoiser.h"
#include "nn/mlp_denoiser.h"
#include "process/prediction_type.h"
#include "schedule/noise_schedule.h"

#include <torch/types.h>

#include <memory>
#include <vector>

namespace difflab {

class ScoreReference;
class NetworkDenoiser;

/// The SSM-VR loss per sample (float [B], differentiable in the network's parameters) for an ε-predicting
/// network on x_t [B, D] at times t float [B] with VP σ(t) sigma [B]: (‖ε̂‖² − 2σ mean_m v_mᵀ J v_m)/D over
/// `projections` Gaussian v_m drawn from gen.
torch::Tensor sliced_score_matching_loss(DiffusionNetImpl& network, const torch::Tensor& x_t, const torch::Tensor& t,
                                         const torch::Tensor& sigma, int64_t projections, at::Generator& gen);

struct ScoreRaceOptions {
  MlpDenoiserOptions network{2, 128, 3, 64, 0};
  /// What the DSM network predicts (eps, x0 or v); the SSM network predicts ε.
  PredictionType dsm_prediction = PredictionType::Epsilon;
  int64_t batch_size = 256;
  double learning_rate = 2e-3;
  /// Random projections v per sample for SSM.
  int64_t projections = 1;
  uint64_t seed = 0;
  /// Training times at which the field error is measured (averaged), and the samples per time.
  std::vector<double> eval_t = {20, 50, 100, 200, 400};
  int64_t eval_samples = 1024;
};

struct ScoreRaceStep {
  int64_t step = 0;
  double dsm_loss = 0;  ///< this batch's DSM loss in ε-space (‖ε − ε̂‖²/D, whatever the network predicts)
  double ssm_loss = 0;  ///< this batch's SSM-VR loss (E[DSM] = E[SSM] + 1)
};

struct ScoreRaceEvaluation {
  int64_t step = 0;
  double dsm_error = 0;  ///< relative Fisher divergence to the reference, mean over eval_t
  double ssm_error = 0;
};

/// Two networks of the same architecture and initialisation, trained on the same batches (x₀, t, ε), one by
/// DSM and one by SSM-VR, each with AdamW. The DSM network is trained with the objective's own loss for its
/// prediction type (train/objective.h, no weighting) and its loss is reported in ε-space. Not thread-safe: one caller at a time (the GUI runs it on a worker).
class ScoreMatchingRace {
 public:
  /// data: float [N, D] in model scale, the training set. The reference supplies the exact score for the field
  /// error (it may be the same points' EmpiricalDenoiser or a mixture); it must outlive the race.
  /// Throws std::invalid_argument for empty data, a dimension that differs from options.network.data_dim,
  /// batch_size < 1, learning_rate ≤ 0, projections < 1 or an eval time outside (0, T].
  ScoreMatchingRace(const torch::Tensor& data, const NoiseSchedule& schedule, const ScoreReference& reference,
                    ScoreRaceOptions options);
  ~ScoreMatchingRace();

  /// One optimiser step of each network on one shared batch.
  ScoreRaceStep step();
  /// The field error of both networks now.
  ScoreRaceEvaluation evaluate();
  int64_t steps_done() const { return step_; }

  /// The networks as denoisers (for field pictures and Langevin). Valid for the race's lifetime.
  Denoiser& dsm_denoiser();
  Denoiser& ssm_denoiser();
  const ScoreRaceOptions& options() const { return options_; }

 private:
  struct Side;
  torch::Tensor data_;
  NoiseSchedule schedule_;
  const ScoreReference& reference_;
  ScoreRaceOptions options_;
  std::unique_ptr<Side> dsm_, ssm_;
  std::unique_ptr<class Objective> objective_;
  at::Generator gen_;
  torch::Tensor eval_x0_, eval_eps_;
  std::vector<torch::Tensor> eval_xt_, eval_exact_;  // per eval time: x_t and the reference's score there
  std::vector<double> eval_exact_norm_;              // E‖s*‖² per eval time
  int64_t step_ = 0;
};

}  // namespace difflab
