#include "ode/interpolation.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace difflab {

torch::Tensor lerp_latents(const torch::Tensor& a, const torch::Tensor& b, double w) {
  if (a.sizes() != b.sizes()) throw std::invalid_argument("cannot interpolate latents of different shapes");
  return (1.0 - w) * a + w * b;
}

torch::Tensor slerp_latents(const torch::Tensor& a, const torch::Tensor& b, double w) {
  if (a.sizes() != b.sizes()) throw std::invalid_argument("cannot interpolate latents of different shapes");
  const bool batched = a.dim() > 1;
  auto af = batched ? a.flatten(1) : a.reshape({1, -1});
  auto bf = batched ? b.flatten(1) : b.reshape({1, -1});
  auto cos = (af * bf).sum(1) / (af.norm(2, 1) * bf.norm(2, 1)).clamp_min(1e-30);
  auto theta = torch::acos(cos.clamp(-1.0, 1.0)).unsqueeze(1);
  auto sin_theta = torch::sin(theta);
  auto degenerate = sin_theta.abs() < 1e-7;
  auto safe_sin = torch::where(degenerate, torch::ones_like(sin_theta), sin_theta);
  auto ca = torch::where(degenerate, torch::full_like(theta, 1.0 - w), torch::sin((1.0 - w) * theta) / safe_sin);
  auto cb = torch::where(degenerate, torch::full_like(theta, w), torch::sin(w * theta) / safe_sin);
  return (ca * af + cb * bf).reshape(a.sizes());
}

std::vector<double> interpolation_weights(int64_t frames) {
  if (frames < 2) throw std::invalid_argument("interpolation needs at least 2 frames, got " + std::to_string(frames));
  std::vector<double> w(static_cast<size_t>(frames));
  for (int64_t i = 0; i < frames; ++i) w[i] = static_cast<double>(i) / static_cast<double>(frames - 1);
  return w;
}

InterpolationPath parse_interpolation_path(const std::string& name) {
  if (name == "slerp") return InterpolationPath::Slerp;
  if (name == "lerp") return InterpolationPath::Lerp;
  throw std::invalid_argument("unknown interpolation path '" + name + "' (expected slerp or lerp)");
}

std::string interpolation_path_name(InterpolationPath path) {
  return path == InterpolationPath::Slerp ? "slerp" : "lerp";
}

ConditionPathDenoiser::ConditionPathDenoiser(Denoiser& inner, ConditionPath path, std::vector<double> row_weights)
    : Denoiser(inner.schedule()), inner_(inner), path_(path), weights_(std::move(row_weights)) {
  const bool needs_condition =
      path_.class_a >= 0 || path_.class_b >= 0 || path_.guidance_a != 1.0 || path_.guidance_b != 1.0;
  if (needs_condition && !inner_.is_conditional())
    throw std::invalid_argument("classes and guidance along the path need a class-conditional model, but " +
                                (inner_.description().empty() ? std::string("this model") : inner_.description()) +
                                " is unconditional");
  const int64_t n = static_cast<int64_t>(inner_.class_names().size());
  for (int64_t c : {path_.class_a, path_.class_b})
    if (c < -1 || (c >= 0 && c >= n))
      throw std::invalid_argument("class " + std::to_string(c) + " is out of range: the model has " +
                                  std::to_string(n) + " classes (−1 = unconditional)");
  for (double g : {path_.guidance_a, path_.guidance_b})
    if (!std::isfinite(g)) throw std::invalid_argument("guidance scales along the path must be finite");
}

int64_t ConditionPathDenoiser::evaluations_per_call() const {
  return (path_.varies() ? 3 : 1) * inner_.evaluations_per_call();
}

DenoiserOutput ConditionPathDenoiser::predict(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor&) {
  const int64_t B = x.size(0);
  if (B != static_cast<int64_t>(weights_.size()))
    throw std::invalid_argument("ConditionPathDenoiser: batch of " + std::to_string(B) + " rows for " +
                                std::to_string(weights_.size()) + " path weights");
  auto labels = [&](int64_t c) { return torch::full({B}, c, torch::dtype(torch::kInt64).device(x.device())); };
  if (!path_.varies()) return inner_.predict(x, t, path_.class_a >= 0 ? labels(path_.class_a) : torch::Tensor());
  // One batched call: rows [∅ | a | b].
  const auto out = inner_.predict(torch::cat({x, x, x}), torch::cat({t, t, t}),
                                  torch::cat({labels(-1), labels(path_.class_a), labels(path_.class_b)}));
  std::vector<int64_t> shape{B};
  for (int64_t d = 1; d < x.dim(); ++d) shape.push_back(1);
  const auto w = torch::tensor(weights_, torch::kFloat64).reshape(shape).to(x.options());
  const auto g = (1.0 - w) * path_.guidance_a + w * path_.guidance_b;
  auto blend = [&](const torch::Tensor& p) {
    const auto parts = p.chunk(3);
    return parts[0] + g * ((1.0 - w) * parts[1] + w * parts[2] - parts[0]);
  };
  return {blend(out.x0), blend(out.eps)};
}

InterpolationResult interpolate_and_decode(Denoiser& denoiser, const torch::Tensor& latent_a,
                                           const torch::Tensor& latent_b, const InterpolationOptions& o,
                                           const OdeProgress& progress, StopToken stop) {
  auto shape = denoiser.sample_shape();
  auto as_sample = [&](const torch::Tensor& z, const char* which) {
    int64_t n = 1;
    for (auto s : shape) n *= s;
    if (!z.defined() || z.numel() != n)
      throw std::invalid_argument(std::string("latent ") + which + " must hold one sample of " + std::to_string(n) +
                                  " values, got " + std::to_string(z.defined() ? z.numel() : 0));
    return z.reshape(shape);
  };
  const auto a = as_sample(latent_a, "a"), b = as_sample(latent_b, "b");
  InterpolationResult r;
  r.weights = interpolation_weights(o.frames);
  std::vector<torch::Tensor> zs;
  for (double w : r.weights)
    zs.push_back(o.path == InterpolationPath::Slerp ? slerp_latents(a, b, w) : lerp_latents(a, b, w));
  r.latents = torch::stack(zs);
  r.latent_norms = r.latents.to(torch::kFloat64).flatten(1).norm(2, 1);
  ConditionPathDenoiser path_denoiser(denoiser, o.condition, r.weights);
  const auto dec = decode_pf_ode(path_denoiser, r.latents, torch::Tensor(), o.decode, progress, stop);
  r.frames = dec.x;
  r.nfe = dec.nfe;
  return r;
}

}  // namespace difflab
