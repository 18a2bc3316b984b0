// Noise schedules (core/schedule): β_t parity with diffusers' published definitions (reference values from
// tests/reference/schedule_reference.py, committed under tests/data/schedule/), every derived quantity against
// its closed form, the continuous-time view, custom families, any T >= 1, error messages, and the JSON form.
#include "schedule/noise_schedule.h"
#include "schedule/schedule_json.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace difflab;

namespace {

const std::string kDataDir = std::string(DIFFLAB_TEST_DATA_DIR) + "/schedule/";

struct ReferenceRow {
  int64_t t;
  double beta_f32, beta, alpha_bar, log_snr, posterior_variance;
};

std::vector<ReferenceRow> read_reference(const std::string& name) {
  std::ifstream in(kDataDir + name + ".csv");
  REQUIRE_MESSAGE(in.good(), "missing reference " << name << ".csv; run tests/reference/schedule_reference.py");
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "t,beta_f32,beta,alpha_bar,log_snr,posterior_variance");
  std::vector<ReferenceRow> rows;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string cell;
    std::vector<double> v;
    while (std::getline(ls, cell, ','))
      v.push_back(cell == "-inf" ? -std::numeric_limits<double>::infinity() : std::stod(cell));
    REQUIRE(v.size() == 6);
    rows.push_back({static_cast<int64_t>(v[0]), v[1], v[2], v[3], v[4], v[5]});
  }
  return rows;
}

nlohmann::json read_cases() {
  std::ifstream in(kDataDir + "cases.json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

bool close_rel(double a, double b, double rel, double abs = 0.0) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= rel * std::abs(b) + abs;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no exception)";
}

ScheduleOptions family_options(ScheduleFamily f, int64_t T, bool zero_snr = false) {
  ScheduleOptions o;
  o.family = f;
  o.timesteps = T;
  o.zero_terminal_snr = zero_snr;
  return o;
}

const ScheduleFamily kNamedFamilies[] = {ScheduleFamily::Linear, ScheduleFamily::ScaledLinear, ScheduleFamily::Cosine,
                                         ScheduleFamily::Sigmoid};

}  // namespace

TEST_CASE("beta_t equals diffusers' definitions (linear, scaled_linear, squaredcos_cap_v2, sigmoid, +zero SNR)") {
  // Tolerances: the reference's float64 evaluation of diffusers' formulas agrees with ours to 1e-12 relative
  // (plus 4e-15 absolute after zero-SNR rescaling).
  // Against diffusers' own float32 tensors: relative 1e-6 (float32 rounding of linspace/sigmoid/squares,
  // measured ≤ 3.2e-7). With rescale_zero_terminal_snr, diffusers forms β = 1 − ᾱ_t/ᾱ_{t−1} from a float32
  // cumprod, which loses relative precision for small β; there the bound is absolute, 4e-6 (measured ≤ 3.1e-6),
  // a few float32 ulps of the ᾱ ratios.
  const nlohmann::json cases = read_cases();
  REQUIRE(cases.size() >= 20);
  for (const auto& c : cases) {
    const std::string name = c.at("name");
    CAPTURE(name);
    ScheduleOptions o;
    o.family = parse_schedule_family(c.at("diffusers_beta_schedule").get<std::string>());
    CHECK(schedule_family_name(o.family) == c.at("family").get<std::string>());
    o.timesteps = c.at("timesteps");
    o.beta_start = c.at("beta_start");
    o.beta_end = c.at("beta_end");
    o.zero_terminal_snr = c.at("zero_terminal_snr");
    const NoiseSchedule s = NoiseSchedule::from_options(o);
    const auto ref = read_reference(name);
    REQUIRE(static_cast<int64_t>(ref.size()) == s.timesteps());
    for (const auto& r : ref) {
      CAPTURE(r.t);
      // Zero-SNR rescaling forms β = 1 − ᾱ_t/ᾱ_{t−1}: absolute error of a few float64 ulps of 1.
      CHECK(close_rel(s.beta(r.t), r.beta, 1e-12, o.zero_terminal_snr ? 4e-15 : 1e-300));
      if (o.zero_terminal_snr)
        CHECK(std::abs(s.beta(r.t) - r.beta_f32) <= 4e-6);
      else
        CHECK(close_rel(s.beta(r.t), r.beta_f32, 1e-6));
      CHECK(close_rel(s.alpha_bar(r.t), r.alpha_bar, 1e-10, 1e-300));
      CHECK(close_rel(s.log_snr(r.t), r.log_snr, 1e-9, 1e-12));
      CHECK(close_rel(s.posterior_variance(r.t), r.posterior_variance, 1e-10, 1e-300));
    }
  }
}

