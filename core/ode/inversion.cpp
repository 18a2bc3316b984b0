#include "ode/inversion.h"

#include "model/denoiser.h"
#include "ode/dormand_prince.h"
#include "ode/probability_flow.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace difflab {

OdeSolver parse_ode_solver(const std::string& name) {
  if (name == "ddim") return OdeSolver::Ddim;
  if (name == "heun") return OdeSolver::Heun;
  if (name == "dpmpp-2m") return OdeSolver::DpmSolverPP2M;
  if (name == "rk45") return OdeSolver::Rk45;
  throw std::invalid_argument("unknown ODE solver '" + name + "' (expected ddim, heun, dpmpp-2m or rk45)");
}

std::string ode_solver_name(OdeSolver solver) {
  switch (solver) {
    case OdeSolver::Ddim: return "ddim";
    case OdeSolver::Heun: return "heun";
    case OdeSolver::DpmSolverPP2M: return "dpmpp-2m";
    case OdeSolver::Rk45: return "rk45";
  }
  return "ddim";
}

std::vector<double> ode_time_grid(const NoiseSchedule& schedule, const OdeTransportOptions& o) {
  auto grid = sampling_timesteps(schedule, o.steps, o.spacing, o.karras_rho);
  std::reverse(grid.begin(), grid.end());
  // RK45 keeps the grid's top t_0 (so its latent starts a sampler run with the same options) and adapts its
  // own steps below it, down to the first training step (or the grid's smallest time, if smaller).
  if (o.solver == OdeSolver::Rk45) return {0.0, std::min(1.0, grid[1]), grid.back()};
  return grid;
}

namespace {

// The schedule's continuous view at training time t (exact at integer t, noise_schedule.h).
struct Level {
  double alpha, sigma, lambda;
};

class PfOdeWalker {
 public:
  PfOdeWalker(Denoiser& denoiser, const at::Tensor& y, const OdeTransportOptions& o, const OdeProgress& progress,
              const std::atomic<bool>* stop)
      : den_(denoiser), y_(y), o_(o), progress_(progress), stop_(stop),
        T_(static_cast<double>(denoiser.schedule().timesteps())) {}

  int64_t nfe() const { return nfe_; }

  Level level(double t) const {
    const auto& s = den_.schedule();
    const double u = t / T_;
    return {s.alpha_cont(u), s.sigma_cont(u), s.lambda_cont(u)};
  }

  DenoiserOutput predict(const at::Tensor& x, double t) {
    check_stop();
    ++nfe_;
    return den_.predict(x, torch::full({x.size(0)}, t, x.options()), y_);
  }

  void check_stop() const {
    if (stop_ && stop_->load()) throw std::runtime_error("cancelled");
  }
  void report(double fraction) const {
    if (progress_) progress_(fraction);
  }

  // x₀ → x at t_s (first-order step from t = 0; see inversion.h).
  at::Tensor bridge_up(const at::Tensor& x0, double ts) {
    const auto p = predict(x0, ts);
    const Level l = level(ts);
    return l.alpha * x0 + l.sigma * p.eps;
  }
  // x at t_s → x₀: the final denoise.
  at::Tensor bridge_down(const at::Tensor& x, double ts) { return predict(x, ts).x0; }

  // Walks the positive times `times` (monotone, either direction) with a fixed-step solver.
  at::Tensor walk(at::Tensor x, const std::vector<double>& times, double done, double share) {
    const size_t n = times.size();
    std::optional<at::Tensor> x0_prev;
    double h_prev = 0.0;
    for (size_t i = 0; i + 1 < n; ++i) {
      const double t = times[i], tn = times[i + 1];
      const Level a = level(t), b = level(tn);
      switch (o_.solver) {
        case OdeSolver::Ddim: {
          // DDIM, η = 0 (Song et al. 2021, eq. 12): x' = α' x̂₀ + σ' ε̂, in either direction (eq. 13).
          const auto p = predict(x, t);
          x = b.alpha * p.x0 + b.sigma * p.eps;
          break;
        }
        case OdeSolver::Heun: {
          // Karras et al. 2022, Algorithm 1 in x̄ = x/α, σ̄ = σ/α, where dx̄/dσ̄ = ε̂.
          const double ds = b.sigma / b.alpha - a.sigma / a.alpha;
          const auto xbar = x / a.alpha;
          const auto d = predict(x, t).eps;
          const auto x_euler = b.alpha * (xbar + ds * d);              // Euler step
          const auto d2 = predict(x_euler, tn).eps;
          x = b.alpha * (xbar + ds * 0.5 * (d + d2));                  // Heun correction (trapezoid)
          break;
        }
        case OdeSolver::DpmSolverPP2M: {
          // Lu et al. 2022b, Algorithm 2 (data prediction, multistep): h = λ' − λ,
          // x' = (σ'/σ) x − α' (e^{−h} − 1) D, D = (1 + 1/2r) x̂₀ᵢ − (1/2r) x̂₀ᵢ₋₁, r = h_{i−1}/h.
          const double h = b.lambda - a.lambda;
          const auto x0 = predict(x, t).x0;
          at::Tensor d = x0;
          if (x0_prev) {
            const double r = h_prev / h;
            d = (1.0 + 0.5 / r) * x0 - (0.5 / r) * *x0_prev;
          }
          x = (b.sigma / a.sigma) * x - b.alpha * std::expm1(-h) * d;
          x0_prev = x0;
          h_prev = h;
          break;
        }
        case OdeSolver::Rk45:
          throw std::logic_error("walk() is for fixed-step solvers");
      }
      report(done + share * static_cast<double>(i + 1) / static_cast<double>(n - 1));
    }
    return x;
  }

