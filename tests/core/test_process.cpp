// The forward process (core/process): parameterisation conversions, q(x_t | x₀), the Markov chain, the
// posterior, and the variational bound — each against its closed form, a Monte-Carlo check of the chain, an
// exact Gaussian model, and parity with tests/reference/process_reference.py (tests/data/process/).
#include "process/forward_process.h"
#include "process/parameterisation.h"
#include "process/variational_bound.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <atomic>
#include <cmath>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace difflab;

namespace {

const double kLog2 = std::log(2.0);
const double kPi = std::acos(-1.0);

NoiseSchedule linear_schedule(int64_t T, double b0 = 1e-4, double b1 = 0.02) {
  ScheduleOptions o;
  o.timesteps = T;
  o.beta_start = b0;
  o.beta_end = b1;
  return NoiseSchedule::from_options(o);
}

double max_abs_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no exception)";
}

void check_contains(const std::string& message, const std::string& part) {
  INFO("message: " << message);
  CHECK(message.find(part) != std::string::npos);
}

torch::Tensor f64(const std::vector<double>& v) { return torch::tensor(v, torch::kFloat64); }

nlohmann::json reference() {
  std::ifstream in(std::string(DIFFLAB_TEST_DATA_DIR) + "/process/process_reference.json");
  REQUIRE_MESSAGE(in.good(), "missing process_reference.json; run tests/reference/process_reference.py");
  return nlohmann::json::parse(in);
}

const PredictionType kTypes[] = {PredictionType::Epsilon, PredictionType::X0, PredictionType::V, PredictionType::Score};

}  // namespace

TEST_CASE("prediction type names") {
  for (auto p : kTypes) CHECK(parse_prediction_type(prediction_type_name(p)) == p);
  CHECK(prediction_type_name(PredictionType::Epsilon) == "eps");
  CHECK(prediction_type_name(PredictionType::Score) == "score");
  CHECK(parse_prediction_type("epsilon") == PredictionType::Epsilon);
  check_contains(error_of([] { parse_prediction_type("noise"); }), "unknown prediction type 'noise'");
}

TEST_CASE("parameterisations: closed forms and round trips in float64") {
  torch::manual_seed(1);
  const auto s = linear_schedule(1000);
  const ForwardProcess q(s);
  const torch::Tensor t = torch::tensor({1, 10, 250, 999}, torch::kInt64);  // not T: x₀ from ε divides by α
  const torch::Tensor x0 = torch::randn({4, 3, 5, 5}, torch::kFloat64);
  const torch::Tensor eps = torch::randn_like(x0);
  const torch::Tensor alpha = broadcast_coefficient(q.sqrt_alpha_bar(t), x0);
  const torch::Tensor sigma = broadcast_coefficient(q.sqrt_one_minus_alpha_bar(t), x0);
  CHECK(alpha.sizes() == torch::IntArrayRef({4, 1, 1, 1}));
  const torch::Tensor x_t = q.q_sample(x0, t, eps);

  // Definitions (Salimans & Ho 2022, eq. 9; Tweedie's score −ε/σ).
  const torch::Tensor v = v_from_eps_x0(eps, x0, alpha, sigma);
  CHECK(max_abs_diff(v, alpha * eps - sigma * x0) == 0.0);
  CHECK(max_abs_diff(score_from_eps(eps, sigma), -eps / sigma) == 0.0);

  // Round trips return the input (1e-10 in float64; t = 1 has σ ≈ 0.01, so ε from x₀ loses ~2 digits).
  CHECK(max_abs_diff(x0_from_eps(x_t, eps, alpha, sigma), x0) < 1e-10);
  CHECK(max_abs_diff(eps_from_x0(x_t, x0, alpha, sigma), eps) < 1e-10);
  CHECK(max_abs_diff(eps_from_v(x_t, v, alpha, sigma), eps) < 1e-10);
  CHECK(max_abs_diff(x0_from_v(x_t, v, alpha, sigma), x0) < 1e-10);
  CHECK(max_abs_diff(eps_from_score(score_from_eps(eps, sigma), sigma), eps) < 1e-10);
  for (auto p : kTypes) {
    CAPTURE(prediction_type_name(p));
    const torch::Tensor pred = prediction_from_x0_eps(p, x0, eps, alpha, sigma);
    const auto [x0_back, eps_back] = to_x0_eps(p, pred, x_t, alpha, sigma);
    CHECK(max_abs_diff(x0_back, x0) < 1e-10);
    CHECK(max_abs_diff(eps_back, eps) < 1e-10);
  }

  // 0-dim scalars broadcast too.
  const torch::Tensor a0 = torch::scalar_tensor(0.6, torch::kFloat64), s0 = torch::scalar_tensor(0.8, torch::kFloat64);
  const torch::Tensor xs = 0.6 * x0 + 0.8 * eps;
  const auto [xa, ea] = to_x0_eps(PredictionType::V, v_from_eps_x0(eps, x0, a0, s0), xs, a0, s0);
  CHECK(max_abs_diff(xa, x0) < 1e-12);
  CHECK(max_abs_diff(ea, eps) < 1e-12);
}

