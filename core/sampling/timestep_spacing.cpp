#include "sampling/sampler.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace difflab {

const std::vector<TimestepSpacing>& timestep_spacings() {
  static const std::vector<TimestepSpacing> all = {
      TimestepSpacing::Leading,       TimestepSpacing::Trailing, TimestepSpacing::Linspace, TimestepSpacing::Karras,
      TimestepSpacing::UniformLogSnr, TimestepSpacing::Beta,     TimestepSpacing::Custom};
  return all;
}

TimestepSpacing parse_timestep_spacing(const std::string& name) {
  for (TimestepSpacing s : timestep_spacings())
    if (name == timestep_spacing_name(s)) return s;
  if (name == "exponential") return TimestepSpacing::UniformLogSnr;  // log σ_VE = −λ uniform: the same grid
  throw std::invalid_argument("unknown timestep spacing '" + name +
                              "' (expected leading, trailing, linspace, karras, uniform-logsnr, exponential, beta "
                              "or custom)");
}

std::string timestep_spacing_meaning(TimestepSpacing spacing) {
  switch (spacing) {
    case TimestepSpacing::Leading: return "diffusers 'leading': 1, 1+r, ..., r = T div N (never reaches t = T)";
    case TimestepSpacing::Trailing: return "diffusers 'trailing': round(T - i T/N), starts at t = T";
    case TimestepSpacing::Linspace: return "diffusers 'linspace': round(linspace(1, T, N))";
    case TimestepSpacing::Karras: return "Karras et al. 2022 eq. 5: sigma^(1/rho) uniform";
    case TimestepSpacing::UniformLogSnr:
      return "uniform in log-SNR (= k-diffusion 'exponential', log sigma uniform; DPM-Solver 'logSNR')";
    case TimestepSpacing::Beta: return "Lee et al. 2024: Beta(0.6, 0.6) quantiles of t, dense at both ends";
    case TimestepSpacing::Custom: return "a given grid, e.g. from difflab-cli optimise-steps (JSON)";
  }
  return {};
}

std::string timestep_spacing_name(TimestepSpacing spacing) {
  switch (spacing) {
    case TimestepSpacing::Leading: return "leading";
    case TimestepSpacing::Trailing: return "trailing";
    case TimestepSpacing::Linspace: return "linspace";
    case TimestepSpacing::Karras: return "karras";
    case TimestepSpacing::UniformLogSnr: return "uniform-logsnr";
    case TimestepSpacing::Beta: return "beta";
    case TimestepSpacing::Custom: return "custom";
  }
  throw std::invalid_argument("invalid TimestepSpacing value " + std::to_string(static_cast<int>(spacing)));
}

