// Restart sampling (Xu et al. 2023, "Restart Sampling for Improving Generative Processes", Algorithm 1) on
// Heun's method (Karras et al. 2022, Algorithm 1). The main grid is walked with Heun steps. Let t_j be its level
// nearest to restart_sigma_min (in log σ_VE). After the main step that lands on t_j, restart_k times:
//   x̃ ← x̃ + √(σ_max² − σ_j²) z                        (forward noise back up to σ_max = restart_sigma_max)
//   restart_steps Heun steps from σ_max down to σ_j     (σ^{1/7} uniform, Karras ρ = 7; σ ↦ t by λ = −log σ)
// so errors accumulated before t_j contract under the added noise while the ODE keeps the steps deterministic
// between restarts. All of it belongs to that one main step (its NFE includes the cycles).
#include "sampling/sampler_factories.h"

#include <cmath>
#include <limits>

namespace difflab {
namespace {

class RestartSampler : public ClonableSampler<RestartSampler> {
 public:
  RestartSampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T, at::Tensor y)
      : ClonableSampler(options, schedule, std::move(x_T), std::move(y)) {
    // The grid level nearest to restart_sigma_min in log σ (ComfyUI's restart sampler takes the nearest level
    // too), so every grid restarts somewhere.
    const auto& t = timesteps();
    double best = std::numeric_limits<double>::infinity();
    for (size_t j = 1; j < t.size(); ++j)
      if (t[j] > 0.0) {
        const double d = std::fabs(std::log(sigma_ve_at(t[j])) - std::log(options.restart_sigma_min));
        if (d < best) {
          best = d;
          restart_index_ = static_cast<int64_t>(j);
        }
      }
  }

 protected:
  Advance advance(Denoiser& denoiser, int64_t i) override {
    const double t = timesteps()[i], s = timesteps()[i + 1];
    Advance a = heun_advance(denoiser, x(), t, s);
    if (i + 1 != restart_index_) return a;
    const double sigma_j = sigma_ve_at(s), sigma_max = options().restart_sigma_max;
    if (!(sigma_max > sigma_j)) return a;  // nowhere to restart to
    std::vector<double> sub(static_cast<size_t>(options().restart_steps) + 1);
    const double hi = std::pow(sigma_max, 1.0 / 7.0), lo = std::pow(sigma_j, 1.0 / 7.0);
    for (size_t k = 0; k < sub.size(); ++k) {
      const double f = static_cast<double>(k) / static_cast<double>(sub.size() - 1);
      sub[k] = t_from_sigma_ve(std::pow(hi + f * (lo - hi), 7.0));
    }
    sub.back() = s;  // the restart pass ends exactly on the main grid's t_j
    const double jump = std::sqrt(sigma_max * sigma_max - sigma_j * sigma_j);
    for (int64_t cycle = 0; cycle < options().restart_k; ++cycle) {
      // Forward noise from σ_j to σ_max in x̃ = x/α, then the state as x = α(t_max) x̃ at the sub-grid's top.
      const at::Tensor x_tilde = a.x / alpha_at(s) + jump * noise_like(a.x);
      at::Tensor x_k = alpha_at(sub.front()) * x_tilde;
      for (size_t k = 0; k + 1 < sub.size(); ++k) {
        a = heun_advance(denoiser, x_k, sub[k], sub[k + 1]);
        x_k = a.x;
      }
    }
    a.t = s;
    return a;
  }

 private:
  int64_t restart_index_ = -1;  ///< j (−1 only for a grid without a positive level)
};

}  // namespace

std::unique_ptr<Sampler> make_restart_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                              at::Tensor x_T, at::Tensor y) {
  return std::make_unique<RestartSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
