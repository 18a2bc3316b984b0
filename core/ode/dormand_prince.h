#pragma once
// Adaptive Runge–Kutta integration with the Dormand–Prince 5(4) pair (Dormand & Prince 1980; the tableau
// of Hairer, Nørsett & Wanner, "Solving ODEs I", Table 5.2), FSAL, with the standard error-per-step control
// ‖err / (atol + rtol·max(|y|, |y_new|))‖_RMS ≤ 1. Used for PF-ODE likelihoods and as the tight-tolerance
// reference solver.

#include "base/stop_token.h"
#include <torch/types.h>

#include <atomic>
#include <cstdint>
#include <functional>

namespace difflab {

struct DormandPrinceOptions {
  /// Relative and absolute tolerances of the local error control.
  double rtol = 1e-5;
  double atol = 1e-5;
  /// Initial step (0 = automatic, Hairer's starting-step heuristic).
  double first_step = 0.0;
  /// Give up after this many derivative evaluations.
  int64_t max_nfe = 100000;
};

struct DormandPrinceResult {
  torch::Tensor y;       ///< the state at t1
  int64_t nfe = 0;       ///< derivative evaluations used
  int64_t accepted = 0;  ///< accepted steps
  int64_t rejected = 0;  ///< rejected steps
};

/// dy/dt = f(t, y). progress(t) is called after every accepted step; a set stop flag throws
/// Cancelled. Integrates in either direction (t1 < t0 allowed).
DormandPrinceResult integrate_dormand_prince(const std::function<torch::Tensor(double, const torch::Tensor&)>& f,
                                             torch::Tensor y0, double t0, double t1,
                                             const DormandPrinceOptions& options = {},
                                             const std::function<void(double)>& progress = {}, StopToken stop = {});

}  // namespace difflab
