#include "sampling/sampler.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace difflab {

TimestepSpacing parse_timestep_spacing(const std::string& name) {
  if (name == "leading") return TimestepSpacing::Leading;
  if (name == "trailing") return TimestepSpacing::Trailing;
  if (name == "linspace") return TimestepSpacing::Linspace;
  if (name == "karras") return TimestepSpacing::Karras;
  if (name == "uniform-logsnr") return TimestepSpacing::UniformLogSnr;
  throw std::invalid_argument("unknown timestep spacing '" + name +
                              "' (expected leading, trailing, linspace, karras or uniform-logsnr)");
}

std::string timestep_spacing_name(TimestepSpacing spacing) {
  switch (spacing) {
    case TimestepSpacing::Leading: return "leading";
    case TimestepSpacing::Trailing: return "trailing";
    case TimestepSpacing::Linspace: return "linspace";
    case TimestepSpacing::Karras: return "karras";
    case TimestepSpacing::UniformLogSnr: return "uniform-logsnr";
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
          : j == N - 1 ? static_cast<double>(T - 1)
                       : std::nearbyint(static_cast<double>(j) *
                                        (static_cast<double>(T - 1) / static_cast<double>(N - 1)));
    }
    t[static_cast<size_t>(i)] = index + 1.0;
  }
  return t;
}

// Karras et al. 2022, eq. 5: σ_i = (σ_max^{1/ρ} + i/(N−1) (σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ on the VE noise levels,
// or λ uniform (DPM-Solver's "logSNR" skip type); both mapped back to t through λ(u) = −log σ_VE(u).
std::vector<double> continuous_spacing(const NoiseSchedule& s, int64_t N, TimestepSpacing spacing, double rho) {
  const double T = static_cast<double>(s.timesteps());
  const double lambda_max = s.lambda_cont(1.0 / T), lambda_min = s.lambda_cont(1.0);
  std::vector<double> t(static_cast<size_t>(N));
  for (int64_t i = 0; i < N; ++i) {
    const double r = N == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(N - 1);
    double lambda = 0.0;
    if (spacing == TimestepSpacing::Karras) {
      const double a = std::exp(-lambda_min / rho), b = std::exp(-lambda_max / rho);  // σ_max^{1/ρ}, σ_min^{1/ρ}
      lambda = -rho * std::log(a + r * (b - a));
    } else {
      lambda = lambda_min + r * (lambda_max - lambda_min);
    }
    t[static_cast<size_t>(i)] = T * s.u_from_lambda(lambda);
  }
  t.front() = T;  // the ends exactly, free of the bisection's last bit
  if (N > 1) t.back() = 1.0;
  return t;
}

}  // namespace

std::vector<double> sampling_timesteps(const NoiseSchedule& schedule, int64_t steps, TimestepSpacing spacing,
                                       double karras_rho) {
  const int64_t T = schedule.timesteps();
  if (steps < 1) throw std::invalid_argument("sampling steps must be at least 1, got " + std::to_string(steps));
  const bool integer = spacing == TimestepSpacing::Leading || spacing == TimestepSpacing::Trailing ||
                       spacing == TimestepSpacing::Linspace;
  if (integer && steps > T)
    throw std::invalid_argument("sampling steps " + std::to_string(steps) + " exceed the " + std::to_string(T) +
                                " training steps, which " + timestep_spacing_name(spacing) + " spacing cannot place");
  if (!(karras_rho > 0.0)) throw std::invalid_argument("Karras rho must be positive, got " + std::to_string(karras_rho));
  std::vector<double> t = integer ? integer_spacing(T, steps, spacing)
                                  : continuous_spacing(schedule, steps, spacing, karras_rho);
  t.push_back(0.0);
  for (size_t i = 1; i < t.size(); ++i)
    if (!(t[i] < t[i - 1]))
      throw std::invalid_argument(timestep_spacing_name(spacing) + " spacing with " + std::to_string(steps) +
                                  " steps gives a repeated timestep t = " + std::to_string(t[i]) +
                                  "; use fewer steps");
  return t;
}

}  // namespace difflab
