// Exact denoiser of a Gaussian mixture (formulas in gaussian_mixture_denoiser.h).
#include "base/error_text.h"
#include "model/gaussian_mixture_denoiser.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace difflab {

GaussianMixtureDenoiser::GaussianMixtureDenoiser(GaussianMixture mixture, NoiseSchedule schedule,
                                                 std::vector<std::string> component_classes)
    : Denoiser(std::move(schedule)), mixture_(std::move(mixture)) {
  const int64_t K = static_cast<int64_t>(mixture_.weights.size()), D = mixture_.dim();
  if (K == 0 || D == 0) throw std::invalid_argument("Gaussian-mixture denoiser: the mixture has no components");
  if (!component_classes.empty() && static_cast<int64_t>(component_classes.size()) != K)
    throw std::invalid_argument("Gaussian-mixture denoiser: 'classes' has " + std::to_string(component_classes.size()) +
                                " names but the mixture has " + std::to_string(K) + " components");
  component_class_ = torch::empty({K}, torch::kInt64);
  for (int64_t k = 0; k < K; ++k) {
    const std::string name = component_classes.empty() ? std::to_string(k) : component_classes[size_t(k)];
    auto it = std::find(class_names_.begin(), class_names_.end(), name);
    if (it == class_names_.end()) it = class_names_.insert(class_names_.end(), name);
    component_class_[k] = static_cast<int64_t>(it - class_names_.begin());
  }

  log_weights_ = torch::log(torch::tensor(mixture_.weights, torch::kFloat64));
  means_ = torch::empty({K, D}, torch::kFloat64);
  torch::Tensor cov = torch::empty({K, D, D}, torch::kFloat64);
  for (int64_t k = 0; k < K; ++k)
    for (int64_t i = 0; i < D; ++i) {
      means_[k][i] = mixture_.means[size_t(k)][size_t(i)];
      for (int64_t j = 0; j < D; ++j) cov[k][i][j] = mixture_.covariances[size_t(k)][size_t(i)][size_t(j)];
    }
  std::tie(eigenvalues_, eigenvectors_) = torch::linalg_eigh(0.5 * (cov + cov.transpose(1, 2)));
  if ((eigenvalues_ <= 0).any().item<bool>())
    throw std::invalid_argument("Gaussian-mixture denoiser: a covariance matrix is not positive definite");
  description_ = "exact Gaussian mixture: " + count_text(K, "component") + " in " + count_text(D, "dimension");
  // Say what the class choice means: without a "classes" list each component is a class of its own.
  if (class_names_.size() > 1)
    description_ += component_classes.empty() ? ", each component a class"
                                              : ", " + std::to_string(class_names_.size()) + " classes";
}

