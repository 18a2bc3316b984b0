// Denoisers (core/model): the exact Gaussian-mixture denoiser against finite differences of its log density
// and against the single-Gaussian closed form; NetworkDenoiser's ε / x₀ / v conversions; classifier-free
// guidance at w = 0, 1 and beyond; load_denoiser on checkpoints, mixtures and bad files.
#include "data/dataset.h"
#include "model/classifier_free_guidance.h"
#include "model/classifier_guidance.h"
#include "model/gaussian_mixture_denoiser.h"
#include "model/model_loader.h"
#include "model/rescheduled_denoiser.h"
#include "model/network_denoiser.h"
#include "nn/diffusion_net.h"
#include "nn/network_config.h"
#include "io/checkpoint.h"
#include "sampling/sample_distance.h"
#include "sampling/sampler.h"
#include "train/trainer.h"

#include "core/tolerance.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace difflab;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("difflab_test_model_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

NoiseSchedule linear_schedule(int64_t T = 1000) {
  ScheduleOptions o;
  o.timesteps = T;
  return NoiseSchedule::from_options(o);
}

double max_abs_diff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

// A 3-D mixture of three components with full, anisotropic covariances.
GaussianMixture mixture_3d() {
  GaussianMixture m;
  m.weights = {0.5, 0.3, 0.2};
  m.means = {{1.0, -0.5, 0.2}, {-1.5, 0.8, 0.0}, {0.3, 1.2, -1.0}};
  m.covariances = {{{0.30, 0.05, 0.00}, {0.05, 0.20, 0.02}, {0.00, 0.02, 0.10}},
                   {{0.10, -0.03, 0.01}, {-0.03, 0.40, 0.00}, {0.01, 0.00, 0.25}},
                   {{0.05, 0.00, 0.00}, {0.00, 0.05, 0.00}, {0.00, 0.00, 0.50}}};
  return m;
}

GaussianMixture single_gaussian(std::vector<double> mu, double s2) {
  GaussianMixture m;
  m.weights = {1.0};
  m.means = {mu};
  std::vector<std::vector<double>> cov(mu.size(), std::vector<double>(mu.size(), 0.0));
  for (size_t i = 0; i < mu.size(); ++i) cov[i][i] = s2;
  m.covariances = {cov};
  return m;
}

// Two well separated 2-D blobs labelled "left" and "right".
std::shared_ptr<GaussianMixtureDenoiser> two_class_mixture() {
  GaussianMixture m;
  m.weights = {0.7, 0.3};
  m.means = {{-2.0, 0.0}, {2.0, 0.5}};
  m.covariances = {{{0.2, 0.0}, {0.0, 0.3}}, {{0.25, 0.05}, {0.05, 0.15}}};
  return std::make_shared<GaussianMixtureDenoiser>(m, linear_schedule(), std::vector<std::string>{"left", "right"});
}

// A "network" that knows the clean data x₀ and returns the exact target of its prediction type at (x_t, t):
// ε = (x_t − α x₀)/σ, then ε, x₀ or v = α ε − σ x₀. A NetworkDenoiser around it must hand back x₀ and ε.
class OracleNetImpl : public DiffusionNetImpl {
 public:
  OracleNetImpl(torch::Tensor x0, NoiseSchedule schedule, PredictionType type)
      : x0_(std::move(x0)), schedule_(std::move(schedule)), type_(type) {
    dummy_ = register_parameter("dummy", torch::zeros({1}));
  }
  torch::Tensor forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor&) override {
    ++calls;
    const int64_t B = x_t.size(0);
    torch::Tensor a = torch::empty({B, 1}, torch::kFloat64), s = torch::empty({B, 1}, torch::kFloat64);
    for (int64_t i = 0; i < B; ++i) {
      const double u = t[i].item<double>() / static_cast<double>(schedule_.timesteps());
      a[i][0] = schedule_.alpha_cont(u);
      s[i][0] = schedule_.sigma_vp_cont(u);
    }
    // Which x₀ rows: the oracle sees batches in order, so it keeps a cursor into x0_.
    const torch::Tensor x0 = x0_.slice(0, cursor_, cursor_ + B);
    cursor_ = (cursor_ + B) % x0_.size(0);
    const torch::Tensor eps = (x_t.to(torch::kFloat64) - a * x0) / s;
    return prediction_from_x0_eps(type_, x0, eps, a, s).to(torch::kFloat32);
  }
  int calls = 0;

 private:
  torch::Tensor x0_, dummy_;
  NoiseSchedule schedule_;
  PredictionType type_;
  int64_t cursor_ = 0;
};

// Counts inner predict() calls and the samples in them.
class CountingDenoiser : public Denoiser {
 public:
  explicit CountingDenoiser(std::shared_ptr<Denoiser> inner) : Denoiser(inner->schedule()), inner_(std::move(inner)) {}
  DenoiserOutput predict(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y) override {
    ++calls;
    samples += x.size(0);
    return inner_->predict(x, t, y);
  }
  bool is_conditional() const override { return inner_->is_conditional(); }
  std::vector<std::string> class_names() const override { return inner_->class_names(); }
  std::vector<int64_t> sample_shape() const override { return inner_->sample_shape(); }
  int calls = 0;
  int64_t samples = 0;

 private:
  std::shared_ptr<Denoiser> inner_;
};

}  // namespace

