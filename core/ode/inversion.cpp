#include "ode/inversion.h"

#include "model/denoiser.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <stdexcept>

namespace difflab {

std::string parse_ode_solver(const std::string& name) {
  const std::vector<std::string> names = ode_solver_names();
  if (std::find(names.begin(), names.end(), name) != names.end()) return name;
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw std::invalid_argument("'" + name + "' cannot invert (expected a deterministic sampler: " + list + ")");
}

std::vector<std::string> ode_solver_names() {
  std::vector<std::string> names;
  for (const auto& info : sampler_catalog())
    if (info.invertible) names.push_back(info.name);
  return names;
}

namespace {

SamplerOptions grid_options(const OdeTransportOptions& o) {
  SamplerOptions s;
  s.name = parse_ode_solver(o.solver);
  s.steps = o.steps;
  s.spacing = o.spacing;
  s.custom_timesteps = o.custom_timesteps;
  s.karras_rho = o.karras_rho;
  s.sigma_max = o.sigma_max;
  s.rtol = o.rtol;
  s.atol = o.atol;
  return s;
}

// The sampler's options on an explicit grid (custom spacing), forward or reversed.
SamplerOptions walk_options(const OdeTransportOptions& o, std::vector<double> grid) {
  SamplerOptions s = grid_options(o);
  s.spacing = TimestepSpacing::Custom;
  s.custom_timesteps = std::move(grid);
  s.steps = static_cast<int64_t>(s.custom_timesteps.size()) - 1;
  return s;
}

void check_input(const at::Tensor& x, const char* what) {
  if (!x.defined() || x.dim() < 2 || x.size(0) < 1)
    throw std::invalid_argument(std::string(what) + " must be a batch [B, ...] with B >= 1");
  if (!x.is_floating_point()) throw std::invalid_argument(std::string(what) + " must be a floating-point tensor");
}

void check_stop(StopToken stop) {
  if (stop.stop_requested()) throw Cancelled();
}

// Runs `options` from x over its grid, reporting done + share·(steps done / steps).
at::Tensor walk(Denoiser& d, const SamplerOptions& options, const at::Tensor& x, const at::Tensor& y, int64_t* nfe,
                const OdeProgress& progress, double done, double share, StopToken stop) {
  auto sampler = make_sampler(options, d.schedule(), x, y);
  while (!sampler->done()) {
    check_stop(stop);
    const SamplerStep s = sampler->step(d);
    if (progress) progress(done + share * static_cast<double>(s.step) / static_cast<double>(s.total_steps));
  }
  *nfe += sampler->nfe();
  return sampler->x();
}

// Exact steps apply (inversion.h, OdeTransportOptions::step_iterations): a one-step solver.
bool exact_steps(const OdeTransportOptions& o) {
  if (o.step_iterations <= 0) return false;
  const SamplerInfo& info = sampler_info(parse_ode_solver(o.solver));
  return !info.multistep && info.name != "rk45";
}

// One step of the (one-step) solver of `o` from time `from` to time `to` > 0, either direction, from x. A sampling
// grid must end at 0, so a step down is the first step of the grid {from, to, 0}: a one-step solver's step
// depends only on its two times and x.
at::Tensor one_step(Denoiser& d, const OdeTransportOptions& o, double from, double to, const at::Tensor& x,
                    const at::Tensor& y, int64_t* nfe) {
  std::vector<double> grid{from, to};
  if (to < from) grid.push_back(0.0);
  auto sampler = make_sampler(walk_options(o, std::move(grid)), d.schedule(), x, y);
  sampler->step(d);
  *nfe += sampler->nfe();
  return sampler->x();
}

// Solves Φ(x) = target for x [B, ...] by iterating G(x) = x + gain·(target − Φ(x)) from `x`, where gain·Φ' ≈ I
// so that G is a contraction: at most `iterations` evaluations of Φ, stopping once every sample's residual
// max|target − Φ(x)| is at most `tolerance`. Near narrow data ∂ε̂/∂x approaches 1/σ and plain iteration of G
// slows to a crawl; as AIDI does (Pan et al. 2023), the iterates are Anderson-accelerated (Anderson 1965; type II
// as in Walker & Ni 2011), each sample with its own mixing coefficients since every sample's equation is its
// own. Each sample keeps its best iterate; the largest residual left goes to *worst_residual.
at::Tensor solve_fixed_point(const std::function<at::Tensor(const at::Tensor&)>& phi, const at::Tensor& target,
                             double gain, at::Tensor x, int64_t iterations, double* worst_residual) {
  // Float precision of the data's scale: no iteration gets below the rounding of Φ itself.
  const double unit = target.scalar_type() == at::kDouble ? 1e-13 : 2e-6;
  const double tolerance = unit * (1.0 + target.abs().max().item<double>());
  const int64_t B = target.size(0);
  std::vector<int64_t> per_sample(static_cast<size_t>(target.dim()), 1);
  per_sample[0] = B;
  constexpr size_t kDepth = 5;  // Anderson history

  at::Tensor best = x;
  at::Tensor best_residual = torch::full({B}, std::numeric_limits<double>::infinity(), torch::kFloat64);
  std::deque<at::Tensor> dx, df;  // [B, D] differences of iterates and of G(x) − x, newest last
  std::vector<double> history;    // the worst sample's best residual after each iteration
  at::Tensor x_prev, f_prev;
  for (int64_t k = 0; k < iterations; ++k) {
    const at::Tensor r = target - phi(x);
    const at::Tensor residual = r.abs().flatten(1).amax(1).to(torch::kFloat64).cpu();  // per sample
    const at::Tensor better = residual < best_residual;  // false for NaN: a diverging sample keeps its best
    best = torch::where(better.view(per_sample).to(x.device()), x, best);
    best_residual = torch::where(better, residual, best_residual);
    const double worst = best_residual.max().item<double>();
    if (!(worst > tolerance)) break;
    // A float32 network's rounding stops the residual well above the tolerance: end once the worst sample's best
    // residual has not halved in five iterations (every further one would cost a step for nothing).
    history.push_back(worst);
    if (history.size() > 5 && !(worst < 0.5 * history[history.size() - 6])) break;
    const at::Tensor xf = x.flatten(1), f = (gain * r).flatten(1);
    if (x_prev.defined()) {
      dx.push_back(xf - x_prev);
      df.push_back(f - f_prev);
      if (dx.size() > kDepth) {
        dx.pop_front();
        df.pop_front();
      }
    }
    x_prev = xf;
    f_prev = f;
    at::Tensor next = xf + f;  // plain iteration of G
    if (!df.empty()) {
      // γ_b = argmin ‖f_b − ΔF_b γ‖ per sample, by the regularised normal equations in float64.
      const at::Tensor F = torch::stack(std::vector<at::Tensor>(df.begin(), df.end()), 2).to(torch::kFloat64);
      const at::Tensor X = torch::stack(std::vector<at::Tensor>(dx.begin(), dx.end()), 2).to(torch::kFloat64);
      at::Tensor A = torch::matmul(F.transpose(1, 2), F);  // [B, m, m]
      const int64_t m = A.size(1);
      const at::Tensor scale = A.diagonal(0, 1, 2).mean(1).clamp_min(1e-300).view({B, 1, 1});
      A = A + 1e-10 * scale * torch::eye(m, A.options()).unsqueeze(0);
      const at::Tensor rhs = torch::matmul(F.transpose(1, 2), f.to(torch::kFloat64).unsqueeze(2));  // [B, m, 1]
      const at::Tensor gamma = torch::linalg_solve(A, rhs);
      const at::Tensor mixed = next.to(torch::kFloat64) - torch::matmul(X + F, gamma).squeeze(2);
      // A sample whose system went singular (NaN) takes the plain step.
      next = torch::where(torch::isfinite(mixed).all(1, true), mixed, next.to(torch::kFloat64)).to(x.scalar_type());
    }
    x = next.view(x.sizes());
  }
  if (worst_residual) *worst_residual = std::max(*worst_residual, best_residual.max().item<double>());
  return best;
}

// x at s_hi with Φ(x) = x_lo, Φ the solver's step from s_hi down to s_lo (inversion.h, exact steps), from the
// solver's own upward step. Φ' = α_lo/α_hi·I plus a term of order (step)·∂ε̂/∂x, hence the gain α_hi/α_lo; for
// DDIM the iteration is the fixed-point inversion of Pan et al. 2023 (AIDI, eq. 7).
at::Tensor exact_up_step(Denoiser& d, const OdeTransportOptions& o, double s_lo, double s_hi, const at::Tensor& x_lo,
                         const at::Tensor& y, int64_t* nfe, double* worst_residual) {
  const NoiseSchedule& s = d.schedule();
  const double T = static_cast<double>(s.timesteps());
  const double gain = s.alpha_cont(s_hi / T) / s.alpha_cont(s_lo / T);
  const at::Tensor up = one_step(d, o, s_lo, s_hi, x_lo, y, nfe);
  // α_hi = 0 (zero terminal SNR, a grid that starts at T): the step up is the DDIM limit x_T = ε̂, and Φ's
  // Jacobian α_lo/α_hi is unbounded, so there is nothing to iterate; the limit step is kept.
  if (!(gain > 0.0)) return up;
  auto down = [&](const at::Tensor& x) { return one_step(d, o, s_hi, s_lo, x, y, nfe); };
  return solve_fixed_point(down, x_lo, gain, up, o.step_iterations, worst_residual);
}

// The exact inverse of the final denoise at t_s: x with x̂₀(x, t_s) = x₀ (see inversion.h), from the one-step
// DDIM-inversion guess x = α x₀ + σ ε̂(x₀, t_s). x̂₀' ≈ I/α, hence the gain α: G(x) = α x₀ + σ ε̂(x), the
// fixed point of Mokady et al. 2023 §3.1 and Pan et al. 2023.
at::Tensor bridge_up(Denoiser& d, const at::Tensor& x0, const at::Tensor& y, double ts, int64_t iterations,
                     int64_t* nfe, double* worst_residual) {
  const NoiseSchedule& s = d.schedule();
  const double u = ts / static_cast<double>(s.timesteps());
  const double alpha = s.alpha_cont(u), sigma = s.sigma_vp_cont(u);
  auto predict = [&](const at::Tensor& x) {
    ++*nfe;
    return d.predict(x, torch::full({x.size(0)}, ts, x.options()), y);
  };
  const at::Tensor guess = alpha * x0 + sigma * predict(x0).eps;
  return solve_fixed_point([&](const at::Tensor& x) { return predict(x).x0; }, x0, alpha, guess, iterations,
                           worst_residual);
}

}  // namespace

std::vector<double> ode_time_grid(const NoiseSchedule& schedule, const OdeTransportOptions& o) {
  auto grid = sampler_timesteps(schedule, grid_options(o));
  std::reverse(grid.begin(), grid.end());
  // RK45 keeps the grid's top t_0 (so its latent starts a sampler run with the same options) and adapts its
  // own steps below it, down to the first training step (or the grid's smallest time, if smaller).
  if (parse_ode_solver(o.solver) == "rk45") return {0.0, std::min(1.0, grid[1]), grid.back()};
  return grid;
}

namespace {
OdeTransportOptions for_denoiser(OdeTransportOptions o, const Denoiser& d) {
  if (o.sigma_max == 0.0 && std::isfinite(d.max_sigma_ve())) o.sigma_max = d.max_sigma_ve();
  return o;
}
}  // namespace

OdeTransportResult encode_pf_ode(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                 const OdeTransportOptions& options, const OdeProgress& progress, StopToken stop) {
  const OdeTransportOptions o = for_denoiser(options, denoiser);
  check_input(x0, "the data to encode");
  torch::NoGradGuard no_grad;
  const auto grid = ode_time_grid(denoiser.schedule(), o);  // 0 = s_0 < s_1 < … < s_N
  const double share = 1.0 / static_cast<double>(grid.size() - 1);
  check_stop(stop);
  OdeTransportResult r;
  r.t_top = grid.back();
  // With exact steps the data end is solved as far as the steps are (and its residual counts with theirs).
  r.exact_steps = exact_steps(o);
  at::Tensor x = bridge_up(denoiser, x0, y, grid[1],
                           r.exact_steps ? std::max(o.boundary_iterations, o.step_iterations) : o.boundary_iterations,
                           &r.nfe, r.exact_steps ? &r.step_residual : nullptr);
  if (progress) progress(share);
  if (grid.size() > 2 && r.exact_steps) {
    for (size_t k = 1; k + 1 < grid.size(); ++k) {
      check_stop(stop);
      x = exact_up_step(denoiser, o, grid[k], grid[k + 1], x, y, &r.nfe, &r.step_residual);
      if (progress) progress(share * static_cast<double>(k + 1));
    }
  } else if (grid.size() > 2)
    x = walk(denoiser, walk_options(o, std::vector<double>(grid.begin() + 1, grid.end())), x, y, &r.nfe, progress,
             share, 1.0 - share, stop);
  r.x = x;
  return r;
}

OdeTransportResult decode_pf_ode(Denoiser& denoiser, const at::Tensor& latent, const at::Tensor& y,
                                 const OdeTransportOptions& options, const OdeProgress& progress, StopToken stop) {
  const OdeTransportOptions o = for_denoiser(options, denoiser);
  check_input(latent, "the latent to decode");
  torch::NoGradGuard no_grad;
  const auto grid = ode_time_grid(denoiser.schedule(), o);
  OdeTransportResult r;
  r.t_top = grid.back();
  r.x = walk(denoiser, walk_options(o, std::vector<double>(grid.rbegin(), grid.rend())), latent, y, &r.nfe, progress,
             0.0, 1.0, stop);
  return r;
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
                                                      const OdeTransportOptions& options, const OdeProgress& progress,
                                                      StopToken stop) {
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
    curve.push_back(
        {o.steps, o.solver, err.relative.mean().item<double>(), err.mse.mean().item<double>(), enc.nfe + dec.nfe});
  }
  return curve;
}

}  // namespace difflab
