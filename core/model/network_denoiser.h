#pragma once
// A trained DiffusionNet as a Denoiser: the network's raw output (ε, x₀, v or score, per its training
// objective) is turned into the (x̂₀, ε̂) pair by the exact conversions of process/parameterisation.h, at
// α(t), σ(t) from the schedule's continuous view (u = t / T), so samplers may ask for fractional t.
//
// Contracts: predict() records no autograd graph unless x_t requires grad (then ε̂ and x̂₀ are differentiable
// in x_t, for the ODE likelihood's divergence); the network is in eval mode, on the network's device
// (inputs are moved there and results moved back to x_t's device and dtype), in chunks of
// chunk_size(B) samples. At σ(t) = 0 (t = 0) x_t is clean data: x̂₀ = x_t and ε̂ = 0, whatever the
// parameterisation (the x₀ → ε conversion would divide by σ = 0). Not thread-safe: one caller at a time.

#include "model/denoiser.h"
#include "process/parameterisation.h"

#include <memory>
#include <string>
#include <vector>

namespace difflab {

class CudaGraphCall;
class DiffusionNetImpl;

struct NetworkDenoiserOptions {
  /// What the network outputs.
  PredictionType prediction = PredictionType::Epsilon;
  /// Most samples per network call: > 0 that many; 0 automatic (see NetworkDenoiser::chunk_size); < 0 the
  /// whole batch at once.
  int64_t batch_size = 0;
  /// Shape of one sample, e.g. {2} or {1, 28, 28}.
  std::vector<int64_t> sample_shape;
  /// Class names (empty for an unconditional network; a conditional one without names gets "0" … "K−1").
  std::vector<std::string> class_names;
  DataScale data_scale;
  std::string description;
  /// Clamp x̂₀ to the model's data range [−1, 1] and re-derive ε̂ = (x_t − α x̂₀)/σ, so the pair stays
  /// consistent (Ho et al. 2020's reference code clips x̂₀ in p_mean_variance; diffusers' clip_sample).
  /// For image models, where an under-trained network's x̂₀ overshoots the pixel range at small t. Not for
  /// the ODE lab: a clamp makes the probability-flow map non-invertible.
  bool clip_x0 = false;
  /// On CUDA, without autograd: run the network through a captured CUDA graph per input shape
  /// (model/cuda_graph_call.h). Ignored on the CPU.
  bool cuda_graph = false;
};

class NetworkDenoiser : public Denoiser {
 public:
  /// Throws std::invalid_argument for a null network, an empty sample shape, or class names whose count
  /// differs from the network's num_classes().
  NetworkDenoiser(std::shared_ptr<DiffusionNetImpl> network, NoiseSchedule schedule, NetworkDenoiserOptions options);

  DenoiserOutput predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;

  bool is_conditional() const override;
  std::vector<std::string> class_names() const override { return class_names_; }
  std::vector<int64_t> sample_shape() const override { return options_.sample_shape; }
  std::string description() const override { return options_.description; }
  DataScale data_scale() const override { return options_.data_scale; }
  double max_sigma_ve() const override;

  const NetworkDenoiserOptions& options() const { return options_; }
  const std::shared_ptr<DiffusionNetImpl>& network() const { return network_; }
  /// The device the network's parameters live on.
  torch::Device device() const;
  /// Samples per network call for a batch of B: options.batch_size when > 0, B when < 0; automatic (0): on
  /// the CPU the network's cpu_chunk() (the DDPM U-Net: 32, whose activations then stay in the
  /// caches between layers, 1.5x faster on the small preset than one batch of 256), else the whole batch.
  int64_t chunk_size(int64_t B) const;

 private:
  std::shared_ptr<DiffusionNetImpl> network_;
  NetworkDenoiserOptions options_;
  std::vector<std::string> class_names_;
  std::shared_ptr<CudaGraphCall> graphs_;  ///< created on the first graph call
};

}  // namespace difflab
