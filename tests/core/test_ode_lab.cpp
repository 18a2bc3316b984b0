// The ODE lab's tools on the exact Gaussian-mixture denoiser, whose marginals, scores and densities are all
// known in closed form, so the only errors left are the solvers' own:
//  * inversion: the RK45 round trip reconstructs 2-D inputs to relative error ≤ 1e-3; the fixed-step solvers'
//    errors fall with the number of steps; for Gaussian data the latent equals the exact PF-ODE transport;
//    the decode walk equals the sampling library's samplers on the same grid;
//  * likelihood: the ODE log-likelihood equals the exact mixture log-density (mean |error| ≤ 0.02 nats over
//    300 points), and Hutchinson estimates scatter around it within their reported spread;
//  * interpolation and SDEdit editing behave as their definitions say.
#include "data/gaussian_mixture.h"
#include "model/gaussian_mixture_denoiser.h"
#include "ode/interpolation.h"
#include "ode/inversion.h"
#include "ode/likelihood_report.h"
#include "ode/ode_lab_reports.h"
#include "ode/partial_noising.h"
#include "sampling/sampler.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

using namespace difflab;

namespace {

// Three well-separated anisotropic components in 2-D, labelled as two classes ("left" and "right").
GaussianMixture three_component_mixture() {
  return parse_gaussian_mixture(nlohmann::json::parse(R"({
      "weights": [0.5, 0.3, 0.2],
      "means": [[-1.5, 0.0], [1.5, 1.0], [1.0, -1.2]],
      "covariances": [[[0.20, 0.05], [0.05, 0.10]], [[0.06, 0.0], [0.0, 0.12]], [[0.09, -0.03], [-0.03, 0.05]]]
  })"),
                                "<test>");
}

NoiseSchedule linear_schedule(int64_t T = 1000) {
  ScheduleOptions o;
  o.timesteps = T;
  return NoiseSchedule::from_options(o);
}

GaussianMixtureDenoiser mixture_denoiser() {
  return GaussianMixtureDenoiser(three_component_mixture(), linear_schedule(), {"left", "right", "right"});
}

torch::Tensor mixture_points(int64_t n, uint64_t seed) {
  return sample_gaussian_mixture(three_component_mixture(), n, seed).to(torch::kFloat64);
}

}  // namespace

TEST_CASE("RK45 inversion round trip reconstructs 2-D mixture data to relative error <= 1e-3") {
  auto den = mixture_denoiser();
  const auto x = mixture_points(64, 1);
  OdeTransportOptions o;
  o.solver = "rk45";
  o.rtol = o.atol = 1e-6;
  const auto enc = encode_pf_ode(den, x, {}, o);
  CHECK(enc.t_top == doctest::Approx(1000.0));
  // The latent is Gaussian-like: x_T of a linear schedule is N(0, I) up to ᾱ_T = 4e-5.
  CHECK(enc.x.std().item<double>() == doctest::Approx(1.0).epsilon(0.25));
  const auto dec = decode_pf_ode(den, enc.x, {}, o);
  const auto err = reconstruction_error(x, dec.x);
  CHECK(err.relative.max().item<double>() <= 1e-3);
  CHECK(enc.nfe > 10);
}

TEST_CASE("fixed-step reconstruction errors fall as the number of steps grows; higher order falls faster") {
  auto den = mixture_denoiser();
  const auto x = mixture_points(48, 2);
  std::map<std::string, std::vector<ReconstructionPoint>> curves;
  for (std::string solver : {"ddim", "heun", "dpmpp-2m"}) {
    OdeTransportOptions o;
    o.solver = solver;
    o.spacing = TimestepSpacing::Trailing;
    curves[solver] = reconstruction_curve(den, x, {}, {5, 20, 100}, o);
    const auto& c = curves[solver];
    REQUIRE(c.size() == 3);
    CHECK_MESSAGE(c[0].mse > c[1].mse, solver);
    CHECK_MESSAGE(c[1].mse > c[2].mse, solver);
    CHECK(c[2].relative < c[0].relative);
  }
  // DDIM is first order: at 100 steps its error is small but visible; the second-order solvers beat it.
  CHECK(curves["ddim"][2].relative < 0.05);
  CHECK(curves["dpmpp-2m"][1].mse < curves["ddim"][1].mse);
  CHECK(curves["heun"][1].mse < curves["ddim"][1].mse);
  // NFE per round trip: DDIM and DPM-Solver++ use N each way, Heun 2N − 1 each way, plus at most
  // boundary_iterations (8) evaluations that invert the final denoise exactly.
  for (const char* name : {"ddim", "dpmpp-2m"}) {
    CHECK(curves[name][1].nfe >= 40);
    CHECK(curves[name][1].nfe <= 48);
  }
  CHECK(curves["heun"][1].nfe >= 2 * (2 * 20 - 1));
  CHECK(curves["heun"][1].nfe <= 2 * (2 * 20 - 1) + 8);
}

