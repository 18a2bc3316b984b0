// DPM-Solver++(2M) SDE: Lu et al. 2022 (DPM-Solver++, the SDE variant of the second-order multistep solver), in
// k-diffusion's form (sample_dpmpp_2m_sde, solver_type 'midpoint'). With h = λ_s − λ_t, λ = log(α/σ), noise
// share η and the VP variable x:
//   x_s = (σ_s/σ_t) e^{−ηh} x_t + α_s (1 − e^{−(1+η)h}) [D + ½ (D − D_prev)/r] + σ_s √(1 − e^{−2ηh}) z,
// D = x̂₀(x_t, t), r = h_prev/h (the correction term only with a history; Sampler::multistep_order may drop
// it on short grids' last steps). η = 0 is DPM-Solver++(2M) with the midpoint correction. The last step returns x̂₀.
#include "sampling/sampler_factories.h"

#include <cmath>
#include <limits>

namespace difflab {
namespace {

class DpmSolverPp2mSdeSampler : public PredictThenStep<DpmSolverPp2mSdeSampler, StepLimit::X0AtZero> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const double h = lambda_at(s) - lambda_at(t);
    const double eta_h = options().eta > 0.0 ? options().eta * h : 0.0;  // η = 0 with h = ∞ (zero SNR) is no noise
    const double r = previous_x0_.defined() ? previous_h_ / h : std::numeric_limits<double>::infinity();
    const double data_weight = -std::expm1(-h - eta_h);
    at::Tensor x_s = (sigma_at(s) / sigma_at(t) * std::exp(-eta_h)) * x() + (alpha_at(s) * data_weight) * p.x0;
    if (multistep_order(i, 2, previous_x0_.defined() ? 1 : 0, r) == 2)
      x_s = x_s + (alpha_at(s) * 0.5 * data_weight / r) * (p.x0 - previous_x0_);
    if (eta_h > 0.0) x_s = x_s + (sigma_at(s) * std::sqrt(-std::expm1(-2.0 * eta_h))) * noise_like(x_s);
    previous_x0_ = p.x0;
    previous_h_ = h;
    return {x_s, s, p, t};
  }
  void on_branch() override { previous_x0_ = at::Tensor(); }

 private:
  at::Tensor previous_x0_;
  double previous_h_ = 0.0;
};

}  // namespace

std::unique_ptr<Sampler> make_dpm_solver_pp_2m_sde_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                           at::Tensor x_T, at::Tensor y) {
  return std::make_unique<DpmSolverPp2mSdeSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