TEST_CASE("alpha_sigma is the schedule's √ᾱ_t, √(1 − ᾱ_t) at integer t and interpolates between") {
  GaussianMixtureDenoiser d(single_gaussian({0.0}, 1.0), linear_schedule());
  auto [a, s] = d.alpha_sigma(torch::tensor({0.0, 1.0, 10.0, 500.0, 1000.0}));
  const NoiseSchedule& sch = d.schedule();
  CHECK(a[0].item<double>() == 1.0);
  CHECK(s[0].item<double>() == 0.0);
  for (int i = 1; i < 5; ++i) {
    const int64_t t = std::vector<int64_t>{0, 1, 10, 500, 1000}[size_t(i)];
    CHECK(a[i].item<double>() == doctest::Approx(sch.sqrt_alpha_bar(t)).epsilon(1e-12));
    CHECK(s[i].item<double>() == doctest::Approx(sch.sqrt_one_minus_alpha_bar(t)).epsilon(1e-9));
  }
  auto [a_mid, s_mid] = d.alpha_sigma(torch::tensor({500.5}));
  CHECK(a_mid.item<double>() < sch.sqrt_alpha_bar(500));
  CHECK(a_mid.item<double>() > sch.sqrt_alpha_bar(501));
  CHECK(contains(error_of([&] { d.alpha_sigma(torch::tensor({1000.5})); }), "outside [0, T = 1000]"));
  CHECK_THROWS(d.alpha_sigma(torch::tensor({-1.0})));
}

TEST_CASE("exact GMM score equals the finite-difference gradient of its log density, in 3-D, at any t") {
  GaussianMixtureDenoiser d(mixture_3d(), linear_schedule());
  const torch::Tensor x =
      torch::tensor({{0.4, -0.2, 0.1}, {-1.0, 0.9, 0.3}, {2.0, 1.5, -1.2}, {0.0, 0.0, 0.0}}, torch::kFloat64);
  for (const double t : {0.0, 1.0, 37.5, 250.0, 999.0}) {
    CAPTURE(t);
    const torch::Tensor tt = torch::full({4}, t, torch::kFloat64);
    const torch::Tensor score = d.score(x, tt);
    const double h = 1e-5;
    for (int64_t i = 0; i < 3; ++i) {
      torch::Tensor e = torch::zeros({1, 3}, torch::kFloat64);
      e[0][i] = h;
      // Central difference: error O(h²) ≈ 1e-10 relative to the curvature.
      const torch::Tensor fd = (d.log_density(x + e, tt) - d.log_density(x - e, tt)) / (2 * h);
      CHECK(max_abs_diff(fd, score.select(1, i)) < 1e-6);
    }
  }
}

TEST_CASE("exact GMM denoiser of one Gaussian equals the closed form x̂₀ = μ + α s² (x − α μ)/(α² s² + σ²)") {
  const std::vector<double> mu = {0.7, -1.3};
  const double s2 = 0.6;
  GaussianMixtureDenoiser d(single_gaussian(mu, s2), linear_schedule());
  const torch::Tensor x = torch::tensor({{0.1, 0.2}, {-2.0, 3.0}, {1.5, -0.5}}, torch::kFloat64);
  const torch::Tensor mu_t = torch::tensor(mu, torch::kFloat64).unsqueeze(0);
  for (const double t : {1.0, 100.0, 333.3, 1000.0}) {
    CAPTURE(t);
    const torch::Tensor tt = torch::full({3}, t, torch::kFloat64);
    auto [alpha, sigma] = d.alpha_sigma(tt);
    const double a = alpha[0].item<double>(), s = sigma[0].item<double>();
    const torch::Tensor x0 = mu_t + a * s2 * (x - a * mu_t) / (a * a * s2 + s * s);
    const torch::Tensor eps = (x - a * x0) / s;
    const DenoiserOutput out = d.predict(x, tt, {});
    CHECK(max_abs_diff(out.x0, x0) < 1e-12);
    CHECK(max_abs_diff(out.eps, eps) < 1e-10);
    // log p_t is the log density of N(α μ, (α² s² + σ²) I).
    const double v = a * a * s2 + s * s;
    const torch::Tensor log_p = -std::log(2 * M_PI * v) - 0.5 * (x - a * mu_t).pow(2).sum(1) / v;
    CHECK(max_abs_diff(d.log_density(x, tt), log_p) < 1e-12);
  }
  // At t = 0 the data is clean: x̂₀ = x, ε̂ = 0; float32 in gives float32 out.
  const DenoiserOutput clean = d.predict(x.to(torch::kFloat32), torch::zeros({3}), {});
  CHECK((clean.x0.scalar_type() == torch::kFloat32));
  CHECK(max_abs_diff(clean.x0, x) < 1e-6);
  CHECK(clean.eps.abs().max().item<double>() == 0.0);
}

TEST_CASE("exact GMM: full covariance Tweedie x̂₀ = μ + α Σ (α² Σ + σ² I)⁻¹ (x − α μ), and log density at t = 0") {
  GaussianMixture one = mixture_3d();
  one.weights = {1.0};
  one.means.resize(1);
  one.covariances.resize(1);
  GaussianMixtureDenoiser d(one, linear_schedule());
  const torch::Tensor x = torch::tensor({{0.4, -0.2, 0.1}, {-1.0, 0.9, 0.3}}, torch::kFloat64);
  const torch::Tensor tt = torch::tensor({80.0, 80.0}, torch::kFloat64);
  auto [alpha, sigma] = d.alpha_sigma(tt);
  const double a = alpha[0].item<double>(), s = sigma[0].item<double>();
  torch::Tensor cov = torch::empty({3, 3}, torch::kFloat64), mu = torch::tensor(one.means[0], torch::kFloat64);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) cov[i][j] = one.covariances[0][size_t(i)][size_t(j)];
  const torch::Tensor C = a * a * cov + s * s * torch::eye(3, torch::kFloat64);
  const torch::Tensor x0 = mu + a * torch::matmul(cov, torch::linalg_solve(C, (x - a * mu).t())).t();
  CHECK(max_abs_diff(d.predict(x, tt, {}).x0, x0) < 1e-12);

  // At t = 0, p_0 is the data mixture itself (data/gaussian_mixture.h computes it independently).
  GaussianMixtureDenoiser full(mixture_3d(), linear_schedule());
  CHECK(max_abs_diff(full.log_density(x, torch::zeros({2})), gaussian_mixture_log_density(mixture_3d(), x)) < 1e-12);
}

