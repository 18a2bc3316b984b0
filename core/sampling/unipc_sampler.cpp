// UniPC (Zhao et al. 2023, "UniPC: A Unified Predictor-Corrector Framework for Fast Sampling of Diffusion
// Models"), order 2 with B(h) = e^h − 1 ("bh2"), on the data prediction, in the structure of diffusers'
// UniPCMultistepScheduler (solver_order = 2, predict_x0, lower_order_final). In λ = log(α/σ), step i:
//   m_i = x̂₀(x_i, t_i)                                                   (the step's one evaluation)
//   UniC (i > 0): x_i ← x̃ − α_i B(h) [Σ_k ρ_k D_k + ρ_last (m_i − m_{i−1})],   x̃ = (σ_i/σ_{i−1}) x_{i−1} − α_i φ₁ m_{i−1}
//   UniP:         x_{i+1} = (σ_{i+1}/σ_i) x_i − α_{i+1} φ₁ m_i − α_{i+1} B(h) ½ D₁   (order 2; D₁ = (m_{i−1} − m_i)/r)
// with h the λ-step, φ₁ = e^{−h} − 1 = B(−h), r = (λ_{i−1} − λ_i)/h and ρ from the linear system R ρ = b of
// the paper's Theorem 3.1 (eq. 9; ρ = ½ at first order). The corrector reuses m_i, so NFE = N; it raises the
// order by one (order 3 with UniP-2). The last step returns m_{N−1} = x̂₀; Sampler::multistep_order lowers
// the predictor's order on short grids' last steps.
#include "sampling/sampler_factories.h"

#include <cmath>
#include <limits>

namespace difflab {
namespace {

class UniPcSampler : public ClonableSampler<UniPcSampler> {
 public:
  using ClonableSampler::ClonableSampler;

 protected:
  Advance advance(Denoiser& denoiser, int64_t i) override {
    const double t = timesteps()[i], s = timesteps()[i + 1];
    const Prediction p = predict(denoiser, x(), t);
    at::Tensor x_i = x();
    if (m1_.defined()) x_i = correct(x_i, p.x0, t);  // UniC on the state the last predictor produced
    if (s == 0.0) return {p.x0, s, p, t};
    const double lambda_t = lambda_at(t), h = lambda_at(s) - lambda_t;
    const double r_hist = m1_.defined() ? (lambda_t - lambda_m1_) / h : std::numeric_limits<double>::infinity();
    const int64_t order = multistep_order(i, 2, m1_.defined() ? 1 : 0, r_hist);
    const double phi1 = std::expm1(-h), b_h = phi1;
    at::Tensor x_s = (sigma_at(s) / sigma_at(t)) * x_i - (alpha_at(s) * phi1) * p.x0;
    if (order == 2) {
      const double r = (lambda_m1_ - lambda_t) / h;
      x_s = x_s - (alpha_at(s) * b_h * 0.5 / r) * (m1_ - p.x0);
    }
    // History for the next step's corrector and predictor.
    base_ = x_i;
    base_order_ = order;
    m2_ = m1_;
    lambda_m2_ = lambda_m1_;
    m1_ = p.x0;
    lambda_m1_ = lambda_t;
    t_m1_ = t;
    return {x_s, s, p, t};
  }
  void on_branch() override { m1_ = m2_ = base_ = at::Tensor(); }

 private:
  // UniC-p (p = the order of the predictor that produced x_i) from base_ = x_{i−1}, m1_ = m_{i−1}, m2_ = m_{i−2}.
  at::Tensor correct(const at::Tensor& x_i, const at::Tensor& m_i, double t) const {
    const double lambda_t = lambda_at(t), h = lambda_t - lambda_m1_;
    const double hh = -h, phi1 = std::expm1(hh), b_h = phi1;
    // b_k = h_phi_k · k! / B(h) with h_phi_1 = φ₁/hh − 1, h_phi_{k+1} = h_phi_k/hh − 1/(k+1)!.
    const double h_phi_1 = phi1 / hh - 1.0, h_phi_2 = h_phi_1 / hh - 0.5;
    const double b1 = h_phi_1 / b_h, b2 = h_phi_2 * 2.0 / b_h;
    const at::Tensor base = (sigma_at(t) / sigma_at(t_m1_)) * base_ - (alpha_at(t) * phi1) * m1_;
    if (base_order_ == 1) return base - (alpha_at(t) * b_h * 0.5) * (m_i - m1_);
    // Order 2: rows R = [[1, 1], [r, 1]], ρ solves R ρ = (b1, b2).
    const double r = (lambda_m2_ - lambda_m1_) / h;
    const double rho0 = (b1 - b2) / (1.0 - r), rho1 = b1 - rho0;
    const at::Tensor d1 = (m2_ - m1_) / r;
    return base - (alpha_at(t) * b_h) * (rho0 * d1 + rho1 * (m_i - m1_));
  }
  at::Tensor base_, m1_, m2_;  ///< x_{i−1} before its predictor step, m_{i−1}, m_{i−2} (never modified in place)
  int64_t base_order_ = 1;
  double lambda_m1_ = 0.0, lambda_m2_ = 0.0;  ///< λ at t_{i−1}, t_{i−2}
  double t_m1_ = 0.0;                         ///< t_{i−1}
};

}  // namespace

std::unique_ptr<Sampler> make_unipc_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                            at::Tensor x_T, at::Tensor y) {
  return std::make_unique<UniPcSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