TEST_CASE("Tweedie: the exact ε̂ of Gaussian data gives the exact score of q(x_t)") {
  // x₀ ~ N(0, s²): x_t ~ N(0, ᾱ s² + 1 − ᾱ), E[ε | x_t] = σ x_t / (ᾱ s² + σ²), ∇ log q(x_t) = −x_t / (ᾱ s² + σ²).
  const double s2 = 0.3 * 0.3;
  const auto sched = linear_schedule(100);
  for (int64_t t : {1, 30, 100}) {
    const double ab = sched.alpha_bar(t), var = ab * s2 + 1.0 - ab;
    const torch::Tensor x_t = torch::linspace(-3, 3, 13, torch::kFloat64);
    const torch::Tensor sigma = torch::scalar_tensor(std::sqrt(1.0 - ab), torch::kFloat64);
    const torch::Tensor eps_hat = sigma * x_t / var;
    CHECK(max_abs_diff(score_from_eps(eps_hat, sigma), -x_t / var) < 1e-12);
  }
}

TEST_CASE("broadcast_coefficient shapes and errors") {
  const torch::Tensor v = torch::tensor({1.0, 2.0, 3.0}, torch::kFloat64);
  CHECK(broadcast_coefficient(v, 4).sizes() == torch::IntArrayRef({3, 1, 1, 1}));
  CHECK(broadcast_coefficient(v, 1).sizes() == torch::IntArrayRef({3}));
  const torch::Tensor like = torch::zeros({3, 2}, torch::kFloat32);
  const torch::Tensor b = broadcast_coefficient(v, like);
  CHECK(b.sizes() == torch::IntArrayRef({3, 1}));
  CHECK((b.scalar_type() == torch::kFloat32));
  check_contains(error_of([&] { broadcast_coefficient(torch::zeros({3, 1}), 2); }), "values must be 1-D [B], got 2");
  check_contains(error_of([&] {
                   broadcast_coefficient(v, torch::zeros({4, 2}));
                 }),
                 "3 coefficients for a batch of shape [4, 2]");
}