TEST_CASE("linear schedule endpoints and the paper's defaults") {
  const auto s = NoiseSchedule::from_options({});
  CHECK(s.timesteps() == 1000);
  CHECK(s.beta(1) == doctest::Approx(1e-4).epsilon(1e-14));
  CHECK(s.beta(1000) == doctest::Approx(0.02).epsilon(1e-14));
  CHECK(s.beta(500) == doctest::Approx(1e-4 + (0.02 - 1e-4) * 499.0 / 999.0).epsilon(1e-14));
}

TEST_CASE("derived quantities equal their closed forms") {
  for (auto f : kNamedFamilies) {
    for (bool zero_snr : {false, true}) {
      for (int64_t T : {2, 7, 1000}) {
        CAPTURE(schedule_family_name(f));
        CAPTURE(zero_snr);
        CAPTURE(T);
        const auto s = NoiseSchedule::from_options(family_options(f, T, zero_snr));
        CHECK(s.alpha_bar(0) == 1.0);
        CHECK(s.betas().size() == static_cast<size_t>(T));
        double prod = 1.0;
        for (int64_t t = 1; t <= T; ++t) {
          const double b = s.beta(t);
          CHECK(s.betas()[t - 1] == b);
          CHECK(s.alpha(t) == doctest::Approx(1.0 - b).epsilon(1e-15));
          prod *= 1.0 - b;  // ᾱ_t = Π_{s≤t} α_s (Ho et al. 2020, §2)
          const double ab = s.alpha_bar(t);
          CHECK(close_rel(ab, prod, 1e-12, 1e-300));
          CHECK(s.alpha_bars()[t - 1] == ab);
          CHECK(close_rel(s.sqrt_alpha_bar(t), std::sqrt(prod), 1e-12, 1e-300));
          CHECK(close_rel(s.sqrt_one_minus_alpha_bar(t), std::sqrt(1.0 - prod), 1e-12));
          const bool terminal_zero = zero_snr && t == T;
          if (terminal_zero) {
            CHECK(ab == 0.0);
            CHECK(s.log_snr(t) == -std::numeric_limits<double>::infinity());
            CHECK(s.sigma_ve(t) == std::numeric_limits<double>::infinity());
          } else {
            CHECK(close_rel(s.log_snr(t), std::log(prod / (1.0 - prod)), 1e-9, 1e-12));
            CHECK(close_rel(s.sigma_ve(t), std::sqrt((1.0 - prod) / prod), 1e-9));
          }
          // Ho et al. 2020, eq. 7.
          const double ab_prev = s.alpha_bar(t - 1);
          CHECK(close_rel(s.posterior_variance(t), b * (1.0 - ab_prev) / (1.0 - ab), 1e-12, 1e-300));
          if (t > 1) {
            CHECK(ab < ab_prev);  // strictly decreasing
            CHECK(s.log_snr(t) < s.log_snr(t - 1));
          }
        }
        CHECK(s.posterior_variance(1) == 0.0);
      }
    }
  }
}

TEST_CASE("cosine schedule is Nichol & Dhariwal's eq. 17 with β clipped at max_beta") {
  ScheduleOptions o = family_options(ScheduleFamily::Cosine, 100);
  o.cosine_s = 0.02;
  o.cosine_max_beta = 0.5;
  const auto s = NoiseSchedule::from_options(o);
  const double pi = std::acos(-1.0);
  auto f = [&](double u) { return std::pow(std::cos((u + 0.02) / 1.02 * pi / 2.0), 2); };
  for (int64_t t = 1; t <= 100; ++t) {
    const double expected = std::min(1.0 - f(t / 100.0) / f((t - 1) / 100.0), 0.5);
    CHECK(s.beta(t) == doctest::Approx(expected).epsilon(1e-13));
  }
  CHECK(s.beta(100) == 0.5);  // clipped: f(1) ≈ 0
  // Unclipped, ᾱ_t = f(t/T)/f(0) exactly.
  const auto d = NoiseSchedule::from_options(family_options(ScheduleFamily::Cosine, 50));
  const double s0 = 0.008;
  auto g = [&](double u) { return std::pow(std::cos((u + s0) / (1 + s0) * pi / 2.0), 2); };
  for (int64_t t = 1; t < 50; ++t) CHECK(d.alpha_bar(t) == doctest::Approx(g(t / 50.0) / g(0)).epsilon(1e-12));
}

