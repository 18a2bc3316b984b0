// Linear multistep (LMS, order 4): k-diffusion's sample_lms, the Adams–Bashforth method on the probability-flow
// ODE in the σ-form dx̃/dσ = d(x̃, σ) = (x̃ − x̂₀)/σ = ε̂ (Karras et al. 2022, eq. 3 with σ(t) = t):
//   x̃_{i+1} = x̃_i + Σ_{j<p} c_j d_{i−j},   c_j = ∫_{σ_i}^{σ_{i+1}} ℓ_j(τ) dτ,
// ℓ_j the Lagrange basis through σ_i, …, σ_{i−p+1}, p = min(i + 1, 4) (warm-up), integrated exactly (3-point
// Gauss–Legendre is exact for the cubic ℓ_j). Written as x̃_{i+1} = x̂₀ + (σ_i + c_0) ε̂_i + Σ_{j≥1} c_j ε̂_{i−j}
// (x̃_i = x̂₀ + σ_i ε̂_i), free of the cancellation of O(σ) terms at high noise. With lower_order_final
// (Sampler::multistep_order) the order drops on short grids' last steps and after a much longer step; the last
// step to σ = 0 then lands on x̂₀. Off, it is k-diffusion's LMS exactly.
#include "sampling/sampler_factories.h"

#include <array>
#include <cmath>
#include <deque>
#include <limits>

namespace difflab {
namespace {

// ∫_a^b ℓ_j(τ) dτ for the Lagrange basis polynomial ℓ_j through nodes[0..n).
double lagrange_integral(const std::vector<double>& nodes, size_t j, double a, double b) {
  static const std::array<double, 3> x = {-0.7745966692414834, 0.0, 0.7745966692414834};
  static const std::array<double, 3> w = {5.0 / 9.0, 8.0 / 9.0, 5.0 / 9.0};
  double sum = 0.0;
  for (size_t q = 0; q < 3; ++q) {
    const double tau = 0.5 * (a + b) + 0.5 * (b - a) * x[q];
    double l = 1.0;
    for (size_t k = 0; k < nodes.size(); ++k)
      if (k != j) l *= (tau - nodes[k]) / (nodes[j] - nodes[k]);
    sum += w[q] * l;
  }
  return 0.5 * (b - a) * sum;
}

class LmsSampler : public PredictThenStep<LmsSampler, StepLimit::DdimAtZeroSnr> {
 public:
  using PredictThenStep::PredictThenStep;

 protected:
  Advance step(Denoiser& denoiser, const Prediction& p, double t, double s, int64_t i) override {
    const double sigma = sigma_ve_at(t), sigma_next = sigma_ve_at(s);
    eps_.push_front(p.eps);
    sigmas_.push_front(sigma);
    if (eps_.size() > 4) {
      eps_.pop_back();
      sigmas_.pop_back();
    }
    // Step ratio in λ = −log σ (the last step, to σ = 0, has h = ∞).
    const double h =
        std::log(sigma) - (sigma_next > 0.0 ? std::log(sigma_next) : -std::numeric_limits<double>::infinity());
    const double r =
        sigmas_.size() > 1 ? (std::log(sigmas_[1]) - std::log(sigma)) / h : std::numeric_limits<double>::infinity();
    const auto order = static_cast<size_t>(multistep_order(i, 4, static_cast<int64_t>(eps_.size()) - 1, r));
    const std::vector<double> nodes(sigmas_.begin(), sigmas_.begin() + static_cast<std::ptrdiff_t>(order));
    at::Tensor x_tilde = p.x0 + (sigma + lagrange_integral(nodes, 0, sigma, sigma_next)) * p.eps;
    for (size_t j = 1; j < order; ++j) x_tilde = x_tilde + lagrange_integral(nodes, j, sigma, sigma_next) * eps_[j];
    return {alpha_at(s) * x_tilde, s, p, t};
  }
  void on_branch() override {
    eps_.clear();
    sigmas_.clear();
  }

 private:
  std::deque<at::Tensor> eps_;  ///< ε̂ = d of the last ≤ 4 steps, newest first (never modified in place)
  std::deque<double> sigmas_;   ///< their σ_VE
};

}  // namespace

std::unique_ptr<Sampler> make_lms_sampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T,
                                          at::Tensor y) {
  return std::make_unique<LmsSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