TEST_CASE("exact steps make every encoding step the inverse of its decoding step") {
  // AIDI-style fixed-point inversion (inversion.h, step_iterations): with it, the round trip is exact to float64
  // rounding at any step count, where the plain reversed walk keeps its discretisation error (≥ 1e-3 at 10
  // DDIM steps on this mixture). Multistep solvers have no per-step inverse and are left as they were.
  auto den = mixture_denoiser();
  const auto x = mixture_points(48, 2);
  for (std::string solver : {"ddim", "heun", "dpm2"}) {
    OdeTransportOptions o;
    o.solver = solver;
    o.steps = 10;
    o.spacing = TimestepSpacing::Trailing;
    const auto plain = reconstruction_error(x, decode_pf_ode(den, encode_pf_ode(den, x, {}, o).x, {}, o).x);
    o.step_iterations = 30;
    const auto enc = encode_pf_ode(den, x, {}, o);
    CHECK(enc.exact_steps);
    CHECK_MESSAGE(enc.step_residual < 1e-10, solver, " residual ", enc.step_residual);
    const auto exact = reconstruction_error(x, decode_pf_ode(den, enc.x, {}, o).x);
    INFO(solver, ": plain ", plain.relative.mean().item<double>(), ", exact ", exact.relative.mean().item<double>());
    CHECK(plain.relative.mean().item<double>() > 1e-3);
    CHECK(exact.relative.max().item<double>() < 1e-9);
  }
  // The same on the cosine schedule, whose top steps are long in α: no worse than on the linear one.
  ScheduleOptions cosine;
  cosine.family = ScheduleFamily::Cosine;
  GaussianMixtureDenoiser on_cosine(three_component_mixture(), NoiseSchedule::from_options(cosine));
  OdeTransportOptions o;
  o.solver = "ddim";
  o.steps = 10;
  o.spacing = TimestepSpacing::Trailing;
  const double plain = reconstruction_error(x, decode_pf_ode(on_cosine, encode_pf_ode(on_cosine, x, {}, o).x, {}, o).x)
                           .relative.mean()
                           .item<double>();
  o.step_iterations = 30;
  const auto enc = encode_pf_ode(on_cosine, x, {}, o);
  CHECK(enc.step_residual < 1e-5);
  const double exact = reconstruction_error(x, decode_pf_ode(on_cosine, enc.x, {}, o).x).relative.mean().item<double>();
  INFO("cosine: plain ", plain, ", exact ", exact);
  CHECK(exact < 1e-6);
  CHECK(exact < 1e-4 * plain);
  OdeTransportOptions multistep;
  multistep.solver = "dpmpp-2m";
  multistep.step_iterations = 30;
  CHECK_FALSE(encode_pf_ode(den, x, {}, multistep).exact_steps);
}

