// PF-ODE tools checked against closed forms: Dormand–Prince on linear ODEs, and the ODE log-likelihood of a
// Gaussian data distribution, whose noised marginals, ε and log-densities are all exact.
#include "model/denoiser.h"
#include "ode/dormand_prince.h"
#include "ode/ode_likelihood.h"
#include "ode/probability_flow.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

using namespace difflab;

namespace {

// x₀ ~ N(μ, diag(s²)). Under VP noising x_t ~ N(α μ, α² s² + σ²), so the exact noise prediction is
// ε(x) = −σ ∇log p_t(x) = σ (x − α μ) / (α² s² + σ²).
class GaussianDenoiser : public Denoiser {
 public:
  GaussianDenoiser(NoiseSchedule s, torch::Tensor mu, torch::Tensor std)
      : Denoiser(std::move(s)), mu_(std::move(mu)), var_(std.pow(2)) {}
  DenoiserOutput predict(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor&) override {
    const double u = t[0].item<double>() / schedule().timesteps();
    const double a = schedule().alpha_cont(u), s = schedule().sigma_vp_cont(u);
    auto eps = s * (x - a * mu_) / (a * a * var_ + s * s);
    return {(x - s * eps) / a, eps};
  }
  std::vector<int64_t> sample_shape() const override { return {mu_.size(0)}; }
  torch::Tensor log_prob(const torch::Tensor& x, double u) const {
    const double a = schedule().alpha_cont(u), s = schedule().sigma_vp_cont(u);
    auto var = a * a * var_ + s * s;
    return (-0.5 * (x - a * mu_).pow(2) / var - 0.5 * torch::log(2 * M_PI * var)).sum(1);
  }

 private:
  torch::Tensor mu_, var_;
};

GaussianDenoiser make_gaussian() {
  return GaussianDenoiser(NoiseSchedule::from_options({}), torch::tensor({1.5, -0.5}, torch::kFloat64),
                          torch::tensor({0.5, 2.0}, torch::kFloat64));
}

}  // namespace

TEST_CASE("Dormand-Prince integrates y' = -y to exp(-t) within its tolerance, forwards and backwards") {
  auto f = [](double, const torch::Tensor& y) { return -y; };
  DormandPrinceOptions o;
  o.rtol = 1e-9;
  o.atol = 1e-12;
  auto r = integrate_dormand_prince(f, torch::ones({3}, torch::kFloat64), 0.0, 2.0, o);
  CHECK(r.y[0].item<double>() == doctest::Approx(std::exp(-2.0)).epsilon(1e-8));
  CHECK(r.nfe > 7);
  CHECK(r.nfe < 2000);
  auto back = integrate_dormand_prince(f, r.y, 2.0, 0.0, o);
  CHECK(back.y[1].item<double>() == doctest::Approx(1.0).epsilon(1e-7));
}

TEST_CASE("Dormand-Prince error falls as the tolerance tightens (fifth-order pair)") {
  // y' = cos(t) y, y(0) = 1 → y = exp(sin t).
  auto f = [](double t, const torch::Tensor& y) { return std::cos(t) * y; };
  double prev_err = 1.0;
  int64_t prev_nfe = 0;
  for (double tol : {1e-4, 1e-7, 1e-10}) {
    DormandPrinceOptions o;
    o.rtol = tol;
    o.atol = tol;
    auto r = integrate_dormand_prince(f, torch::ones({1}, torch::kFloat64), 0.0, 5.0, o);
    const double err = std::abs(r.y[0].item<double>() - std::exp(std::sin(5.0)));
    CHECK(err < 50 * tol);
    CHECK(err < prev_err);
    CHECK(r.nfe > prev_nfe);
    prev_err = err;
    prev_nfe = r.nfe;
  }
}

