#pragma once
// The exact denoiser of a finite set of points {x_i}, i = 1..N (a data set, optionally smoothed by N(0, h² I)):
// the reference field for 2-D data that are not a Gaussian mixture (two moons, swiss roll, checkerboard).
//
// If x₀ is drawn uniformly from the points (plus N(0, h² I)) and x_t = α x₀ + σ ε, then
//   p_t(x)        = (1/N) Σ_i N(x; α x_i, s² I),                 s² = α² h² + σ²,
//   ∇ log p_t(x)  = −(x − α Σ_i γ_i(x) x_i) / s²,                γ = softmax_i(−‖x − α x_i‖² / 2s²),
//   ε̂ = −σ ∇ log p_t(x),   x̂₀ = (x + σ² ∇ log p_t(x)) / α      (Tweedie; Efron 2011).
// With h = 0 this is the "ideal denoiser" of the training set, x̂₀ = Σ_i γ_i x_i (Karras et al. 2022, App. B.3,
// eq. 57): the minimiser of the denoising score-matching loss on these points, i.e. what DSM converges to
// with unlimited capacity. Computed in float64, in chunks so that the [B, N] distance matrix stays ≤ 64 MB.
//
// Classes: labels y_i ≥ 0 per point (or none). A label c restricts the sum to the points of class c.
#include "model/denoiser.h"

#include <string>
#include <vector>

namespace difflab {

class EmpiricalDenoiser : public Denoiser {
 public:
  /// points: [N, D] any floating dtype (model scale); labels: int64 [N] in [0, class_names.size()) or undefined;
  /// bandwidth h ≥ 0. Throws std::invalid_argument for N = 0, a non-finite point, labels of the wrong length or
  /// range, or h < 0. With h = 0, predict() at t = 0 returns x̂₀ = x (σ = 0: the data themselves).
  EmpiricalDenoiser(const torch::Tensor& points, const torch::Tensor& labels, std::vector<std::string> class_names,
                    NoiseSchedule schedule, double bandwidth = 0.0);

  DenoiserOutput predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;
  bool is_conditional() const override { return class_names_.size() > 1; }
  std::vector<std::string> class_names() const override { return class_names_; }
  std::vector<int64_t> sample_shape() const override { return {points_.size(1)}; }
  std::string description() const override;

  /// log p_t(x | y) for x [B, D], t [B] or [1] (y as in predict): float64 [B] on the CPU. Throws
  /// std::invalid_argument where s = 0 (t = 0 with h = 0: the density is a sum of Dirac masses).
  torch::Tensor log_density(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y = {}) const;
  /// log p_t(x | c) for every class c at once: float64 [B, C] on the CPU, −∞ for a class without points; one
  /// pass over the points instead of C calls of log_density (which it equals to rounding). x [B, D], t [B] or [1].
  /// Throws std::invalid_argument without classes, and as log_density.
  torch::Tensor class_log_densities(const torch::Tensor& x, const torch::Tensor& t) const;
  /// ∇_x log p_t(x | y): float64 [B, D] on the CPU (same conditions as log_density).
  torch::Tensor score(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y = {}) const;

  const torch::Tensor& points() const { return points_; }  ///< float64 [N, D]
  const torch::Tensor& labels() const { return labels_; }  ///< int64 [N], or undefined
  double bandwidth() const { return bandwidth_; }

 private:
  struct Evaluation {
    torch::Tensor log_density;  ///< [B]
    torch::Tensor score;        ///< [B, D]
  };
  Evaluation evaluate(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y) const;
  /// x as float64 [B, D] and the per-sample α [B] and s² [B] of t, checked (shapes, s > 0).
  struct Prepared {
    torch::Tensor x, alpha, s2;
  };
  Prepared prepare(const torch::Tensor& x, const torch::Tensor& t) const;
  /// −‖x_b − α_b x_i‖² / 2s²_b for a chunk: xb [b, D], ab and sb [b, 1] → [b, N].
  torch::Tensor log_kernel(const torch::Tensor& xb, const torch::Tensor& ab, const torch::Tensor& sb) const;

  torch::Tensor points_;  // float64 [N, D]
  torch::Tensor labels_;  // int64 [N] or undefined
  std::vector<std::string> class_names_;
  double bandwidth_;
};

}  // namespace difflab
