#pragma once
// The 2-D score lab's quantities: the score field ∇ₓ log p_t(x) of a model and of an exact reference, on a grid
// or at samples, the density p_t underneath, and the error of one field against the other.
//
// A model's score at training time t comes from its ε̂ (Tweedie; Song et al. 2021, eq. 21 / App. B):
//     s_θ(x, t) = ∇ₓ log p_t(x) ≈ −ε̂(x, t) / σ(t),     σ(t) = √(1 − ᾱ(t))   (VP).
// The reference is exact: a Gaussian mixture (GaussianMixtureDenoiser) or a finite point set
// (EmpiricalDenoiser, the DSM optimum on those points). Both know log p_t and ∇ log p_t in closed form.
//
// Modes: the reference's classes (a mixture's components, or the classes its JSON names; a labelled data set's
// labels), with their true weights, so that Langevin particles can be counted per mode against them.
#include "model/denoiser.h"

#include <ATen/core/Tensor.h>

#include <memory>
#include <string>
#include <vector>

namespace difflab {

struct GaussianMixture;

/// A regular grid over a rectangle of the plane: nx × ny points, x fastest (row-major, y rows from y_min up).
struct FieldGrid {
  double x_min = -3, x_max = 3, y_min = -3, y_max = 3;
  int64_t nx = 25, ny = 25;
  /// float64 [ny·nx, 2]; throws std::invalid_argument for an empty or degenerate rectangle or nx, ny < 2.
  at::Tensor points() const;
};

/// s_θ(x, t) = −ε̂(x, t)/σ(t) for x [N, D] at one training time t ∈ (0, T] (y: labels or undefined): float64
/// [N, D] on the CPU. Throws std::invalid_argument for t ≤ 0 or t > T (σ(0) = 0: the score of data is not a
/// denoiser's output).
at::Tensor model_score(Denoiser& denoiser, const at::Tensor& x, double t, const at::Tensor& y = {});

/// An exact density p_t with its score and modes.
class ScoreReference {
 public:
  virtual ~ScoreReference() = default;
  /// log p_t(x) (natural log), float64 [N] on the CPU, for x [N, D] and a training time t.
  virtual at::Tensor log_density(const at::Tensor& x, double t) const = 0;
  /// ∇ₓ log p_t(x), float64 [N, D] on the CPU.
  virtual at::Tensor score(const at::Tensor& x, double t) const = 0;
  /// The denoiser with this exact score (for samplers and Langevin).
  virtual Denoiser& denoiser() = 0;
  /// Names of the modes (at least one).
  virtual std::vector<std::string> mode_names() const = 0;
  /// True mode weights, float64 [M] summing to 1.
  virtual at::Tensor mode_weights() const = 0;
  /// The most probable mode of each x under p_t: argmax_m [log w_m + log p_t(x | m)], int64 [N].
  virtual at::Tensor assign_modes(const at::Tensor& x, double t) const = 0;
  /// n samples of the clean data x₀ ~ p₀ (float32 [n, D]), deterministic in seed.
  virtual at::Tensor sample(int64_t n, uint64_t seed) const = 0;
  /// One line for the GUI, e.g. "exact Gaussian mixture (8 components)".
  virtual std::string description() const = 0;
};

/// The reference of a Gaussian mixture (modes: its classes, see GaussianMixtureDenoiser).
std::unique_ptr<ScoreReference> mixture_reference(const GaussianMixture& mixture, const NoiseSchedule& schedule,
                                                  const std::vector<std::string>& component_classes = {});
/// The reference of a point set [N, D] (model scale) with optional labels int64 [N] and their class names (modes:
/// the classes, or one mode "all" without labels); bandwidth h as in EmpiricalDenoiser.
std::unique_ptr<ScoreReference> empirical_reference(const at::Tensor& points, const at::Tensor& labels,
                                                    const std::vector<std::string>& class_names,
                                                    const NoiseSchedule& schedule, double bandwidth = 0.0);

/// One field against another on the same points.
struct FieldComparison {
  at::Tensor squared_error;           ///< ‖s_θ − s*‖² per point, float64 [N]
  double weighted_squared_error = 0;  ///< Σ p_t ‖s_θ − s*‖² / Σ p_t: the Fisher divergence on the grid's mass
  double weighted_relative_error = 0;  ///< Σ p_t ‖s_θ − s*‖² / Σ p_t ‖s*‖²
  double mean_squared_error = 0;       ///< unweighted mean of squared_error over the points
};
/// learned, exact: float64 [N, D]; log_density: log p_t at the same points [N] (the weights; any additive constant).
FieldComparison compare_fields(const at::Tensor& learned, const at::Tensor& exact, const at::Tensor& log_density);

/// The relative Fisher divergence E_{x~p_t} ‖s_θ(x) − s*(x)‖² / E_{x~p_t} ‖s*(x)‖², Monte Carlo over x_t = α x₀ + σ ε
/// for the given clean samples x0 [n, D] and noise eps [n, D] (fixed, so that curves over training are smooth).
double relative_fisher_divergence(Denoiser& model, const ScoreReference& reference, const at::Tensor& x0,
                                  const at::Tensor& eps, double t);

}  // namespace difflab