TEST_CASE("for Gaussian data the encoded latent equals the exact PF-ODE transport") {
  // One component N(μ, Σ) with diagonal Σ: x_u = α(u) μ + √(α² s² + σ²)/s · (x₀ − μ) componentwise,
  // the data end taken at the grid's smallest time t_s = 1 (σ_1 = 0.01) after the first-order bridge step.
  GaussianMixture g = parse_gaussian_mixture(
      nlohmann::json::parse(R"({"weights":[1],"means":[[0.7,-0.4]],"covariances":[[[0.25,0],[0,1.5]]]})"), "<g>");
  GaussianMixtureDenoiser den(g, linear_schedule());
  auto x0 = torch::tensor({{1.2, 0.3}, {-0.1, -2.0}, {0.7, 1.0}}, torch::kFloat64);
  OdeTransportOptions o;
  o.solver = "rk45";
  o.rtol = o.atol = 1e-9;
  const auto enc = encode_pf_ode(den, x0, {}, o);
  const auto& s = den.schedule();
  auto mu = torch::tensor({0.7, -0.4}, torch::kFloat64), var = torch::tensor({0.25, 1.5}, torch::kFloat64);
  auto sd = [&](double u) { return torch::sqrt(std::pow(s.alpha_cont(u), 2) * var + std::pow(s.sigma_vp_cont(u), 2)); };
  // Exact transport from t = 0 (sd = s) to t = T: the first-order step over [0, t_s] costs O(σ_s²/s²).
  auto expected = s.alpha_cont(1.0) * mu + sd(1.0) / sd(0.0) * (x0 - mu);
  CHECK((enc.x - expected).abs().max().item<double>() < 1e-3);
  // Above t_s the RK45 part is exact to its tolerance: transport the bridged point from u_s = 1/T. The bridge
  // inverts the final denoise exactly: x̂₀(x_s) = μ + α var/(α² var + σ²)·(x_s − α μ) = x₀.
  const double us = 1.0 / 1000, as = s.alpha_cont(us), ss = s.sigma_vp_cont(us);
  auto x_s = as * mu + (as * as * var + ss * ss) / (as * var) * (x0 - mu);
  auto expected_from_s = s.alpha_cont(1.0) * mu + sd(1.0) / sd(us) * (x_s - as * mu);
  CHECK((enc.x - expected_from_s).abs().max().item<double>() < 2e-5);
}

TEST_CASE("decoding walks the same grid as the sampling library's DDIM, Heun and DPM-Solver++(2M)") {
  auto den = mixture_denoiser();
  const auto z = initial_noise({16, 2}, 5).to(torch::kFloat64);
  for (auto name : {"ddim", "heun", "dpmpp-2m"}) {
    OdeTransportOptions o;
    o.solver = parse_ode_solver(name);
    o.steps = 12;
    o.spacing = TimestepSpacing::Trailing;
    const auto ours = decode_pf_ode(den, z, {}, o);
    SamplerOptions so;
    so.name = name;
    so.steps = 12;
    so.spacing = o.spacing;
    auto sampler = make_sampler(so, den.schedule(), z);
    const auto theirs = run_sampler(*sampler, den);
    CHECK_MESSAGE((ours.x - theirs).abs().max().item<double>() < 1e-9, name);
    CHECK_MESSAGE(ours.nfe == sampler->nfe(), name);
  }
}

TEST_CASE("inversion rejects bad input and honours the stop flag") {
  auto den = mixture_denoiser();
  CHECK_THROWS_AS(parse_ode_solver("euler-ancestral"), std::invalid_argument);
  CHECK_THROWS_AS(encode_pf_ode(den, torch::zeros({2}, torch::kFloat64), {}, {}), std::invalid_argument);
  std::atomic<bool> stop{true};
  CHECK_THROWS_WITH(encode_pf_ode(den, mixture_points(2, 0), {}, {}, {}, &stop), "cancelled");
  OdeTransportOptions too_many;
  too_many.steps = 1001;
  too_many.spacing = TimestepSpacing::Trailing;
  CHECK_THROWS_AS(encode_pf_ode(den, mixture_points(2, 0), {}, too_many), std::invalid_argument);
}

