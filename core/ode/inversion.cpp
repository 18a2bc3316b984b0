#include "ode/inversion.h"

#include "model/denoiser.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
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

// The exact inverse of the final denoise at t_s: x with x̂₀(x, t_s) = x₀ (see inversion.h).
at::Tensor bridge_up(Denoiser& d, const at::Tensor& x0, const at::Tensor& y, double ts, int64_t iterations,
                     int64_t* nfe) {
  const NoiseSchedule& s = d.schedule();
  const double u = ts / static_cast<double>(s.timesteps());
  const double alpha = s.alpha_cont(u), sigma = s.sigma_vp_cont(u);
  auto predict = [&](const at::Tensor& x) {
    ++*nfe;
    return d.predict(x, torch::full({x.size(0)}, ts, x.options()), y);
  };
  at::Tensor x = alpha * x0 + sigma * predict(x0).eps;  // the one-step DDIM-inversion guess
  at::Tensor best = x;
  double best_residual = std::numeric_limits<double>::infinity();
  for (int64_t k = 0; k < iterations; ++k) {
    const DenoiserOutput p = predict(x);
    const double residual = (p.x0 - x0).abs().max().item<double>();
    if (residual < best_residual) {
      best_residual = residual;
      best = x;
    }
    if (!(residual > 1e-12 * (1.0 + x0.abs().max().item<double>()))) break;
    x = alpha * x0 + sigma * p.eps;
  }
  return best;
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
  at::Tensor x = bridge_up(denoiser, x0, y, grid[1], o.boundary_iterations, &r.nfe);
  if (progress) progress(share);
  if (grid.size() > 2)
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
