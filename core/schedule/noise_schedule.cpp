#include "schedule/noise_schedule.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace difflab {
namespace {

constexpr double kPi = 3.14159265358979323846;

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument(what); }

template <typename T>
std::string str(const T& v) {
  std::ostringstream os;
  os.precision(10);
  os << v;
  return os.str();
}

// diffusers computes these in float32 with torch.linspace; we keep doubles (identical to float32 rounding).
std::vector<double> linspace(double a, double b, int64_t n) {
  std::vector<double> out(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out[i] = n == 1 ? a : a + (b - a) * static_cast<double>(i) / (n - 1);
  return out;
}

void check_endpoints(const ScheduleOptions& o) {
  if (!(o.beta_start > 0.0 && o.beta_start < 1.0)) fail("beta_start must lie in (0, 1), got " + str(o.beta_start));
  if (!(o.beta_end > 0.0 && o.beta_end < 1.0)) fail("beta_end must lie in (0, 1), got " + str(o.beta_end));
  if (o.beta_start > o.beta_end)
    fail("beta_start (" + str(o.beta_start) + ") must not exceed beta_end (" + str(o.beta_end) + ")");
}

// Ho et al. 2020, §4: β linear from β_1 to β_T.
std::vector<double> linear_betas(const ScheduleOptions& o) {
  check_endpoints(o);
  return linspace(o.beta_start, o.beta_end, o.timesteps);
}

// Stable Diffusion's "scaled_linear": linear in √β (diffusers beta_schedule="scaled_linear").
std::vector<double> scaled_linear_betas(const ScheduleOptions& o) {
  check_endpoints(o);
  auto b = linspace(std::sqrt(o.beta_start), std::sqrt(o.beta_end), o.timesteps);
  for (auto& x : b) x *= x;
  return b;
}

// Nichol & Dhariwal 2021, eq. 17: ᾱ(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s) · π/2), with
// β_t = min(1 − ᾱ_t/ᾱ_{t−1}, max_beta) (diffusers "squaredcos_cap_v2", betas_for_alpha_bar).
std::vector<double> cosine_betas(const ScheduleOptions& o) {
  if (!(o.cosine_s >= 0.0 && o.cosine_s < 1.0)) fail("cosine offset s must lie in [0, 1), got " + str(o.cosine_s));
  if (!(o.cosine_max_beta > 0.0 && o.cosine_max_beta <= 1.0))
    fail("cosine max_beta must lie in (0, 1], got " + str(o.cosine_max_beta));
  auto f = [&](double u) {
    const double c = std::cos((u + o.cosine_s) / (1.0 + o.cosine_s) * kPi / 2.0);
    return c * c;
  };
  std::vector<double> b(static_cast<size_t>(o.timesteps));
  const double T = static_cast<double>(o.timesteps);
  for (int64_t i = 0; i < o.timesteps; ++i) b[i] = std::min(1.0 - f((i + 1) / T) / f(i / T), o.cosine_max_beta);
  return b;
}

// diffusers beta_schedule="sigmoid" (from GeoDiff): β = sigmoid(linspace(−6, 6, T))·(β_T − β_1) + β_1.
std::vector<double> sigmoid_betas(const ScheduleOptions& o) {
  check_endpoints(o);
  auto b = linspace(-6.0, 6.0, o.timesteps);
  for (auto& x : b) x = 1.0 / (1.0 + std::exp(-x)) * (o.beta_end - o.beta_start) + o.beta_start;
  return b;
}

std::vector<double> betas_from_alpha_bars(const std::vector<double>& ab) {
  std::vector<double> b(ab.size());
  double prev = 1.0;
  for (size_t i = 0; i < ab.size(); ++i) {
    b[i] = 1.0 - ab[i] / prev;
    prev = ab[i];
  }
  return b;
}

std::vector<double> custom_betas(const ScheduleOptions& o) {
  switch (o.custom_kind) {
    case CustomScheduleKind::BetaTable:
      if (static_cast<int64_t>(o.custom_values.size()) != o.timesteps)
        fail("custom beta table has " + str(o.custom_values.size()) + " entries but timesteps is " + str(o.timesteps));
      return o.custom_values;
    case CustomScheduleKind::AlphaBarTable: {
      const auto& ab = o.custom_values;
      if (static_cast<int64_t>(ab.size()) != o.timesteps)
        fail("custom alpha_bar table has " + str(ab.size()) + " entries but timesteps is " + str(o.timesteps));
      for (size_t i = 0; i < ab.size(); ++i) {
        if (!(ab[i] >= 0.0 && ab[i] < 1.0))
          fail("custom alpha_bar[" + str(i + 1) + "] must lie in [0, 1), got " + str(ab[i]));
        if (i > 0 && !(ab[i] < ab[i - 1]))
          fail("custom alpha_bar table must be strictly decreasing, but alpha_bar[" + str(i + 1) + "] = " + str(ab[i]) +
               " >= alpha_bar[" + str(i) + "] = " + str(ab[i - 1]));
      }
      return betas_from_alpha_bars(ab);
    }
    case CustomScheduleKind::LogSnrPoints: {
      // Control points (u, λ) with λ = log(ᾱ/(1 − ᾱ)) the full log-SNR; linear interpolation in u.
      const auto& p = o.control_points;
      if (p.size() < 2) fail("a log-SNR custom schedule needs at least 2 control points, got " + str(p.size()));
      for (size_t i = 0; i < p.size(); ++i) {
        if (!(p[i].first >= 0.0 && p[i].first <= 1.0))
          fail("control point " + str(i) + " has u = " + str(p[i].first) + " outside [0, 1]");
        if (!std::isfinite(p[i].second)) fail("control point " + str(i) + " has a non-finite log-SNR");
        if (i > 0 && !(p[i].first > p[i - 1].first))
          fail("control points must have increasing u, but point " + str(i) + " has u = " + str(p[i].first));
        if (i > 0 && !(p[i].second < p[i - 1].second))
          fail("control points must have strictly decreasing log-SNR, but point " + str(i) + " has " +
               str(p[i].second) + " >= " + str(p[i - 1].second));
      }
      std::vector<double> ab(static_cast<size_t>(o.timesteps));
      for (int64_t t = 1; t <= o.timesteps; ++t) {
        const double u = static_cast<double>(t) / o.timesteps;
        size_t k = 1;
        while (k + 1 < p.size() && p[k].first < u) ++k;
        const double w = (u - p[k - 1].first) / (p[k].first - p[k - 1].first);
        const double lam = p[k - 1].second + w * (p[k].second - p[k - 1].second);
        ab[t - 1] = 1.0 / (1.0 + std::exp(-lam));
      }
      for (size_t i = 1; i < ab.size(); ++i)
        if (!(ab[i] < ab[i - 1])) fail("control points give a log-SNR that is not decreasing at t = " + str(i + 1));
      return betas_from_alpha_bars(ab);
    }
  }
  fail("unknown custom schedule kind");
}

// Lin et al. 2024, "Common Diffusion Noise Schedules and Sample Steps are Flawed", Algorithm 1:
// shift and scale √ᾱ so that √ᾱ_T = 0 while √ᾱ_1 is kept.
std::vector<double> rescale_zero_terminal_snr(const std::vector<double>& betas) {
  std::vector<double> s(betas.size());
  double ab = 1.0;
  for (size_t i = 0; i < betas.size(); ++i) {
    ab *= 1.0 - betas[i];
    s[i] = std::sqrt(ab);
  }
  const double s0 = s.front(), sT = s.back();
  if (!(s0 > sT)) fail("zero-terminal-SNR rescaling needs at least 2 timesteps with decreasing alpha_bar");
  std::vector<double> abar(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const double r = (s[i] - sT) * s0 / (s0 - sT);
    abar[i] = r * r;
  }
  std::vector<double> out(betas.size());
  out[0] = 1.0 - abar[0];
  for (size_t i = 1; i < abar.size(); ++i) out[i] = 1.0 - abar[i] / abar[i - 1];
  return out;
}

}  // namespace

