// Exact denoiser of a finite point set (formulas in empirical_denoiser.h).
#include "base/error_text.h"
#include "model/empirical_denoiser.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace difflab {

EmpiricalDenoiser::EmpiricalDenoiser(const torch::Tensor& points, const torch::Tensor& labels,
                                     std::vector<std::string> class_names, NoiseSchedule schedule, double bandwidth)
    : Denoiser(std::move(schedule)), class_names_(std::move(class_names)), bandwidth_(bandwidth) {
  if (!points.defined() || points.dim() != 2 || points.size(0) == 0 || points.size(1) == 0)
    throw std::invalid_argument("empirical denoiser: the points must be a non-empty [N, D] tensor");
  points_ = points.detach().to(torch::kCPU, torch::kFloat64).contiguous();
  if (!torch::isfinite(points_).all().item<bool>())
    throw std::invalid_argument("empirical denoiser: a point is not finite");
  if (!(bandwidth >= 0.0) || !std::isfinite(bandwidth))
    throw std::invalid_argument("empirical denoiser: bandwidth h = " + std::to_string(bandwidth) + " must be >= 0");
  if (labels.defined() && labels.numel() > 0) {
    labels_ = labels.detach().to(torch::kCPU, torch::kInt64).reshape({-1});
    if (labels_.numel() != points_.size(0))
      throw std::invalid_argument("empirical denoiser: " + std::to_string(labels_.numel()) + " labels for " +
                                  std::to_string(points_.size(0)) + " points");
    const int64_t n_classes = static_cast<int64_t>(class_names_.size());
    if ((labels_ < 0).any().item<bool>() || (labels_ >= n_classes).any().item<bool>())
      throw std::invalid_argument("empirical denoiser: labels must lie in [0, " + std::to_string(n_classes - 1) + "]");
  } else {
    class_names_.clear();
  }
}

std::string EmpiricalDenoiser::description() const {
  std::string text =
      "exact denoiser of " + std::to_string(points_.size(0)) + " points in " + count_text(points_.size(1), "dimension");
  if (bandwidth_ > 0) text += " smoothed by N(0, " + std::to_string(bandwidth_) + "² I)";
  return text;
}

EmpiricalDenoiser::Prepared EmpiricalDenoiser::prepare(const torch::Tensor& x_in, const torch::Tensor& t) const {
  const int64_t D = points_.size(1);
  if (x_in.dim() != 2 || x_in.size(1) != D)
    throw std::invalid_argument("empirical denoiser: x must be [B, " + std::to_string(D) + "], got " +
                                c10::str(x_in.sizes()));
  Prepared p;
  p.x = x_in.detach().to(torch::kCPU, torch::kFloat64);
  const int64_t B = p.x.size(0);
  if (t.numel() != B && t.numel() != 1)
    throw std::invalid_argument("empirical denoiser: t has " + std::to_string(t.numel()) + " entries for a batch of " +
                                std::to_string(B));
  torch::Tensor sigma;
  std::tie(p.alpha, sigma) = alpha_sigma(t.numel() == 1 ? t.reshape({1}).expand({B}) : t);
  p.s2 = p.alpha * p.alpha * (bandwidth_ * bandwidth_) + sigma * sigma;  // [B]
  if ((p.s2 <= 0).any().item<bool>())
    throw std::invalid_argument(
        "empirical denoiser: the density of the points is a sum of Dirac masses at t = 0 "
        "(use t > 0 or a bandwidth h > 0)");
  return p;
}

torch::Tensor EmpiricalDenoiser::log_kernel(const torch::Tensor& xb, const torch::Tensor& ab,
                                            const torch::Tensor& sb) const {
  const torch::Tensor point_norm2 = (points_ * points_).sum(1);  // [N]
  // ‖x − α x_i‖² = ‖x‖² − 2α x·x_i + α²‖x_i‖², clamped at 0 against cancellation.
  const torch::Tensor d2 =
      ((xb * xb).sum(1, true) - 2.0 * ab * xb.matmul(points_.t()) + ab * ab * point_norm2.unsqueeze(0)).clamp_min(0.0);
  return -0.5 * d2 / sb;
}

torch::Tensor EmpiricalDenoiser::class_log_densities(const torch::Tensor& x_in, const torch::Tensor& t) const {
  if (!labels_.defined()) throw std::invalid_argument("empirical denoiser: the points have no classes");
  const auto [x, alpha, s2] = prepare(x_in, t);
  const int64_t N = points_.size(0), D = points_.size(1), B = x.size(0);
  const int64_t C = static_cast<int64_t>(class_names_.size());
  std::vector<torch::Tensor> members(C);  // the points of each class
  for (int64_t c = 0; c < C; ++c) members[c] = (labels_ == c).nonzero().squeeze(1);
  torch::Tensor out = torch::full({B, C}, -std::numeric_limits<double>::infinity(), torch::kFloat64);
  const int64_t chunk = std::max<int64_t>(1, (int64_t{8} << 20) / N);
  for (int64_t b0 = 0; b0 < B; b0 += chunk) {
    const int64_t b1 = std::min(B, b0 + chunk);
    const torch::Tensor sb = s2.slice(0, b0, b1).unsqueeze(1);
    const torch::Tensor logits = log_kernel(x.slice(0, b0, b1), alpha.slice(0, b0, b1).unsqueeze(1), sb);
    const torch::Tensor normal = 0.5 * static_cast<double>(D) * torch::log(2.0 * M_PI * sb.squeeze(1));
    for (int64_t c = 0; c < C; ++c) {
      const int64_t count = members[c].numel();
      if (count == 0) continue;
      out.slice(0, b0, b1).select(1, c).copy_(torch::logsumexp(logits.index_select(1, members[c]), 1) -
                                              std::log(static_cast<double>(count)) - normal);
    }
  }
  return out;
}

