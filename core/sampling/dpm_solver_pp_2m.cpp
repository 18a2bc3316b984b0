// DPM-Solver++(2M), Lu et al. 2022 ("DPM-Solver++: Fast Solver for Guided Sampling of Diffusion Probabilistic
// Models"), Algorithm 2: multistep second order in λ = log(α/σ) on the data prediction x̂₀,
//   x_s = (σ_s/σ_t) x_t − α_s (e^{−h} − 1) D,   h = λ_s − λ_t,
//   D = (1 + 1/(2r)) x̂₀(t) − 1/(2r) x̂₀(t_prev),   r = h_prev/h   (first order: D = x̂₀(t)).
// The last step, to λ = ∞, returns x̂₀ (as k-diffusion's sample_dpmpp_2m does). Lower order where the grid asks
// for it (Sampler::multistep_order: short grids' last steps, a step much longer than the previous one).
#include "sampling/sampler_factories.h"

#include <cmath>
#include <limits>

namespace difflab {
namespace {

class DpmSolverPp2mSampler : public PredictThenStep<DpmSolverPp2mSampler, StepLimit::X0AtZero> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const double h = lambda_at(s) - lambda_at(t);
    const double r = previous_x0_.defined() ? previous_h_ / h : std::numeric_limits<double>::infinity();
    at::Tensor D = p.x0;
    if (multistep_order(i, 2, previous_x0_.defined() ? 1 : 0, r) == 2)  // second-order multistep correction
      D = (1.0 + 1.0 / (2.0 * r)) * p.x0 - (1.0 / (2.0 * r)) * previous_x0_;
    at::Tensor x_s = (sigma_at(s) / sigma_at(t)) * x() - alpha_at(s) * std::expm1(-h) * D;
    previous_x0_ = p.x0;
    previous_h_ = h;
    return {x_s, s, p, t};
  }
  void on_branch() override { previous_x0_ = at::Tensor(); }

 private:
  at::Tensor previous_x0_;  ///< x̂₀ of the previous step (history; shared by clones, never modified in place)
  double previous_h_ = 0.0;
};

}  // namespace

std::unique_ptr<Sampler> make_dpm_solver_pp_2m_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                       at::Tensor x_T, at::Tensor y) {
  return std::make_unique<DpmSolverPp2mSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