TEST_CASE("Dormand-Prince honours the stop flag and rejects bad tolerances") {
  std::atomic<bool> stop{true};
  auto f = [](double, const torch::Tensor& y) { return y; };
  CHECK_THROWS_WITH(integrate_dormand_prince(f, torch::ones({1}, torch::kFloat64), 0, 1, {}, {}, &stop), "cancelled");
  DormandPrinceOptions bad;
  bad.rtol = 0;
  CHECK_THROWS_WITH_AS(integrate_dormand_prince(f, torch::ones({1}), 0, 1, bad), doctest::Contains("rtol"),
                       std::invalid_argument);
}

TEST_CASE("the drift f = d log alpha / du matches a finite difference, at and between grid points") {
  for (auto family : {ScheduleFamily::Linear, ScheduleFamily::Cosine}) {
    ScheduleOptions so;
    so.family = family;
    so.timesteps = 100;
    auto s = NoiseSchedule::from_options(so);
    for (double u : {0.0105, 0.33, 0.3335, 0.5, 0.9005}) {
      const double h = 1e-7;
      const double fd = (std::log(s.alpha_cont(u + h)) - std::log(s.alpha_cont(u - h))) / (2 * h);
      CHECK(s.d_log_alpha_cont(u) == doctest::Approx(fd).epsilon(1e-5));
      CHECK(s.d_log_alpha_cont(u) < 0.0);
    }
  }
}

TEST_CASE("PF-ODE maps the Gaussian data marginal onto the noised marginal (exact transport)") {
  // For Gaussian data the PF-ODE is linear: x_u = α(u) μ + √(α² s² + σ²)/s · (x₀ − μ) componentwise.
  auto den = make_gaussian();
  auto x0 = torch::tensor({{2.0, 1.0}, {0.5, -3.0}}, torch::kFloat64);
  const double u0 = 1e-3, u1 = 0.6;
  DormandPrinceOptions o;
  o.rtol = o.atol = 1e-10;
  auto r = integrate_dormand_prince([&](double u, const torch::Tensor& x) { return pf_ode_velocity(den, x, u, {}); },
                                    x0, u0, u1, o);
  const auto& s = den.schedule();
  auto mu = torch::tensor({1.5, -0.5}, torch::kFloat64), var = torch::tensor({0.25, 4.0}, torch::kFloat64);
  auto sd = [&](double u) {
    return torch::sqrt(s.alpha_cont(u) * s.alpha_cont(u) * var + std::pow(s.sigma_vp_cont(u), 2));
  };
  auto expected = s.alpha_cont(u1) * mu + sd(u1) / sd(u0) * (x0 - s.alpha_cont(u0) * mu);
  // The schedule's spline is C¹ with T kinks in its second derivative, which caps RK45's accuracy near 1e-6.
  CHECK((r.y - expected).abs().max().item<double>() < 1e-5);
}

TEST_CASE("ODE log-likelihood equals the exact Gaussian log-density (exact divergence)") {
  auto den = make_gaussian();
  auto gen = at::detail::createCPUGenerator(3);
  auto x = torch::randn({64, 2}, gen, torch::kFloat64) * torch::tensor({0.5, 2.0}, torch::kFloat64) +
           torch::tensor({1.5, -0.5}, torch::kFloat64);
  OdeLikelihoodOptions o;
  o.u_start = 1e-3;
  o.rtol = o.atol = 1e-8;
  o.prior_log_prob = [&](const torch::Tensor& z) { return den.log_prob(z, 1.0); };
  auto r = ode_log_likelihood(den, x, {}, o);
  auto exact = den.log_prob(x, o.u_start);
  CHECK((r.log_prob - exact).abs().max().item<double>() < 1e-5);
  // With the N(0, I) prior the error is the (small) mismatch between p₁ and N(0, I) only.
  OdeLikelihoodOptions o2 = o;
  o2.prior_log_prob = nullptr;
  auto r2 = ode_log_likelihood(den, x, {}, o2);
  CHECK((r2.log_prob - exact).abs().mean().item<double>() < 0.02);
}