TEST_CASE("exact GMM classes: y restricts the mixture to that class's components") {
  auto d = two_class_mixture();
  CHECK(d->is_conditional());
  CHECK(d->class_names() == std::vector<std::string>{"left", "right"});
  GaussianMixture right;
  right.weights = {1.0};
  right.means = {d->mixture().means[1]};
  right.covariances = {d->mixture().covariances[1]};
  GaussianMixtureDenoiser only_right(right, linear_schedule());
  const torch::Tensor x = torch::tensor({{0.1, 0.2}, {-2.0, 1.0}, {1.0, 0.0}}, torch::kFloat64);
  const torch::Tensor t = torch::tensor({300.0, 300.0, 700.0}, torch::kFloat64);
  const DenoiserOutput cond = d->predict(x, t, torch::full({3}, 1, torch::kInt64));
  const DenoiserOutput ref = only_right.predict(x, t, {});
  CHECK(max_abs_diff(cond.x0, ref.x0) < 1e-12);
  CHECK(max_abs_diff(cond.eps, ref.eps) < 1e-12);
  // −1 is the whole mixture.
  CHECK(max_abs_diff(d->predict(x, t, torch::full({3}, -1, torch::kInt64)).eps, d->predict(x, t, {}).eps) == 0.0);
  CHECK_THROWS_AS(d->predict(x, t, torch::full({3}, 2, torch::kInt64)), std::invalid_argument);
  // A single component is unconditional.
  CHECK_FALSE(only_right.is_conditional());
  // Components sharing a class name form one class.
  GaussianMixtureDenoiser grouped(mixture_3d(), linear_schedule(), {"a", "b", "a"});
  CHECK(grouped.class_names() == std::vector<std::string>{"a", "b"});
  CHECK(grouped.component_class()[2].item<int64_t>() == 0);
  CHECK_THROWS_AS(GaussianMixtureDenoiser(mixture_3d(), linear_schedule(), {"a"}), std::invalid_argument);
}

TEST_CASE("NetworkDenoiser: an oracle network of each parameterisation gives back the true x₀ and ε") {
  const NoiseSchedule schedule = linear_schedule();
  torch::manual_seed(3);
  const int64_t B = 7;
  const torch::Tensor x0 = torch::randn({B, 2}, torch::kFloat64);
  const torch::Tensor eps = torch::randn({B, 2}, torch::kFloat64);
  const torch::Tensor t = torch::tensor({1.0, 2.5, 50.0, 333.0, 640.25, 900.0, 1000.0}, torch::kFloat64);
  for (const auto type : {PredictionType::Epsilon, PredictionType::X0, PredictionType::V}) {
    CAPTURE(prediction_type_name(type));
    auto net = std::make_shared<OracleNetImpl>(x0, schedule, type);
    NetworkDenoiserOptions o;
    o.prediction = type;
    o.sample_shape = {2};
    o.batch_size = 3;  // 7 samples → calls of 3, 3 and 1
    NetworkDenoiser d(net, schedule, o);
    auto [a, s] = d.alpha_sigma(t);
    const torch::Tensor x_t = a.view({B, 1}) * x0 + s.view({B, 1}) * eps;
    const DenoiserOutput out = d.predict(x_t, t, {});
    CHECK(net->calls == 3);
    CHECK((out.x0.scalar_type() == torch::kFloat64));
    // float32 network output, converted in float64: x₀ from ε divides by α ≈ 0.0064 at t = 1000.
    CHECK(max_abs_diff(out.x0, x0) < 5e-4);
    CHECK(max_abs_diff(out.eps, eps) < 5e-4);
    CHECK(max_abs_diff(out.x0.slice(0, 0, 5), x0.slice(0, 0, 5)) < 1e-5);
  }
  // σ = 0: clean data whatever the network says.
  auto net = std::make_shared<OracleNetImpl>(x0, schedule, PredictionType::X0);
  NetworkDenoiserOptions o;
  o.prediction = PredictionType::X0;
  o.sample_shape = {2};
  NetworkDenoiser d(net, schedule, o);
  const DenoiserOutput clean = d.predict(x0, torch::zeros({B}), {});
  CHECK(max_abs_diff(clean.x0, x0) == 0.0);
  CHECK(clean.eps.abs().max().item<double>() == 0.0);
  CHECK_FALSE(d.is_conditional());
  CHECK_THROWS_AS(d.predict(x0, torch::full({B}, 10.0), torch::full({B}, 0, torch::kInt64)), std::invalid_argument);
}

TEST_CASE("NetworkDenoiser clip_x0: x̂₀ clamped to [-1, 1], ε̂ re-derived so that α x̂₀ + σ ε̂ = x_t") {
  const NoiseSchedule schedule = linear_schedule();
  torch::manual_seed(4);
  const int64_t B = 6;
  const torch::Tensor x0 = 3.0 * torch::randn({B, 2}, torch::kFloat64);  // far outside the pixel range
  const torch::Tensor eps = torch::randn({B, 2}, torch::kFloat64);
  const torch::Tensor t = torch::tensor({2.0, 50.0, 200.0, 500.0, 800.0, 999.0}, torch::kFloat64);
  auto net = std::make_shared<OracleNetImpl>(x0, schedule, PredictionType::Epsilon);
  NetworkDenoiserOptions o;
  o.sample_shape = {2};
  o.clip_x0 = true;
  NetworkDenoiser d(net, schedule, o);
  auto [a, s] = d.alpha_sigma(t);
  const torch::Tensor x_t = a.view({B, 1}) * x0 + s.view({B, 1}) * eps;
  const DenoiserOutput out = d.predict(x_t, t, {});
  CHECK(max_abs_diff(out.x0, x0.clamp(-1.0, 1.0)) < 1e-3);
  CHECK(max_abs_diff(a.view({B, 1}) * out.x0 + s.view({B, 1}) * out.eps, x_t) < 1e-9);
  o.clip_x0 = false;
  NetworkDenoiser unclipped(net, schedule, o);
  CHECK(unclipped.predict(x_t, t, {}).x0.abs().max().item<double>() > 2.0);
}

