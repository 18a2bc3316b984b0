#pragma once
// Langevin dynamics on a score field, for the 2-D score lab's particles (lecture 002).
//
// Overdamped Langevin dynamics dx = ∇ log p(x) dt + √2 dB has p as its stationary law; its Euler–Maruyama
// discretisation, the unadjusted Langevin algorithm (Roberts & Tweedie 1996), is
//     x ← x + δ ∇ log p(x) + √(2δ) z,     z ~ N(0, I),
// (Song & Ermon 2019 write the same step with ε = 2δ: x + (ε/2) ∇ log p + √ε z).
//
// The particles live in data coordinates: at noise level t the variable is the VE one, x̃ = x_t / α(t), whose
// density p̃_t(x̃) = α^D p_t(α x̃) has score ∇_x̃ log p̃ = α ∇ₓ log p_t(α x̃). It is p₀ blurred by σ_VE(t) = σ/α
// without shrinking, so the particles of every level are drawn on the same axes as the data.
//
// Plain Langevin runs at one small noise level t (the "data score"). Annealed Langevin (Song & Ermon 2019,
// Algorithm 1) runs `steps` updates at each of L levels σ_1 > … > σ_L geometric from sigma_max down to σ_VE(t),
// with step δ_i = r σ_i²: their α_i = ε σ_i²/σ_L² with ε = 2 r σ_L². The density at level i has variance at least
// σ_i², so the ratio r fixes how far a step goes relative to the level's width (the chain is stable for r < 2;
// Song & Ermon's ε = 2·10⁻⁵ at σ_L = 0.01 is r = 0.1). The large levels move particles between modes in
// proportion to their weights, which plain Langevin from a local start does not do (slow mixing, wrong mode
// weights).
#include "base/stop_token.h"
#include "schedule/noise_schedule.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>

namespace difflab {

class Denoiser;
class ScoreReference;

/// ∇ₓ log p_t(x) for x [N, D] (VP coordinates) at training time t: float64 [N, D].
using ScoreFunction = std::function<at::Tensor(const at::Tensor& x, double t)>;
/// The score of a model (−ε̂/σ, score_field.h) or of an exact reference.
ScoreFunction score_function(Denoiser& model);
ScoreFunction score_function(const ScoreReference& reference);

struct LangevinOptions {
  /// δ: the step of plain Langevin (units of x²).
  double step_size = 1e-3;
  /// r: annealed Langevin's step relative to the level, δ_i = r σ_i² (0 < r < 2).
  double step_ratio = 0.1;
  /// Updates (plain), or updates per level (annealed).
  int64_t steps = 500;
  /// The noise level of plain Langevin's score, and the last level of annealed Langevin (training time, > 0).
  double t = 5.0;
  bool annealed = false;
  /// Annealed: number of levels L ≥ 2 and the largest level σ_1 (VE), which should exceed the data's spread.
  int64_t levels = 10;
  double sigma_max = 3.0;
  uint64_t seed = 0;
};

/// Particles under (annealed) Langevin dynamics, one update per step() so that the GUI can animate them.
class LangevinChain {
 public:
  /// start: float [N, D] in data coordinates. Throws std::invalid_argument naming the option for δ ≤ 0, steps < 1,
  /// t ∉ (0, T], and when annealed for r ∉ (0, 2), levels < 2, sigma_max ≤ σ_VE(t) or sigma_max > σ_VE(T).
  LangevinChain(ScoreFunction score, const NoiseSchedule& schedule, const at::Tensor& start, LangevinOptions options);

  /// One update; a no-op once finished().
  void step();
  /// Up to n updates, checking `stop` between them.
  void run(int64_t n, StopToken stop = {});

  int64_t total_steps() const;
  int64_t steps_done() const { return done_; }
  bool finished() const { return done_ >= total_steps(); }
  /// float64 [N, D], data coordinates.
  const at::Tensor& positions() const { return x_; }
  /// The level of the next update: its training time, VE noise level and step size.
  double current_t() const;
  double current_sigma_ve() const;
  double current_step_size() const;
  const LangevinOptions& options() const { return options_; }

 private:
  int64_t level() const;

  ScoreFunction score_;
  NoiseSchedule schedule_;
  LangevinOptions options_;
  at::Tensor x_;
  at::Tensor level_t_;      // float64 [L] training times of the levels (L = 1 for plain Langevin)
  at::Tensor level_sigma_;  // float64 [L] their σ_VE
  at::Generator generator_;
  int64_t done_ = 0;
};

}  // namespace difflab