  // Adaptive Dormand–Prince on dx/du between training times t_from and t_to.
  at::Tensor integrate(const at::Tensor& x, double t_from, double t_to, double done, double share) {
    DormandPrinceOptions dp;
    dp.rtol = o_.rtol;
    dp.atol = o_.atol;
    const double u0 = t_from / T_, u1 = t_to / T_;
    auto f = [&](double u, const at::Tensor& s) { return pf_ode_velocity(den_, s, u, y_); };
    auto progress = [&](double u) { report(done + share * (u - u0) / (u1 - u0)); };
    auto r = integrate_dormand_prince(f, x, u0, u1, dp, progress, stop_);
    nfe_ += r.nfe;
    return r.y;
  }

 private:
  Denoiser& den_;
  at::Tensor y_;
  OdeTransportOptions o_;
  const OdeProgress& progress_;
  const std::atomic<bool>* stop_;
  double T_;
  int64_t nfe_ = 0;
};

void check_input(const at::Tensor& x, const char* what) {
  if (!x.defined() || x.dim() < 2 || x.size(0) < 1)
    throw std::invalid_argument(std::string(what) + " must be a batch [B, ...] with B >= 1");
  if (!x.is_floating_point()) throw std::invalid_argument(std::string(what) + " must be a floating-point tensor");
}

}  // namespace

OdeTransportResult encode_pf_ode(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                 const OdeTransportOptions& o, const OdeProgress& progress,
                                 const std::atomic<bool>* stop) {
  check_input(x0, "the data to encode");
  torch::NoGradGuard no_grad;
  const auto grid = ode_time_grid(denoiser.schedule(), o);
  PfOdeWalker w(denoiser, y, o, progress, stop);
  const double share = 1.0 / static_cast<double>(grid.size() - 1);
  auto x = w.bridge_up(x0, grid[1]);
  w.report(share);
  if (o.solver == OdeSolver::Rk45)
    x = w.integrate(x, grid[1], grid.back(), share, 1.0 - share);
  else
    x = w.walk(x, std::vector<double>(grid.begin() + 1, grid.end()), share, 1.0 - share);
  return {x, w.nfe(), grid.back()};
}

OdeTransportResult decode_pf_ode(Denoiser& denoiser, const at::Tensor& latent, const at::Tensor& y,
                                 const OdeTransportOptions& o, const OdeProgress& progress,
                                 const std::atomic<bool>* stop) {
  check_input(latent, "the latent to decode");
  torch::NoGradGuard no_grad;
  const auto grid = ode_time_grid(denoiser.schedule(), o);
  PfOdeWalker w(denoiser, y, o, progress, stop);
  const double share = 1.0 - 1.0 / static_cast<double>(grid.size() - 1);
  at::Tensor x;
  if (o.solver == OdeSolver::Rk45)
    x = w.integrate(latent, grid.back(), grid[1], 0.0, share);
  else
    x = w.walk(latent, std::vector<double>(grid.rbegin(), grid.rend() - 1), 0.0, share);
  x = w.bridge_down(x, grid[1]);
  w.report(1.0);
  return {x, w.nfe(), grid.back()};
}

ReconstructionError reconstruction_error(const at::Tensor& x, const at::Tensor& x_hat) {
  if (x.sizes() != x_hat.sizes())
    throw std::invalid_argument("reconstruction_error: shapes differ (" + std::to_string(x.numel()) + " vs " +
                                std::to_string(x_hat.numel()) + " values)");
  const auto a = x.to(torch::kFloat64).flatten(1), b = x_hat.to(torch::kFloat64).flatten(1);
  const auto diff = b - a;
  ReconstructionError e;
  e.relative = diff.norm(2, 1) / a.norm(2, 1).clamp_min(1e-300);
  e.mse = diff.pow(2).mean(1);
  e.mse_unit_range = e.mse / 4.0;
  return e;
}

std::vector<ReconstructionPoint> reconstruction_curve(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                                      const std::vector<int64_t>& step_counts,
                                                      const OdeTransportOptions& options,
                                                      const OdeProgress& progress, const std::atomic<bool>* stop) {
  std::vector<ReconstructionPoint> curve;
  const double n = static_cast<double>(step_counts.size());
  for (size_t i = 0; i < step_counts.size(); ++i) {
    OdeTransportOptions o = options;
    o.steps = step_counts[i];
    auto sub = [&](double base) {
      return [&progress, base, n](double f) {
        if (progress) progress((base + 0.5 * f) / n);
      };
    };
    const auto enc = encode_pf_ode(denoiser, x0, y, o, sub(static_cast<double>(i)), stop);
    const auto dec = decode_pf_ode(denoiser, enc.x, y, o, sub(static_cast<double>(i) + 0.5), stop);
    const auto err = reconstruction_error(x0, dec.x);
    curve.push_back({o.steps, err.relative.mean().item<double>(), err.mse.mean().item<double>(), enc.nfe + dec.nfe});
  }
  return curve;
}

}  // namespace difflab