namespace {

// diffusers' schedulers index training steps 0..T−1; this code's t = index + 1. Rounding is NumPy's
// (half to even), which std::nearbyint gives in the default rounding mode.
std::vector<double> integer_spacing(int64_t T, int64_t N, TimestepSpacing spacing) {
  std::vector<double> t(static_cast<size_t>(N));
  for (int64_t i = 0; i < N; ++i) {
    const double k = static_cast<double>(i);
    double index = 0.0;
    if (spacing == TimestepSpacing::Leading) {
      index = static_cast<double>((N - 1 - i) * (T / N));  // arange(N) * (T // N), reversed
    } else if (spacing == TimestepSpacing::Trailing) {
      index = std::nearbyint(static_cast<double>(T) - k * static_cast<double>(T) / static_cast<double>(N)) - 1.0;
    } else {  // Linspace: linspace(0, T − 1, N).round(), reversed
      // NumPy computes k · ((T − 1)/(N − 1)) and pins the last value to T − 1.
      const int64_t j = N - 1 - i;
      index = j == 0 ? 0.0
              : j == N - 1
                  ? static_cast<double>(T - 1)
                  : std::nearbyint(static_cast<double>(j) * (static_cast<double>(T - 1) / static_cast<double>(N - 1)));
    }
    t[static_cast<size_t>(i)] = index + 1.0;
  }
  return t;
}

// Karras et al. 2022, eq. 5: σ_i = (σ_max^{1/ρ} + i/(N−1) (σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ on the VE noise levels,
// or λ uniform (DPM-Solver's "logSNR" skip type); both mapped back to t through λ(u) = −log σ_VE(u).
// With a cap (sigma_max > 0, or the zero-terminal-SNR default kSigmaVeCap) the λ range starts at −log σ_cap; a
// zero-terminal-SNR schedule without a given cap keeps t_0 = T in front and lays out the other N − 1 points.
std::vector<double> continuous_spacing(const NoiseSchedule& s, int64_t N, TimestepSpacing spacing, double rho,
                                       double sigma_max) {
  const double T = static_cast<double>(s.timesteps());
  const bool infinite_top = s.zero_terminal_snr() && !(sigma_max > 0.0);
  if (infinite_top && N == 1) return {T};
  const int64_t n = infinite_top ? N - 1 : N;
  const double cap = infinite_top ? NoiseSchedule::kSigmaVeCap : sigma_max;
  const double lambda_max = s.lambda_cont(1.0 / T);
  const double lambda_min = cap > 0.0 ? std::max(s.lambda_cont(1.0), -std::log(cap)) : s.lambda_cont(1.0);
  std::vector<double> t(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const double r = n == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(n - 1);
    double lambda = 0.0;
    if (spacing == TimestepSpacing::Karras) {
      const double a = std::exp(-lambda_min / rho), b = std::exp(-lambda_max / rho);  // σ_max^{1/ρ}, σ_min^{1/ρ}
      lambda = -rho * std::log(a + r * (b - a));
    } else {
      lambda = lambda_min + r * (lambda_max - lambda_min);
    }
    t[static_cast<size_t>(i)] = T * s.u_from_lambda(lambda);
  }
  // The ends exactly, free of the bisection's last bit.
  if (lambda_min == s.lambda_cont(1.0)) t.front() = T;
  if (n > 1) t.back() = 1.0;
  if (infinite_top) t.insert(t.begin(), T);
  return t;
}

// An integer or beta grid under a cap: t_0 becomes the time of σ_VE = sigma_max, points above it go.
//
// The cap is an ε-model's (Denoiser::max_sigma_ve): its first step maps an error δ in ε̂ to an error of about
// δ·(σ_VE(t_0) − σ_VE(t_1)) in x/α, i.e. δ·(σ_VE(t_0)/σ_VE(t_1) − 1) relative to the noise at t_1, and for DDIM
// inversion that is the mismatch between ε̂ at the two ends of the step. On a schedule whose signal vanishes
// steeply at t = T (cosine: σ_VE = 32 at t = 980, 160 at t = 996) a grid that is uniform in t makes this
// first λ-step several times longer than the next one. So the capped top is also kept within one geometric
// step of the rest of the grid: λ_0 ≥ λ_1 − (λ_2 − λ_1), i.e. σ_VE(t_0) ≤ σ_VE(t_1)²/σ_VE(t_2). Measured on
// Fashion-MNIST with the cosine schedule (50 steps, DDIM inversion, trailing): round-trip error 0.83 → 0.15.
// Grids already below the cap (the linear schedule's, whose first steps are short in λ) are unchanged.
// The points that go are given back at the top, so the grid keeps the steps asked for (the NFE a comparison
// counts): the longest λ-step among the top ones is halved until the count is made up.
std::vector<double> cap_grid(const NoiseSchedule& s, std::vector<double> t, double sigma_max) {
  if (!(sigma_max > 0.0)) return t;
  const double T = static_cast<double>(s.timesteps());
  if (!(s.lambda_cont(t.front() / T) < -std::log(sigma_max))) return t;  // already below the cap
  double lambda_top = -std::log(sigma_max);
  std::vector<double> below;
  for (size_t i = 1; i < t.size(); ++i)
    if (s.lambda_cont(t[i] / T) > lambda_top) below.push_back(t[i]);
  if (below.size() >= 2) {
    const double l1 = s.lambda_cont(below[0] / T), l2 = s.lambda_cont(below[1] / T);
    lambda_top = std::max(lambda_top, l1 - (l2 - l1));
  }
  std::vector<double> out = {T * s.u_from_lambda(lambda_top)};
  out.insert(out.end(), below.begin(), below.end());
  // Points dropped above the cap come back as λ-midpoints of the longest of the first steps.
  const size_t top = std::min<size_t>(out.size(), 3);
  while (out.size() < t.size()) {
    size_t longest = 0;
    double widest = -1.0;
    for (size_t i = 0; i + 1 < std::max<size_t>(top, 2) && i + 1 < out.size(); ++i) {
      const double w = s.lambda_cont(out[i + 1] / T) - s.lambda_cont(out[i] / T);
      if (w > widest) widest = w, longest = i;
    }
    if (out.size() < 2) break;  // nothing below the cap to split towards
    const double mid = 0.5 * (s.lambda_cont(out[longest] / T) + s.lambda_cont(out[longest + 1] / T));
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(longest) + 1, T * s.u_from_lambda(mid));
  }
  return out;
}