ScheduleFamily parse_schedule_family(const std::string& name) {
  if (name == "linear") return ScheduleFamily::Linear;
  if (name == "scaled-linear" || name == "scaled_linear") return ScheduleFamily::ScaledLinear;
  if (name == "cosine" || name == "squaredcos_cap_v2") return ScheduleFamily::Cosine;
  if (name == "sigmoid") return ScheduleFamily::Sigmoid;
  if (name == "custom") return ScheduleFamily::Custom;
  fail("unknown schedule '" + name + "' (expected linear, scaled-linear, cosine, sigmoid or custom)");
}

std::string schedule_family_name(ScheduleFamily family) {
  switch (family) {
    case ScheduleFamily::Linear: return "linear";
    case ScheduleFamily::ScaledLinear: return "scaled-linear";
    case ScheduleFamily::Cosine: return "cosine";
    case ScheduleFamily::Sigmoid: return "sigmoid";
    case ScheduleFamily::Custom: return "custom";
  }
  return "unknown";
}

NoiseSchedule NoiseSchedule::from_options(const ScheduleOptions& o) {
  if (o.timesteps < 1) fail("timesteps must be at least 1, got " + str(o.timesteps));
  // Ten tables of T doubles: beyond 10⁷ steps (0.8 GB) no discretisation gains anything.
  if (o.timesteps > 10000000) fail("timesteps must be at most 10000000, got " + str(o.timesteps));
  if (o.zero_terminal_snr && o.timesteps < 2)
    fail("zero-terminal-SNR rescaling needs timesteps >= 2 (it pins alpha_bar_1 and zeroes alpha_bar_T), got " +
         str(o.timesteps));
  std::vector<double> b;
  switch (o.family) {
    case ScheduleFamily::Linear: b = linear_betas(o); break;
    case ScheduleFamily::ScaledLinear: b = scaled_linear_betas(o); break;
    case ScheduleFamily::Cosine: b = cosine_betas(o); break;
    case ScheduleFamily::Sigmoid: b = sigmoid_betas(o); break;
    case ScheduleFamily::Custom: b = custom_betas(o); break;
  }
  if (o.zero_terminal_snr) b = rescale_zero_terminal_snr(b);
  NoiseSchedule s(std::move(b));
  s.options_ = o;
  return s;
}

