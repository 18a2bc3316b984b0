#pragma once
// The lecture notebook's SimpleUnet (seeds/001, "Step 2: The backward process = U-Net"), with the same
// architecture and the same parameter names, so that a state_dict saved by the notebook maps one to one:
//   time_mlp.{1}.{weight,bias}, conv0, downs.{0..3}.{time_mlp,conv1,transform,conv2,bnorm1,bnorm2}, ups.{0..3}..., output.
// With 3 image channels it has 62,438,883 parameters.
//
// Differences, all without parameters (so the state_dict is unchanged):
//  - forward(x_t, t, y) per DiffusionNet's contract (the notebook's is forward(timestep, x)).
//  - The notebook indexes time from 0 (t_index = 0..T−1) while our t is 1..T: the embedding sees
//    t + time_offset, time_offset = −1 by default, so imported notebook weights see the times they learned.
//  - Four stride-2 stages need a side divisible by 16: other sizes (28×28 Fashion-MNIST) are zero-padded up
//    to the next multiple of 16 inside forward() and the output is cropped back, so callers never pad.
//  - On the CPU the up blocks' transposed convolutions run as four 2x2 convolutions (nn/layer_ops.h): the same
//    function with the same weights, on LibTorch's fast convolution kernels.
//  - Optional class conditioning (num_classes > 0): an extra `class_emb` Embedding(num_classes + 1, time_emb_dim)
//    added to the time embedding (row num_classes = the null class). Absent when unconditional.

#include "nn/diffusion_net.h"
#include "nn/sinusoidal_embedding.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include <vector>

namespace difflab {

struct SimpleUnetOptions {
  /// Image channels in and out (the notebook: 3).
  int64_t image_channels = 3;
  /// The notebook's down_channels; up_channels are their reverse.
  std::vector<int64_t> down_channels = {64, 128, 256, 512, 1024};
  int64_t time_emb_dim = 32;
  /// Added to t before the embedding (−1: the notebook's 0-based time index).
  double time_offset = -1.0;
  /// Number of classes; 0 = unconditional (the notebook's model).
  int64_t num_classes = 0;
};

/// The notebook's Block: conv1 → ReLU → bnorm1, + ReLU(time_mlp(t)), conv2 → ReLU → bnorm2, transform.
class SimpleUnetBlockImpl : public torch::nn::Module {
 public:
  SimpleUnetBlockImpl(int64_t in_ch, int64_t out_ch, int64_t time_emb_dim, bool up);
  torch::Tensor forward(const torch::Tensor& t_emb, const torch::Tensor& x);

 private:
  bool up_;
  torch::nn::Linear time_mlp_{nullptr};
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::AnyModule transform_;                    // Conv2d (down) or ConvTranspose2d (up)
  torch::nn::ConvTranspose2d up_transform_{nullptr};  // transform_ of an up block
  torch::nn::BatchNorm2d bnorm1_{nullptr}, bnorm2_{nullptr};
};
TORCH_MODULE(SimpleUnetBlock);

class SimpleUnetImpl : public DiffusionNetImpl {
 public:
  explicit SimpleUnetImpl(const SimpleUnetOptions& options = {});
  torch::Tensor forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;
  int64_t num_classes() const override { return options_.num_classes; }
  /// The whole batch: its BatchNorm couples the samples of a training batch, and most of its work is the 512- and 1024-channel convolutions at 4x4 and 2x2, which run
  /// better on big batches (chunks of 32 measured about 10% slower than one batch of 256 here).
  int64_t cpu_chunk() const override { return 0; }
  const SimpleUnetOptions& options() const { return options_; }
  /// The side multiple the U-Net needs (2^number of stages); forward() pads to it.
  int64_t side_multiple() const;

 private:
  SimpleUnetOptions options_;
  torch::nn::Sequential time_mlp_{nullptr};
  torch::nn::Embedding class_emb_{nullptr};
  torch::nn::Conv2d conv0_{nullptr}, output_{nullptr};
  torch::nn::ModuleList downs_{nullptr}, ups_{nullptr};
};
TORCH_MODULE(SimpleUnet);

}  // namespace difflab
