// Sample-quality metrics (eval/quality_metrics): the Fréchet distance against closed forms (diagonal
// covariances; the 2×2 trace-square-root identity for non-commuting ones), and precision / recall
// (Kynkäänniemi et al. 2019) on sets whose answer is known.
#include "eval/quality_metrics.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

using namespace difflab;

namespace {

GaussianStats stats(std::vector<double> mean, const torch::Tensor& cov) {
  GaussianStats s;
  s.mean = torch::tensor(mean, torch::kFloat64);
  s.covariance = cov.to(torch::kFloat64);
  s.count = 1000;
  return s;
}

}  // namespace

TEST_CASE("Fréchet distance: zero for equal Gaussians, the closed form for diagonal covariances") {
  const torch::Tensor a = torch::diag(torch::tensor({1.0, 4.0, 0.25}, torch::kFloat64));
  const torch::Tensor b = torch::diag(torch::tensor({9.0, 1.0, 0.25}, torch::kFloat64));
  CHECK(frechet_distance(stats({0, 1, 2}, a), stats({0, 1, 2}, a)) < 1e-9);
  // ‖Δμ‖² + Σ (√a_i − √b_i)² = (1 + 4) + ((1 − 3)² + (2 − 1)² + 0) = 5 + 5
  CHECK(frechet_distance(stats({1, 0, 0}, a), stats({0, 2, 0}, b)) == doctest::Approx(10.0).epsilon(1e-12));
}

TEST_CASE("Fréchet distance: non-commuting 2×2 covariances against tr √M = √(tr M + 2 √det M)") {
  // For a 2×2 positive semi-definite M with eigenvalues λ₁, λ₂: (√λ₁ + √λ₂)² = tr M + 2 √det M, and
  // tr((Σ₁^{½} Σ₂ Σ₁^{½})^{½}) = √(tr(Σ₁Σ₂) + 2 √(det Σ₁ det Σ₂)).
  torch::manual_seed(7);
  for (int trial = 0; trial < 5; ++trial) {
    const torch::Tensor p = torch::randn({2, 2}, torch::kFloat64), q = torch::randn({2, 2}, torch::kFloat64);
    const torch::Tensor s1 = p.mm(p.t()) + 0.1 * torch::eye(2, torch::kFloat64);
    const torch::Tensor s2 = q.mm(q.t()) + 0.1 * torch::eye(2, torch::kFloat64);
    const torch::Tensor mu1 = torch::randn({2}, torch::kFloat64), mu2 = torch::randn({2}, torch::kFloat64);
    const double cross =
        std::sqrt(s1.mm(s2).trace().item<double>() + 2 * std::sqrt(s1.det().item<double>() * s2.det().item<double>()));
    const double expected =
        (mu1 - mu2).pow(2).sum().item<double>() + s1.trace().item<double>() + s2.trace().item<double>() - 2 * cross;
    GaussianStats a{mu1, s1, 100}, b{mu2, s2, 100};
    CHECK(frechet_distance(a, b) == doctest::Approx(expected).epsilon(1e-10));
    CHECK(frechet_distance(b, a) == doctest::Approx(expected).epsilon(1e-10));  // symmetric
  }
}

TEST_CASE("gaussian_stats: the sample mean and the unbiased covariance") {
  const torch::Tensor x = torch::tensor({{1.0, 2.0}, {3.0, 0.0}, {5.0, 4.0}}, torch::kFloat64);
  const GaussianStats s = gaussian_stats(x);
  CHECK(torch::allclose(s.mean, torch::tensor({3.0, 2.0}, torch::kFloat64)));
  CHECK(torch::allclose(s.covariance, torch::tensor({{4.0, 2.0}, {2.0, 4.0}}, torch::kFloat64)));
  CHECK_THROWS_AS(gaussian_stats(torch::zeros({1, 3})), std::invalid_argument);
}

TEST_CASE("precision and recall: identical sets, disjoint sets, and a sample set that covers half the data") {
  torch::manual_seed(1);
  const torch::Tensor real = torch::randn({400, 4}, torch::kFloat64);
  PrecisionRecall same = precision_recall(real, real.clone());
  CHECK(same.precision == 1.0);
  CHECK(same.recall == 1.0);
  PrecisionRecall far = precision_recall(real, real + 100.0);
  CHECK(far.precision == 0.0);
  CHECK(far.recall == 0.0);
  // Samples that are exactly the data points with x₀ > 0: all samples are realistic (precision 1), and the
  // samples' manifold covers about half of the data (recall ≈ 0.5: the positive half plus a thin rim).
  const torch::Tensor half = real.index({real.select(1, 0).gt(0)});
  const PrecisionRecall pr = precision_recall(real, half);
  CHECK(pr.precision == 1.0);
  CHECK(pr.recall > 0.45);
  CHECK(pr.recall < 0.75);
  CHECK_THROWS_AS(precision_recall(real, torch::zeros({3, 4}, torch::kFloat64)), std::invalid_argument);
}
