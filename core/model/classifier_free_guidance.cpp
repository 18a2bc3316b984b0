// Classifier-free guidance (Ho & Salimans 2022, eq. 6); see classifier_free_guidance.h.
#include "model/classifier_free_guidance.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace difflab {

GuidanceCurve parse_guidance_curve(const std::string& name) {
  if (name == "constant") return GuidanceCurve::Constant;
  if (name == "linear") return GuidanceCurve::Linear;
  if (name == "cosine") return GuidanceCurve::Cosine;
  if (name == "interval") return GuidanceCurve::Interval;
  throw std::invalid_argument("unknown guidance curve '" + name + "' (choose constant, linear, cosine or interval)");
}

std::string guidance_curve_name(GuidanceCurve curve) {
  switch (curve) {
    case GuidanceCurve::Constant: return "constant";
    case GuidanceCurve::Linear: return "linear";
    case GuidanceCurve::Cosine: return "cosine";
    case GuidanceCurve::Interval: return "interval";
  }
  return "constant";
}

double GuidanceOptions::scale_at(double t, int64_t T) const {
  const double u = std::clamp(t / static_cast<double>(T), 0.0, 1.0);
  switch (curve) {
    case GuidanceCurve::Constant: return scale;
    case GuidanceCurve::Linear: return start_scale + (scale - start_scale) * (1.0 - u);
    case GuidanceCurve::Cosine: return start_scale + (scale - start_scale) * 0.5 * (1.0 + std::cos(M_PI * u));
    case GuidanceCurve::Interval: return (t >= interval_low && t <= interval_high) ? scale : 1.0;
  }
  return scale;
}

namespace {
const NoiseSchedule& schedule_of(const std::shared_ptr<Denoiser>& denoiser) {
  if (!denoiser) throw std::invalid_argument("classifier-free guidance: no model given");
  return denoiser->schedule();
}
}  // namespace

ClassifierFreeGuidance::ClassifierFreeGuidance(std::shared_ptr<Denoiser> conditional, GuidanceOptions options)
    : Denoiser(schedule_of(conditional)), inner_(std::move(conditional)), options_(options) {
  if (!inner_->is_conditional()) {
    const std::string what = inner_->description().empty() ? "the model" : "the model (" + inner_->description() + ")";
    throw std::invalid_argument("classifier-free guidance needs a class-conditional model, but " + what +
                                " is unconditional: drop the guidance scale and class, or train with classes");
  }
  for (const double v : {options_.scale, options_.start_scale, options_.interval_low, options_.interval_high})
    if (!std::isfinite(v))
      throw std::invalid_argument("classifier-free guidance: option value " + std::to_string(v) + " is not finite");
}

std::string ClassifierFreeGuidance::description() const {
  std::ostringstream s;
  s << inner_->description() << (inner_->description().empty() ? "" : ", ")
    << "classifier-free guidance w = " << options_.scale << " (" << guidance_curve_name(options_.curve) << ")";
  return s.str();
}

DenoiserOutput ClassifierFreeGuidance::predict(const torch::Tensor& x_t, const torch::Tensor& t,
                                               const torch::Tensor& y) {
  const int64_t B = x_t.size(0);
  if (!y.defined()) return inner_->predict(x_t, t, y);
  const torch::Tensor times = t.numel() == 1 ? t.reshape({1}).expand({B}) : t.reshape({-1});
  const torch::Tensor labels = y.reshape({-1});
  // One batched call: the first half conditional on y, the second on the null class −1.
  const DenoiserOutput both = inner_->predict(torch::cat({x_t, x_t}), torch::cat({times, times}),
                                              torch::cat({labels, torch::full_like(labels, -1)}));
  const torch::Tensor t_cpu = times.detach().to(torch::kCPU, torch::kFloat64).contiguous();
  torch::Tensor w = torch::empty({B}, torch::kFloat64);
  for (int64_t i = 0; i < B; ++i) w[i] = options_.scale_at(t_cpu[i].item<double>(), schedule_.timesteps());
  // Unlabelled samples (−1) stay unconditional: w = 0 for them.
  w = torch::where(labels.to(torch::kCPU) < 0, torch::zeros_like(w), w);
  std::vector<int64_t> bshape(static_cast<size_t>(x_t.dim()), 1);
  bshape[0] = B;
  const torch::Tensor wb = w.to(x_t.device(), x_t.scalar_type()).view(bshape);
  const auto guide = [&](const torch::Tensor& pair) {
    const torch::Tensor cond = pair.slice(0, 0, B), uncond = pair.slice(0, B, 2 * B);
    return uncond + wb * (cond - uncond);  // Ho & Salimans 2022, eq. 6
  };
  return {guide(both.x0), guide(both.eps)};
}

int64_t class_index(const Denoiser& denoiser, const std::string& name) {
  const auto names = denoiser.class_names();
  if (!denoiser.is_conditional() || names.empty())
    throw std::invalid_argument("class '" + name + "' requested, but the model is unconditional (it has no classes)");
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int64_t>(i);
  if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos && name.size() < 10) {
    const int64_t i = std::stoll(name);
    if (i < static_cast<int64_t>(names.size())) return i;
  }
  std::string valid;
  for (size_t i = 0; i < names.size(); ++i) valid += (i ? ", '" : "'") + names[i] + "'";
  throw std::invalid_argument("unknown class '" + name + "'; the model's classes are " + valid);
}

}  // namespace difflab
