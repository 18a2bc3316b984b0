#pragma once
// A model sampled along another schedule's time axis: the Schedule lab's, say, instead of the one it was
// trained on. Two variance-preserving schedules that reach the same half log-SNR λ = log(α/σ) have the same
// α and σ (α² + σ² = 1), so x_t means the same thing under both, and the model's prediction at the lab's
// time t is its prediction at its own time t' with λ_own(t') = λ_lab(t) (Kingma et al. 2021, "Variational
// Diffusion Models", sec. 4 and appendix: the model depends on the schedule only through the SNR; Karras et
// al. 2022, sec. 3, sample any noise-level grid with one denoiser).
//
// Only noise levels the model has seen are exact. Where the lab's λ lies below the model's noisiest level
// λ_own(T) (a lab schedule that ends noisier, e.g. cosine against linear), the model is asked at its own
// t = T, and ε̂ is re-derived from its x̂₀ with the lab's α and σ, ε̂ = (x_t − α x̂₀)/σ, so that the pair
// stays consistent: these steps are extrapolation, and the description says so.

#include "model/denoiser.h"

#include <memory>
#include <string>

namespace difflab {

class RescheduledDenoiser : public Denoiser {
 public:
  /// `inner` keeps its own schedule; samplers see `schedule`. Throws std::invalid_argument when inner is null.
  RescheduledDenoiser(std::shared_ptr<Denoiser> inner, NoiseSchedule schedule);

  /// x_t [B, ...], t [B] training times of `schedule` in [0, T]; y as for the inner denoiser.
  DenoiserOutput predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;

  /// The inner denoiser's training time (in its own units) for time t of this schedule, and whether that
  /// level lies beyond the inner schedule's noisiest one (clamped to its T).
  std::pair<double, bool> inner_time(double t) const;

  bool is_conditional() const override { return inner_->is_conditional(); }
  std::vector<std::string> class_names() const override { return inner_->class_names(); }
  std::vector<int64_t> sample_shape() const override { return inner_->sample_shape(); }
  std::string description() const override;
  DataScale data_scale() const override { return inner_->data_scale(); }
  int64_t evaluations_per_call() const override { return inner_->evaluations_per_call(); }
  double max_sigma_ve() const override { return inner_->max_sigma_ve(); }

  const std::shared_ptr<Denoiser>& inner() const { return inner_; }

 private:
  std::shared_ptr<Denoiser> inner_;
  double lambda_min_inner_;  ///< λ_own(T): the noisiest level the model was trained at (−∞ at zero terminal SNR)
};

}  // namespace difflab