TEST_CASE("q_sample and markov_step equal Ho et al. eq. 4 and eq. 2, for tensor and scalar t") {
  torch::manual_seed(2);
  const auto s = linear_schedule(50);
  const ForwardProcess q(s);
  const torch::Tensor x0 = torch::randn({3, 2, 4}, torch::kFloat64);
  const torch::Tensor eps = torch::randn_like(x0);
  const torch::Tensor t = torch::tensor({0, 7, 50}, torch::kInt64);
  const torch::Tensor xt = q.q_sample(x0, t, eps);
  for (int64_t i = 0; i < 3; ++i) {
    const int64_t ti = t[i].item<int64_t>();
    const double ab = s.alpha_bar(ti);
    CHECK(max_abs_diff(xt[i], std::sqrt(ab) * x0[i] + std::sqrt(1.0 - ab) * eps[i]) < 1e-15);
    CHECK(max_abs_diff(q.q_sample(x0, ti, eps)[i], xt[i]) < 1e-15);
  }
  CHECK(max_abs_diff(q.q_sample(x0, 0, eps), x0) == 0.0);  // ᾱ_0 = 1
  CHECK((q.alpha_bar(t).scalar_type() == torch::kFloat64));
  CHECK(max_abs_diff(q.beta(torch::tensor({1, 50})), f64({s.beta(1), s.beta(50)})) == 0.0);

  const torch::Tensor t1 = torch::tensor({1, 20, 50}, torch::kInt64);
  const torch::Tensor xm = q.markov_step(x0, t1, eps);
  for (int64_t i = 0; i < 3; ++i) {
    const int64_t ti = t1[i].item<int64_t>();
    const double b = s.beta(ti);
    CHECK(max_abs_diff(xm[i], std::sqrt(1.0 - b) * x0[i] + std::sqrt(b) * eps[i]) < 1e-15);
    CHECK(max_abs_diff(q.markov_step(x0, ti, eps)[i], xm[i]) < 1e-15);
  }
  // float32 data stays float32.
  CHECK((q.q_sample(x0.to(torch::kFloat32), t, eps.to(torch::kFloat32)).scalar_type() == torch::kFloat32));

  check_contains(error_of([&] { q.q_sample(x0, 51, eps); }), "timestep t = 51 outside [0, 50]");
  check_contains(error_of([&] { q.markov_step(x0, torch::tensor({0, 1, 2}), eps); }), "timestep t = 0 outside [1, 50]");
  check_contains(error_of([&] { q.q_sample(x0, torch::tensor({1.0, 2.0, 3.0}), eps); }), "must be integer (int64)");
  check_contains(error_of([&] {
                   q.q_sample(x0, torch::tensor({{1, 2, 3}}), eps);
                 }),
                 "int64 tensor of shape [B], got shape [1, 3]");
}

TEST_CASE("Monte Carlo: the step-by-step Markov chain matches the closed form in mean and variance") {
  // N chains from fixed x₀ values; at several t compare the sample mean and variance of the chain (eq. 2
  // iterated) with the closed form N(√ᾱ_t x₀, 1 − ᾱ_t) (eq. 4), and with closed-form samples. Tolerance:
  // 5 standard errors (mean: √(v/N); variance: v √(2/N)), so a wrong ᾱ_t (e.g. off by one step) fails.
  torch::manual_seed(3);
  const int64_t N = 20000, T = 1000;
  const auto s = linear_schedule(T);
  const ForwardProcess q(s);
  const torch::Tensor x0 = f64({-1.0, 0.3, 2.0}).unsqueeze(0).expand({N, 3}).contiguous();
  torch::Tensor x = x0.clone();
  int64_t checked = 0;
  for (int64_t t = 1; t <= T; ++t) {
    x = q.markov_step(x, t, torch::randn_like(x));
    if (t != 1 && t != 10 && t != 100 && t != 500 && t != T) continue;
    CAPTURE(t);
    ++checked;
    const double ab = s.alpha_bar(t), var = 1.0 - ab;
    const torch::Tensor closed = q.q_sample(x0, t, torch::randn_like(x0));
    for (const torch::Tensor& samples : {x, closed}) {
      const torch::Tensor mean = samples.mean(0), v = samples.var(0);
      for (int64_t j = 0; j < 3; ++j) {
        const double expected_mean = std::sqrt(ab) * x0[0][j].item<double>();
        CHECK(std::abs(mean[j].item<double>() - expected_mean) < 5.0 * std::sqrt(var / N));
        CHECK(std::abs(v[j].item<double>() - var) < 5.0 * var * std::sqrt(2.0 / N));
      }
    }
  }
  CHECK(checked == 5);
}