TEST_CASE("Hutchinson: Rademacher probes are exact for a diagonal Jacobian, Gaussian probes unbiased") {
  auto den = make_gaussian();
  auto x = torch::tensor({{1.0, 0.0}, {2.0, -1.0}, {1.5, 2.5}}, torch::kFloat64);
  OdeLikelihoodOptions exact_o;
  exact_o.rtol = exact_o.atol = 1e-7;
  auto exact = ode_log_likelihood(den, x, {}, exact_o).log_prob;

  OdeLikelihoodOptions rad = exact_o;
  rad.divergence = DivergenceMethod::HutchinsonRademacher;
  rad.probes = 1;
  CHECK(torch::allclose(ode_log_likelihood(den, x, {}, rad).log_prob, exact, 1e-6, 1e-6));

  // Gaussian probes: each seed is noisy, the mean over seeds converges to the exact value.
  OdeLikelihoodOptions gau = exact_o;
  gau.divergence = DivergenceMethod::HutchinsonGaussian;
  gau.probes = 4;
  std::vector<torch::Tensor> runs;
  for (uint64_t seed = 0; seed < 24; ++seed) {
    gau.seed = seed;
    runs.push_back(ode_log_likelihood(den, x, {}, gau).log_prob);
  }
  auto all = torch::stack(runs);
  auto mean = all.mean(0), sem = all.std(0) / std::sqrt(24.0);
  CHECK(all.std(0).max().item<double>() > 1e-4);  // the Gaussian estimator really is stochastic
  CHECK(((mean - exact).abs() <= 4 * sem + 1e-6).all().item<bool>());
}

TEST_CASE("bits per dimension and dequantisation") {
  // A uniform density on [−1, 1]^D has log p = −D log 2; 256 bins per dim → exactly 8 bits per dim.
  const int64_t D = 10;
  auto lp = torch::full({1}, -D * std::log(2.0), torch::kFloat64);
  CHECK(bits_per_dim_8bit(lp, D).item<double>() == doctest::Approx(8.0));
  auto img = torch::tensor({0, 255, 128}, torch::kUInt8);
  auto deq = dequantize_uint8(img, at::detail::createCPUGenerator(0));
  CHECK(deq[0].item<float>() >= -1.0f);
  CHECK(deq[0].item<float>() < -1.0f + 2.0f / 256);
  CHECK(deq[1].item<float>() >= 1.0f - 2.0f / 256);
  CHECK(deq[1].item<float>() < 1.0f);
  CHECK_THROWS_AS(dequantize_uint8(torch::zeros({2}), at::detail::createCPUGenerator(0)), std::invalid_argument);
}

#include "ode/interpolation.h"

TEST_CASE("slerp keeps the norm of equal-norm latents, hits both ends, and moves at constant angular speed") {
  auto gen = at::detail::createCPUGenerator(1);
  auto a = torch::randn({4, 64}, gen, torch::kFloat64);
  auto b = torch::randn({4, 64}, gen, torch::kFloat64);
  b = b / b.norm(2, 1, true) * a.norm(2, 1, true);
  CHECK(torch::allclose(slerp_latents(a, b, 0.0), a));
  CHECK(torch::allclose(slerp_latents(a, b, 1.0), b));
  auto angle = [](const torch::Tensor& x, const torch::Tensor& y) {
    return torch::acos((x * y).sum(1) / (x.norm(2, 1) * y.norm(2, 1)));
  };
  auto total = angle(a, b);
  for (double w : {0.25, 0.5, 0.9}) {
    auto m = slerp_latents(a, b, w);
    CHECK(torch::allclose(m.norm(2, 1), a.norm(2, 1), 1e-10, 1e-10));
    CHECK(torch::allclose(angle(a, m), w * total, 1e-8, 1e-8));
  }
  // Linear interpolation shrinks the norm midway, which is why it is the wrong path for Gaussian latents.
  CHECK((lerp_latents(a, b, 0.5).norm(2, 1) < 0.9 * a.norm(2, 1)).all().item<bool>());
  // Parallel inputs fall back to lerp instead of dividing by sin 0.
  CHECK(torch::allclose(slerp_latents(a, 2 * a, 0.5), 1.5 * a));
  CHECK(interpolation_weights(5) == std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0});
  CHECK_THROWS_AS(interpolation_weights(1), std::invalid_argument);
}