GaussianMixtureDenoiser::Evaluation GaussianMixtureDenoiser::evaluate(const torch::Tensor& x_in, const torch::Tensor& t,
                                                                      const torch::Tensor& y, bool need_score) const {
  const int64_t D = mixture_.dim();
  if (x_in.dim() != 2 || x_in.size(1) != D)
    throw std::invalid_argument("Gaussian-mixture denoiser: x must be [B, " + std::to_string(D) + "], got " +
                                c10::str(x_in.sizes()));
  const torch::Tensor x = x_in.detach().to(torch::kCPU, torch::kFloat64);
  const int64_t B = x.size(0);
  if (t.numel() != B && t.numel() != 1)
    throw std::invalid_argument("Gaussian-mixture denoiser: t has " + std::to_string(t.numel()) +
                                " entries for a batch of " + std::to_string(B));
  auto [alpha, sigma] = alpha_sigma(t.numel() == 1 ? t.reshape({1}).expand({B}) : t);

  // Per sample b and component k, in the eigenbasis of Σ_k: r = U_kᵀ (x − α μ_k), d = α² λ_k + σ².
  const torch::Tensor a = alpha.view({B, 1, 1});
  const torch::Tensor diff = x.unsqueeze(1) - a * means_.unsqueeze(0);           // [B, K, D]
  const torch::Tensor r = torch::einsum("bki,kij->bkj", {diff, eigenvectors_});  // [B, K, D]
  const torch::Tensor d = a * a * eigenvalues_.unsqueeze(0) + (sigma * sigma).view({B, 1, 1});
  // log N(x; α μ_k, C_k) = −½ D log 2π − ½ Σ log d − ½ Σ r²/d.
  torch::Tensor log_joint = log_weights_.unsqueeze(0) - 0.5 * static_cast<double>(D) * std::log(2.0 * M_PI) -
                            0.5 * torch::log(d).sum(-1) - 0.5 * (r * r / d).sum(-1);  // [B, K]

  if (y.defined()) {
    const torch::Tensor labels = y.detach().to(torch::kCPU, torch::kInt64).reshape({-1});
    if (labels.numel() != B)
      throw std::invalid_argument("Gaussian-mixture denoiser: y has " + std::to_string(labels.numel()) +
                                  " labels for a batch of " + std::to_string(B));
    const int64_t n_classes = static_cast<int64_t>(class_names_.size());
    if ((labels >= n_classes).any().item<bool>() || (labels < -1).any().item<bool>())
      throw std::invalid_argument("Gaussian-mixture denoiser: class labels must lie in [-1, " +
                                  std::to_string(n_classes - 1) + "]");
    // p(x | c) = Σ_{k in c} w_k N_k / Σ_{k in c} w_k: mask the other components and renormalise.
    const torch::Tensor in_class = (labels.unsqueeze(1) == component_class_.unsqueeze(0)) | (labels.unsqueeze(1) < 0);
    const torch::Tensor neg_inf = torch::full({}, -std::numeric_limits<double>::infinity(), torch::kFloat64);
    log_joint = torch::where(in_class, log_joint, neg_inf);
    const torch::Tensor class_log_weight =
        torch::logsumexp(torch::where(in_class, log_weights_.unsqueeze(0), neg_inf), 1);
    log_joint = log_joint - class_log_weight.unsqueeze(1);
  }
  Evaluation e;
  e.log_density = torch::logsumexp(log_joint, 1);
  if (need_score) {
    // ∇ log p_t = Σ_k γ_k (−C_k⁻¹ (x − α μ_k)),  C_k⁻¹ v = U_k diag(1/d) U_kᵀ v.
    const torch::Tensor gamma = torch::softmax(log_joint, 1);  // [B, K]
    const torch::Tensor component_score = -torch::einsum("bkj,kij->bki", {r / d, eigenvectors_});
    e.score = (gamma.unsqueeze(2) * component_score).sum(1);
    // Tweedie per component, E[x₀ | x_t, k] = μ_k + α Σ_k C_k⁻¹ (x − α μ_k) = μ_k + α U_k diag(λ/d) U_kᵀ(x − α μ_k):
    // finite at α = 0 (zero terminal SNR), where it is the prior mean, unlike (x + σ² ∇ log p_t)/α.
    const torch::Tensor component_x0 =
        means_.unsqueeze(0) + a * torch::einsum("bkj,kij->bki", {eigenvalues_.unsqueeze(0) * r / d, eigenvectors_});
    e.x0 = (gamma.unsqueeze(2) * component_x0).sum(1);
  }
  return e;
}

DenoiserOutput GaussianMixtureDenoiser::predict(const torch::Tensor& x_t, const torch::Tensor& t,
                                                const torch::Tensor& y) {
  const Evaluation e = evaluate(x_t, t, y, true);
  const int64_t B = x_t.size(0);
  const torch::Tensor s = alpha_sigma(t.numel() == 1 ? t.reshape({1}).expand({B}) : t).second.view({B, 1});
  // ε̂ = −σ ∇ log p_t;  x̂₀ = E[x₀ | x_t] = (x + σ² ∇ log p_t) / α (Tweedie), summed per component (evaluate).
  const torch::Tensor eps = -s * e.score;
  return {e.x0.to(x_t.options()), eps.to(x_t.options())};
}

torch::Tensor GaussianMixtureDenoiser::log_density(const torch::Tensor& x, const torch::Tensor& t,
                                                   const torch::Tensor& y) const {
  return evaluate(x, t, y, false).log_density;
}

torch::Tensor GaussianMixtureDenoiser::score(const torch::Tensor& x, const torch::Tensor& t,
                                             const torch::Tensor& y) const {
  return evaluate(x, t, y, true).score;
}

}  // namespace difflab