TEST_CASE("zero-terminal-SNR rescaling keeps √ᾱ_1 and makes √ᾱ_T zero, affinely (Lin et al. 2024, Alg. 1)") {
  for (auto f : kNamedFamilies) {
    CAPTURE(schedule_family_name(f));
    const auto a = NoiseSchedule::from_options(family_options(f, 200));
    const auto z = NoiseSchedule::from_options(family_options(f, 200, true));
    const double s1 = a.sqrt_alpha_bar(1), sT = a.sqrt_alpha_bar(200);
    CHECK(z.sqrt_alpha_bar(1) == doctest::Approx(s1).epsilon(1e-13));
    CHECK(z.alpha_bar(200) == 0.0);
    CHECK(z.beta(200) == 1.0);
    for (int64_t t = 1; t <= 200; t += 13)
      CHECK(z.sqrt_alpha_bar(t) == doctest::Approx((a.sqrt_alpha_bar(t) - sT) * s1 / (s1 - sT)).epsilon(1e-12));
  }
}

TEST_CASE("continuous-time view agrees with the discrete schedule at the grid and is smooth between") {
  for (auto f : kNamedFamilies) {
    for (bool zero_snr : {false, true}) {
      for (int64_t T : {1, 3, 1000}) {
        if (zero_snr && T < 2) continue;
        CAPTURE(schedule_family_name(f));
        CAPTURE(zero_snr);
        CAPTURE(T);
        const auto s = NoiseSchedule::from_options(family_options(f, T, zero_snr));
        CHECK(s.alpha_cont(0.0) == 1.0);
        CHECK(s.sigma_vp_cont(0.0) == 0.0);
        const int64_t stride = std::max<int64_t>(1, T / 50);
        for (int64_t t = 1; t <= T; t += stride) {
          const double u = static_cast<double>(t) / T;
          const double ab = s.alpha_bar(t);
          if (ab == 0.0) {  // zero terminal SNR, kept exact: α(1) = 0, σ(1) = 1, λ(1) = −∞
            CHECK(s.alpha_cont(u) == 0.0);
            CHECK(s.sigma_vp_cont(u) == 1.0);
            CHECK(std::isinf(s.lambda_cont(u)));
            CHECK(s.u_from_lambda(-1e300) == doctest::Approx(1.0).epsilon(1e-12));
            continue;
          }
          CHECK(s.alpha_cont(u) == doctest::Approx(std::sqrt(ab)).epsilon(1e-12));
          CHECK(s.sigma_vp_cont(u) == doctest::Approx(std::sqrt(1.0 - ab)).epsilon(1e-12));
          CHECK(s.lambda_cont(u) == doctest::Approx(0.5 * std::log(ab / (1.0 - ab))).epsilon(1e-10));
          CHECK(s.u_from_lambda(s.lambda_cont(u)) == doctest::Approx(u).epsilon(1e-9));
        }
        // Between grid points: monotone decreasing α, and d log α/du matches a central difference.
        double prev = s.alpha_cont(0.0);
        for (int i = 1; i <= 997; ++i) {
          const double u = i / 997.0;
          const double a = s.alpha_cont(u);
          CHECK(a <= prev);
          prev = a;
          if (i % 97 == 0) {
            const double h = 1e-7;
            const double fd = (std::log(s.alpha_cont(u + h)) - std::log(s.alpha_cont(u - h))) / (2 * h);
            CHECK(s.d_log_alpha_cont(u) == doctest::Approx(fd).epsilon(1e-4));
          }
        }
      }
    }
  }
}

TEST_CASE("custom schedules: β table, ᾱ table, log-SNR control points") {
  SUBCASE("beta table is taken as given") {
    ScheduleOptions o;
    o.family = ScheduleFamily::Custom;
    o.custom_kind = CustomScheduleKind::BetaTable;
    o.custom_values = {0.1, 0.05, 0.3, 0.9};  // need not be monotone
    o.timesteps = 4;
    const auto s = NoiseSchedule::from_options(o);
    CHECK(s.betas() == o.custom_values);
    CHECK(s.alpha_bar(4) == doctest::Approx(0.9 * 0.95 * 0.7 * 0.1).epsilon(1e-14));
  }
  SUBCASE("alpha_bar table gives back the same alpha_bar") {
    ScheduleOptions o;
    o.family = ScheduleFamily::Custom;
    o.custom_kind = CustomScheduleKind::AlphaBarTable;
    o.custom_values = {0.99, 0.9, 0.5, 0.1, 0.0};
    o.timesteps = 5;
    const auto s = NoiseSchedule::from_options(o);
    for (int64_t t = 1; t <= 5; ++t) CHECK(s.alpha_bar(t) == doctest::Approx(o.custom_values[t - 1]).epsilon(1e-14));
    CHECK(s.beta(5) == 1.0);
  }
  SUBCASE("log-SNR control points interpolate linearly in u = t/T") {
    ScheduleOptions o;
    o.family = ScheduleFamily::Custom;
    o.custom_kind = CustomScheduleKind::LogSnrPoints;
    o.control_points = {{0.0, 8.0}, {0.25, 2.0}, {1.0, -10.0}};
    o.timesteps = 20;
    const auto s = NoiseSchedule::from_options(o);
    for (int64_t t = 1; t <= 20; ++t) {
      const double u = t / 20.0;
      const double lam = u <= 0.25 ? 8.0 + (2.0 - 8.0) * u / 0.25 : 2.0 + (-10.0 - 2.0) * (u - 0.25) / 0.75;
      CHECK(s.log_snr(t) == doctest::Approx(lam).epsilon(1e-10));
    }
  }
}

