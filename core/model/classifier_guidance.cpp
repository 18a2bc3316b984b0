#include "model/classifier_guidance.h"

#include "model/gaussian_mixture_denoiser.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace difflab {

torch::Tensor NoisyClassifier::grad_log_prob(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) {
  torch::AutoGradMode enable(true);
  const torch::Tensor x = x_t.detach().clone().requires_grad_(true);
  const torch::Tensor logp = log_probs(x, t);
  const torch::Tensor label = y.to(logp.device(), torch::kLong);
  const torch::Tensor guided = label.ge(0);
  const torch::Tensor picked = logp.gather(1, label.clamp_min(0).unsqueeze(1)).squeeze(1) * guided.to(logp.dtype());
  const torch::Tensor grad = torch::autograd::grad({picked.sum()}, {x})[0];
  return grad.detach().to(x_t.dtype());
}

MixtureClassifier::MixtureClassifier(std::shared_ptr<const GaussianMixtureDenoiser> mixture)
    : NoisyClassifier(mixture ? mixture->schedule() : NoiseSchedule::from_options({})), mixture_(std::move(mixture)) {
  if (!mixture_ || mixture_->class_names().size() < 2)
    throw std::invalid_argument("the exact mixture classifier needs a mixture with at least two classes");
  const int64_t K = static_cast<int64_t>(mixture_->class_names().size());
  const torch::Tensor w = torch::tensor(mixture_->mixture().weights, torch::kFloat64);
  log_prior_ = torch::zeros({K}, torch::kFloat64).index_add(0, mixture_->component_class(), w).log();
}

std::vector<std::string> MixtureClassifier::class_names() const { return mixture_->class_names(); }

torch::Tensor MixtureClassifier::log_probs(const torch::Tensor& x_t, const torch::Tensor& t) {
  const int64_t B = x_t.size(0), K = log_prior_.size(0);
  const torch::Tensor all = mixture_->log_density(x_t, t);
  torch::Tensor out = torch::empty({B, K}, torch::kFloat64);
  for (int64_t k = 0; k < K; ++k)  // log P(y) + log p_t(x | y) − log p_t(x)
    out.select(1, k).copy_(log_prior_[k] + mixture_->log_density(x_t, t, torch::full({B}, k, torch::kLong)) - all);
  return out;
}

torch::Tensor MixtureClassifier::grad_log_prob(const torch::Tensor& x_t, const torch::Tensor& t,
                                               const torch::Tensor& y) {
  const torch::Tensor label = y.to(torch::kCPU, torch::kLong);
  // ∇ log p_t(y | x) = ∇ log p_t(x | y) − ∇ log p_t(x); a sample with y = −1 gets ∇ log p_t(x) − itself = 0.
  const torch::Tensor g = mixture_->score(x_t, t, label) - mixture_->score(x_t, t);
  return g.to(x_t.device(), x_t.scalar_type());
}

ClassifierGuidance::ClassifierGuidance(std::shared_ptr<Denoiser> inner, std::shared_ptr<NoisyClassifier> classifier,
                                       ClassifierGuidanceOptions options)
    : Denoiser(inner ? inner->schedule() : NoiseSchedule::from_options({})),
      inner_(std::move(inner)),
      classifier_(std::move(classifier)),
      options_(options) {
  if (!inner_) throw std::invalid_argument("classifier guidance needs a denoiser");
  if (!classifier_) throw std::invalid_argument("classifier guidance needs a classifier");
  if (!std::isfinite(options_.scale))
    throw std::invalid_argument("classifier guidance scale must be finite, got " + std::to_string(options_.scale));
  const auto& a = inner_->schedule().alpha_bars();
  const auto& b = classifier_->schedule().alpha_bars();
  bool same = a.size() == b.size();
  for (size_t i = 0; same && i < a.size(); ++i) same = std::abs(a[i] - b[i]) <= 1e-9;
  if (!same)
    throw std::invalid_argument(
        "the classifier was trained on another noise schedule (T = " + std::to_string(b.size()) +
        ") than the model (T = " + std::to_string(a.size()) + "): its t would mean other noise levels");
  // x_t of a model trained on [0, 1] is another process than the classifier's on [−1, 1].
  // (A denoiser that does not say its scale — points, the default — is taken as it is.)
  if (const std::optional<DataScale> c = classifier_->data_scale(); c && c->is_images()) {
    const DataScale m = inner_->data_scale();
    const auto range = [](const DataScale& s) { return s.model_min() < 0 ? std::string("[-1, 1]") : "[0, 1]"; };
    if (m.is_images() && (m.model_min() != c->model_min() || m.model_max() != c->model_max()))
      throw std::invalid_argument("the classifier reads images in " + range(*c) + "; the model's are in " + range(m));
  }
}

DenoiserOutput ClassifierGuidance::predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) {
  const int64_t B = x_t.size(0);
  const torch::Tensor labels = y.defined() ? y.to(torch::kLong) : torch::full({B}, -1, torch::kLong);
  const torch::Tensor inner_y = options_.inner_gets_labels && inner_->is_conditional() ? labels : torch::Tensor();
  DenoiserOutput o = inner_->predict(x_t, t, inner_y);
  if (options_.scale == 0.0 || !labels.ge(0).any().item<bool>()) {
    last_norm_ = 0.0;
    return o;
  }
  const auto [alpha, sigma] = alpha_sigma(t);
  std::vector<int64_t> shape(static_cast<size_t>(x_t.dim()), 1);
  shape[0] = B;
  const torch::Tensor a = alpha.view(shape).to(x_t.device(), o.eps.scalar_type());
  const torch::Tensor s = sigma.view(shape).to(x_t.device(), o.eps.scalar_type());
  const torch::Tensor g = options_.scale * classifier_->grad_log_prob(x_t, t, labels).to(o.eps.scalar_type());
  const torch::Tensor guided = labels.ge(0).to(x_t.device());
  last_norm_ = g.flatten(1).norm(2, 1).index({guided}).mean().item<double>();
  o.eps = o.eps - s * g;  // Dhariwal & Nichol 2021, Algorithm 2
  // x̂₀ from the guided ε̂ where σ > 0; at t = 0 (σ = 0, α = 1) guidance has nothing to move.
  o.x0 = torch::where(s > 0, (x_t.to(o.eps.scalar_type()) - s * o.eps) / a, o.x0);
  return o;
}

std::string ClassifierGuidance::description() const {
  return inner_->description() + "; classifier guidance s = " + std::to_string(options_.scale) + " with " +
         classifier_->description();
}

}  // namespace difflab
