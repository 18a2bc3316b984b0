// Langevin dynamics for the score lab (formulas in langevin.h).
#include "score/langevin.h"

#include "score/score_field.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace difflab {

ScoreFunction score_function(Denoiser& model) {
  return [&model](const at::Tensor& x, double t) { return model_score(model, x, t); };
}

ScoreFunction score_function(const ScoreReference& reference) {
  return [&reference](const at::Tensor& x, double t) { return reference.score(x, t); };
}

LangevinChain::LangevinChain(ScoreFunction score, const NoiseSchedule& schedule, const at::Tensor& start,
                             LangevinOptions options)
    : score_(std::move(score)), schedule_(schedule), options_(options) {
  const double T = static_cast<double>(schedule_.timesteps());
  if (!(options_.step_size > 0) || !std::isfinite(options_.step_size))
    throw std::invalid_argument("Langevin: step size δ = " + std::to_string(options_.step_size) + " must be > 0");
  if (options_.steps < 1 || options_.steps > 1000000)
    throw std::invalid_argument("Langevin: steps = " + std::to_string(options_.steps) + " must lie in [1, 10^6]");
  if (!(options_.t > 0) || options_.t > T)
    throw std::invalid_argument("Langevin: t = " + std::to_string(options_.t) + " must lie in (0, " +
                                std::to_string(schedule_.timesteps()) + "]");
  if (!start.defined() || start.dim() != 2 || start.size(0) == 0)
    throw std::invalid_argument("Langevin: the start must be a non-empty [N, D] tensor");
  x_ = start.detach().to(torch::kCPU, torch::kFloat64).clone();
  generator_ = at::detail::createCPUGenerator(options_.seed);
  const double u_last = options_.t / T;
  const double sigma_last =
      schedule_.alpha_cont(u_last) > 0 ? schedule_.sigma_vp_cont(u_last) / schedule_.alpha_cont(u_last) : INFINITY;
  if (!options_.annealed) {
    level_t_ = torch::full({1}, options_.t, torch::kFloat64);
    level_sigma_ = torch::full({1}, sigma_last, torch::kFloat64);
    return;
  }
  if (!(options_.step_ratio > 0) || !(options_.step_ratio < 2))
    throw std::invalid_argument("Langevin: step ratio r = " + std::to_string(options_.step_ratio) +
                                " must lie in (0, 2) (δ_i = r σ_i²; the chain diverges from r = 2)");
  if (options_.levels < 2 || options_.levels > 1000)
    throw std::invalid_argument("Langevin: levels = " + std::to_string(options_.levels) + " must lie in [2, 1000]");
  if (!(options_.sigma_max > sigma_last) || !std::isfinite(options_.sigma_max))
    throw std::invalid_argument("Langevin: sigma_max = " + std::to_string(options_.sigma_max) +
                                " must exceed the last level's σ = " + std::to_string(sigma_last));
  const double sigma_top =
      schedule_.alpha_cont(1.0) > 0 ? schedule_.sigma_vp_cont(1.0) / schedule_.alpha_cont(1.0) : INFINITY;
  if (options_.sigma_max > sigma_top)
    throw std::invalid_argument("Langevin: sigma_max = " + std::to_string(options_.sigma_max) +
                                " exceeds the schedule's largest noise level σ_VE(T) = " + std::to_string(sigma_top));
  const int64_t L = options_.levels;
  // σ_i geometric from σ_max to σ_L; t_i from λ = −log σ_VE (schedule.u_from_lambda).
  level_sigma_ = torch::exp(torch::linspace(std::log(options_.sigma_max), std::log(sigma_last), L, torch::kFloat64));
  level_t_ = torch::empty({L}, torch::kFloat64);
  for (int64_t i = 0; i < L; ++i)
    level_t_[i] = i + 1 == L ? options_.t : T * schedule_.u_from_lambda(-std::log(level_sigma_[i].item<double>()));
}

int64_t LangevinChain::total_steps() const { return level_t_.size(0) * options_.steps; }

int64_t LangevinChain::level() const { return std::min<int64_t>(done_ / options_.steps, level_t_.size(0) - 1); }

double LangevinChain::current_t() const { return level_t_[level()].item<double>(); }

double LangevinChain::current_sigma_ve() const { return level_sigma_[level()].item<double>(); }

double LangevinChain::current_step_size() const {
  if (!options_.annealed) return options_.step_size;
  const double s = current_sigma_ve();
  return options_.step_ratio * s * s;  // δ_i = r σ_i² (Song & Ermon 2019, Alg. 1: α_i = ε σ_i²/σ_L², ε = 2 r σ_L²)
}

void LangevinChain::step() {
  if (finished()) return;
  const double t = current_t(), delta = current_step_size();
  const double a = schedule_.alpha_cont(t / static_cast<double>(schedule_.timesteps()));
  const torch::Tensor score_tilde = a * score_(a * x_, t);  // ∇_x̃ log p̃_t(x̃) = α ∇ₓ log p_t(α x̃)
  x_ = x_ + delta * score_tilde + std::sqrt(2.0 * delta) * torch::randn(x_.sizes(), generator_, torch::kFloat64);
  ++done_;
}

void LangevinChain::run(int64_t n, StopToken stop) {
  for (int64_t k = 0; k < n && !finished(); ++k) {
    stop.throw_if_stopped();
    step();
  }
}

}  // namespace difflab
