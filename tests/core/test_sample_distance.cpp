// Sample distances (core/sampling/sample_distance) against closed forms: hand-computed small sets, the
// 1-D identity 𝓔 = 2∫(F − G)², energy distance and W₂ between 1-D Gaussians, and the sliced W₂ of a shift.
#include "sampling/sample_distance.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

using namespace difflab;

namespace {

// n deterministic "samples" of N(μ, s²): the quantiles at (i + ½)/n, so empirical statistics converge to
// the distribution's at rate 1/n without Monte-Carlo noise.
torch::Tensor gaussian_quantiles(double mu, double s, int64_t n) {
  auto u = (torch::arange(n, torch::kFloat64) + 0.5) / n;
  return (mu + s * std::sqrt(2.0) * torch::erfinv(2 * u - 1)).unsqueeze(1);
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// Energy distance between N(μ₁, s₁²) and N(μ₂, s₂²): with Z = X − Y ~ N(Δ, s²), s² = s₁² + s₂²,
// E|Z| = s √(2/π) exp(−Δ²/2s²) + Δ (1 − 2Φ(−Δ/s)) (folded normal mean), and E|X − X'| = 2 s₁/√π.
double gaussian_energy_distance(double mu1, double s1, double mu2, double s2) {
  const double d = mu1 - mu2, s = std::sqrt(s1 * s1 + s2 * s2);
  const double exy = s * std::sqrt(2.0 / M_PI) * std::exp(-d * d / (2 * s * s)) + d * (1 - 2 * normal_cdf(-d / s));
  return 2 * exy - 2 * s1 / std::sqrt(M_PI) - 2 * s2 / std::sqrt(M_PI);
}

}  // namespace

TEST_CASE("energy distance of a set with itself, or a permutation of it, is exactly zero") {
  torch::manual_seed(3);
  auto x = torch::randn({300, 2});
  CHECK(energy_distance(x, x) == 0.0);
  CHECK(energy_distance(x, x.index_select(0, torch::randperm(300))) < 1e-12);
  CHECK(energy_distance(x, x + 0.1) > 1e-4);
}

TEST_CASE("energy distance of small sets matches hand computation and 2∫(F − G)² in 1-D") {
  CHECK(energy_distance(torch::tensor({{0.0}}), torch::tensor({{1.0}})) == doctest::Approx(2.0));
  // x = {0, 1}, y = {0.5}: 2·0.5 − (0 + 1 + 1 + 0)/4 − 0 = 0.5; and F − G = ±½ on [0, 1): 2·(¼·1) = 0.5.
  CHECK(energy_distance(torch::tensor({{0.0}, {1.0}}), torch::tensor({{0.5}})) == doctest::Approx(0.5));
  // 2-D: x = {(0,0)}, y = {(3,4)}: 2·5 = 10.
  CHECK(energy_distance(torch::tensor({{0.0, 0.0}}), torch::tensor({{3.0, 4.0}})) == doctest::Approx(10.0));
  // Blocking does not change the sum.
  torch::manual_seed(5);
  auto a = torch::randn({257, 3}), b = torch::randn({131, 3}) + 0.3;
  CHECK(energy_distance(a, b, 16) == doctest::Approx(energy_distance(a, b)).epsilon(1e-12));
}

TEST_CASE("energy distance between 1-D Gaussians matches the closed form") {
  struct Case {
    double mu1, s1, mu2, s2;
  };
  for (Case c : {Case{0, 1, 0, 1}, Case{0, 1, 1, 1}, Case{0, 1, 0, 2}, Case{-1, 0.5, 2, 1.5}}) {
    CAPTURE(c.mu1);
    CAPTURE(c.s1);
    CAPTURE(c.mu2);
    CAPTURE(c.s2);
    const double expected = gaussian_energy_distance(c.mu1, c.s1, c.mu2, c.s2);
    const double got = energy_distance(gaussian_quantiles(c.mu1, c.s1, 3000), gaussian_quantiles(c.mu2, c.s2, 3000));
    CHECK(got == doctest::Approx(expected).scale(1.0).epsilon(2e-3));
  }
  // The energy distance grows with the shift: the comparison plot relies on monotonicity.
  double previous = 0.0;
  for (double shift : {0.1, 0.3, 1.0, 3.0}) {
    const double e = energy_distance(gaussian_quantiles(0, 1, 1000), gaussian_quantiles(shift, 1, 1000));
    CHECK(e > previous);
    previous = e;
  }
}

TEST_CASE("sliced Wasserstein in 1-D is W₂, exact for sets of different sizes") {
  // x = {0, 1}, y = {0, ½, 1}: the quantile functions differ by ½ on [⅓, ⅔), so W₂² = ¼ · ⅓ = 1/12.
  CHECK(sliced_wasserstein(torch::tensor({{0.0}, {1.0}}), torch::tensor({{0.0}, {0.5}, {1.0}})) ==
        doctest::Approx(std::sqrt(1.0 / 12.0)));
  // W₂(N(μ₁, s₁²), N(μ₂, s₂²))² = (μ₁ − μ₂)² + (s₁ − s₂)²; quantile sets make it exact up to O(1/n).
  const double w = sliced_wasserstein(gaussian_quantiles(0.5, 1.0, 4000), gaussian_quantiles(-1.0, 2.0, 4000));
  CHECK(w == doctest::Approx(std::sqrt(1.5 * 1.5 + 1.0)).epsilon(2e-3));
  CHECK(sliced_wasserstein(gaussian_quantiles(0, 1, 500), gaussian_quantiles(0, 1, 500)) == doctest::Approx(0.0));
}

TEST_CASE("sliced Wasserstein of a shift in D dimensions is ‖Δ‖/√D") {
  // For y = x + Δ every projection is shifted by θᵀΔ, so SW₂² = E_θ (θᵀΔ)² = ‖Δ‖²/D for θ uniform on the sphere.
  torch::manual_seed(11);
  auto x = torch::randn({400, 3}, torch::kFloat64);
  auto delta = torch::tensor({{1.0, -2.0, 2.0}}, torch::kFloat64);  // ‖Δ‖ = 3
  SlicedWassersteinOptions o;
  o.projections = 4000;
  o.seed = 7;
  CHECK(sliced_wasserstein(x, x + delta, o) == doctest::Approx(3.0 / std::sqrt(3.0)).epsilon(0.03));
  // Same seed, same directions, same value.
  o.projections = 64;
  CHECK(sliced_wasserstein(x, x + delta, o) == sliced_wasserstein(x, x + delta, o));
}

TEST_CASE("sample distances reject bad input with messages naming it") {
  auto x = torch::randn({10, 2});
  CHECK_THROWS_WITH_AS(energy_distance(x, torch::randn({10, 3})), doctest::Contains("dimension 3"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(energy_distance(torch::randn({10}), x), doctest::Contains("x must be a non-empty"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(energy_distance(x, torch::empty({0, 2})), doctest::Contains("y must be"), std::invalid_argument);
  SlicedWassersteinOptions o;
  o.projections = 0;
  CHECK_THROWS_WITH_AS(sliced_wasserstein(x, x, o), doctest::Contains("projections must be >= 1, got 0"),
                       std::invalid_argument);
}
