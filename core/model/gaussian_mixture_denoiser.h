#pragma once
// The exact denoiser of a Gaussian mixture under a VP schedule: no training error, so a sampler's own error
// is all that remains, and the perfect score can be shown next to a learned one.
//
// If x₀ ~ Σ_k w_k N(μ_k, Σ_k) and x_t = α x₀ + σ ε, then (a linear map of a Gaussian plus independent noise)
//   p_t(x) = Σ_k w_k N(x; α μ_k, C_k),   C_k = α² Σ_k + σ² I,
//   ∇ log p_t(x) = −Σ_k γ_k(x) C_k⁻¹ (x − α μ_k),   γ_k = w_k N_k(x) / Σ_j w_j N_j(x)   (responsibilities),
//   ε̂ = E[ε | x_t] = −σ ∇ log p_t(x)  and  x̂₀ = E[x₀ | x_t] = (x − σ ε̂) / α                (Tweedie's formula;
//                                                      Efron 2011; Song et al. 2021, eq. 21 and App. B)
// Everything is computed in float64. Each Σ_k is diagonalised once, Σ_k = U_k diag(λ_k) U_kᵀ, so that
// C_k = U_k diag(α² λ_k + σ²) U_kᵀ for every t: solves and log-determinants at any (per-sample) t cost
// O(D²) per component instead of a fresh Cholesky factorisation. Responsibilities use log-sum-exp.
//
// Classes: a component may be labelled with a class (the mixture JSON's optional "classes" field: one
// name per component; components sharing a name form one class). Without that field, a mixture of K > 1
// components has one class per component, named "0" … "K−1". A label y = c restricts the mixture to the
// components of class c (their weights renormalised): the exact conditional denoiser, so classifier-free
// guidance can be demonstrated on it. y = −1 or an undefined y is the whole mixture.

#include "data/gaussian_mixture.h"
#include "model/denoiser.h"

#include <string>
#include <vector>

namespace difflab {

class GaussianMixtureDenoiser : public Denoiser {
 public:
  /// component_classes: empty, or one class name per component (see above). Throws std::invalid_argument
  /// for an empty mixture or a classes list of the wrong length.
  GaussianMixtureDenoiser(GaussianMixture mixture, NoiseSchedule schedule,
                          std::vector<std::string> component_classes = {});

  /// x_t: [B, D] any floating dtype and device; t: [B] training times in [0, T]; y: int64 [B] or undefined.
  /// Returns x̂₀ and ε̂ in x_t's dtype and device.
  DenoiserOutput predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;

  bool is_conditional() const override { return class_names_.size() > 1; }
  std::vector<std::string> class_names() const override { return class_names_; }
  std::vector<int64_t> sample_shape() const override { return {mixture_.dim()}; }
  std::string description() const override { return description_; }

  void set_description(std::string description) { description_ = std::move(description); }

  /// log p_t(x | y) for x [B, D], t [B] (y as in predict): float64 [B] on the CPU.
  torch::Tensor log_density(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y = {}) const;
  /// ∇_x log p_t(x | y): float64 [B, D] on the CPU.
  torch::Tensor score(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y = {}) const;

  const GaussianMixture& mixture() const { return mixture_; }
  /// Class index of each component (int64 [K]).
  const torch::Tensor& component_class() const { return component_class_; }

 private:
  struct Evaluation {
    torch::Tensor log_density;  ///< [B]
    torch::Tensor score;        ///< [B, D]
    torch::Tensor x0;           ///< E[x₀ | x_t] [B, D] (with the score)
  };
  Evaluation evaluate(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y, bool need_score) const;

  GaussianMixture mixture_;
  std::vector<std::string> class_names_;
  torch::Tensor component_class_;  ///< int64 [K]
  torch::Tensor log_weights_;      ///< float64 [K]
  torch::Tensor means_;            ///< float64 [K, D]
  torch::Tensor eigenvalues_;      ///< float64 [K, D]
  torch::Tensor eigenvectors_;     ///< float64 [K, D, D], columns are the eigenvectors (Σ_k = U diag(λ) Uᵀ)
  std::string description_;
};

}  // namespace difflab