TEST_CASE("any T >= 1 works for every family") {
  for (auto f : kNamedFamilies) {
    for (int64_t T : {1, 2, 3, 5, 17, 4000}) {
      CAPTURE(schedule_family_name(f));
      CAPTURE(T);
      const auto s = NoiseSchedule::from_options(family_options(f, T));
      CHECK(s.timesteps() == T);
      for (int64_t t = 1; t <= T; ++t) {
        CHECK(s.beta(t) > 0.0);
        CHECK(s.beta(t) < 1.0);
      }
      // Endpoint β for the linear-type families (diffusers' linspace with T = 1 gives β_start).
      if (f == ScheduleFamily::Linear || f == ScheduleFamily::ScaledLinear) {
        CHECK(s.beta(1) == doctest::Approx(1e-4).epsilon(1e-12));
        if (T > 1) CHECK(s.beta(T) == doctest::Approx(0.02).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("impossible parameters: errors name the parameter and its value") {
  auto msg = [](const ScheduleOptions& o) { return error_of([&] { NoiseSchedule::from_options(o); }); };
  auto contains = [](const std::string& m, const std::string& part) {
    INFO("message: " << m);
    CHECK(m.find(part) != std::string::npos);
  };
  ScheduleOptions o;
  o.timesteps = 0;
  contains(msg(o), "timesteps must be at least 1, got 0");
  o = {};
  o.beta_start = 0.0;
  contains(msg(o), "beta_start must lie in (0, 1), got 0");
  o = {};
  o.beta_end = 1.5;
  contains(msg(o), "beta_end must lie in (0, 1), got 1.5");
  o = {};
  o.beta_start = 0.05;
  o.beta_end = 0.01;
  contains(msg(o), "beta_start (0.05) must not exceed beta_end (0.01)");
  o = family_options(ScheduleFamily::Cosine, 10);
  o.cosine_s = -0.1;
  contains(msg(o), "cosine offset s must lie in [0, 1), got -0.1");
  o = family_options(ScheduleFamily::Cosine, 10);
  o.cosine_max_beta = 1.2;
  contains(msg(o), "cosine max_beta must lie in (0, 1], got 1.2");
  o = family_options(ScheduleFamily::Linear, 1, true);
  contains(msg(o), "zero-terminal-SNR");

  o = {};
  o.family = ScheduleFamily::Custom;
  o.custom_kind = CustomScheduleKind::BetaTable;
  o.timesteps = 3;
  o.custom_values = {0.1, 1.2, 0.3};
  contains(msg(o), "beta[2] must lie in (0, 1), got 1.2");
  o.custom_values = {0.1, 0.2};
  contains(msg(o), "custom beta table has 2 entries but timesteps is 3");
  o.custom_kind = CustomScheduleKind::AlphaBarTable;
  o.custom_values = {0.9, 0.95, 0.5};
  contains(msg(o), "strictly decreasing, but alpha_bar[2] = 0.95 >= alpha_bar[1] = 0.9");
  o.custom_values = {1.0, 0.95, 0.5};
  contains(msg(o), "custom alpha_bar[1] must lie in [0, 1), got 1");
  o.custom_kind = CustomScheduleKind::LogSnrPoints;
  o.control_points = {{0.0, 2.0}, {1.0, 3.0}};
  contains(msg(o), "strictly decreasing log-SNR, but point 1 has 3 >= 2");
  o.control_points = {{0.0, 2.0}};
  contains(msg(o), "at least 2 control points, got 1");
  o.control_points = {{0.0, 2.0}, {1.5, -3.0}};
  contains(msg(o), "control point 1 has u = 1.5 outside [0, 1]");

  contains(error_of([] { NoiseSchedule(std::vector<double>{}); }), "empty beta table");
  contains(error_of([] { NoiseSchedule(std::vector<double>{0.1, 1.0, 0.2}); }), "beta[2] must lie in (0, 1), got 1");
  contains(error_of([] { NoiseSchedule(std::vector<double>{0.1, -0.2}); }), "beta[2]");
  contains(error_of([] { NoiseSchedule(std::vector<double>{0.1, std::nan("")}); }), "beta[2]");
  contains(error_of([] { parse_schedule_family("quadratic"); }), "unknown schedule 'quadratic'");
  const auto s = NoiseSchedule::from_options(family_options(ScheduleFamily::Linear, 10));
  contains(error_of([&] { s.beta(0); }), "timestep 0 outside [1, 10]");
  contains(error_of([&] { s.alpha_bar(11); }), "timestep 11 outside [0, 10]");
}

TEST_CASE("schedule options round-trip through JSON and bad JSON names the field") {
  ScheduleOptions o;
  o.family = ScheduleFamily::Custom;
  o.timesteps = 12;
  o.beta_start = 3e-4;
  o.beta_end = 0.03;
  o.cosine_s = 0.01;
  o.cosine_max_beta = 0.99;
  o.zero_terminal_snr = true;
  o.custom_kind = CustomScheduleKind::LogSnrPoints;
  o.custom_values = {0.5, 0.25};
  o.control_points = {{0.0, 5.0}, {1.0, -5.0}};
  const nlohmann::json j = schedule_options_to_json(o);
  // Field names are a file format (checkpoints, configs): pinned here.
  CHECK(j.at("family") == "custom");
  CHECK(j.at("custom_kind") == "log-snr-points");
  CHECK(j.at("control_points") == nlohmann::json::parse("[[0.0, 5.0], [1.0, -5.0]]"));
  const ScheduleOptions r = schedule_options_from_json(nlohmann::json::parse(j.dump()));
  CHECK(r.family == o.family);
  CHECK(r.timesteps == o.timesteps);
  CHECK(r.beta_start == o.beta_start);
  CHECK(r.beta_end == o.beta_end);
  CHECK(r.cosine_s == o.cosine_s);
  CHECK(r.cosine_max_beta == o.cosine_max_beta);
  CHECK(r.zero_terminal_snr == o.zero_terminal_snr);
  CHECK(r.custom_kind == o.custom_kind);
  CHECK(r.custom_values == o.custom_values);
  CHECK(r.control_points == o.control_points);

  const auto linear = schedule_options_to_json(ScheduleOptions{});
  CHECK_FALSE(linear.contains("custom_kind"));
  const auto d = schedule_options_from_json(nlohmann::json::parse(R"({"family": "cosine", "timesteps": 1000})"));
  CHECK(d.family == ScheduleFamily::Cosine);
  CHECK(d.beta_start == ScheduleOptions{}.beta_start);

  auto bad = [](const char* text) {
    return error_of([&] { schedule_options_from_json(nlohmann::json::parse(text)); });
  };
  CHECK(bad(R"({"timesteps": "ten"})") == "schedule field 'timesteps' must be an integer, got \"ten\"");
  CHECK(bad(R"({"timesteps": 10.5})") == "schedule field 'timesteps' must be an integer, got 10.5");
  CHECK(bad(R"({"beta_end": null})") == "schedule field 'beta_end' must be a number, got null");
  CHECK(bad(R"({"zero_terminal_snr": 1})") == "schedule field 'zero_terminal_snr' must be true or false, got 1");
  CHECK(bad(R"({"family": "quadratic"})").find("schedule field 'family': unknown schedule 'quadratic'") == 0);
  CHECK(
      bad(R"({"custom_kind": "spline"})").find("schedule field 'custom_kind': unknown custom schedule kind 'spline'") ==
      0);
  CHECK(bad(R"({"custom_values": [0.1, "x"]})") == "schedule field 'custom_values[1]' must be a number, got \"x\"");
  CHECK(bad(R"({"control_points": [[0, 1], [1]]})") ==
        "schedule field 'control_points[1]' must be a pair [u, log_snr] of numbers, got [1]");
  CHECK(bad(R"({"betastart": 0.1})") == "schedule field 'betastart' is not a schedule option, got 0.1");
  CHECK(bad("[1, 2]") == "schedule options must be a JSON object, got [1,2]");
}