NoiseSchedule::NoiseSchedule(std::vector<double> betas) : betas_(std::move(betas)) {
  if (betas_.empty()) fail("a noise schedule needs at least 1 timestep, got an empty beta table");
  for (size_t i = 0; i < betas_.size(); ++i) {
    const bool last = i + 1 == betas_.size();
    const double b = betas_[i];
    if (!(b > 0.0 && (b < 1.0 || (last && b <= 1.0 + 1e-12))))
      fail("beta[" + str(i + 1) + "] must lie in (0, 1)" + std::string(last ? " (or equal 1 at t = T)" : "") +
           ", got " + str(b));
  }
  derive();
}

void NoiseSchedule::derive() {
  alpha_bars_.resize(betas_.size());
  double ab = 1.0;
  for (size_t i = 0; i < betas_.size(); ++i) {
    ab *= 1.0 - betas_[i];
    alpha_bars_[i] = std::max(ab, 0.0);
  }
  // Grid of log α = ½ log ᾱ and monotone (Fritsch–Butland) tangents for the continuous-time view.
  const size_t n = betas_.size();
  const double h = 1.0 / static_cast<double>(n);
  log_alpha_grid_.assign(n + 1, 0.0);
  for (size_t k = 1; k <= n; ++k) log_alpha_grid_[k] = 0.5 * std::log(alpha_bars_[k - 1]);  // −∞ for ᾱ_T = 0
  // With zero terminal SNR the last interval is linear in α (alpha_cont); the spline covers [0, u_{T−1}].
  const size_t spline_n = zero_terminal_snr() ? n - 1 : n;
  std::vector<double> delta(n, 0.0);
  for (size_t k = 0; k < spline_n; ++k) delta[k] = (log_alpha_grid_[k + 1] - log_alpha_grid_[k]) / h;
  tangents_.assign(n + 1, 0.0);
  if (spline_n > 0) {
    tangents_[0] = delta[0];
    tangents_[spline_n] = delta[spline_n - 1];
  }
  for (size_t k = 1; k < spline_n; ++k) {
    const double a = delta[k - 1], b = delta[k];
    tangents_[k] = (a * b <= 0.0) ? 0.0 : 2.0 * a * b / (a + b);
  }
}

namespace {
void check_t(int64_t t, int64_t T, bool allow_zero) {
  if (t < (allow_zero ? 0 : 1) || t > T)
    throw std::out_of_range("timestep " + std::to_string(t) + " outside [" + (allow_zero ? "0" : "1") + ", " +
                            std::to_string(T) + "]");
}
}  // namespace

