// The 2-D score lab's core (core/score, model/empirical_denoiser): exact score fields against finite differences
// of the exact log-densities, the point-set denoiser against the Gaussian-mixture one, Langevin against its
// discrete stationary law and lecture 002's mode-weight failure, the DSM = SSM + 1 identity, and the race.
#include "data/gaussian_mixture.h"
#include "data/toy_datasets.h"
#include "model/empirical_denoiser.h"
#include "model/gaussian_mixture_denoiser.h"
#include "score/langevin.h"
#include "score/score_field.h"
#include "score/score_matching.h"
#include "train/objective.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cmath>

using namespace difflab;

namespace {

NoiseSchedule linear_schedule() {
  ScheduleOptions o;
  o.timesteps = 1000;
  return NoiseSchedule::from_options(o);
}

GaussianMixture two_modes(double w0, double spread) {
  GaussianMixture m;
  m.weights = {w0, 1 - w0};
  m.means = {{-3.0, 0.0}, {3.0, 0.0}};
  m.covariances = {{{spread * spread, 0}, {0, spread * spread}}, {{spread * spread, 0}, {0, spread * spread}}};
  return m;
}

// Central differences of log p_t in float64: truncation O(h²), rounding O(ε/h).
torch::Tensor finite_difference_score(const ScoreReference& ref, const torch::Tensor& x, double t) {
  const double h = 1e-5;
  torch::Tensor g = torch::empty_like(x);
  for (int64_t i = 0; i < x.size(1); ++i) {
    torch::Tensor e = torch::zeros_like(x);
    e.select(1, i).fill_(h);
    g.select(1, i).copy_((ref.log_density(x + e, t) - ref.log_density(x - e, t)) / (2 * h));
  }
  return g;
}

}  // namespace

TEST_CASE("the exact score fields equal finite differences of the exact log-densities") {
  const NoiseSchedule schedule = linear_schedule();
  const Dataset moons = make_two_moons(400, 3);
  std::vector<std::unique_ptr<ScoreReference>> refs;
  refs.push_back(mixture_reference(eight_gaussians_mixture(), schedule));
  refs.push_back(empirical_reference(moons.data, moons.labels, moons.class_names, schedule));
  refs.push_back(empirical_reference(moons.data, {}, {}, schedule, 0.1));
  FieldGrid grid{-3, 3, -2.5, 2.5, 9, 7};
  const torch::Tensor x = grid.points();
  for (auto& ref : refs)
    for (double t : {5.0, 60.0, 400.0}) {
      CAPTURE(ref->description());
      CAPTURE(t);
      const torch::Tensor exact = ref->score(x, t), fd = finite_difference_score(*ref, x, t);
      const double scale = std::max(1.0, exact.abs().max().item<double>());
      CHECK((exact - fd).abs().max().item<double>() < 1e-6 * scale);
      // And the denoiser's ε̂ is −σ times the same score (Tweedie), through model_score.
      CHECK((model_score(ref->denoiser(), x, t) - exact).abs().max().item<double>() < 1e-9 * scale);
    }
}

TEST_CASE("a smoothed point set is the Gaussian mixture with a component N(x_i, h² I) at every point") {
  const NoiseSchedule schedule = linear_schedule();
  const torch::Tensor points = torch::tensor({0.5, -1.0, 2.0, 0.3, -1.5, 1.2, 0.0, 0.0}, torch::kFloat64).view({4, 2});
  const double h = 0.3;
  GaussianMixture m;
  for (int64_t i = 0; i < 4; ++i) {
    m.weights.push_back(0.25);
    m.means.push_back({points[i][0].item<double>(), points[i][1].item<double>()});
    m.covariances.push_back({{h * h, 0}, {0, h * h}});
  }
  GaussianMixtureDenoiser mixture(m, schedule);
  EmpiricalDenoiser points_denoiser(points, {}, {}, schedule, h);
  at::Generator gen = at::detail::createCPUGenerator(3);
  const torch::Tensor x = torch::randn({50, 2}, gen, torch::kFloat64) * 2;
  for (double t : {0.0, 1.0, 100.0, 999.0, 1000.0}) {
    CAPTURE(t);
    const torch::Tensor tt = torch::full({50}, t, torch::kFloat64);
    CHECK((points_denoiser.log_density(x, tt) - mixture.log_density(x, tt)).abs().max().item<double>() < 1e-10);
    CHECK((points_denoiser.score(x, tt) - mixture.score(x, tt)).abs().max().item<double>() < 1e-9);
    const DenoiserOutput a = points_denoiser.predict(x, tt, {}), b = mixture.predict(x, tt, {});
    CHECK((a.x0 - b.x0).abs().max().item<double>() < 1e-9);
    CHECK((a.eps - b.eps).abs().max().item<double>() < 1e-9);
  }
  // Without smoothing, t = 0 is the data itself, and at small t x̂₀ is the nearest point.
  EmpiricalDenoiser sharp(points, {}, {}, schedule, 0.0);
  const torch::Tensor near = points + 0.01;
  CHECK((sharp.predict(near, torch::zeros({4}), {}).x0 - near).abs().max().item<double>() == 0.0);
  CHECK((sharp.predict(near, torch::full({4}, 2.0), {}).x0 - points).abs().max().item<double>() < 1e-6);
  CHECK_THROWS_WITH_AS(sharp.log_density(near, torch::zeros({4})), doctest::Contains("Dirac"), std::invalid_argument);
}