TEST_CASE("posterior q(x_{t-1} | x_t, x0) equals Bayes' rule for the two Gaussians") {
  // q(x_{t−1} | x₀) = N(√ᾱ_{t−1} x₀, 1 − ᾱ_{t−1}), q(x_t | x_{t−1}) = N(√α_t x_{t−1}, β_t): the product's
  // precision is 1/(1 − ᾱ_{t−1}) + α_t/β_t, its mean var · (√ᾱ_{t−1} x₀/(1 − ᾱ_{t−1}) + √α_t x_t/β_t).
  const auto s = linear_schedule(100, 1e-3, 0.05);
  const ForwardProcess q(s);
  const torch::Tensor x0 = f64({0.5, -1.2});
  const torch::Tensor xt = f64({0.1, 0.9});
  for (int64_t t = 2; t <= 100; t += 7) {
    CAPTURE(t);
    const double ab_prev = s.alpha_bar(t - 1), b = s.beta(t), a = 1.0 - b;
    const double var = 1.0 / (1.0 / (1.0 - ab_prev) + a / b);
    const torch::Tensor mean = var * (std::sqrt(ab_prev) * x0 / (1.0 - ab_prev) + std::sqrt(a) * xt / b);
    const PosteriorMoments m = q.posterior(x0, xt, t);
    CHECK(max_abs_diff(m.mean, mean) < 1e-12);
    CHECK(m.variance.item<double>() == doctest::Approx(var).epsilon(1e-12));
    CHECK(m.variance.item<double>() == doctest::Approx(s.posterior_variance(t)).epsilon(1e-12));
    CHECK(m.log_variance_clipped.item<double>() == doctest::Approx(std::log(var)).epsilon(1e-12));
  }
  // t = 1: the posterior is the point mass at x₀; the clipped log-variance borrows t = 2's.
  const PosteriorMoments m1 = q.posterior(x0, xt, 1);
  CHECK(max_abs_diff(m1.mean, x0) < 1e-12);  // coef_x0 = β₁/(1 − (1 − β₁)) rounds at 1e-12
  CHECK(m1.variance.item<double>() == 0.0);
  CHECK(m1.log_variance_clipped.item<double>() == doctest::Approx(std::log(s.posterior_variance(2))).epsilon(1e-14));
  // Per-sample t and scalar t agree.
  const torch::Tensor tb = torch::tensor({3, 80}, torch::kInt64);
  const torch::Tensor X0 = torch::stack({x0, -x0}), XT = torch::stack({xt, xt * 2});
  const PosteriorMoments mb = q.posterior(X0, XT, tb);
  CHECK(mb.variance.sizes() == torch::IntArrayRef({2, 1}));
  CHECK(max_abs_diff(mb.mean[0], q.posterior(X0[0], XT[0], 3).mean) < 1e-15);
  CHECK(max_abs_diff(mb.mean[1], q.posterior(X0[1], XT[1], 80).mean) < 1e-15);
  check_contains(error_of([&] { q.posterior(x0, xt, 0); }), "timestep t = 0 outside [1, 100]");
}

TEST_CASE("normal_kl: zero for equal Gaussians, the closed form otherwise, and reference parity") {
  const torch::Tensor m = f64({0.0, 1.5, -2.0}), lv = f64({0.0, -3.0, 2.0});
  CHECK(max_abs_diff(normal_kl(m, lv, m, lv), torch::zeros(3, torch::kFloat64)) == 0.0);
  // KL(N(1, 4) ‖ N(0, 1)) = ½(4 + 1 − 1 − log 4).
  CHECK(normal_kl(f64({1.0}), f64({std::log(4.0)}), f64({0.0}), f64({0.0})).item<double>() ==
        doctest::Approx(0.5 * (4.0 + 1.0 - 1.0 - std::log(4.0))).epsilon(1e-14));
  const auto e = reference().at("elementwise");
  const torch::Tensor x = f64(e.at("x")), mean = f64(e.at("mean")), ls = f64(e.at("log_scale"));
  CHECK(max_abs_diff(normal_kl(x, ls, mean, 2 * ls - 0.3), f64(e.at("normal_kl"))) < 1e-9);
  CHECK(max_abs_diff(gaussian_log_likelihood(x, mean, ls), f64(e.at("gaussian_log_likelihood"))) < 1e-9);
  CHECK(max_abs_diff(discretized_gaussian_log_likelihood(x, mean, ls), f64(e.at("discretized_log_likelihood"))) <
        1e-12);
}