TEST_CASE("the ODE lab's reports: inversion with its step ladder, both interpolation paths agree, VLB terms add up") {
  auto den = mixture_denoiser();
  const auto x = mixture_points(40, 3);
  // Inversion: the round trip and the ladder (2, 5, 10, 20 up to max 30), falling with steps.
  OdeTransportOptions o;
  o.steps = 30;
  CHECK(inversion_step_ladder(30) == std::vector<int64_t>{2, 5, 10, 20});
  CHECK(inversion_step_ladder(1).empty());
  const auto inv = inversion_report(den, x, {}, o, 30);
  CHECK(inv.latent.sizes() == x.sizes());
  CHECK(inv.error.relative.mean().item<double>() < 0.05);
  REQUIRE(inv.curve.size() == 4);
  CHECK(inv.curve.back().relative < inv.curve.front().relative / 10);
  CHECK(inv.curve_label == "heun / uniform-logsnr");
  CHECK(inv.nfe > 0);
  // Interpolation: one latent per frame goes through the batched image path (interpolate_and_decode), a cloud
  // through the per-frame loop; for the same latent both give the same frames.
  InterpolationOptions io;
  io.frames = 4;
  io.decode.steps = 10;
  const auto za = initial_noise({3, 2}, 1).to(torch::kFloat64), zb = initial_noise({3, 2}, 2).to(torch::kFloat64);
  const auto cloud = interpolation_report(den, za, zb, io);
  const auto single = interpolation_report(den, za.narrow(0, 0, 1), zb.narrow(0, 0, 1), io);
  REQUIRE(cloud.frames.sizes() == torch::IntArrayRef({4, 3, 2}));
  REQUIRE(single.frames.sizes() == torch::IntArrayRef({4, 1, 2}));
  CHECK((single.frames.select(1, 0) - cloud.frames.select(1, 0)).abs().max().item<double>() < 1e-9);
  CHECK(cloud.slerp_norms == single.slerp_norms);
  for (size_t k = 0; k < single.weights.size(); ++k)  // the chord runs inside the arc
    CHECK(single.lerp_norms[k] <= single.slerp_norms[k] + 1e-12);
  CHECK_THROWS_AS(interpolation_report(den, za, zb.narrow(0, 0, 2), io), std::invalid_argument);
  // VLB: batch means whose terms and prior add up to the total; points get the Gaussian decoder.
  const auto vb = vlb_report(den, x, {}, default_vlb_options(false, 0));
  CHECK(vb.terms.size(0) == 1000);
  CHECK(vb.total == doctest::Approx(vb.terms.sum().item<double>() + vb.prior).epsilon(1e-9));
  CHECK(vb.bits_per_dim == doctest::Approx(vb.total / (2 * std::log(2.0))).epsilon(1e-9));
  CHECK(vb.decoder == DecoderLikelihood::Gaussian);
  CHECK(default_vlb_options(true, 0).decoder == DecoderLikelihood::Discretized8Bit);
  // Data or model samples: given data passes through; without it, n samples of the model.
  CHECK(torch::equal(data_or_model_samples(den, x, 7, 0, {}), x));
  CHECK(data_or_model_samples(den, at::Tensor(), 7, 0, {}).sizes() == torch::IntArrayRef({7, 2}));
}

TEST_CASE("ODE log-likelihood equals the exact mixture log-density: mean |error| <= 0.02 nats over 300 points") {
  auto den = mixture_denoiser();
  const auto x = mixture_points(300, 3);
  LikelihoodReportOptions o;
  o.ode.rtol = o.ode.atol = 1e-6;
  const auto r = likelihood_report(den, x, {}, o);
  const auto exact = gaussian_mixture_log_density(three_component_mixture(), x);
  const double mae = (r.log_prob - exact).abs().mean().item<double>();
  MESSAGE("mean |log p_ODE - log p| = " << mae << " nats, NFE " << r.nfe);
  CHECK(mae <= 0.02);
  CHECK(r.prior.find("exact") != std::string::npos);
  // The report's own comparison with the exact density (what the ODE lab shows).
  REQUIRE(r.has_exact);
  CHECK(r.exact_nats == doctest::Approx(exact.mean().item<double>()).epsilon(1e-9));
  CHECK(r.exact_mean_abs_error == doctest::Approx(mae).epsilon(1e-9));
  CHECK(r.dims == 2);
  CHECK_FALSE(r.eight_bit);
  CHECK(r.mean_bits_per_dim == doctest::Approx(-exact.mean().item<double>() / (2 * std::log(2.0))).epsilon(0.01));
  // With N(0, I) in place of the exact p_T the error grows only by the (tiny, ᾱ_T = 4e-5) prior mismatch.
  LikelihoodReportOptions normal = o;
  normal.exact_prior = false;
  const auto rn = likelihood_report(den, x.narrow(0, 0, 50), {}, normal);
  CHECK(rn.prior.find("N(0, I)") != std::string::npos);
  CHECK((rn.log_prob - exact.narrow(0, 0, 50)).abs().mean().item<double>() <= 0.02);
}

