// An adaptive probability-flow ODE solver: Dormand–Prince 5(4) (ode/dormand_prince.h) on
//   dx/du = f(u) (x − ε̂(x, u)/σ(u)),   u = t/T   (Song et al. 2021 eq. 13 for the VP SDE; ode/probability_flow.h),
// integrated from each report time t_i to t_{i+1} with the rtol/atol error control, every derivative
// evaluation counted as one NFE. The last step, from t_{N−1} to 0 where σ = 0, returns x̂₀. It is the
// tight-tolerance reference of sampler comparisons; few report steps (e.g. 10) keep its restarts cheap.
#include "sampling/sampler_factories.h"

#include "ode/dormand_prince.h"

namespace difflab {
namespace {

class Rk45Sampler : public ClonableSampler<Rk45Sampler> {
 public:
  using ClonableSampler::ClonableSampler;

 protected:
  Advance advance(Denoiser& denoiser, int64_t i) override {
    const double t = timesteps()[i], s = timesteps()[i + 1];
    if (s == 0.0) {
      const Prediction p = predict(denoiser, x(), t);
      return {p.x0, s, p, t};
    }
    const double T = static_cast<double>(schedule().timesteps());
    Prediction last;
    double t_last = t;
    auto velocity = [&](double u, const at::Tensor& x_u) -> at::Tensor {
      last = predict(denoiser, x_u, u * T);
      t_last = u * T;
      return schedule().d_log_alpha_cont(u) * (x_u - last.eps / sigma_at(u * T));
    };
    DormandPrinceOptions dp;
    dp.rtol = options().rtol;
    dp.atol = options().atol;
    const DormandPrinceResult r = integrate_dormand_prince(velocity, x(), t / T, s / T, dp);
    return {r.y, s, last, t_last};
  }
};

}  // namespace

std::unique_ptr<Sampler> make_rk45_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                           at::Tensor x_T, at::Tensor y) {
  return std::make_unique<Rk45Sampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
