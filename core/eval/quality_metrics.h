#pragma once
// Sample quality in a feature space, as the field measures it:
// * the Fréchet distance between Gaussians fitted to the features of samples and of data (Heusel et al. 2017,
//   "GANs Trained by a Two Time-Scale Update Rule", eq. 6; FID when the features are Inception's):
//     d² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^{½} Σ₂ Σ₁^{½})^{½}),
//   with the matrix square roots from symmetric eigendecompositions (no complex parts to discard, unlike
//   scipy.linalg.sqrtm of Σ₁Σ₂);
// * precision and recall (Kynkäänniemi et al. 2019, "Improved Precision and Recall Metric for Assessing
//   Generative Models", sec. 3): the data manifold is the union of balls around each data feature with the
//   distance to its k-th nearest data neighbour as radius; precision is the share of samples inside it,
//   recall the share of data inside the samples' manifold built the same way.
// Features are float64 [N, D] on the CPU.

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace difflab {

struct GaussianStats {
  at::Tensor mean;        ///< [D]
  at::Tensor covariance;  ///< [D, D], unbiased (N − 1)
  int64_t count = 0;
};

/// Throws std::invalid_argument for fewer than 2 rows or a non-2-D tensor.
GaussianStats gaussian_stats(const at::Tensor& features);
/// Throws std::invalid_argument when the dimensions differ.
double frechet_distance(const GaussianStats& a, const GaussianStats& b);

struct PrecisionRecall {
  double precision = 0.0;
  double recall = 0.0;
};
/// k: neighbours for the radii (3 in the paper). Throws std::invalid_argument when a set has ≤ k rows or the
/// dimensions differ.
PrecisionRecall precision_recall(const at::Tensor& real, const at::Tensor& fake, int64_t k = 3);

}  // namespace difflab