TEST_CASE("the discretized 8-bit decoder is a probability distribution over the 256 values") {
  const torch::Tensor grid = torch::arange(256, torch::kFloat64) / 127.5 - 1.0;
  for (double mean : {-1.3, -0.2, 0.0, 0.97}) {
    for (double log_scale : {-6.0, -3.0, 0.0}) {
      CAPTURE(mean);
      CAPTURE(log_scale);
      const torch::Tensor lp =
          discretized_gaussian_log_likelihood(grid, torch::full_like(grid, mean), torch::full_like(grid, log_scale));
      // Bins below probability 1e-12 are floored at 1e-12 (at most 256e-12 in all).
      CHECK(lp.exp().sum().item<double>() == doctest::Approx(1.0).epsilon(1e-9));
    }
  }
  // A narrow Gaussian centred in a bin puts almost all mass on it: log p ≈ 0.
  const torch::Tensor x = f64({10.0 / 127.5 - 1.0});
  CHECK(discretized_gaussian_log_likelihood(x, x, f64({-8.0})).item<double>() > -1e-12);
}

TEST_CASE("variational bound terms: parity with the python reference (improved-diffusion's formulas)") {
  const auto ref = reference();
  const auto& sc = ref.at("schedule");
  const auto s = linear_schedule(sc.at("timesteps"), sc.at("beta_start"), sc.at("beta_end"));
  const ForwardProcess q(s);
  const int64_t T = s.timesteps();
  const torch::Tensor x0 = f64(ref.at("x0")).reshape(ref.at("x0_shape").get<std::vector<int64_t>>());
  CHECK(max_abs_diff(prior_term(q, x0), f64(ref.at("prior"))) < 1e-12);
  const auto& post = ref.at("posterior");
  for (int64_t t = 1; t <= T; ++t) {
    const PosteriorCoefficients c = q.posterior_coefficients(t, x0);
    CHECK(c.coef_x0.item<double>() == doctest::Approx(post.at("coef_x0")[t - 1].get<double>()).epsilon(1e-13));
    CHECK(c.coef_xt.item<double>() == doctest::Approx(post.at("coef_xt")[t - 1].get<double>()).epsilon(1e-13));
    CHECK(c.variance.item<double>() == doctest::Approx(post.at("variance")[t - 1].get<double>()).epsilon(1e-13));
    CHECK(c.log_variance_clipped.item<double>() ==
          doctest::Approx(post.at("log_variance_clipped")[t - 1].get<double>()).epsilon(1e-13));
  }
  const torch::Tensor k = torch::arange(x0.numel(), torch::kFloat64).reshape(x0.sizes());
  for (const auto& combo : ref.at("terms")) {
    VariationalBoundOptions o;
    o.variance = parse_reverse_variance(combo.at("variance"));
    o.decoder = parse_decoder_likelihood(combo.at("decoder"));
    o.clip_denoised = combo.at("clip_denoised");
    CAPTURE(reverse_variance_name(o.variance));
    CAPTURE(decoder_likelihood_name(o.decoder));
    CAPTURE(o.clip_denoised);
    for (int64_t t = 1; t <= T; ++t) {
      CAPTURE(t);
      const torch::Tensor eps = 1.2 * torch::sin(1.7 * k + 0.37 * t + 0.3);
      const torch::Tensor x_t = q.q_sample(x0, t, eps);
      const torch::Tensor eps_hat = 0.8 * eps + 0.2 * torch::sin(3.0 * x_t + 0.1 * t);
      const torch::Tensor expected = f64(combo.at("per_t")[t - 1].get<std::vector<double>>());
      const torch::Tensor got = vlb_term(q, x0, x_t, t, eps_hat, o);
      CHECK(max_abs_diff(got, expected) < 1e-9 * (1.0 + expected.abs().max().item<double>()));
    }
  }
}