TEST_CASE("Hutchinson estimates across probe seeds scatter around the exact likelihood within their spread") {
  auto den = mixture_denoiser();
  const auto x = mixture_points(40, 4);
  LikelihoodReportOptions o;
  o.ode.rtol = o.ode.atol = 1e-6;
  const auto exact = likelihood_report(den, x, {}, o);
  o.ode.divergence = DivergenceMethod::HutchinsonGaussian;
  o.ode.probes = 1;
  o.ode.probe_seeds = 8;
  const auto h = likelihood_report(den, x, {}, o);
  REQUIRE(h.log_prob_per_seed.size(0) == 8);
  CHECK(h.seed_std_nats > 0.0);
  CHECK(std::isfinite(h.mean_bits_per_dim));
  // The mean over 8 seeds lies within 4 standard errors of the exact value.
  CHECK(std::abs(h.mean_nats - exact.mean_nats) <= 4 * h.seed_std_nats / std::sqrt(8.0) + 1e-6);
  // Rademacher probes in 2-D are still stochastic (the Jacobian is not diagonal) but unbiased too.
  o.ode.divergence = DivergenceMethod::HutchinsonRademacher;
  const auto rad = likelihood_report(den, x, {}, o);
  CHECK(std::abs(rad.mean_nats - exact.mean_nats) <= 4 * rad.seed_std_nats / std::sqrt(8.0) + 1e-6);
}

TEST_CASE("8-bit input is dequantised and its bits/dim include the 7-bit bin offset") {
  auto den = mixture_denoiser();
  // Two "pixels" per sample, as uint8 values near the mixture's mass (x = k/128 − 1 ∈ [−1, 1)).
  auto k = torch::tensor({{100, 130}, {200, 140}, {60, 128}}, torch::kUInt8);
  LikelihoodReportOptions o;
  o.ode.rtol = o.ode.atol = 1e-6;
  const auto r = likelihood_report(den, k, {}, o);
  CHECK(r.eight_bit);
  CHECK(r.bits_per_dim[0].item<double>() == doctest::Approx(-r.log_prob[0].item<double>() / (2 * std::log(2.0)) + 7.0));
}

TEST_CASE("interpolation decodes both end points, and a class path moves between the class-conditional decodings") {
  auto den = mixture_denoiser();
  const auto z = initial_noise({2, 2}, 9).to(torch::kFloat64);
  InterpolationOptions o;
  o.frames = 5;
  o.decode.steps = 25;
  const auto r = interpolate_and_decode(den, z[0], z[1], o);
  REQUIRE(r.frames.size(0) == 5);
  const auto ends = decode_pf_ode(den, z, {}, o.decode).x;
  CHECK(torch::allclose(r.frames[0], ends[0], 1e-9, 1e-9));
  CHECK(torch::allclose(r.frames[4], ends[1], 1e-9, 1e-9));
  CHECK(torch::allclose(r.latents[2], slerp_latents(z[0], z[1], 0.5)));
  // Slerp keeps the norm between two equal-norm latents; lerp dips.
  InterpolationOptions lerp = o;
  lerp.path = InterpolationPath::Lerp;
  const auto zb = z[1] / z[1].norm() * z[0].norm();
  CHECK(interpolate_and_decode(den, z[0], zb, o).latent_norms[2].item<double>() ==
        doctest::Approx(z[0].norm().item<double>()));
  CHECK(interpolate_and_decode(den, z[0], zb, lerp).latent_norms[2].item<double>() < z[0].norm().item<double>() - 1e-6);

  // Class "left" at one end, "right" at the other, from ONE latent: the ends are the class-conditional decodings.
  InterpolationOptions cls = o;
  cls.condition.class_a = 0;
  cls.condition.class_b = 1;
  const auto c = interpolate_and_decode(den, z[0], z[0], cls);
  auto y = [](int64_t k) { return torch::full({1}, k, torch::kInt64); };
  CHECK(torch::allclose(c.frames[0], decode_pf_ode(den, z[0].unsqueeze(0), y(0), o.decode).x[0], 1e-9, 1e-9));
  CHECK(torch::allclose(c.frames[4], decode_pf_ode(den, z[0].unsqueeze(0), y(1), o.decode).x[0], 1e-9, 1e-9));
  CHECK(c.frames[0][0].item<double>() < 0.0);  // the left component
  CHECK(c.frames[4][0].item<double>() > 0.0);  // a right component

  GaussianMixtureDenoiser unconditional(three_component_mixture(), linear_schedule(), {"a", "a", "a"});
  CHECK_THROWS_WITH_AS(interpolate_and_decode(unconditional, z[0], z[1], cls), doctest::Contains("class-conditional"),
                       std::invalid_argument);
}

