// A trained network as a Denoiser (contracts in network_denoiser.h).
#include "model/network_denoiser.h"

#include "model/cuda_graph_call.h"
#include "nn/diffusion_net.h"

#include <torch/torch.h>

#include <limits>

#include <algorithm>
#include <stdexcept>

namespace difflab {

NetworkDenoiser::NetworkDenoiser(std::shared_ptr<DiffusionNetImpl> network, NoiseSchedule schedule,
                                 NetworkDenoiserOptions options)
    : Denoiser(std::move(schedule)), network_(std::move(network)), options_(std::move(options)) {
  if (!network_) throw std::invalid_argument("NetworkDenoiser: the network is null");
  if (options_.sample_shape.empty()) throw std::invalid_argument("NetworkDenoiser: the sample shape is empty");
  const int64_t k = network_->num_classes();
  class_names_ = options_.class_names;
  if (k > 0 && class_names_.empty())
    for (int64_t i = 0; i < k; ++i) class_names_.push_back(std::to_string(i));
  if (static_cast<int64_t>(class_names_.size()) != k)
    throw std::invalid_argument("NetworkDenoiser: " + std::to_string(class_names_.size()) +
                                " class names for a network with " + std::to_string(k) + " classes");
}

bool NetworkDenoiser::is_conditional() const { return network_->num_classes() > 0; }

torch::Device NetworkDenoiser::device() const {
  const auto params = network_->parameters();
  return params.empty() ? torch::Device(torch::kCPU) : params.front().device();
}

int64_t NetworkDenoiser::chunk_size(int64_t B) const {
  if (options_.batch_size > 0) return options_.batch_size;
  if (options_.batch_size < 0 || B < 1) return std::max<int64_t>(B, 1);
  const int64_t hint = device().is_cpu() ? network_->cpu_chunk() : 0;
  return hint > 0 ? std::min(B, hint) : B;
}

double NetworkDenoiser::max_sigma_ve() const {
  const bool via_eps = options_.prediction == PredictionType::Epsilon || options_.prediction == PredictionType::Score;
  return via_eps ? kEpsilonSigmaVeMax : std::numeric_limits<double>::infinity();
}

DenoiserOutput NetworkDenoiser::predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) {
  // Gradients are kept only when the caller differentiates through the denoiser (the ODE likelihood's exact
  // or Hutchinson divergence asks for ∂ε̂/∂x_t); sampling passes plain tensors and records no graph.
  torch::AutoGradMode grad_mode(torch::GradMode::is_enabled() && x_t.requires_grad());
  network_->eval();
  const int64_t B = x_t.size(0);
  const torch::Tensor times = t.numel() == 1 ? t.reshape({1}).expand({B}) : t.reshape({-1});
  if (times.size(0) != B)
    throw std::invalid_argument("NetworkDenoiser: t has " + std::to_string(times.size(0)) + " entries for a batch of " +
                                std::to_string(B));
  if (y.defined() && y.numel() != B)
    throw std::invalid_argument("NetworkDenoiser: y has " + std::to_string(y.numel()) + " labels for a batch of " +
                                std::to_string(B));
  if (y.defined() && !is_conditional() && (y >= 0).any().item<bool>())
    throw std::invalid_argument("NetworkDenoiser: class labels given to an unconditional network");
  auto [alpha64, sigma64] = alpha_sigma(times);
  const bool use_graph =
      options_.cuda_graph && CudaGraphCall::available() && device().is_cuda() && !torch::GradMode::is_enabled();
  if (use_graph && y.defined()) {  // the captured call trusts its labels: check them here, once per call
    const int64_t k = network_->num_classes();
    if (((y < -1) | (y >= k)).any().item<bool>())
      throw std::invalid_argument("NetworkDenoiser: class labels must lie in -1.." + std::to_string(k - 1));
  }

  const torch::Device dev = device();
  const int64_t chunk = chunk_size(B);
  std::vector<torch::Tensor> x0_parts, eps_parts;
  for (int64_t start = 0; start < B; start += chunk) {
    const int64_t end = std::min(B, start + chunk);
    const torch::Tensor x = x_t.slice(0, start, end).to(dev, torch::kFloat32);
    const torch::Tensor tc = times.slice(0, start, end).to(dev, torch::kFloat32);
    const torch::Tensor yc =
        y.defined() ? y.reshape({-1}).slice(0, start, end).to(dev, torch::kInt64) : torch::Tensor();
    torch::Tensor raw;
    if (use_graph) {
      if (!graphs_) graphs_ = std::make_shared<CudaGraphCall>();
      raw = graphs_->call(*network_, x, tc, yc);
    } else {
      raw = network_->forward(x, tc, yc);
    }
    // Convert in float64: the x₀ ↔ ε maps divide by α or σ, which are small at the ends of the schedule.
    std::vector<int64_t> bshape(static_cast<size_t>(x.dim()), 1);
    bshape[0] = end - start;
    const auto opts = torch::TensorOptions().dtype(torch::kFloat64).device(dev);
    const torch::Tensor a = alpha64.slice(0, start, end).to(opts).view(bshape);
    const torch::Tensor s = sigma64.slice(0, start, end).to(opts).view(bshape);
    const torch::Tensor x64 = x_t.slice(0, start, end).to(dev, torch::kFloat64);
    auto [x0, eps] = to_x0_eps(options_.prediction, raw.to(torch::kFloat64), x64, a, s);
    if (options_.clip_x0) {
      x0 = x0.clamp(options_.data_scale.model_min(), options_.data_scale.model_max());  // [−1, 1] or [0, 1]
      eps = (x64 - a * x0) / s;                                                         // σ = 0 is handled just below
    }
    // σ = 0: x_t is the data itself, and the noise is not identifiable.
    const torch::Tensor clean = s == 0;
    x0 = torch::where(clean, x64, x0);
    eps = torch::where(clean, torch::zeros_like(eps), eps);
    x0_parts.push_back(x0.to(x_t.options()));
    eps_parts.push_back(eps.to(x_t.options()));
  }
  return {torch::cat(x0_parts), torch::cat(eps_parts)};
}

}  // namespace difflab
