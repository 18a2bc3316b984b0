#include "sampling/step_optimizer.h"

#include "model/denoiser.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace difflab {

at::Tensor ode_target(Denoiser& denoiser, const at::Tensor& x_T, const at::Tensor& y, double tol, int64_t* nfe) {
  SamplerOptions o = options_for(SamplerOptions{}, denoiser);
  o.name = "rk45";
  o.steps = 2;
  o.spacing = TimestepSpacing::Trailing;
  o.rtol = o.atol = tol;
  auto s = make_sampler(o, denoiser.schedule(), x_T, y);
  const at::Tensor x = run_sampler(*s, denoiser);
  if (nfe) *nfe = s->nfe();
  return x;
}

double step_grid_error(Denoiser& denoiser, const SamplerOptions& options, const at::Tensor& x_T, const at::Tensor& y,
                       const at::Tensor& target) {
  auto s = make_sampler(options, denoiser.schedule(), x_T, y);
  const at::Tensor x = run_sampler(*s, denoiser);
  const double e = (x.to(torch::kFloat64) - target.to(torch::kFloat64)).pow(2).mean().item<double>();
  return std::isfinite(e) ? std::sqrt(e) : std::numeric_limits<double>::infinity();
}

StepOptimizerResult optimise_steps(Denoiser& denoiser, const StepOptimizerOptions& o, const at::Tensor& y,
                                   const StepOptimizerProgress& progress, StopToken stop) {
  const SamplerInfo& info = sampler_info(o.sampler.name);
  if (info.stochastic)
    throw std::invalid_argument("optimise-steps: '" + o.sampler.name +
                                "' draws noise; optimised steps follow the ODE, so pick a deterministic sampler");
  const int64_t N = o.sampler.spacing == TimestepSpacing::Custom
                        ? static_cast<int64_t>(o.sampler.custom_timesteps.size()) - 1
                        : o.sampler.steps;
  if (N < 2) throw std::invalid_argument("optimise-steps: needs at least 2 steps, got " + std::to_string(N));
  if (o.batch < 1) throw std::invalid_argument("optimise-steps: batch must be >= 1, got " + std::to_string(o.batch));
  torch::NoGradGuard no_grad;
  const NoiseSchedule& schedule = denoiser.schedule();
  const double T = static_cast<double>(schedule.timesteps());
  std::vector<int64_t> shape = denoiser.sample_shape();
  shape.insert(shape.begin(), o.batch);
  const at::Tensor x_T = initial_noise(shape, o.seed).to(torch::kFloat64);
  StepOptimizerResult r;
  const at::Tensor target = ode_target(denoiser, x_T, y, o.reference_tol, &r.reference_nfe);

  SamplerOptions options = options_for(o.sampler, denoiser);
  options.steps = N;
  auto error_of = [&](const std::vector<double>& grid) {
    options.spacing = TimestepSpacing::Custom;
    options.custom_timesteps = grid;
    ++r.evaluations;
    return step_grid_error(denoiser, options, x_T, y, target);
  };

  // Start from the best fixed spacing that starts at the top (t = T or the σ_max cap; x_T is noise there).
  const double top = sampling_timesteps(schedule, 1, TimestepSpacing::Trailing, 7.0, options.sigma_max).front();
  std::vector<double> best;
  double best_error = std::numeric_limits<double>::infinity();
  for (TimestepSpacing sp : {TimestepSpacing::Trailing, TimestepSpacing::Karras, TimestepSpacing::UniformLogSnr,
                             TimestepSpacing::Beta, TimestepSpacing::Linspace, TimestepSpacing::Leading}) {
    std::vector<double> grid;
    try {
      grid = sampling_timesteps(schedule, N, sp, o.sampler.karras_rho, options.sigma_max);
    } catch (const std::invalid_argument&) {
      continue;  // e.g. more steps than an integer spacing can place
    }
    const double e = error_of(grid);
    r.fixed_errors.emplace_back(timestep_spacing_name(sp), e);
    if (grid.front() == top && e < best_error) {
      best_error = e;
      best = grid;
      r.start_spacing = timestep_spacing_name(sp);
    }
  }
  if (best.empty())
    throw std::invalid_argument("optimise-steps: no fixed spacing can place " + std::to_string(N) + " steps");
  r.start_error = best_error;

  // Coordinate descent on λ_1..λ_{N−1} (t_0 = T and t_N = 0 stay).
  // λ range of the interior points: from the top (below the σ_VE cap when t = T has zero SNR) to t = 1.
  const double lambda_lo = std::max(schedule.lambda_cont(top / T), -std::log(NoiseSchedule::kSigmaVeCap));
  const double lambda_hi = schedule.lambda_cont(std::min(1.0, best[N - 1]) / T);
  std::vector<double> lambda(static_cast<size_t>(N));
  for (int64_t k = 0; k < N; ++k) lambda[k] = schedule.lambda_cont(best[k] / T);
  auto grid_of = [&](const std::vector<double>& l) {
    std::vector<double> g(static_cast<size_t>(N) + 1, 0.0);
    g[0] = top;
    for (int64_t k = 1; k < N; ++k) g[k] = T * schedule.u_from_lambda(l[k]);
    return g;
  };
  double delta = (lambda_hi - lambda_lo) / static_cast<double>(4 * N);
  if (!std::isfinite(delta) || !(delta > 0.0)) delta = 0.25;
  const double min_gap = 1e-4;
  while (delta >= o.min_delta && r.evaluations < o.max_evaluations) {
    bool improved = false;
    for (int64_t k = 1; k < N && r.evaluations < o.max_evaluations; ++k) {
      for (double sign : {+1.0, -1.0}) {
        if (stop.stop_requested()) break;
        std::vector<double> trial = lambda;
        trial[k] += sign * delta;
        const double upper = k + 1 < N ? trial[k + 1] - min_gap : lambda_hi;
        if (!(trial[k] > trial[k - 1] + min_gap) || trial[k] > upper) continue;
        const std::vector<double> g = grid_of(trial);
        bool monotone = true;
        for (size_t j = 1; j < g.size(); ++j) monotone = monotone && g[j] < g[j - 1];
        if (!monotone) continue;
        const double e = error_of(g);
        if (e < best_error) {
          best_error = e;
          lambda = trial;
          best = g;
          improved = true;
          break;
        }
      }
    }
    if (progress)
      progress(std::min(1.0, static_cast<double>(r.evaluations) / static_cast<double>(o.max_evaluations)), best_error);
    if (stop.stop_requested()) break;
    if (!improved) delta *= 0.5;
  }
  r.timesteps = best;
  r.error = best_error;
  if (progress) progress(1.0, best_error);
  return r;
}

std::string step_optimizer_json(const StepOptimizerResult& r, const StepOptimizerOptions& o, const std::string& model) {
  nlohmann::json fixed = nlohmann::json::object();
  for (const auto& [name, e] : r.fixed_errors) fixed[name] = e;
  nlohmann::json j = {{"kind", "difflab-custom-timesteps"},
                      {"model", model},
                      {"sampler", o.sampler.name},
                      {"steps", static_cast<int64_t>(r.timesteps.size()) - 1},
                      {"timesteps", r.timesteps},
                      {"error", r.error},
                      {"error_meaning", "RMS per dimension against the RK45 solution (rtol = atol = " +
                                            std::to_string(o.reference_tol) + ") from the same latents"},
                      {"start_spacing", r.start_spacing},
                      {"start_error", r.start_error},
                      {"fixed_errors", fixed},
                      {"batch", o.batch},
                      {"seed", o.seed},
                      {"evaluations", r.evaluations}};
  return j.dump(1) + "\n";
}

}  // namespace difflab
