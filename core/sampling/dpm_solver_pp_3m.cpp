// DPM-Solver++(3M): the third-order multistep DPM-Solver++ (Lu et al. 2022, sec. 4 and Appendix B, third-order
// multistep update), in k-diffusion's form (sample_dpmpp_3m_sde with η = 0). With h = λ_s − λ_t and previous
// step sizes h₁, h₂ and data predictions D₀ = x̂₀(t), D₁, D₂:
//   x_s = (σ_s/σ_t) x_t + α_s [ (1 − e^{−h}) D₀ + φ₂ d₁ − φ₃ d₂ ],
//   φ₂ = (e^{−h} − 1)/h + 1,  φ₃ = φ₂/h − ½,
//   d₁ = d₁⁰ + (d₁⁰ − d₁¹) r₀/(r₀ + r₁),  d₂ = (d₁⁰ − d₁¹)/(r₀ + r₁),  d₁⁰ = (D₀ − D₁)/r₀,  d₁¹ = (D₁ − D₂)/r₁,
// r₀ = h₁/h, r₁ = h₂/h. The first step is first order, the second second order; the last returns x̂₀; lower order
// where Sampler::multistep_order asks for it (short grids' last steps, a step much longer than the previous).
#include "sampling/sampler_factories.h"

#include <cmath>
#include <limits>

namespace difflab {
namespace {

class DpmSolverPp3mSampler : public PredictThenStep<DpmSolverPp3mSampler, StepLimit::X0AtZero> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const double h = lambda_at(s) - lambda_at(t);
    const int64_t history = d2_.defined() ? 2 : d1_.defined() ? 1 : 0;
    const int64_t order =
        multistep_order(i, 3, history, history > 0 ? h1_ / h : std::numeric_limits<double>::infinity());
    at::Tensor x_s = (sigma_at(s) / sigma_at(t)) * x() - alpha_at(s) * std::expm1(-h) * p.x0;  // first order
    const double phi2 = std::expm1(-h) / h + 1.0;
    if (order == 3) {
      const double r0 = h1_ / h, r1 = h2_ / h;
      const at::Tensor d1_0 = (p.x0 - d1_) / r0, d1_1 = (d1_ - d2_) / r1;
      const at::Tensor d1 = d1_0 + (d1_0 - d1_1) * (r0 / (r0 + r1));
      const at::Tensor d2 = (d1_0 - d1_1) / (r0 + r1);
      const double phi3 = phi2 / h - 0.5;
      x_s = x_s + alpha_at(s) * (phi2 * d1 - phi3 * d2);
    } else if (order == 2) {
      const double r = h1_ / h;
      x_s = x_s + alpha_at(s) * phi2 * ((p.x0 - d1_) / r);
    }
    d2_ = d1_;
    d1_ = p.x0;
    h2_ = h1_;
    h1_ = h;
    return {x_s, s, p, t};
  }
  void on_branch() override { d1_ = d2_ = at::Tensor(); }

 private:
  at::Tensor d1_, d2_;  ///< x̂₀ of the previous two steps (history; never modified in place)
  double h1_ = 0.0, h2_ = 0.0;
};

}  // namespace

std::unique_ptr<Sampler> make_dpm_solver_pp_3m_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                       at::Tensor x_T, at::Tensor y) {
  return std::make_unique<DpmSolverPp3mSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
