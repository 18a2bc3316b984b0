#pragma once
// Classifier-free guidance (Ho & Salimans 2022, eq. 6) as a Denoiser wrapping a class-conditional one:
//
//   ε̃(x_t, c) = ε(x_t, ∅) + w (ε(x_t, c) − ε(x_t, ∅))        w = 0: unconditional, 1: conditional, > 1: guided
//
// (Ho & Salimans write ε̃ = (1 + w') ε_c − w' ε_∅; w = 1 + w' here, the convention of most samplers.)
// x̂₀ is combined the same way, which equals (x_t − σ ε̃)/α since both maps are affine in the prediction.
//
// Guidance over time: w may vary with u = t/T (1 = pure noise, 0 = data), ramping from `start_scale` at
// u = 1 to `scale` at u = 0 (Wang et al. 2024, "Analysis of Classifier-Free Guidance Weight Schedulers",
// find increasing schedules help), or be applied only inside an interval of t (Kynkäänniemi et al. 2024,
// "Applying Guidance in a Limited Interval Improves Sample and Distribution Quality"), with w = 1 outside.
//
// Cost: each guided predict() is ONE batched call of the inner denoiser on 2B samples (conditional and
// unconditional halves concatenated), i.e. 2 network evaluations per step: evaluations_per_call() == 2.
// Samples whose label is −1 (or an undefined y) get the plain unconditional prediction in the same call.

#include "model/denoiser.h"

#include <memory>
#include <string>

namespace difflab {

enum class GuidanceCurve {
  Constant,  ///< w(u) = scale
  Linear,    ///< w(u) = start_scale + (scale − start_scale)(1 − u)
  Cosine,    ///< w(u) = start_scale + (scale − start_scale) ½(1 + cos π u)
  Interval,  ///< w(u) = scale for t in [interval_low, interval_high], 1 (plain conditional) elsewhere
};

/// "constant", "linear", "cosine", "interval"; throws std::invalid_argument naming the value and the choices.
GuidanceCurve parse_guidance_curve(const std::string& name);
std::string guidance_curve_name(GuidanceCurve curve);

struct GuidanceOptions {
  /// w: 0 unconditional, 1 conditional, > 1 guided (Ho & Salimans 2022, eq. 6, with w = 1 + their w).
  double scale = 1.0;
  GuidanceCurve curve = GuidanceCurve::Constant;
  /// Linear and cosine curves: w at u = 1 (pure noise).
  double start_scale = 1.0;
  /// Interval curve: the training times [low, high] where guidance applies.
  double interval_low = 0.0;
  double interval_high = 1e9;

  /// w at training time t of a schedule with T steps.
  double scale_at(double t, int64_t T) const;
};

class ClassifierFreeGuidance : public Denoiser {
 public:
  /// Throws std::invalid_argument when `conditional` is null or not class-conditional (the message says
  /// guidance needs a class-conditional model and names it), or an option is not finite.
  ClassifierFreeGuidance(std::shared_ptr<Denoiser> conditional, GuidanceOptions options);

  DenoiserOutput predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;

  bool is_conditional() const override { return true; }
  std::vector<std::string> class_names() const override { return inner_->class_names(); }
  std::vector<int64_t> sample_shape() const override { return inner_->sample_shape(); }
  std::string description() const override;
  DataScale data_scale() const override { return inner_->data_scale(); }
  int64_t evaluations_per_call() const override { return 2 * inner_->evaluations_per_call(); }
  double max_sigma_ve() const override { return inner_->max_sigma_ve(); }

  const GuidanceOptions& options() const { return options_; }
  const std::shared_ptr<Denoiser>& inner() const { return inner_; }

 private:
  std::shared_ptr<Denoiser> inner_;
  GuidanceOptions options_;
};

/// The index of a class by name among denoiser.class_names(); a decimal index in range is accepted too.
/// Throws std::invalid_argument listing the valid names, or saying the model is unconditional.
int64_t class_index(const Denoiser& denoiser, const std::string& name);

}  // namespace difflab