TEST_CASE("the class log-densities of a point set equal log_density per class, in one pass") {
  const NoiseSchedule schedule = linear_schedule();
  at::Generator gen = at::detail::createCPUGenerator(5);
  const torch::Tensor points = torch::randn({300, 2}, gen, torch::kFloat64);
  // Three classes, the last one empty: its density is −∞.
  const torch::Tensor labels = (points.select(1, 0) > 0).to(torch::kInt64);
  EmpiricalDenoiser d(points, labels, {"left", "right", "none"}, schedule, 0.1);
  const torch::Tensor x = torch::randn({40, 2}, gen, torch::kFloat64) * 2;
  for (double t : {1.0, 50.0, 999.0}) {
    CAPTURE(t);
    const torch::Tensor tt = torch::full({40}, t, torch::kFloat64);
    const torch::Tensor all = d.class_log_densities(x, tt);
    REQUIRE(all.sizes() == torch::IntArrayRef({40, 3}));
    for (int64_t c = 0; c < 2; ++c)
      CHECK((all.select(1, c) - d.log_density(x, tt, torch::full({40}, c, torch::kInt64))).abs().max().item<double>() <
            1e-11);
    CHECK(torch::isneginf(all.select(1, 2)).all().item<bool>());
  }
  EmpiricalDenoiser unlabelled(points, {}, {}, schedule, 0.1);
  CHECK_THROWS_AS(unlabelled.class_log_densities(x, torch::ones({1})), std::invalid_argument);
}

TEST_CASE("field comparison weights the error by p_t") {
  const torch::Tensor exact = torch::randn({30, 2}, torch::kFloat64);
  const torch::Tensor logp = torch::randn({30}, torch::kFloat64);
  CHECK(compare_fields(exact, exact, logp).weighted_squared_error == 0.0);
  const FieldComparison c = compare_fields(exact + torch::tensor({0.3, -0.4}, torch::kFloat64), exact, logp);
  CHECK(c.weighted_squared_error == doctest::Approx(0.25).epsilon(1e-12));
  CHECK(c.mean_squared_error == doctest::Approx(0.25).epsilon(1e-12));
  // All mass on one point: only its error counts.
  torch::Tensor peaked = torch::full({30}, -1e3, torch::kFloat64);
  peaked[7] = 0.0;
  torch::Tensor learned = exact.clone();
  learned[3] += 5.0;
  CHECK(compare_fields(learned, exact, peaked).weighted_squared_error < 1e-100);
  learned[7] += 1.0;
  CHECK(compare_fields(learned, exact, peaked).weighted_squared_error == doctest::Approx(2.0));
}

TEST_CASE("Langevin on a Gaussian reaches the discrete chain's stationary variance v / (1 - δ/2v)") {
  // Score of N(μ, s² I) blurred at level t: −(x − μ)/v with v = s² + σ_VE(t)². The update x ← x − δ(x − μ)/v +
  // √(2δ) z is an AR(1) chain whose stationary variance is 2δ / (1 − (1 − δ/v)²) = v / (1 − δ/(2v)).
  const NoiseSchedule schedule = linear_schedule();
  GaussianMixture g;
  g.weights = {1.0};
  g.means = {{1.0, -2.0}};
  g.covariances = {{{0.25, 0}, {0, 0.25}}};
  auto ref = mixture_reference(g, schedule);
  LangevinOptions o;
  o.step_size = 0.2;
  o.steps = 400;
  o.t = 10;
  LangevinChain chain(score_function(*ref), schedule, torch::zeros({4000, 2}), o);
  chain.run(o.steps);
  CHECK(chain.finished());
  const double s_ve = schedule.sigma_vp_cont(0.01) / schedule.alpha_cont(0.01);
  const double v = 0.25 + s_ve * s_ve, stationary = v / (1 - o.step_size / (2 * v));
  const torch::Tensor x = chain.positions();
  const torch::Tensor mean = x.mean(0), var = x.var(0);
  // Standard errors: √(var/n) for the mean, var √(2/n) for the variance (n = 4000 independent chains).
  CHECK(std::abs(mean[0].item<double>() - 1.0) < 5 * std::sqrt(stationary / 4000));
  CHECK(std::abs(mean[1].item<double>() + 2.0) < 5 * std::sqrt(stationary / 4000));
  for (int i = 0; i < 2; ++i)
    CHECK(std::abs(var[i].item<double>() - stationary) < 5 * stationary * std::sqrt(2.0 / 4000));
  // The test distinguishes the discrete law from the continuous one.
  CHECK(std::abs(stationary - v) > 2 * 5 * stationary * std::sqrt(2.0 / 4000));
}

