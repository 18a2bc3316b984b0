#pragma once
// A residual MLP denoiser for 2-D and other low-dimensional data (points [B, D]).
//
//   emb = SiLU(time_fc2(SiLU(time_fc1(sinusoidal(t)))) [+ class_embed(y)])   (class row num_classes = null class)
//   h   = input(x)
//   h   = h + fc2(SiLU(fc1(SiLU(norm(h))) + emb_proj(emb)))     (one residual block, repeated num_blocks times)
//   out = output(SiLU(out_norm(h)))
//
// The time embedding follows Ho et al. 2020 (sinusoidal, then a two-layer MLP); the residual blocks with a
// per-block projection of the embedding mirror the U-Net's ResBlocks without convolutions.

#include "nn/diffusion_net.h"
#include "nn/sinusoidal_embedding.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

namespace difflab {

struct MlpDenoiserOptions {
  /// Dimension D of one sample.
  int64_t data_dim = 2;
  /// Width of the hidden layers.
  int64_t hidden = 128;
  /// Number of residual blocks.
  int64_t num_blocks = 3;
  /// Size of the sinusoidal time embedding (even, >= 4).
  int64_t time_emb_dim = 64;
  /// Number of classes; 0 = unconditional. When > 0 a learned null class (y = -1) is added.
  int64_t num_classes = 0;
};

class MlpResidualBlockImpl : public torch::nn::Module {
 public:
  MlpResidualBlockImpl(int64_t hidden, int64_t emb_dim);
  torch::Tensor forward(const torch::Tensor& h, const torch::Tensor& emb);

 private:
  torch::nn::LayerNorm norm_{nullptr};
  torch::nn::Linear fc1_{nullptr}, emb_proj_{nullptr}, fc2_{nullptr};
};
TORCH_MODULE(MlpResidualBlock);

class MlpDenoiserImpl : public DiffusionNetImpl {
 public:
  explicit MlpDenoiserImpl(const MlpDenoiserOptions& options);
  torch::Tensor forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;
  int64_t num_classes() const override { return options_.num_classes; }
  const MlpDenoiserOptions& options() const { return options_; }

 private:
  MlpDenoiserOptions options_;
  torch::nn::Linear time_fc1_{nullptr}, time_fc2_{nullptr}, input_{nullptr}, output_{nullptr};
  torch::nn::Embedding class_embed_{nullptr};
  torch::nn::ModuleList blocks_{nullptr};
  torch::nn::LayerNorm out_norm_{nullptr};
};

}  // namespace difflab