// Lee et al. 2024, "Beta Sampling is All You Need": t_i = T·F⁻¹(1 − i/N) with F the Beta(a, b) CDF (ComfyUI's
// beta scheduler uses a = b = 0.6 and rounds to integers; here t stays fractional on the continuous view).
std::vector<double> beta_spacing(int64_t T, int64_t N, double a = 0.6, double b = 0.6) {
  std::vector<double> t(static_cast<size_t>(N));
  for (int64_t i = 0; i < N; ++i)
    t[static_cast<size_t>(i)] =
        static_cast<double>(T) *
        inverse_regularized_incomplete_beta(1.0 - static_cast<double>(i) / static_cast<double>(N), a, b);
  t.front() = static_cast<double>(T);
  return t;
}

// Continued fraction of I_x(a, b) by Lentz's method (Numerical Recipes, 3rd ed., sec. 6.4, betacf).
double beta_continued_fraction(double x, double a, double b) {
  constexpr double tiny = 1e-300, eps = 1e-16;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < eps) break;
  }
  return h;
}

}  // namespace

double regularized_incomplete_beta(double x, double a, double b) {
  if (!(a > 0.0 && b > 0.0)) throw std::invalid_argument("incomplete beta: a and b must be positive");
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(x, a, b) / a;
  return 1.0 - front * beta_continued_fraction(1.0 - x, b, a) / b;
}

double inverse_regularized_incomplete_beta(double p, double a, double b) {
  if (p <= 0.0) return 0.0;
  if (p >= 1.0) return 1.0;
  double lo = 0.0, hi = 1.0;  // I_x is increasing in x: bisection to the last bit
  for (int i = 0; i < 200 && hi - lo > 0.0; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (regularized_incomplete_beta(mid, a, b) < p)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

void check_custom_timesteps(const NoiseSchedule& schedule, const std::vector<double>& t) {
  const double T = static_cast<double>(schedule.timesteps());
  auto fail = [](const std::string& what) { throw std::invalid_argument("custom timesteps: " + what); };
  if (t.size() < 2) fail("need at least 2 times (one step), got " + std::to_string(t.size()));
  for (size_t i = 0; i < t.size(); ++i)
    if (!std::isfinite(t[i]) || t[i] < 0.0 || t[i] > T)
      fail("t[" + std::to_string(i) + "] = " + std::to_string(t[i]) + " lies outside [0, " + std::to_string(T) + "]");
  const bool decreasing = t[1] < t[0];
  for (size_t i = 1; i < t.size(); ++i)
    if (decreasing ? !(t[i] < t[i - 1]) : !(t[i] > t[i - 1]))
      fail("the times must be strictly monotone, but t[" + std::to_string(i) + "] = " + std::to_string(t[i]) +
           " follows t[" + std::to_string(i - 1) + "] = " + std::to_string(t[i - 1]));
  if (decreasing && t.back() != 0.0) fail("a sampling grid must end at t = 0, got " + std::to_string(t.back()));
  if (!decreasing && !(t.front() > 0.0))
    fail("an inversion grid must start above t = 0 (the data end is a separate step)");
}

std::vector<double> sampling_timesteps(const NoiseSchedule& schedule, int64_t steps, TimestepSpacing spacing,
                                       double karras_rho, double sigma_max) {
  const int64_t T = schedule.timesteps();
  if (steps < 1) throw std::invalid_argument("sampling steps must be at least 1, got " + std::to_string(steps));
  const bool integer = spacing == TimestepSpacing::Leading || spacing == TimestepSpacing::Trailing ||
                       spacing == TimestepSpacing::Linspace;
  if (integer && steps > T)
    throw std::invalid_argument("sampling steps " + std::to_string(steps) + " exceed the " + std::to_string(T) +
                                " training steps, which " + timestep_spacing_name(spacing) + " spacing cannot place");
  if (!(karras_rho > 0.0))
    throw std::invalid_argument("Karras rho must be positive, got " + std::to_string(karras_rho));
  if (spacing == TimestepSpacing::Custom)
    throw std::invalid_argument("the custom spacing's grid is given by the sampler options (custom_timesteps)");
  if (!(sigma_max >= 0.0)) throw std::invalid_argument("sigma_max must be >= 0, got " + std::to_string(sigma_max));
  std::vector<double> t = integer ? cap_grid(schedule, integer_spacing(T, steps, spacing), sigma_max)
                          : spacing == TimestepSpacing::Beta
                              ? cap_grid(schedule, beta_spacing(T, steps), sigma_max)
                              : continuous_spacing(schedule, steps, spacing, karras_rho, sigma_max);
  t.push_back(0.0);
  for (size_t i = 1; i < t.size(); ++i)
    if (!(t[i] < t[i - 1]))
      throw std::invalid_argument(timestep_spacing_name(spacing) + " spacing with " + std::to_string(steps) +
                                  " steps gives a repeated timestep t = " + std::to_string(t[i]) + "; use fewer steps");
  return t;
}

}  // namespace difflab