TEST_CASE(
    "NetworkDenoiser is differentiable in x_t when asked (the ODE likelihood's divergence), and records no graph "
    "otherwise") {
  torch::manual_seed(5);
  const NoiseSchedule schedule = linear_schedule();
  auto net = make_network(NetworkConfig::from_preset("mlp", "default", {2}));
  NetworkDenoiserOptions o;
  o.sample_shape = {2};
  NetworkDenoiser d(net, schedule, o);
  const torch::Tensor x = torch::randn({4, 2}, torch::kFloat64);
  const torch::Tensor t = torch::full({4}, 300.0, torch::kFloat64);

  CHECK_FALSE(d.predict(x, t, {}).eps.requires_grad());  // sampling: plain tensors, no graph
  const torch::Tensor xg = x.clone().requires_grad_(true);
  const torch::Tensor eps = d.predict(xg, t, {}).eps;
  REQUIRE(eps.requires_grad());
  // ∂ε̂₀/∂x₀ for every sample by autograd equals the central difference of the float32 network.
  const torch::Tensor g = torch::autograd::grad({eps.select(1, 0).sum()}, {xg})[0].select(1, 0);
  const double h = 1e-2;
  const torch::Tensor e0 = torch::zeros({4, 2}, torch::kFloat64).index_put_({torch::indexing::Slice(), 0}, h);
  const torch::Tensor fd = (d.predict(x + e0, t, {}).eps - d.predict(x - e0, t, {}).eps).select(1, 0) / (2 * h);
  CHECK(max_abs_diff(g, fd) < 1e-3 * (1.0 + fd.abs().max().item<double>()));
  CHECK(g.abs().max().item<double>() > 0.0);
}

TEST_CASE("NetworkDenoiser chunks: the network's CPU chunk (DDPM U-Net 32, MLP whole batch); same results") {
  torch::manual_seed(8);
  const NoiseSchedule schedule = linear_schedule();
  auto unet = make_network(NetworkConfig::from_preset("ddpm-unet", "small", {1, 8, 8}));
  NetworkDenoiserOptions o;
  o.sample_shape = {1, 8, 8};
  NetworkDenoiser automatic(unet, schedule, o);
  CHECK(automatic.chunk_size(256) == 32);
  CHECK(automatic.chunk_size(5) == 5);
  o.batch_size = -1;
  NetworkDenoiser whole(unet, schedule, o);
  CHECK(whole.chunk_size(256) == 256);
  o.batch_size = 7;
  NetworkDenoiser seven(unet, schedule, o);
  CHECK(seven.chunk_size(256) == 7);
  // 40 samples: chunks of 32 + 8 (automatic) and of 7 give the whole batch's x̂₀ and ε̂ (GroupNorm is per sample).
  const torch::Tensor x = torch::randn({40, 1, 8, 8});
  const torch::Tensor t = torch::linspace(1, 999, 40);
  const DenoiserOutput ref = whole.predict(x, t, {});
  // Other batch shapes run other oneDNN/ATen kernels, so ε̂ agrees to the float32 rounding of the network
  // (tests/core/tolerance.h: √2 · 6 u √(64 · 1152) ≈ 1.4e-4 relative to max |ε̂| ≈ 1.3, i.e. 1.8e-4; measured
  // ≤ 1.9e-6 with the AVX-512/AMX, AVX2 and default kernels, 1 and 2 threads). x̂₀ = (x_t − σ ε̂)/α, formed in
  // float64 and rounded to float32, moves by σ/α times ε̂'s difference (σ/α ≈ 156 at t = 999) plus one rounding
  // of |x̂₀| on each side (|x̂₀| reaches ~500, an ulp 3e-5: the 1e-4 bound this replaces was 3 ulps there).
  // A chunking bug (samples mixed across chunks by a norm, a wrong slice of t or y) changes ε̂ by O(max |ε̂|);
  // even t off by one step of 1000 moves ε̂ by 3.7e-2, 200 times the bound.
  auto [alpha, sigma] = whole.alpha_sigma(t);
  const double eps_tol =
      test::fp32_network_tolerance(test::kSmallUnetDepth, test::kSmallUnetMaxFanIn, test::max_abs(ref.eps));
  const torch::Tensor x0_tol =
      (sigma / alpha) * eps_tol + 2.0 * test::kUnitRoundoffF32 * ref.x0.to(torch::kFloat64).abs().flatten(1).amax(1);
  for (NetworkDenoiser* d : {&automatic, &seven}) {
    CAPTURE(d->chunk_size(40));
    const DenoiserOutput out = d->predict(x, t, {});
    const torch::Tensor x0_diff = (out.x0.to(torch::kFloat64) - ref.x0.to(torch::kFloat64)).abs().flatten(1).amax(1);
    MESSAGE("chunk " << d->chunk_size(40) << ": max |Δε̂| " << max_abs_diff(out.eps, ref.eps) << " (bound " << eps_tol
                     << "), max |Δx̂₀|/bound " << (x0_diff / x0_tol).max().item<double>() << ", max |Δx̂₀| "
                     << x0_diff.max().item<double>());
    CHECK(max_abs_diff(out.eps, ref.eps) <= eps_tol);
    CHECK((x0_diff <= x0_tol).all().item<bool>());
  }
  NetworkDenoiserOptions p;
  p.sample_shape = {2};
  NetworkDenoiser points(make_network(NetworkConfig::from_preset("mlp", "default", {2})), schedule, p);
  CHECK(points.chunk_size(4096) == 4096);
}