TEST_CASE("variational bound of the exact model of Gaussian data approaches −log N(x0; 0, s²)") {
  // x₀ ~ N(0, s² I) has the exact ε̂(x_t) = E[ε | x_t] = √(1−ᾱ_t) x_t / (ᾱ_t s² + 1 − ᾱ_t). With σ_t² = β_t the
  // reverse kernels approach the true reverse process as T grows, so the bound's expectation approaches
  // −log N(x₀; 0, s² I) (Gaussian decoder; continuous data). Each run is a one-sample estimate with spread
  // ≈ 1 nat per dimension, so N = 4000 copies of 5 points are averaged: standard error ≈ 0.016 nats per
  // sample of D = 2. Tolerance 0.08 nats (5 standard errors; the bias at T = 1000 is below 0.01 in the
  // python check). With σ_t² = β̃_t the bound is not tight: the first steps' reverse variance β̃_t ≈ β_t (t−1)/t
  // is too small whatever T is, a gap of about 0.5 nats per dimension, asserted to lie in [0.3, 0.7] per dim.
  torch::manual_seed(4);
  const double s = 0.5;
  const int64_t copies = 4000, D = 2;
  const torch::Tensor points = f64({-0.8, 0.1, -0.2, 0.5, 0.0, 0.0, 0.4, -0.6, 1.1, 0.9}).reshape({5, D});
  const torch::Tensor x0 = points.repeat({copies, 1});
  const torch::Tensor exact_nll =
      (0.5 * std::log(2.0 * kPi * s * s) + x0.pow(2) / (2.0 * s * s)).sum(1);  // −log N(x₀; 0, s² I)
  const ForwardProcess q(linear_schedule(1000));
  const NoiseSchedule& sched = q.schedule();
  const EpsPredictor exact_eps = [&](const torch::Tensor& x_t, const torch::Tensor& t) {
    const torch::Tensor ab = broadcast_coefficient(q.alpha_bar(t.to(torch::kInt64)), x_t);
    return (1.0 - ab).sqrt() * x_t / (ab * s * s + 1.0 - ab);
  };
  VariationalBoundOptions o;
  o.decoder = DecoderLikelihood::Gaussian;
  o.variance = ReverseVariance::Beta;
  o.seed = 7;
  double last_progress = 0.0;
  int progress_calls = 0;
  const VariationalBound large = variational_bound(q, x0, exact_eps, o, [&](double f) {
    CHECK(f > last_progress);
    last_progress = f;
    ++progress_calls;
  });
  CHECK(progress_calls == 1000);
  CHECK(last_progress == 1.0);
  CHECK(large.terms.sizes() == torch::IntArrayRef({5 * copies, 1000}));
  CHECK(max_abs_diff(large.total, large.prior + large.terms.sum(1)) < 1e-9);
  CHECK(max_abs_diff(large.bits_per_dim, large.total / (D * kLog2)) < 1e-12);
  // The prior term of this schedule (ᾱ_T ≈ 4e-5) is tiny, and its closed form is the KL of two Gaussians.
  const double abT = sched.alpha_bar(1000);
  const torch::Tensor prior_closed = (0.5 * (abT * x0.pow(2) - abT - std::log1p(-abT))).sum(1);
  CHECK(max_abs_diff(large.prior, prior_closed) < 1e-12);
  const double gap_large = (large.total - exact_nll).mean().item<double>();
  CHECK(std::abs(gap_large) < 0.08);

  o.variance = ReverseVariance::PosteriorVariance;
  const VariationalBound small = variational_bound(q, x0, exact_eps, o);
  const double gap_small_per_dim = (small.total - exact_nll).mean().item<double>() / D;
  CHECK(gap_small_per_dim > 0.3);
  CHECK(gap_small_per_dim < 0.7);
  // The seed fixes the x_t drawn: the same seed reproduces the bound, another one does not.
  const torch::Tensor few = x0.narrow(0, 0, 5);
  const torch::Tensor first = variational_bound(q, few, exact_eps, o).total;
  CHECK(max_abs_diff(variational_bound(q, few, exact_eps, o).total, first) == 0.0);
  o.seed = 8;
  CHECK(max_abs_diff(variational_bound(q, few, exact_eps, o).total, first) > 1e-3);
}

