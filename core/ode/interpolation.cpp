#include "ode/interpolation.h"

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

}  // namespace difflab
