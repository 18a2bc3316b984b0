#include "ode/dormand_prince.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace difflab {
namespace {

// Dormand–Prince 5(4) tableau.
constexpr double c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9;
constexpr double a21 = 1.0 / 5;
constexpr double a31 = 3.0 / 40, a32 = 9.0 / 40;
constexpr double a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
constexpr double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729;
constexpr double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176, a65 = -5103.0 / 18656;
// 5th-order weights (also row 7: FSAL).
constexpr double b1 = 35.0 / 384, b3 = 500.0 / 1113, b4 = 125.0 / 192, b5 = -2187.0 / 6784, b6 = 11.0 / 84;
// Difference between the 5th- and 4th-order weights.
constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200, e6 = 22.0 / 525,
                 e7 = -1.0 / 40;

double rms_norm(const torch::Tensor& err, const torch::Tensor& y, const torch::Tensor& y_new, double rtol,
                double atol) {
  auto scale = atol + rtol * torch::maximum(y.abs(), y_new.abs());
  return std::sqrt((err / scale).pow(2).mean().item<double>());
}

}  // namespace

DormandPrinceResult integrate_dormand_prince(const std::function<torch::Tensor(double, const torch::Tensor&)>& f,
                                             torch::Tensor y, double t0, double t1, const DormandPrinceOptions& o,
                                             const std::function<void(double)>& progress, StopToken stop) {
  if (!(o.rtol > 0.0) || !(o.atol > 0.0))
    throw std::invalid_argument("Dormand-Prince tolerances must be positive, got rtol = " + std::to_string(o.rtol) +
                                ", atol = " + std::to_string(o.atol));
  DormandPrinceResult r;
  if (t0 == t1) {
    r.y = y;
    return r;
  }
  const double dir = t1 > t0 ? 1.0 : -1.0;
  auto eval = [&](double t, const torch::Tensor& s) {
    ++r.nfe;
    return f(t, s);
  };

  torch::Tensor k1 = eval(t0, y);
  double h = std::abs(o.first_step);
  if (h == 0.0) {
    // Hairer, Nørsett & Wanner, §II.4 starting step: h = 0.01 ‖y‖/‖f‖, refined by one Euler probe.
    const auto sc = o.atol + o.rtol * y.abs();
    const double d0 = std::sqrt((y / sc).pow(2).mean().item<double>());
    const double d1 = std::sqrt((k1 / sc).pow(2).mean().item<double>());
    double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
    h0 = std::min(h0, std::abs(t1 - t0));
    const auto k_probe = eval(t0 + dir * h0, y + dir * h0 * k1);
    const double d2 = std::sqrt(((k_probe - k1) / sc).pow(2).mean().item<double>()) / h0;
    const double h1 = std::max(d1, d2) <= 1e-15 ? std::max(1e-6, h0 * 1e-3) : std::pow(0.01 / std::max(d1, d2), 0.2);
    h = std::min(100 * h0, h1);
  }
  double t = t0;
  while (dir * (t1 - t) > 0.0) {
    if (stop.stop_requested()) throw Cancelled();
    if (r.nfe > o.max_nfe)
      throw std::runtime_error("Dormand-Prince gave up after " + std::to_string(r.nfe) +
                               " evaluations at t = " + std::to_string(t) + " (tolerances too tight?)");
    h = std::min(h, std::abs(t1 - t));
    const double hs = dir * h;
    auto k2 = eval(t + c2 * hs, y + hs * (a21 * k1));
    auto k3 = eval(t + c3 * hs, y + hs * (a31 * k1 + a32 * k2));
    auto k4 = eval(t + c4 * hs, y + hs * (a41 * k1 + a42 * k2 + a43 * k3));
    auto k5 = eval(t + c5 * hs, y + hs * (a51 * k1 + a52 * k2 + a53 * k3 + a54 * k4));
    auto k6 = eval(t + hs, y + hs * (a61 * k1 + a62 * k2 + a63 * k3 + a64 * k4 + a65 * k5));
    auto y_new = y + hs * (b1 * k1 + b3 * k3 + b4 * k4 + b5 * k5 + b6 * k6);
    auto k7 = eval(t + hs, y_new);
    auto err = hs * (e1 * k1 + e3 * k3 + e4 * k4 + e5 * k5 + e6 * k6 + e7 * k7);
    const double en = rms_norm(err, y, y_new, o.rtol, o.atol);
    if (!std::isfinite(en))
      throw std::runtime_error("Dormand-Prince: the ODE produced a non-finite value at t = " + std::to_string(t));
    // Step-size control with safety factor 0.9 and growth limited to [0.2, 10] (Hairer et al. eq. 4.13).
    const double factor = std::clamp(0.9 * std::pow(std::max(en, 1e-10), -0.2), 0.2, 10.0);
    if (en <= 1.0) {
      t += hs;
      y = y_new;
      k1 = k7;
      ++r.accepted;
      if (progress) progress(t);
    } else {
      ++r.rejected;
    }
    h *= en <= 1.0 ? factor : std::min(factor, 1.0);
  }
  r.y = y;
  return r;
}

}  // namespace difflab
