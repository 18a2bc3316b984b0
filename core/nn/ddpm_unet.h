#pragma once
// The DDPM U-Net of Ho et al. 2020 (§4 and App. B; the layout of their diffusion_tf/models/unet.py):
// a Wide-ResNet-style U-Net with GroupNorm(32), swish (SiLU), dropout in each residual block, the sinusoidal
// time embedding passed through a 2-layer MLP (ch → 4ch → 4ch) and added inside every residual block,
// self-attention blocks at chosen feature-map resolutions, and a middle of ResBlock–Attention–ResBlock.
// Downsampling: stride-2 3×3 conv; upsampling: nearest ×2 then 3×3 conv. The "cifar10" preset (ch 128,
// multipliers 1,2,2,2, 2 res blocks, attention at 16×16, dropout 0.1) has the paper's 35.7M parameters.
//
// Optional class conditioning (for classifier-free guidance, Ho & Salimans 2022): a learned embedding of
// num_classes + 1 rows (the last one is the null class, y = −1) added to the time embedding.

#include "nn/diffusion_net.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

#include <string>
#include <vector>

namespace difflab {

struct DdpmUnetOptions {
  int64_t in_channels = 3;
  int64_t out_channels = 3;
  /// Base channel count ch.
  int64_t ch = 128;
  /// Channel multiplier per resolution level; level i has ch * ch_mult[i] channels.
  std::vector<int64_t> ch_mult = {1, 2, 2, 2};
  int64_t num_res_blocks = 2;
  /// Feature-map sides (pixels) at which self-attention blocks are inserted, e.g. {16}.
  std::vector<int64_t> attention_resolutions = {16};
  double dropout = 0.1;
  /// Side of the input images (used to decide where attention goes).
  int64_t image_size = 32;
  /// Number of classes; 0 = unconditional.
  int64_t num_classes = 0;
  /// GroupNorm groups (32 in the paper); must divide every channel count.
  int64_t num_groups = 32;

  // Variants that diffusers' UNet2DModel (huggingface/diffusers, models/unets/unet_2d.py) can be configured
  // with, so that its weights load onto this network (model/diffusers_import.h). The defaults are Ho et al.'s.
  /// GroupNorm ε (diffusers: norm_eps; 1e-6 in Ho et al.'s code, 1e-5 is diffusers' default).
  double norm_eps = 1e-6;
  /// 1: the stride-2 downsampling conv pads every side by one; 0: it pads only right and bottom by one, as
  /// TensorFlow's "SAME" does in Ho et al.'s original (diffusers' downsample_padding, same values).
  int64_t downsample_padding = 1;
  /// Channels per attention head; 0 = one head over all channels (Ho et al.; diffusers' attention_head_dim).
  int64_t attention_head_dim = 0;
  /// Time embedding [cos, sin] instead of [sin, cos], and its frequency shift (nn/sinusoidal_embedding.h).
  bool flip_sin_to_cos = false;
  double freq_shift = 1.0;
  /// Added to t before the embedding: −1 for networks trained on 0-based time indices (diffusers' timesteps
  /// 0..T−1), where Diffusion Lab's t runs 1..T.
  double time_offset = 0.0;

  /// Ho et al.'s CIFAR-10 model (35.7M parameters).
  static DdpmUnetOptions cifar10(int64_t in_channels = 3, int64_t image_size = 32);
  /// A CPU-friendly model for 28–32 px images: ch 32, multipliers 1,2,2, 2 res blocks, attention at the
  /// lowest resolution (image_size / 4), dropout 0.1 (about 1.7M parameters).
  static DdpmUnetOptions small(int64_t in_channels = 1, int64_t image_size = 28);
};

class DdpmResBlockImpl : public torch::nn::Module {
 public:
  DdpmResBlockImpl(int64_t in_ch, int64_t out_ch, int64_t temb_ch, double dropout, int64_t groups, double eps);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& temb);

 private:
  torch::nn::GroupNorm norm1_{nullptr}, norm2_{nullptr};
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, nin_shortcut_{nullptr};
  torch::nn::Linear temb_proj_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
};
TORCH_MODULE(DdpmResBlock);

/// Self-attention over all pixels (Ho et al.'s attn_block: one head; diffusers' Attention: `heads` heads of
/// ch / heads channels, softmax(q kᵀ / √(ch / heads)) v): q, k, v and the output projection are 1×1 convs.
class DdpmAttnBlockImpl : public torch::nn::Module {
 public:
  DdpmAttnBlockImpl(int64_t ch, int64_t groups, double eps, int64_t heads = 1);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  int64_t heads_ = 1;
  torch::nn::GroupNorm norm_{nullptr};
  torch::nn::Conv2d q_{nullptr}, k_{nullptr}, v_{nullptr}, proj_out_{nullptr};
};
TORCH_MODULE(DdpmAttnBlock);

class DdpmUnetImpl : public DiffusionNetImpl {
 public:
  explicit DdpmUnetImpl(const DdpmUnetOptions& options);
  torch::Tensor forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;
  int64_t num_classes() const override { return options_.num_classes; }
  /// 32: its GroupNorm, SiLU and attention passes over the full-resolution maps are memory-bound, and chunks
  /// of 32 keep those maps in the caches (small preset, 2-core EPYC: sampling at batch 256 1.5x, training at
  /// batch 128 1.3x the whole batch's speed; the compute-bound CIFAR-10 preset runs the same either way).
  /// GroupNorm normalises each sample alone, so chunks change nothing but float rounding.
  int64_t cpu_chunk() const override { return 32; }
  const DdpmUnetOptions& options() const { return options_; }

 private:
  struct Layer {
    enum Kind { Res, Attn, Down, Up } kind;
    int64_t index;  // into the owning ModuleList
  };
  torch::Tensor run_layer(const torch::nn::ModuleList& list, const Layer& layer, const torch::Tensor& h,
                          const torch::Tensor& temb);

  DdpmUnetOptions options_;
  torch::nn::Linear temb_dense0_{nullptr}, temb_dense1_{nullptr};
  torch::nn::Embedding class_emb_{nullptr};
  torch::nn::Conv2d conv_in_{nullptr}, conv_out_{nullptr};
  torch::nn::GroupNorm norm_out_{nullptr};
  torch::nn::ModuleList down_{nullptr}, mid_{nullptr}, up_{nullptr};
  std::vector<Layer> down_layers_, up_layers_;  // the execution order; each Res in up_layers_ pops a skip
};
TORCH_MODULE(DdpmUnet);

}  // namespace difflab