TEST_CASE("SDEdit: small t0 keeps the input, the noised input is the closed form, a class change moves it") {
  auto den = mixture_denoiser();
  const auto x = mixture_points(32, 6);
  PartialNoisingOptions o;
  o.t0 = 20;
  o.sampler.name = "ddim";
  o.sampler.steps = 20;
  const auto small = edit_by_partial_noising(den, x, o);
  CHECK(small.result.sizes() == x.sizes());
  CHECK(small.difference_map.sizes() == torch::IntArrayRef{32});
  CHECK(small.difference.mean().item<double>() < 0.1);
  CHECK(small.nfe == 20);
  // x_{t0} = √ᾱ x₀ + √(1 − ᾱ) ε with the documented noise seed.
  auto eps = torch::randn(x.sizes(), at::detail::createCPUGenerator(o.noise_seed), torch::kFloat64);
  const auto& s = den.schedule();
  CHECK(torch::allclose(small.noised, s.sqrt_alpha_bar(20) * x + s.sqrt_one_minus_alpha_bar(20) * eps, 1e-12, 1e-12));

  // Left points, noised most of the way and denoised as "right", land on the right.
  auto left = x.index({x.select(1, 0) < 0});
  REQUIRE(left.size(0) > 3);
  PartialNoisingOptions to_right = o;
  to_right.t0 = 700;
  to_right.sampler.steps = 50;
  to_right.target_class = 1;
  const auto moved = edit_by_partial_noising(den, left, to_right);
  CHECK((moved.result.select(1, 0) > 0).all().item<bool>());
  CHECK(moved.difference_map.min().item<double>() > 1.0);
  // Unconditional at the same level mostly stays: the partial noise keeps which side a point was on.
  PartialNoisingOptions stay = to_right;
  stay.target_class = -1;
  stay.t0 = 300;
  const auto kept = edit_by_partial_noising(den, left, stay);
  CHECK((kept.result.select(1, 0) < 0).to(torch::kFloat64).mean().item<double>() > 0.8);

  PartialNoisingOptions bad = o;
  bad.t0 = 0;
  CHECK_THROWS_WITH_AS(edit_by_partial_noising(den, x, bad), doctest::Contains("t0 = 0"), std::invalid_argument);
}

#include "model/network_denoiser.h"
#include "nn/mlp_denoiser.h"
#include "process/variational_bound.h"

TEST_CASE(
    "a small network denoiser: finite bits/dim that agree across probe seeds, and VLB terms summing to the total") {
  // An MLP denoiser (seeded initial weights; its samples are not the mixture, but every code path of a
  // network model — no autograd through predict(), hence finite-difference divergences — is exercised).
  torch::manual_seed(0);
  MlpDenoiserOptions mo;
  mo.hidden = 32;
  mo.num_blocks = 1;
  mo.time_emb_dim = 16;
  auto net = std::make_shared<MlpDenoiserImpl>(mo);
  NetworkDenoiserOptions no;
  no.sample_shape = {2};
  NetworkDenoiser den(net, linear_schedule(100), no);
  const auto x = mixture_points(24, 7).to(torch::kFloat32);

  LikelihoodReportOptions o;
  o.ode.rtol = o.ode.atol = 1e-4;
  const auto exact = likelihood_report(den, x, {}, o);
  CHECK(std::isfinite(exact.mean_bits_per_dim));
  o.ode.divergence = DivergenceMethod::HutchinsonRademacher;
  o.ode.probe_seeds = 6;
  const auto h = likelihood_report(den, x, {}, o);
  REQUIRE(h.log_prob_per_seed.size(0) == 6);
  CHECK(std::isfinite(h.mean_bits_per_dim));
  CHECK(h.seed_std_bits_per_dim > 0.0);
  // Every seed's estimate lies within 4 reported standard deviations of the mean, and so does the exact value.
  const auto seed_means = h.log_prob_per_seed.mean(1);
  CHECK(((seed_means - h.mean_nats).abs() <= 4 * h.seed_std_nats).all().item<bool>());
  CHECK(std::abs(exact.mean_nats - h.mean_nats) <= 4 * h.seed_std_nats + 1e-3);

  const ForwardProcess process(den.schedule());
  VariationalBoundOptions vo;
  vo.decoder = DecoderLikelihood::Gaussian;
  auto eps = [&](const at::Tensor& xt, const at::Tensor& t) { return den.predict(xt, t, {}).eps; };
  const auto vb = variational_bound(process, x.to(torch::kFloat64), eps, vo);
  const auto sum = vb.terms.sum(1) + vb.prior;
  CHECK(torch::allclose(sum, vb.total, 1e-9, 1e-9));
  CHECK(torch::isfinite(vb.bits_per_dim).all().item<bool>());
}
