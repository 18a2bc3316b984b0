#pragma once
// The interface every denoising network implements, so that trainer, checkpoints and samplers treat the
// MLP, the notebook SimpleUnet and the DDPM U-Net alike.
//
// Contract: forward(x_t, t, y)
//   x_t : float [B, ...sample shape]        (images [B, C, H, W] in [-1, 1] scale; points [B, D])
//   t   : float [B], training time in the paper's units t in [1, T] (may be fractional for ODE solvers)
//   y   : int64 [B] class labels, -1 = the null class (unconditional); an undefined tensor means no labels
// returns a tensor shaped like x_t holding the network's prediction (ε, x₀ or v, per the model config).

#include <torch/nn/module.h>
#include <torch/types.h>

namespace difflab {

class DiffusionNetImpl : public torch::nn::Module {
 public:
  virtual torch::Tensor forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) = 0;
  /// Number of classes the network was built for (0 when unconditional).
  virtual int64_t num_classes() const { return 0; }
  /// Samples per forward call that run fastest on the CPU, 0 for "the whole batch": NetworkDenoiser samples
  /// and the Trainer accumulates gradients in chunks of this size on the CPU. A network whose layers couple
  /// the samples of a batch (BatchNorm in training) must answer 0. A property of the architecture, measured,
  /// not a timing run: a timed choice could differ between runs and break bitwise reproducibility.
  virtual int64_t cpu_chunk() const { return 0; }
};

}  // namespace difflab