double NoiseSchedule::beta(int64_t t) const {
  check_t(t, timesteps(), false);
  return betas_[t - 1];
}
double NoiseSchedule::alpha(int64_t t) const { return 1.0 - beta(t); }
double NoiseSchedule::alpha_bar(int64_t t) const {
  check_t(t, timesteps(), true);
  return t == 0 ? 1.0 : alpha_bars_[t - 1];
}
double NoiseSchedule::sqrt_alpha_bar(int64_t t) const { return std::sqrt(alpha_bar(t)); }
double NoiseSchedule::sqrt_one_minus_alpha_bar(int64_t t) const { return std::sqrt(1.0 - alpha_bar(t)); }
double NoiseSchedule::log_snr(int64_t t) const {
  const double ab = alpha_bar(t);
  return std::log(ab) - std::log1p(-ab);
}
double NoiseSchedule::sigma_ve(int64_t t) const {
  const double ab = alpha_bar(t);
  return std::sqrt((1.0 - ab) / ab);
}
double NoiseSchedule::posterior_variance(int64_t t) const {
  // Ho et al. 2020, eq. 7.
  return beta(t) * (1.0 - alpha_bar(t - 1)) / (1.0 - alpha_bar(t));
}

namespace {
// Cubic Hermite basis on [0, 1].
struct Hermite {
  double h00, h10, h01, h11, d00, d10, d01, d11;
  explicit Hermite(double s)
      : h00(2 * s * s * s - 3 * s * s + 1),
        h10(s * s * s - 2 * s * s + s),
        h01(-2 * s * s * s + 3 * s * s),
        h11(s * s * s - s * s),
        d00(6 * s * s - 6 * s),
        d10(3 * s * s - 4 * s + 1),
        d01(-6 * s * s + 6 * s),
        d11(3 * s * s - 2 * s) {}
};
}  // namespace

double NoiseSchedule::alpha_cont(double u) const {
  const int64_t T = timesteps();
  const double x = std::clamp(u, 0.0, 1.0) * static_cast<double>(T);
  const int64_t k = std::min<int64_t>(static_cast<int64_t>(std::floor(x)), T - 1);
  if (k == T - 1 && zero_terminal_snr())  // α linear from α_{T−1} to 0 (see noise_schedule.h)
    return std::exp(log_alpha_grid_[k]) * (1.0 - (x - static_cast<double>(k)));
  const double h = 1.0 / static_cast<double>(T);
  const Hermite b(x - static_cast<double>(k));
  return std::exp(b.h00 * log_alpha_grid_[k] + b.h10 * h * tangents_[k] + b.h01 * log_alpha_grid_[k + 1] +
                  b.h11 * h * tangents_[k + 1]);
}

double NoiseSchedule::d_alpha_cont(double u) const {
  const int64_t T = timesteps();
  const double x = std::clamp(u, 0.0, 1.0) * static_cast<double>(T);
  const int64_t k = std::min<int64_t>(static_cast<int64_t>(std::floor(x)), T - 1);
  if (k == T - 1 && zero_terminal_snr()) return -std::exp(log_alpha_grid_[k]) * static_cast<double>(T);
  return alpha_cont(u) * d_log_alpha_cont(u);
}

double NoiseSchedule::d_log_alpha_cont(double u) const {
  const int64_t T = timesteps();
  const double x = std::clamp(u, 0.0, 1.0) * static_cast<double>(T);
  const int64_t k = std::min<int64_t>(static_cast<int64_t>(std::floor(x)), T - 1);
  if (k == T - 1 && zero_terminal_snr()) {
    const double rest = 1.0 - (x - static_cast<double>(k));  // α ∝ rest on the last interval
    return rest > 0.0 ? -static_cast<double>(T) / rest : -std::numeric_limits<double>::infinity();
  }
  const double h = 1.0 / static_cast<double>(T);
  const Hermite b(x - static_cast<double>(k));
  return (b.d00 * log_alpha_grid_[k] + b.d01 * log_alpha_grid_[k + 1]) / h + b.d10 * tangents_[k] +
         b.d11 * tangents_[k + 1];
}

double NoiseSchedule::sigma_vp_cont(double u) const {
  const double a = alpha_cont(u);
  return std::sqrt(std::max(1.0 - a * a, 0.0));
}
double NoiseSchedule::lambda_cont(double u) const {
  const double a = alpha_cont(u);
  // log σ = ½ log(1 − α²), computed without cancellation near α = 1.
  return std::log(a) - 0.5 * std::log(-std::expm1(2.0 * std::log(a)));
}
double NoiseSchedule::u_from_lambda(double lambda) const {
  // λ(u) decreases monotonically: bisection is robust and exact to double precision in 64 halvings.
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 64; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (lambda_cont(mid) > lambda)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace difflab