EmpiricalDenoiser::Evaluation EmpiricalDenoiser::evaluate(const torch::Tensor& x_in, const torch::Tensor& t,
                                                          const torch::Tensor& y) const {
  const auto [x, alpha, s2] = prepare(x_in, t);
  const int64_t N = points_.size(0), D = points_.size(1), B = x.size(0);
  torch::Tensor mask;  // bool [B, N]: which points each sample's class keeps; undefined = all
  torch::Tensor log_count = torch::full({B}, std::log(static_cast<double>(N)), torch::kFloat64);
  if (y.defined() && labels_.defined()) {
    const torch::Tensor labels = y.detach().to(torch::kCPU, torch::kInt64).reshape({-1});
    if (labels.numel() != B)
      throw std::invalid_argument("empirical denoiser: y has " + std::to_string(labels.numel()) +
                                  " labels for a batch of " + std::to_string(B));
    if ((labels >= static_cast<int64_t>(class_names_.size())).any().item<bool>() || (labels < -1).any().item<bool>())
      throw std::invalid_argument("empirical denoiser: class labels must lie in [-1, " +
                                  std::to_string(class_names_.size() - 1) + "]");
    mask = (labels.unsqueeze(1) == labels_.unsqueeze(0)) | (labels.unsqueeze(1) < 0);
    log_count = torch::log(mask.sum(1).to(torch::kFloat64));
  }

  Evaluation out{torch::empty({B}, torch::kFloat64), torch::empty({B, D}, torch::kFloat64)};
  const int64_t chunk = std::max<int64_t>(1, (int64_t{8} << 20) / N);
  const torch::Tensor neg_inf = torch::full({}, -std::numeric_limits<double>::infinity(), torch::kFloat64);
  for (int64_t b0 = 0; b0 < B; b0 += chunk) {
    const int64_t b1 = std::min(B, b0 + chunk);
    const torch::Tensor xb = x.slice(0, b0, b1), ab = alpha.slice(0, b0, b1).unsqueeze(1),
                        sb = s2.slice(0, b0, b1).unsqueeze(1);
    torch::Tensor logits = log_kernel(xb, ab, sb);  // [b, N]
    if (mask.defined()) logits = torch::where(mask.slice(0, b0, b1), logits, neg_inf);
    const torch::Tensor lse = torch::logsumexp(logits, 1);  // [b]
    const torch::Tensor gamma = torch::exp(logits - lse.unsqueeze(1));
    const torch::Tensor mean = gamma.matmul(points_);  // Σ γ_i x_i, [b, D]
    out.log_density.slice(0, b0, b1).copy_(lse - log_count.slice(0, b0, b1) -
                                           0.5 * static_cast<double>(D) * torch::log(2.0 * M_PI * sb.squeeze(1)));
    out.score.slice(0, b0, b1).copy_(-(xb - ab * mean) / sb);
  }
  return out;
}

torch::Tensor EmpiricalDenoiser::log_density(const torch::Tensor& x, const torch::Tensor& t,
                                             const torch::Tensor& y) const {
  return evaluate(x, t, y).log_density;
}

torch::Tensor EmpiricalDenoiser::score(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y) const {
  return evaluate(x, t, y).score;
}

DenoiserOutput EmpiricalDenoiser::predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) {
  const int64_t B = x_t.size(0);
  const torch::Tensor tt = t.numel() == 1 ? t.reshape({1}).expand({B}) : t;
  auto [alpha, sigma] = alpha_sigma(tt);
  const torch::Tensor x = x_t.detach().to(torch::kCPU, torch::kFloat64);
  torch::Tensor x0 = x.clone(), eps = torch::zeros_like(x);
  // σ = 0 with h = 0 (t = 0): x_t is a data point itself, x̂₀ = x_t and ε̂ = 0 (as NetworkDenoiser does).
  const torch::Tensor noisy = (alpha * alpha * (bandwidth_ * bandwidth_) + sigma * sigma) > 0;
  if (noisy.any().item<bool>()) {
    const torch::Tensor idx = noisy.nonzero().squeeze(1);
    const torch::Tensor xs = x.index_select(0, idx), a = alpha.index_select(0, idx).unsqueeze(1),
                        s = sigma.index_select(0, idx).unsqueeze(1);
    const torch::Tensor ys = y.defined() ? y.reshape({-1}).to(torch::kCPU).index_select(0, idx) : torch::Tensor();
    const torch::Tensor score = evaluate(xs, tt.to(torch::kCPU).index_select(0, idx), ys).score;
    const torch::Tensor s2 = a * a * (bandwidth_ * bandwidth_) + s * s;
    // E[x₀ | x_t] = (α h² x + σ² m)/s² with m = Σ γ_i x_i = (x + s² ∇log p)/α; written without dividing by α
    // so that it also holds at α = 0 (zero terminal SNR: m = the points' mean).
    const torch::Tensor m_alpha = xs + s2 * score;  // α m
    const torch::Tensor x0_s = torch::where(a > 0, (a * (bandwidth_ * bandwidth_) * xs + s * s * m_alpha / a) / s2,
                                            points_.mean(0).unsqueeze(0).expand_as(xs));
    x0.index_copy_(0, idx, x0_s);
    eps.index_copy_(0, idx, -s * score);
  }
  return {x0.to(x_t.options()), eps.to(x_t.options())};
}

}  // namespace difflab
