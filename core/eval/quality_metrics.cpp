#include "eval/quality_metrics.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace difflab {

GaussianStats gaussian_stats(const at::Tensor& features) {
  if (!features.defined() || features.dim() != 2 || features.size(0) < 2)
    throw std::invalid_argument("Gaussian statistics need a [N, D] feature matrix with N >= 2");
  const torch::Tensor f = features.to(torch::kCPU, torch::kFloat64);
  GaussianStats s;
  s.count = f.size(0);
  s.mean = f.mean(0);
  const torch::Tensor centred = f - s.mean;
  s.covariance = centred.t().mm(centred) / static_cast<double>(s.count - 1);
  return s;
}

namespace {

// Square root of a symmetric positive semi-definite matrix (tiny negative eigenvalues from rounding → 0).
torch::Tensor sqrt_psd(const torch::Tensor& m) {
  const auto [values, vectors] = torch::linalg::eigh(0.5 * (m + m.t()), "L");
  return vectors.mm(torch::diag(values.clamp_min(0).sqrt())).mm(vectors.t());
}

}  // namespace

double frechet_distance(const GaussianStats& a, const GaussianStats& b) {
  if (a.mean.size(0) != b.mean.size(0))
    throw std::invalid_argument("Fréchet distance: feature dimensions differ (" + std::to_string(a.mean.size(0)) +
                                " and " + std::to_string(b.mean.size(0)) + ")");
  const torch::Tensor root_a = sqrt_psd(a.covariance);
  const torch::Tensor inner = root_a.mm(b.covariance).mm(root_a);
  const double cross = torch::linalg::eigvalsh(0.5 * (inner + inner.t()), "L").clamp_min(0).sqrt().sum().item<double>();
  const double means = (a.mean - b.mean).pow(2).sum().item<double>();
  const double d = means + a.covariance.trace().item<double>() + b.covariance.trace().item<double>() - 2.0 * cross;
  return std::max(0.0, d);
}

namespace {

// Distance of each row of x to its k-th nearest other row of x.
torch::Tensor kth_neighbour_radius(const torch::Tensor& x, int64_t k) {
  torch::Tensor radii = torch::empty({x.size(0)}, torch::kFloat64);
  for (int64_t i = 0; i < x.size(0); i += 1024) {
    const int64_t n = std::min<int64_t>(1024, x.size(0) - i);
    const torch::Tensor d = torch::cdist(x.narrow(0, i, n), x);
    // k + 1 smallest: the first is the row itself at distance 0.
    radii.narrow(0, i, n).copy_(std::get<0>(d.topk(k + 1, 1, /*largest=*/false)).select(1, k));
  }
  return radii;
}

// Share of `queries` inside some ball (centre `points`, radius `radii`).
double share_inside(const torch::Tensor& points, const torch::Tensor& radii, const torch::Tensor& queries) {
  int64_t inside = 0;
  for (int64_t i = 0; i < queries.size(0); i += 1024) {
    const int64_t n = std::min<int64_t>(1024, queries.size(0) - i);
    const torch::Tensor d = torch::cdist(queries.narrow(0, i, n), points);
    inside += d.le(radii.unsqueeze(0)).any(1).sum().item<int64_t>();
  }
  return static_cast<double>(inside) / static_cast<double>(queries.size(0));
}

}  // namespace

PrecisionRecall precision_recall(const at::Tensor& real_in, const at::Tensor& fake_in, int64_t k) {
  if (k < 1) throw std::invalid_argument("precision/recall: k must be at least 1");
  const torch::Tensor real = real_in.to(torch::kCPU, torch::kFloat64), fake = fake_in.to(torch::kCPU, torch::kFloat64);
  if (real.dim() != 2 || fake.dim() != 2 || real.size(1) != fake.size(1))
    throw std::invalid_argument("precision/recall: two [N, D] feature matrices of the same D are needed");
  if (real.size(0) <= k || fake.size(0) <= k)
    throw std::invalid_argument("precision/recall: each set needs more than k = " + std::to_string(k) + " rows");
  PrecisionRecall pr;
  pr.precision = share_inside(real, kth_neighbour_radius(real, k), fake);
  pr.recall = share_inside(fake, kth_neighbour_radius(fake, k), real);
  return pr;
}

}  // namespace difflab