TEST_CASE(
    "classifier-free guidance: w = 0 is unconditional, w = 1 conditional, w = 3 extrapolates; one 2B call per step") {
  auto mixture = two_class_mixture();
  auto counting = std::make_shared<CountingDenoiser>(mixture);
  const torch::Tensor x = torch::tensor({{0.1, 0.2}, {-2.0, 1.0}, {1.0, 0.0}, {0.5, -0.5}}, torch::kFloat64);
  const torch::Tensor t = torch::tensor({100.0, 400.0, 650.5, 900.0}, torch::kFloat64);
  const torch::Tensor y = torch::tensor({0, 1, 1, 0}, torch::kInt64);
  const DenoiserOutput uncond = mixture->predict(x, t, {});
  const DenoiserOutput cond = mixture->predict(x, t, y);

  GuidanceOptions o;
  o.scale = 0.0;
  ClassifierFreeGuidance w0(counting, o);
  CHECK(max_abs_diff(w0.predict(x, t, y).eps, uncond.eps) < 1e-14);
  CHECK(counting->calls == 1);
  CHECK(counting->samples == 8);
  CHECK(w0.evaluations_per_call() == 2);
  o.scale = 1.0;
  ClassifierFreeGuidance w1(mixture, o);
  const DenoiserOutput out1 = w1.predict(x, t, y);
  CHECK(max_abs_diff(out1.eps, cond.eps) < 1e-12);
  CHECK(max_abs_diff(out1.x0, cond.x0) < 1e-12);
  o.scale = 3.0;
  ClassifierFreeGuidance w3(mixture, o);
  const DenoiserOutput out3 = w3.predict(x, t, y);
  CHECK(max_abs_diff(out3.eps, uncond.eps + 3.0 * (cond.eps - uncond.eps)) < 1e-12);
  // x̂₀ stays consistent with ε̂: x̂₀ = (x − σ ε̂)/α.
  auto [a, s] = w3.alpha_sigma(t);
  CHECK(max_abs_diff(out3.x0, (x - s.view({4, 1}) * out3.eps) / a.view({4, 1})) < 1e-10);
  // Unlabelled samples stay unconditional.
  const DenoiserOutput mixed = w3.predict(x, t, torch::tensor({-1, 1, 1, -1}, torch::kInt64));
  CHECK(max_abs_diff(mixed.eps[0], uncond.eps[0]) < 1e-14);
}

TEST_CASE("guidance curves over t/T") {
  GuidanceOptions o;
  o.scale = 5.0;
  o.start_scale = 1.0;
  o.curve = GuidanceCurve::Linear;
  CHECK(o.scale_at(1000, 1000) == doctest::Approx(1.0));
  CHECK(o.scale_at(0, 1000) == doctest::Approx(5.0));
  CHECK(o.scale_at(500, 1000) == doctest::Approx(3.0));
  o.curve = GuidanceCurve::Cosine;
  CHECK(o.scale_at(1000, 1000) == doctest::Approx(1.0));
  CHECK(o.scale_at(500, 1000) == doctest::Approx(3.0));
  CHECK(o.scale_at(250, 1000) == doctest::Approx(1.0 + 4.0 * 0.5 * (1 + std::cos(M_PI / 4))));
  o.curve = GuidanceCurve::Interval;
  o.interval_low = 200;
  o.interval_high = 600;
  CHECK(o.scale_at(100, 1000) == 1.0);
  CHECK(o.scale_at(300, 1000) == 5.0);
  CHECK(parse_guidance_curve("cosine") == GuidanceCurve::Cosine);
  CHECK(contains(error_of([] { parse_guidance_curve("sawtooth"); }), "'sawtooth'"));
}

TEST_CASE("guidance on an unconditional model is an error that says so; classes by name list the valid ones") {
  auto unconditional = std::make_shared<GaussianMixtureDenoiser>(single_gaussian({0.0, 0.0}, 1.0), linear_schedule());
  const std::string msg = error_of([&] { ClassifierFreeGuidance(unconditional, GuidanceOptions{}); });
  CHECK(contains(msg, "needs a class-conditional model"));
  CHECK(contains(msg, "unconditional"));
  CHECK(contains(error_of([&] { class_index(*unconditional, "left"); }), "unconditional"));
  auto d = two_class_mixture();
  CHECK(class_index(*d, "right") == 1);
  CHECK(class_index(*d, "0") == 0);
  const std::string bad = error_of([&] { class_index(*d, "up"); });
  CHECK(contains(bad, "unknown class 'up'"));
  CHECK(contains(bad, "'left', 'right'"));
}

