#pragma once
// Classifier guidance (Dhariwal & Nichol 2021, "Diffusion Models Beat GANs on Image Synthesis", Algorithm 2;
// Song et al. 2021, eq. 48): a noise-conditional classifier p_φ(y | x_t, t) steers any denoiser towards class y,
//
//   ε̃(x_t, t) = ε̂(x_t, t) − s · σ_t · ∇ₓ log p_φ(y | x_t, t),        x̂₀ = (x_t − σ_t ε̃) / α_t,
//
// which follows from ∇ log p_t(x | y) = ∇ log p_t(x) + ∇ log p_t(y | x) and ε̂ = −σ_t ∇ log p_t(x) (the seeds'
// lectures 001, 002 and 004). At s = 1 with the exact classifier it samples p(x | y) exactly; s > 1 sharpens
// towards the class (the score of p_t(x) p_t(y | x)^s at every t).
//
// NoisyClassifier is what it needs: log p(y | x_t, t) over the classes and its gradient in x. Two kinds exist:
// MixtureClassifier, the exact posterior over the classes of a Gaussian mixture at t (closed form, for the
// tests and the toy views), and the trained network classifier (train/, checkpoint kind "classifier").
//
// Works with every sampler and together with classifier-free guidance: wrap a ClassifierFreeGuidance (or a
// conditional model, which then gets the labels too) and both apply.

#include "model/denoiser.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace difflab {

class GaussianMixtureDenoiser;

class NoisyClassifier {
 public:
  explicit NoisyClassifier(NoiseSchedule schedule) : schedule_(std::move(schedule)) {}
  virtual ~NoisyClassifier() = default;

  /// log p(y | x_t, t) for every class: [B, K] (x_t [B, ...], t [B] training times of schedule()).
  virtual torch::Tensor log_probs(const torch::Tensor& x_t, const torch::Tensor& t) = 0;
  /// ∇ₓ log p(y | x_t, t) for labels y (int64 [B]; −1 gives zeros), shaped like x_t. The default
  /// differentiates log_probs() with autograd.
  virtual torch::Tensor grad_log_prob(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y);
  virtual std::vector<std::string> class_names() const = 0;
  virtual std::string description() const { return {}; }
  /// The scale of the x_t it reads (images in [−1, 1] for ours); nothing when it reads the model's own.
  virtual std::optional<DataScale> data_scale() const { return std::nullopt; }

  const NoiseSchedule& schedule() const { return schedule_; }

 protected:
  NoiseSchedule schedule_;
};

/// The exact classifier of a labelled Gaussian mixture: p_t(y | x) = P(y) p_t(x | y) / p_t(x), under the
/// mixture denoiser's schedule; ∇ log p_t(y | x) = ∇ log p_t(x | y) − ∇ log p_t(x) in closed form.
class MixtureClassifier : public NoisyClassifier {
 public:
  /// Throws std::invalid_argument when `mixture` is null or has fewer than two classes.
  explicit MixtureClassifier(std::shared_ptr<const GaussianMixtureDenoiser> mixture);
  torch::Tensor log_probs(const torch::Tensor& x_t, const torch::Tensor& t) override;
  torch::Tensor grad_log_prob(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;
  std::vector<std::string> class_names() const override;
  std::string description() const override { return "exact mixture posterior p_t(y | x)"; }

 private:
  std::shared_ptr<const GaussianMixtureDenoiser> mixture_;
  torch::Tensor log_prior_;  ///< log P(y), float64 [K]
};

struct ClassifierGuidanceOptions {
  double scale = 1.0;  ///< s: 0 none, 1 the exact conditional with an exact classifier, > 1 sharper
  /// Pass the labels to the inner denoiser too (a conditional model, or classifier-free guidance around one);
  /// false: the inner denoiser is asked unconditionally (y = −1).
  bool inner_gets_labels = true;
};

class ClassifierGuidance : public Denoiser {
 public:
  /// Throws std::invalid_argument when a part is null, the scale is not finite, or the classifier's schedule
  /// differs from the denoiser's (ᾱ tables must agree: the classifier's t must mean the same noise level).
  ClassifierGuidance(std::shared_ptr<Denoiser> inner, std::shared_ptr<NoisyClassifier> classifier,
                     ClassifierGuidanceOptions options);

  /// y: int64 [B] class labels of the classifier; −1 (or an undefined y) leaves that sample unguided.
  DenoiserOutput predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;

  bool is_conditional() const override { return true; }
  std::vector<std::string> class_names() const override { return classifier_->class_names(); }
  std::vector<int64_t> sample_shape() const override { return inner_->sample_shape(); }
  std::string description() const override;
  DataScale data_scale() const override { return inner_->data_scale(); }
  int64_t evaluations_per_call() const override { return inner_->evaluations_per_call(); }
  double max_sigma_ve() const override { return inner_->max_sigma_ve(); }

  /// Mean over the last call's guided samples of ‖s · ∇ₓ log p(y | x_t, t)‖ (0 before any call), for the
  /// chain player's read-out.
  double last_guidance_norm() const { return last_norm_; }
  const ClassifierGuidanceOptions& options() const { return options_; }

 private:
  std::shared_ptr<Denoiser> inner_;
  std::shared_ptr<NoisyClassifier> classifier_;
  ClassifierGuidanceOptions options_;
  double last_norm_ = 0.0;
};

}  // namespace difflab
