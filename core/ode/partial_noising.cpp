#include "ode/partial_noising.h"

#include "model/classifier_free_guidance.h"
#include "process/forward_process.h"

#include <torch/torch.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

namespace difflab {
namespace {

// The inner denoiser seen through the schedule truncated at t₀ (partial_noising.h): same training times,
// same ᾱ_t for t ≤ t₀.
class TruncatedScheduleDenoiser : public Denoiser {
 public:
  TruncatedScheduleDenoiser(Denoiser& inner, int64_t t0)
      : Denoiser(NoiseSchedule(
            std::vector<double>(inner.schedule().betas().begin(), inner.schedule().betas().begin() + t0))),
        inner_(inner) {}
  DenoiserOutput predict(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& y) override {
    return inner_.predict(x, t, y);
  }
  bool is_conditional() const override { return inner_.is_conditional(); }
  std::vector<std::string> class_names() const override { return inner_.class_names(); }
  std::vector<int64_t> sample_shape() const override { return inner_.sample_shape(); }
  DataScale data_scale() const override { return inner_.data_scale(); }
  int64_t evaluations_per_call() const override { return inner_.evaluations_per_call(); }

 private:
  Denoiser& inner_;
};

}  // namespace

PartialNoisingResult edit_by_partial_noising(Denoiser& denoiser, const at::Tensor& x0, const PartialNoisingOptions& o,
                                             const OdeProgress& progress, StopToken stop) {
  const int64_t T = denoiser.schedule().timesteps();
  if (o.t0 < 1 || o.t0 > T)
    throw std::invalid_argument("partial noising level t0 = " + std::to_string(o.t0) +
                                " lies outside [1, T = " + std::to_string(T) + "]");
  if (!x0.defined() || x0.dim() < 2 || !x0.is_floating_point())
    throw std::invalid_argument("partial noising needs a floating-point batch [B, ...]");
  if ((o.target_class >= 0 || o.guidance != 1.0) && !denoiser.is_conditional())
    throw std::invalid_argument("editing under a class or with guidance needs a class-conditional model; " +
                                (denoiser.description().empty() ? std::string("this model") : denoiser.description()) +
                                " is unconditional");
  if (o.target_class < -1 || o.target_class >= static_cast<int64_t>(denoiser.class_names().size()))
    throw std::invalid_argument("target class " + std::to_string(o.target_class) + " is out of range (the model has " +
                                std::to_string(denoiser.class_names().size()) + " classes, −1 = unconditional)");
  torch::NoGradGuard no_grad;

  // Forward: x_{t₀} = √ᾱ_{t₀} x₀ + √(1 − ᾱ_{t₀}) ε (Ho et al. 2020, eq. 4).
  auto gen = at::detail::createCPUGenerator(o.noise_seed);
  const auto eps = torch::randn(x0.sizes(), gen, x0.options().device(torch::kCPU)).to(x0.device());
  PartialNoisingResult r;
  r.noised = ForwardProcess(denoiser.schedule()).q_sample(x0, o.t0, eps);

  // Reverse from t₀ under the chosen class and guidance.
  std::shared_ptr<Denoiser> guided;
  Denoiser* inner = &denoiser;
  if (o.guidance != 1.0) {
    GuidanceOptions g;
    g.scale = o.guidance;
    guided = std::make_shared<ClassifierFreeGuidance>(std::shared_ptr<Denoiser>(&denoiser, [](Denoiser*) {}), g);
    inner = guided.get();
  }
  TruncatedScheduleDenoiser truncated(*inner, o.t0);
  SamplerOptions so = o.sampler;
  const bool integer_spacing = so.spacing == TimestepSpacing::Leading || so.spacing == TimestepSpacing::Trailing ||
                               so.spacing == TimestepSpacing::Linspace;
  if (integer_spacing) so.steps = std::min(so.steps, o.t0);
  torch::Tensor y;
  if (o.target_class >= 0)
    y = torch::full({x0.size(0)}, o.target_class, torch::dtype(torch::kInt64).device(x0.device()));
  auto sampler = make_sampler(so, truncated.schedule(), r.noised, y);
  const double total = static_cast<double>(sampler->total_steps());
  r.result = run_sampler(
      *sampler, truncated,
      [&](const SamplerStep& s) {
        if (progress) progress(static_cast<double>(s.step) / total);
      },
      stop);
  if (!sampler->done()) throw Cancelled();
  r.nfe = sampler->nfe();

  r.difference = (r.result - x0).abs();
  const auto d64 = r.difference.to(torch::kFloat64);
  r.difference_map = x0.dim() == 4 ? d64.mean(1) : d64.flatten(1).norm(2, 1);
  return r;
}

}  // namespace difflab