TEST_CASE("variational bound: errors and cancellation") {
  const ForwardProcess q(linear_schedule(10));
  const torch::Tensor x0 = torch::zeros({2, 3}, torch::kFloat64);
  const EpsPredictor zero = [](const torch::Tensor& x, const torch::Tensor&) { return torch::zeros_like(x); };
  std::atomic<bool> stop{true};
  CHECK(error_of([&] { variational_bound(q, x0, zero, {}, {}, &stop); }) == "cancelled");
  const EpsPredictor wrong = [](const torch::Tensor& x, const torch::Tensor&) {
    return torch::zeros({1}, x.options());
  };
  check_contains(error_of([&] { variational_bound(q, x0, wrong); }),
                 "the eps predictor returned shape [1] for x_t of shape [2, 3] at t = 10");
  check_contains(error_of([&] { variational_bound(q, x0 + 1.5, zero); }),
                 "the 8-bit decoder needs x0 scaled to [-1, 1], got values in [1.5");
  check_contains(error_of([&] { vlb_term(q, x0, x0, 11, x0); }), "timestep t = 11 outside [1, 10]");
  ScheduleOptions z;
  z.timesteps = 10;
  z.zero_terminal_snr = true;
  const ForwardProcess qz(NoiseSchedule::from_options(z));
  check_contains(error_of([&] { variational_bound(qz, x0, zero); }), "alpha_bar_10 = 0 (zero terminal SNR)");
  CHECK(prior_term(qz, x0 + 0.3).abs().max().item<double>() < 1e-12);  // q(x_T | x₀) = N(0, I) exactly
  check_contains(error_of([] { parse_reverse_variance("learned"); }), "unknown reverse variance 'learned'");
  check_contains(error_of([] { parse_decoder_likelihood("logistic"); }), "unknown decoder likelihood 'logistic'");
}

TEST_CASE("L0 with the true noise: the decoder is centred on x0, so L0 is the Gaussian mass of the bin") {
  // ε̂ = ε gives x̂₀ = x₀ and μ_θ(x₁, 1) = x₀ (the t = 1 posterior mean coefficients are 1 and 0). With
  // σ₁ = √β̃₂ (fixed-small) the decoder's bin mass is 2Φ(h/σ₁) − 1 for an inner bin and Φ(h/σ₁) for the
  // edge bin at −1, h = 1/255 (Ho et al. 2020, eq. 13).
  const ForwardProcess q(linear_schedule(10));
  torch::manual_seed(5);
  const torch::Tensor grid = (torch::arange(6, torch::kFloat64).reshape({2, 3}) * 50.0) / 127.5 - 1.0;
  const torch::Tensor e = torch::randn_like(grid);
  const torch::Tensor l0 = vlb_term(q, grid, q.q_sample(grid, 1, e), 1, e);
  const double z = (1.0 / 255.0) / std::sqrt(q.schedule().posterior_variance(2));
  const double phi = 0.5 * std::erfc(-z / std::sqrt(2.0));
  const double inner = -std::log(2.0 * phi - 1.0), edge = -std::log(phi);
  CHECK(l0[0].item<double>() == doctest::Approx(edge + 2 * inner).epsilon(1e-9));
  CHECK(l0[1].item<double>() == doctest::Approx(3 * inner).epsilon(1e-9));
}