TEST_CASE("load_denoiser: mixture JSON with classes, a trained checkpoint, and clear errors for bad files") {
  // Mixture JSON.
  const std::string mix = temp_path("mix.json");
  std::ofstream(mix) << R"({"weights":[1,3],"means":[[0,0],[4,0]],"covariances":[[[1,0],[0,1]],[[0.5,0],[0,0.5]]],
                            "classes":["small","big"]})";
  DenoiserLoadOptions lo;
  lo.schedule.family = ScheduleFamily::Cosine;
  lo.schedule.timesteps = 200;
  auto m = load_denoiser(mix, lo);
  CHECK(m->schedule().timesteps() == 200);
  CHECK(m->class_names() == std::vector<std::string>{"small", "big"});
  CHECK((m->sample_shape() == std::vector<int64_t>{2}));
  CHECK(contains(m->description(), "mix.json"));

  // A checkpoint written by the Trainer: the loaded denoiser reproduces the EMA network's ε prediction.
  NetworkConfig net = NetworkConfig::from_preset("mlp", "default", {2}, 2);
  net.mlp.hidden = 16;
  net.mlp.num_blocks = 1;
  TrainingData data;
  data.data = torch::randn({64, 2});
  data.labels = torch::randint(0, 2, {64}, torch::kInt64);
  data.class_names = {"a", "b"};
  data.name = "blobs";
  ScheduleOptions so;
  so.timesteps = 100;
  ObjectiveOptions oo;
  oo.prediction = PredictionType::V;
  TrainerOptions to;
  to.batch_size = 16;
  to.total_steps = 3;
  to.ema_decay = 0.5;
  Trainer trainer(net, so, oo, data, to);
  trainer.run(3);
  const std::string ckpt = temp_path("model.ckpt");
  trainer.save_checkpoint(ckpt);
  auto loaded = load_denoiser(ckpt, {});
  CHECK(loaded->is_conditional());
  CHECK(loaded->class_names() == std::vector<std::string>{"a", "b"});
  CHECK(loaded->schedule().timesteps() == 100);
  CHECK(contains(loaded->description(), "predicts v"));
  CHECK(contains(loaded->description(), "EMA"));
  const torch::Tensor x = torch::randn({5, 2}), t = torch::full({5}, 40.0),
                      y = torch::tensor({0, 1, -1, 0, 1}, torch::kInt64);
  NetworkDenoiserOptions no;
  no.prediction = PredictionType::V;
  no.sample_shape = {2};
  no.class_names = {"a", "b"};
  NetworkDenoiser reference(trainer.ema_network(), NoiseSchedule::from_options(so), no);
  CHECK(max_abs_diff(loaded->predict(x, t, y).eps, reference.predict(x, t, y).eps) < 1e-6);

  // Truncated checkpoint, foreign file, empty and missing files, bad mixture.
  std::string bytes;
  {
    std::ifstream in(ckpt, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string cut = temp_path("cut.ckpt");
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  const std::string cut_msg = error_of([&] { load_denoiser(cut, {}); });
  CHECK(contains(cut_msg, cut));
  CHECK(contains(cut_msg, "truncated"));
  const std::string foreign = temp_path("foreign.bin");
  std::ofstream(foreign, std::ios::binary) << "\x89PNG\r\n\x1a\n not a model";
  const std::string foreign_msg = error_of([&] { load_denoiser(foreign, {}); });
  CHECK(contains(foreign_msg, foreign));
  CHECK(contains(foreign_msg, "neither a Diffusion Lab checkpoint"));
  CHECK(contains(error_of([&] { load_denoiser(temp_path("missing.ckpt"), {}); }), "cannot open model file"));
  const std::string bad_mix = temp_path("bad.json");
  std::ofstream(bad_mix) << R"({"weights":[1],"means":[[0,0]],"covariances":[[[1,2],[2,1]]]})";
  const std::string bad_msg = error_of([&] { load_denoiser(bad_mix, {}); });
  CHECK(contains(bad_msg, bad_mix));
  CHECK(contains(bad_msg, "positive definite"));
  std::ofstream(bad_mix) << "{ not json";
  CHECK(contains(error_of([&] { load_denoiser(bad_mix, {}); }), "not valid JSON"));
  for (const auto& p : {mix, ckpt, cut, foreign, bad_mix}) std::filesystem::remove(p);
}

TEST_CASE("data scale from the checkpoint's normalisation string") {
  const DataScale images = DataScale::from_checkpoint("images", DataScale::kImagesNormalization);
  CHECK(images.scale == 127.5);
  CHECK(images.offset == 127.5);
  const DataScale points = DataScale::from_checkpoint("points", "identity (points centred, scaled by 1.5)");
  CHECK(points.scale == 1.0);
  CHECK(points.offset == 0.0);
  CHECK(points.normalization == "identity (points centred, scaled by 1.5)");
  CHECK_FALSE(points.is_images());
  // The maps themselves: uint8 {0, 255} ↔ {−1, 1}; 8-bit quantisation clamps and rounds to the nearest level.
  const auto levels = torch::tensor({0, 1, 128, 255}, torch::kUInt8);
  const auto x = images.to_model(levels);
  CHECK((x.scalar_type() == torch::kFloat32));
  CHECK(x[0].item<double>() == -1.0);
  CHECK(x[3].item<double>() == 1.0);
  CHECK(x[1].item<double>() == doctest::Approx(1.0 / 127.5 - 1.0).epsilon(1e-6));
  CHECK(torch::equal(images.quantize_8bit(x), levels));
  CHECK(torch::equal(images.to_data(x).round().to(torch::kUInt8), levels));
  const auto off = torch::tensor({-3.0, 0.001, 0.006, 7.0}, torch::kFloat64);
  CHECK(torch::equal(images.quantize_8bit(off), torch::tensor({0, 128, 128, 255}, torch::kUInt8)));
  const auto grid = images.on_8bit_grid(off);
  CHECK((grid.scalar_type() == torch::kFloat64));
  CHECK(grid[1].item<double>() == doctest::Approx(128.0 / 127.5 - 1.0).epsilon(1e-12));
  CHECK(grid[0].item<double>() == -1.0);
  CHECK(torch::equal(points.on_8bit_grid(off), off));
  CHECK(torch::equal(points.to_model(off), off));
  CHECK_THROWS_AS(points.quantize_8bit(off), std::logic_error);
  CHECK(DataScale::for_kind(DataKind::Images).scale == 127.5);
  CHECK(DataScale::for_kind(DataKind::Points).scale == 1.0);
}

TEST_CASE("a model rescheduled to another schedule predicts as if trained on it, where the noise levels overlap") {
  // The exact mixture denoiser is exact under any schedule: trained (built) on linear and asked along cosine
  // by matching log-SNR, it must give what the mixture gives under cosine directly (Kingma et al. 2021, sec. 4).
  ScheduleOptions linear, cosine;
  cosine.family = ScheduleFamily::Cosine;
  auto own = std::make_shared<GaussianMixtureDenoiser>(mixture_3d(), NoiseSchedule::from_options(linear));
  GaussianMixtureDenoiser direct(mixture_3d(), NoiseSchedule::from_options(cosine));
  RescheduledDenoiser moved(own, NoiseSchedule::from_options(cosine));
  torch::manual_seed(3);
  const torch::Tensor x = torch::randn({6, 3}, torch::kFloat64) * 1.5;
  int checked = 0, extrapolated = 0;
  for (const double t : {0.0, 1.0, 37.5, 250.0, 500.0, 700.0, 850.0, 990.0, 1000.0}) {
    const torch::Tensor tt = torch::full({6}, t, torch::kFloat64);
    const DenoiserOutput a = moved.predict(x, tt, {}), b = direct.predict(x, tt, {});
    const auto [ti, beyond] = moved.inner_time(t);
    CAPTURE(t);
    if (!beyond) {
      // Same λ: same α, σ, so the same posterior; only the λ inversion's rounding separates them.
      CHECK(torch::allclose(a.x0, b.x0, 1e-7, 1e-7));
      CHECK(torch::allclose(a.eps, b.eps, 1e-7, 1e-7));
      CHECK(ti <= 1000.0);
      ++checked;
    } else {
      // Cosine ends noisier than linear (λ_T ≈ −10.1 for linear): the model is asked at its own T, and ε̂ is
      // re-derived from x̂₀ with cosine's α and σ, so x_t = α x̂₀ + σ ε̂ holds exactly.
      CHECK(ti == doctest::Approx(1000.0));
      const auto [alpha, sigma] = moved.alpha_sigma(tt);
      const torch::Tensor back = alpha.view({6, 1}) * a.x0 + sigma.view({6, 1}) * a.eps;
      CHECK(torch::allclose(back, x, 1e-10, 1e-10));
      ++extrapolated;
    }
  }
  CHECK(checked >= 6);
  CHECK(extrapolated >= 1);
  CHECK(moved.description().find("by matching log-SNR") != std::string::npos);
}

// --- classifier guidance (Dhariwal & Nichol 2021, Algorithm 2) ----------------------------------------------

TEST_CASE("exact mixture classifier: p_t(y | x) sums to one, tends to the prior as t → T, and is sharp at t → 0") {
  auto mixture = two_class_mixture();
  MixtureClassifier classifier(mixture);
  const torch::Tensor x = torch::tensor({{-2.0, 0.0}, {2.0, 0.5}, {0.1, 0.2}}, torch::kFloat64);
  for (const double t : {1.0, 300.0, 1000.0}) {
    const torch::Tensor p = classifier.log_probs(x, torch::full({3}, t, torch::kFloat64)).exp();
    CHECK(torch::allclose(p.sum(1), torch::ones({3}, torch::kFloat64), 1e-12, 1e-12));
    // At T the linear schedule keeps α_T ≈ 0.006 of the signal: log-odds move by ≈ α x·Δμ/σ² ≲ 0.05.
    if (t == 1000.0) CHECK(torch::allclose(p.select(1, 0), torch::full({3}, 0.7, torch::kFloat64), 0, 0.02));
    if (t == 1.0) {
      CHECK(p[0][0].item<double>() > 0.999);  // at the left mean: left
      CHECK(p[1][1].item<double>() > 0.999);  // at the right mean: right
    }
  }
  // The closed-form gradient equals central differences of the log-probabilities.
  const torch::Tensor t = torch::full({3}, 420.0, torch::kFloat64), y = torch::tensor({1, 0, 1}, torch::kLong);
  const torch::Tensor g = classifier.grad_log_prob(x, t, y);
  const double h = 1e-6;
  for (int64_t d = 0; d < 2; ++d) {
    torch::Tensor step = torch::zeros({3, 2}, torch::kFloat64);
    step.select(1, d).fill_(h);
    const torch::Tensor up = classifier.log_probs(x + step, t).gather(1, y.unsqueeze(1)).squeeze(1);
    const torch::Tensor down = classifier.log_probs(x - step, t).gather(1, y.unsqueeze(1)).squeeze(1);
    CHECK(torch::allclose(g.select(1, d), (up - down) / (2 * h), 1e-6, 1e-6));
  }
}

TEST_CASE("classifier guidance at s = 1 with the exact classifier is the exact conditional denoiser") {
  // ∇ log p_t(x) + ∇ log p_t(y | x) = ∇ log p_t(x | y): the guided unconditional mixture must predict what the
  // mixture restricted to class y predicts, at every t, for every sample's own label.
  auto mixture = two_class_mixture();
  ClassifierGuidanceOptions o;
  o.scale = 1.0;
  o.inner_gets_labels = false;  // the inner model answers for the whole mixture
  ClassifierGuidance guided(mixture, std::make_shared<MixtureClassifier>(mixture), o);
  torch::manual_seed(5);
  const torch::Tensor x = torch::randn({8, 2}, torch::kFloat64) * 2.0;
  const torch::Tensor y = torch::tensor({0, 1, 1, 0, 1, -1, 0, 1}, torch::kLong);
  for (const double t : {0.5, 10.0, 250.0, 600.0, 999.0}) {
    const torch::Tensor tt = torch::full({8}, t, torch::kFloat64);
    const DenoiserOutput g = guided.predict(x, tt, y);
    const DenoiserOutput c = mixture->predict(x, tt, y);  // the exact conditional (y = −1: the whole mixture)
    CAPTURE(t);
    CHECK(torch::allclose(g.eps, c.eps, 1e-9, 1e-9));
    CHECK(torch::allclose(g.x0, c.x0, 1e-8, 1e-8));
  }
  CHECK(guided.last_guidance_norm() > 0);
  ClassifierGuidanceOptions off = o;
  off.scale = 0.0;  // s = 0: the unguided model
  ClassifierGuidance none(mixture, std::make_shared<MixtureClassifier>(mixture), off);
  const torch::Tensor tt = torch::full({8}, 300.0, torch::kFloat64);
  CHECK(torch::allclose(none.predict(x, tt, y).eps, mixture->predict(x, tt, {}).eps, 1e-12, 1e-12));
}

TEST_CASE("classifier guidance at s = 1 samples the chosen component's Gaussian: mean, covariance, energy distance") {
  auto mixture = two_class_mixture();
  ClassifierGuidanceOptions o;
  o.inner_gets_labels = false;
  ClassifierGuidance guided(mixture, std::make_shared<MixtureClassifier>(mixture), o);
  SamplerOptions options;
  options.name = "ddim";
  options.steps = 100;
  const int64_t n = 3000;
  const torch::Tensor xT = initial_noise({n, 2}, 11);
  const torch::Tensor y = torch::full({n}, 1, torch::kLong);  // "right": weight 0.3 in the mixture
  auto sampler = make_sampler(options, guided.schedule(), xT, y);
  const torch::Tensor x = run_sampler(*sampler, guided).to(torch::kFloat64);
  const auto& right = mixture->mixture();
  const torch::Tensor mu = torch::tensor(right.means[1], torch::kFloat64);
  const torch::Tensor cov = torch::tensor({right.covariances[1][0][0], right.covariances[1][0][1],
                                           right.covariances[1][1][0], right.covariances[1][1][1]},
                                          torch::kFloat64)
                                .view({2, 2});
  // Standard errors at n = 3000: mean ≈ 0.009, covariance entries ≈ 0.007; allow four of them.
  CHECK(torch::allclose(x.mean(0), mu, 0, 0.04));
  const torch::Tensor centred = x - x.mean(0);
  CHECK(torch::allclose(centred.t().mm(centred) / (n - 1), cov, 0, 0.03));
  GaussianMixture only;
  only.weights = {1.0};
  only.means = {right.means[1]};
  only.covariances = {right.covariances[1]};
  const torch::Tensor reference = sample_gaussian_mixture(only, n, 99);
  const torch::Tensor other = sample_gaussian_mixture(only, n, 98);
  const double floor = energy_distance(other, reference);
  const double guided_distance = energy_distance(x, reference);
  CAPTURE(floor);
  CAPTURE(guided_distance);
  CHECK(guided_distance < 3 * floor + 2e-3);
  // Without guidance the samples are the whole mixture, far from the component.
  auto plain = make_sampler(options, mixture->schedule(), xT, {});
  CHECK(energy_distance(run_sampler(*plain, *mixture).to(torch::kFloat64), reference) > 20 * guided_distance);
}

TEST_CASE(
    "classifier guidance at s > 1 follows the score of the tilted density p_t(x) p_t(y | x)^s (1-D, closed form)") {
  // A 1-D mixture 0.6 N(−1, 0.2) ("a") + 0.4 N(1.5, 0.1) ("b"); its noised densities in closed form here.
  GaussianMixture m;
  m.weights = {0.6, 0.4};
  m.means = {{-1.0}, {1.5}};
  m.covariances = {{{0.2}}, {{0.1}}};
  auto mixture = std::make_shared<GaussianMixtureDenoiser>(m, linear_schedule(), std::vector<std::string>{"a", "b"});
  const double s = 3.0;
  ClassifierGuidanceOptions o;
  o.scale = s;
  o.inner_gets_labels = false;
  ClassifierGuidance guided(mixture, std::make_shared<MixtureClassifier>(mixture), o);
  auto log_tilted = [&](double x, double t) {
    const double u = t / 1000.0;
    const double a = mixture->schedule().alpha_cont(u), sg = mixture->schedule().sigma_vp_cont(u);
    auto normal = [](double x, double mean, double var) {
      return std::exp(-0.5 * (x - mean) * (x - mean) / var) / std::sqrt(2 * M_PI * var);
    };
    const double pa = 0.6 * normal(x, -a, a * a * 0.2 + sg * sg);
    const double pb = 0.4 * normal(x, 1.5 * a, a * a * 0.1 + sg * sg);
    return std::log(pa + pb) + s * std::log(pb / (pa + pb));  // log p_t(x) + s log p_t(b | x)
  };
  const std::vector<double> xs = {-2.0, -0.5, 0.3, 1.0, 2.2};
  for (const double t : {20.0, 200.0, 500.0}) {
    const torch::Tensor x = torch::tensor(xs, torch::kFloat64).view({-1, 1});
    const torch::Tensor tt = torch::full({5}, t, torch::kFloat64);
    const DenoiserOutput g = guided.predict(x, tt, torch::full({5}, 1, torch::kLong));
    const double sigma = mixture->schedule().sigma_vp_cont(t / 1000.0);
    for (size_t i = 0; i < xs.size(); ++i) {
      const double h = 1e-5;
      const double fd = (log_tilted(xs[i] + h, t) - log_tilted(xs[i] - h, t)) / (2 * h);
      const double score = -g.eps[static_cast<int64_t>(i)][0].item<double>() / sigma;
      CAPTURE(t);
      CAPTURE(xs[i]);
      CHECK(score == doctest::Approx(fd).epsilon(1e-6).scale(1.0));
    }
  }
}

TEST_CASE("classifier guidance refuses a classifier of another schedule") {
  auto mixture = two_class_mixture();
  ScheduleOptions cosine;
  cosine.family = ScheduleFamily::Cosine;
  auto other = std::make_shared<GaussianMixtureDenoiser>(mixture->mixture(), NoiseSchedule::from_options(cosine),
                                                         std::vector<std::string>{"left", "right"});
  CHECK_THROWS_WITH_AS(ClassifierGuidance(mixture, std::make_shared<MixtureClassifier>(other), {}),
                       doctest::Contains("another noise schedule"), std::invalid_argument);
}

TEST_CASE("a classifier's default gradient (autograd through log p) is the softmax-regression closed form") {
  // log p(y | x) = log softmax(W x)_y: ∇ₓ log p(y | x) = W_y − Σ_k p_k W_k.
  struct Linear : NoisyClassifier {
    torch::Tensor W = torch::tensor({{1.0, -2.0}, {0.5, 0.3}, {-1.0, 0.7}}, torch::kFloat64);
    Linear() : NoisyClassifier(linear_schedule()) {}
    torch::Tensor log_probs(const torch::Tensor& x, const torch::Tensor&) override {
      return torch::log_softmax(x.mm(W.t()), 1);
    }
    std::vector<std::string> class_names() const override { return {"a", "b", "c"}; }
  } c;
  const torch::Tensor x = torch::tensor({{0.2, -0.4}, {1.0, 1.0}, {-0.3, 0.8}}, torch::kFloat64);
  const torch::Tensor y = torch::tensor({2, 0, -1}, torch::kLong);
  const torch::Tensor g = c.grad_log_prob(x, torch::zeros({3}, torch::kFloat64), y);
  const torch::Tensor p = torch::softmax(x.mm(c.W.t()), 1);
  for (int64_t i = 0; i < 2; ++i) {
    const torch::Tensor expected = c.W[y[i].item<int64_t>()] - p[i].unsqueeze(0).mm(c.W).squeeze(0);
    CHECK(torch::allclose(g[i], expected, 1e-12, 1e-12));
  }
  CHECK(torch::equal(g[2], torch::zeros({2}, torch::kFloat64)));  // y = −1: unguided
}