TEST_CASE("plain Langevin keeps the wrong mode weights; annealed Langevin recovers them (lecture 002)") {
  const NoiseSchedule schedule = linear_schedule();
  auto ref = mixture_reference(two_modes(0.8, 0.3), schedule);
  CHECK(ref->mode_weights()[0].item<double>() == doctest::Approx(0.8));
  // Every particle starts in the light mode (x ≈ +3).
  const torch::Tensor start =
      torch::tensor({3.0, 0.0}, torch::kFloat64).repeat({2000, 1}) + 0.3 * torch::randn({2000, 2}, torch::kFloat64);
  LangevinOptions o;
  o.step_size = 0.01;
  o.steps = 300;
  o.t = 2;
  o.seed = 5;
  LangevinChain plain(score_function(*ref), schedule, start, o);
  plain.run(plain.total_steps());
  const double plain_heavy = (ref->assign_modes(plain.positions(), 2) == 0).to(torch::kFloat64).mean().item<double>();
  CHECK(plain_heavy < 0.01);

  o.annealed = true;
  o.levels = 10;
  o.sigma_max = 8.0;
  o.steps = 100;
  LangevinChain annealed(score_function(*ref), schedule, start, o);
  CHECK(annealed.total_steps() == 1000);
  CHECK(annealed.current_sigma_ve() == doctest::Approx(8.0));
  annealed.run(annealed.total_steps());
  const double heavy = (ref->assign_modes(annealed.positions(), 2) == 0).to(torch::kFloat64).mean().item<double>();
  CHECK(std::abs(heavy - 0.8) < 0.05);  // binomial standard error √(0.16/2000) = 0.009
}

TEST_CASE("DSM and SSM-VR differ by exactly 1 in expectation, for any network (Stein's lemma)") {
  const NoiseSchedule schedule = linear_schedule();
  torch::manual_seed(11);
  MlpDenoiserImpl net(MlpDenoiserOptions{2, 32, 2, 16, 0});
  ObjectiveOptions oo;
  Objective objective(schedule, oo);
  at::Generator gen = at::detail::createCPUGenerator(4);
  const int64_t B = 40000;
  const Dataset moons = make_two_moons(B, 1);
  const torch::Tensor eps = torch::randn({B, 2}, gen, torch::kFloat32);
  const TimestepSample ts = objective.sample_timesteps(B, gen);
  const torch::Tensor x_t = objective.q_sample(moons.data, eps, ts.t);
  const torch::Tensor tf = ts.t.to(torch::kFloat32);
  const torch::Tensor dsm = objective.per_sample_loss(net.forward(x_t, tf, {}), eps).detach();
  const torch::Tensor sigma = torch::sqrt(1.0 - objective.alpha_bar_at(ts.t));
  const torch::Tensor ssm = sliced_score_matching_loss(net, x_t, tf, sigma, 1, gen).detach();
  const torch::Tensor d = (dsm - ssm).to(torch::kFloat64);
  const double mean = d.mean().item<double>(), se = d.std().item<double>() / std::sqrt(double(B));
  CAPTURE(mean);
  CAPTURE(se);
  CHECK(std::abs(mean - 1.0) < 5 * se);
  CHECK(se < 0.02);  // the test can tell 1 from 0 or 2 by a wide margin
}

TEST_CASE("DSM and SSM both learn the two-moons score field") {
  const NoiseSchedule schedule = linear_schedule();
  const Dataset train = make_two_moons(2000, 1), held_out = make_two_moons(4000, 2);
  auto ref = empirical_reference(held_out.data, {}, {}, schedule);
  ScoreRaceOptions o;
  o.network = MlpDenoiserOptions{2, 64, 2, 32, 0};
  o.batch_size = 256;
  o.learning_rate = 3e-3;
  o.eval_samples = 512;
  o.seed = 7;
  ScoreMatchingRace race(train.data, schedule, *ref, o);
  const ScoreRaceEvaluation before = race.evaluate();
  CHECK(before.dsm_error == doctest::Approx(before.ssm_error));  // same initial weights
  double dsm_sum = 0, ssm_sum = 0;
  for (int i = 0; i < 600; ++i) {
    const ScoreRaceStep s = race.step();
    if (i >= 400) dsm_sum += s.dsm_loss, ssm_sum += s.ssm_loss;
  }
  const ScoreRaceEvaluation after = race.evaluate();
  CAPTURE(before.dsm_error);
  CAPTURE(after.dsm_error);
  CAPTURE(after.ssm_error);
  CHECK(after.step == 600);
  CHECK(after.dsm_error < 0.5 * before.dsm_error);
  CHECK(after.ssm_error < 0.7 * before.ssm_error);
  // The losses sit one apart (E[DSM] = E[SSM] + 1), to the batches' noise.
  CHECK(std::abs((dsm_sum - ssm_sum) / 200 - 1.0) < 0.15);
  CHECK_THROWS_WITH_AS(ScoreMatchingRace(train.data.narrow(1, 0, 1), schedule, *ref, o),
                       doctest::Contains("1 dimension,"), std::invalid_argument);
}
