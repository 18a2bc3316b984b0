// An adaptive probability-flow ODE solver: Dormand–Prince 5(4) (ode/dormand_prince.h) on
//   dx/du = f(u) (x − ε̂(x, u)/σ(u)),   u = t/T   (Song et al. 2021 eq. 13 for the VP SDE; ode/probability_flow.h),
// with the rtol/atol error control, every derivative evaluation counted as one NFE. It is the tight-tolerance
// reference of sampler comparisons, so it integrates the whole ODE whatever points it reports: x_T is taken at
// t = T, or at the time of SamplerOptions::sigma_max when capped (the grid's first point is moved there; leading spacing would start at 1 + (N−1)·T/N), each report point
// is reached by integration, and the last step integrates on down to the first training step t = 1 (or the
// grid's last point, if lower) before the final denoise x̂₀ there. A custom grid (inversion's encode and decode,
// ode_lab/inversion.h) is walked as given, from its own first point.
#include "sampling/sampler_factories.h"

#include "ode/dormand_prince.h"

#include <algorithm>

namespace difflab {
namespace {

class Rk45Sampler : public ClonableSampler<Rk45Sampler> {
 public:
  Rk45Sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T, at::Tensor y)
      : ClonableSampler(options, schedule, std::move(x_T), std::move(y)) {
    if (!increasing() && options.spacing != TimestepSpacing::Custom)  // T, or the time of a σ_max cap
      set_start_time(sampling_timesteps(schedule, 1, TimestepSpacing::Trailing, 7.0, options.sigma_max).front());
  }

 protected:
  Advance advance(Denoiser& denoiser, int64_t i) override {
    const double t = timesteps()[i], s = timesteps()[i + 1];
    if (s == 0.0) {
      const double t_end = std::min(t, 1.0);
      Advance a = t > t_end ? integrate(denoiser, x(), t, t_end) : Advance{x(), t, {}, t};
      const Prediction p = predict(denoiser, a.x, t_end);
      return {p.x0, s, p, t_end};
    }
    return integrate(denoiser, x(), t, s);
  }

 private:
  Advance integrate(Denoiser& denoiser, const at::Tensor& x0, double t, double s) {
    const double T = static_cast<double>(schedule().timesteps());
    Prediction last;
    double t_last = t;
    // dx/du = f (x − ε̂/σ) = (dα/du)(x̂₀ − α x)/σ² (x − ε̂/σ = α (x̂₀ − α x)/σ²): the same field, finite at α = 0.
    auto velocity = [&](double u, const at::Tensor& x_u) -> at::Tensor {
      last = predict(denoiser, x_u, u * T);
      t_last = u * T;
      const double a = alpha_at(u * T), s2 = 1.0 - a * a;
      return (schedule().d_alpha_cont(u) / s2) * (last.x0 - a * x_u);
    };
    DormandPrinceOptions dp;
    dp.rtol = options().rtol;
    dp.atol = options().atol;
    const DormandPrinceResult r = integrate_dormand_prince(velocity, x0, t / T, s / T, dp);
    return {r.y, s, last, t_last};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_rk45_sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T,
                                           at::Tensor y) {
  return std::make_unique<Rk45Sampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
