#pragma once
// The score lab's computations, run on its worker. The data set as an exact reference (ScoreLabData). What the
// field plot shows at one setting (ScoreFieldPicture): the exact score ∇ₓ log p_t on a
// grid (core/score/score_field.h), optionally a learned field beside it with the p_t-weighted error between them
// (compare_fields), and a heat map: the exact log p_t, the error log₁₀ ‖s_θ − s*‖², or the learned model's own
// log p_t by the probability-flow ODE likelihood (core/ode/ode_likelihood.h; Song et al. 2021, eq. 39).

#include <ATen/core/Tensor.h>

#include "workers/job_runner.h"

#include <QCoreApplication>
#include <QString>

#include <array>
#include <functional>
#include <memory>

namespace difflab {
class Denoiser;
class NoiseSchedule;
class ScoreMatchingRace;
class ScoreReference;
struct LangevinOptions;
}  // namespace difflab

/// What the arrows follow.
enum class ScoreFieldSource { Exact, Dsm, Ssm, Model };
/// What the heat map under the arrows shows.
enum class ScoreHeat { ExactLogDensity, FieldError, ModelLogDensity };

/// One setting of the field plot: the time step t (1 … T of the lab's schedule), the grid side (points per axis).
struct ScoreFieldSettings {
  double t = 50;
  ScoreFieldSource source = ScoreFieldSource::Exact;
  ScoreHeat heat = ScoreHeat::ExactLogDensity;
  int grid = 25;
};

/// The field on a grid×grid lattice over `extent` = {x_min, x_max, y_min, y_max}: points [grid², 2] (row-major in
/// y), the exact score [grid², 2], the learned score [grid², 2] (undefined for ScoreFieldSource::Exact or a missing
/// network), the heat [grid²] (undefined when there is nothing to show), and a caption in words.
struct ScoreFieldPicture {
  Q_DECLARE_TR_FUNCTIONS(ScoreFieldPicture)

 public:
  at::Tensor points, exact, learned, heat;
  QString caption;
  QString heatLabel;  ///< the colour scale's label: what the heat's numbers are

  /// Computes the picture. `race` (the DSM and SSM networks) and `model` (a 2-D model file) may be null; the
  /// ODE heat map reports progress and honours a stop through `ctx` (JobRunner's Cancelled).
  static ScoreFieldPicture compute(difflab::ScoreReference& reference, difflab::ScoreMatchingRace* race,
                                   difflab::Denoiser* model, const double extent[4], const ScoreFieldSettings& s,
                                   const JobRunner::Context& ctx);
  /// "the exact score", "the DSM network", …: who drew the red arrows.
  static QString sourceName(ScoreFieldSource source);
};

/// The data set behind the lab: its exact reference (the mixture's own score, or the exact denoiser of 4000
/// points drawn from a toy recipe; core/score/score_field.h), 2000 training points float32 [2000, 2], and the
/// view {x_min, x_max, y_min, y_max}: the points' 1st–99th percentiles, padded by 25 %.
struct ScoreLabData {
  std::shared_ptr<difflab::ScoreReference> reference;
  at::Tensor train;
  std::array<double, 4> extent{};

  /// `key`: "mix:PRESET" or "toy:two-moons|swiss-roll|checkerboard". Throws std::exception (DatasetError for a
  /// preset that cannot be read) with a message naming the file.
  static ScoreLabData load(const QString& key, const difflab::NoiseSchedule& schedule);
};

/// One frame of Langevin particles: positions float64 [N, 2], the fraction per mode [M] (particles assigned to
/// the nearest mode at the chain's t), and a caption.
struct LangevinFrame {
  Q_DECLARE_TR_FUNCTIONS(LangevinFrame)

 public:
  at::Tensor positions, fractions;
  QString caption;

  /// Runs (annealed) Langevin dynamics (core/score/langevin.h; Song & Ermon 2019, Algorithm 1) from `start`
  /// [N, 2] on `score`, calling `show` with about 150 frames paced at 25 a second. Throws std::runtime_error
  /// when the particles diverge (naming the step and the stable δ), JobRunner's Cancelled on a stop.
  static void run(const std::function<at::Tensor(const at::Tensor&, double)>& score, difflab::ScoreReference& reference,
                  const difflab::NoiseSchedule& schedule, const at::Tensor& start, const difflab::LangevinOptions& o,
                  const std::function<void(const LangevinFrame&)>& show, const JobRunner::Context& ctx);
};
