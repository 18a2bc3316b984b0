// Predictor–corrector sampling, Song et al. 2021, Algorithm 1 with the VP Langevin corrector of Algorithm 5:
// each step is one predictor step t_i → t_{i+1} (any non-PC sampler of this library), then M corrector steps
// at t_{i+1} with the score g = ∇log p(x) = −ε̂/σ and the step size set by the target signal-to-noise ratio r:
//   ε = 2 α_i (r ‖z‖ / ‖g‖)²,   x ← x + ε g + √(2ε) z,
// where α_i = ᾱ(t_i)/ᾱ(t_{i+1}) is the respaced 1 − β of the step just taken. As in Song et al.'s code
// (score_sde, LangevinCorrector), ‖z‖ and ‖g‖ are per-sample norms averaged over the batch: per-sample ratios
// explode in low dimension, where ‖g‖ of a single point near a mode can be ~0. So a chain's corrector step
// size depends on its batch mates.
// No corrector after the last predictor step, which returns x̂₀.
#include "sampling/sampler_factories.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace difflab {

class PredictorCorrectorSampler : public ClonableSampler<PredictorCorrectorSampler> {
 public:
  PredictorCorrectorSampler(const SamplerOptions& options, const NoiseSchedule& schedule, at::Tensor x_T, at::Tensor y)
      : ClonableSampler(options, schedule, x_T, y) {
    SamplerOptions p = options;
    p.name = options.pc_predictor;
    p.seed = options.seed ^ 0x5bd1e9955bd1e995ULL;  // predictor and corrector noise must not coincide
    predictor_ = make_sampler(p, schedule, x_T, y);
  }
  PredictorCorrectorSampler(const PredictorCorrectorSampler& other)
      : ClonableSampler(other), predictor_(other.predictor_->clone()) {}

 protected:
  void on_branch() override {
    predictor_->step_ = step_;
    predictor_->t_ = t_;
    predictor_->x_ = x_;
  }

  Advance advance(Denoiser& denoiser, int64_t i) override {
    const double t = timesteps()[i], s = timesteps()[i + 1];
    if (noise_source_) predictor_->noise_source_ = noise_source_;
    const int64_t nfe_before = predictor_->nfe();
    const SamplerStep ps = predictor_->step(denoiser);  // predictor
    nfe_ += predictor_->nfe() - nfe_before;
    Advance out{ps.x_t, s, {ps.x0, ps.eps}, ps.t_eval};
    if (s == 0.0) return out;
    const double alpha = alpha_bar_at(t) / alpha_bar_at(s), sigma = sigma_at(s), r = options().pc_snr;
    for (int64_t j = 0; j < options().pc_corrector_steps; ++j) {  // Langevin corrector
      out.last = predict(denoiser, out.x, s);
      out.t_eval = s;
      const at::Tensor g = -out.last.eps / sigma;
      const at::Tensor z = noise_like(out.x);
      const double ratio = r * mean_norm(z) / mean_norm(g);
      const double eps = 2.0 * alpha * ratio * ratio;
      out.x = out.x + eps * g + std::sqrt(2.0 * eps) * z;
    }
    predictor_->x_ = out.x;
    return out;
  }

 private:
  static double mean_norm(const at::Tensor& v) { return v.reshape({v.size(0), -1}).norm(2, {1}).mean().item<double>(); }
  std::unique_ptr<Sampler> predictor_;
};

std::unique_ptr<Sampler> make_predictor_corrector_sampler(const SamplerOptions& options, const NoiseSchedule& schedule,
                                                          at::Tensor x_T, at::Tensor y) {
  const std::string& p = options.pc_predictor;
  const std::vector<std::string> predictors = predictor_sampler_names();
  if (std::find(predictors.begin(), predictors.end(), p) == predictors.end()) {
    std::string names;
    for (const std::string& n : predictors) names += (names.empty() ? "" : ", ") + n;
    throw std::invalid_argument("pc_predictor '" + p + "' is not a predictor (use one of " + names + ")");
  }
  return std::make_unique<PredictorCorrectorSampler>(options, schedule, std::move(x_T), std::move(y));
}

}  // namespace difflab
