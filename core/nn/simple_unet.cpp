#include "nn/simple_unet.h"

#include "nn/layer_ops.h"
#include "nn/class_labels.h"  // class_embedding_index

namespace difflab {

using torch::nn::Conv2dOptions;
using torch::nn::ConvTranspose2dOptions;

SimpleUnetBlockImpl::SimpleUnetBlockImpl(int64_t in_ch, int64_t out_ch, int64_t time_emb_dim, bool up) : up_(up) {
  // Registration order follows the notebook's __init__, so named_parameters() lists in the same order.
  time_mlp_ = register_module("time_mlp", torch::nn::Linear(time_emb_dim, out_ch));
  if (up) {
    conv1_ = register_module("conv1", torch::nn::Conv2d(Conv2dOptions(2 * in_ch, out_ch, 3).padding(1)));
    up_transform_ = register_module(
        "transform", torch::nn::ConvTranspose2d(ConvTranspose2dOptions(out_ch, out_ch, 4).stride(2).padding(1)));
    transform_ = torch::nn::AnyModule(up_transform_);
  } else {
    conv1_ = register_module("conv1", torch::nn::Conv2d(Conv2dOptions(in_ch, out_ch, 3).padding(1)));
    auto tr = register_module("transform", torch::nn::Conv2d(Conv2dOptions(out_ch, out_ch, 4).stride(2).padding(1)));
    transform_ = torch::nn::AnyModule(tr);
  }
  conv2_ = register_module("conv2", torch::nn::Conv2d(Conv2dOptions(out_ch, out_ch, 3).padding(1)));
  bnorm1_ = register_module("bnorm1", torch::nn::BatchNorm2d(out_ch));
  bnorm2_ = register_module("bnorm2", torch::nn::BatchNorm2d(out_ch));
}

torch::Tensor SimpleUnetBlockImpl::forward(const torch::Tensor& t_emb, const torch::Tensor& x) {
  torch::Tensor h = bnorm1_->forward(relu_tmp(conv1_->forward(x)));
  h = add_tmp(h, torch::relu(time_mlp_->forward(t_emb)).unsqueeze(-1).unsqueeze(-1));
  h = bnorm2_->forward(relu_tmp(conv2_->forward(h)));
  // On the CPU the up-sampling transposed convolution runs as four oneDNN 2x2 convolutions (nn/layer_ops.h);
  // on CUDA cuDNN's transposed convolution is used as it is.
  if (up_ && h.is_cpu()) return conv_transpose2d_s2k4p1_by_phases(h, up_transform_->weight, up_transform_->bias);
  return transform_.forward(h);
}

SimpleUnetImpl::SimpleUnetImpl(const SimpleUnetOptions& o) : options_(o) {
  TORCH_CHECK(o.image_channels >= 1, "SimpleUnet: image_channels must be >= 1, got ", o.image_channels);
  TORCH_CHECK(o.down_channels.size() >= 2, "SimpleUnet: need at least 2 down_channels, got ", o.down_channels.size());
  TORCH_CHECK(o.num_classes >= 0, "SimpleUnet: num_classes must be >= 0, got ", o.num_classes);
  time_mlp_ = register_module(
      "time_mlp", torch::nn::Sequential(SinusoidalPositionEmbeddings(o.time_emb_dim),
                                        torch::nn::Linear(o.time_emb_dim, o.time_emb_dim), torch::nn::ReLU()));
  conv0_ =
      register_module("conv0", torch::nn::Conv2d(Conv2dOptions(o.image_channels, o.down_channels[0], 3).padding(1)));
  downs_ = register_module("downs", torch::nn::ModuleList());
  ups_ = register_module("ups", torch::nn::ModuleList());
  const std::vector<int64_t> up_ch(o.down_channels.rbegin(), o.down_channels.rend());
  for (size_t i = 0; i + 1 < o.down_channels.size(); ++i)
    downs_->push_back(SimpleUnetBlock(o.down_channels[i], o.down_channels[i + 1], o.time_emb_dim, false));
  for (size_t i = 0; i + 1 < up_ch.size(); ++i)
    ups_->push_back(SimpleUnetBlock(up_ch[i], up_ch[i + 1], o.time_emb_dim, true));
  output_ = register_module("output", torch::nn::Conv2d(Conv2dOptions(up_ch.back(), o.image_channels, 1)));
  if (o.num_classes > 0)
    class_emb_ = register_module("class_emb", torch::nn::Embedding(o.num_classes + 1, o.time_emb_dim));
}

int64_t SimpleUnetImpl::side_multiple() const { return int64_t{1} << (options_.down_channels.size() - 1); }

torch::Tensor SimpleUnetImpl::forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) {
  TORCH_CHECK(x_t.dim() == 4 && x_t.size(1) == options_.image_channels, "SimpleUnet: x_t must be [B, ",
              options_.image_channels, ", H, W], got ", x_t.sizes());
  TORCH_CHECK(t.dim() == 1 && t.size(0) == x_t.size(0), "SimpleUnet: t must be [B], got ", t.sizes());
  const int64_t h = x_t.size(2), w = x_t.size(3), m = side_multiple();
  const int64_t ph = (m - h % m) % m, pw = (m - w % m) % m;
  torch::Tensor x = (ph || pw) ? torch::constant_pad_nd(x_t, {0, pw, 0, ph}, 0.0) : x_t;

  torch::Tensor temb = time_mlp_->forward(t.to(x.scalar_type()) + options_.time_offset);
  if (options_.num_classes > 0)
    temb = temb + class_emb_->forward(class_embedding_index(y, options_.num_classes, x.size(0), x.device()));
  x = conv0_->forward(x);
  std::vector<torch::Tensor> residuals;
  for (const auto& down : *downs_) {
    x = down->as<SimpleUnetBlock>()->forward(temb, x);
    residuals.push_back(x);
  }
  for (const auto& up : *ups_) {
    x = torch::cat({x, residuals.back()}, 1);  // the skip connection enters as extra channels
    residuals.pop_back();
    x = up->as<SimpleUnetBlock>()->forward(temb, x);
  }
  x = output_->forward(x);
  return (ph || pw) ? x.slice(2, 0, h).slice(3, 0, w).contiguous() : x;
}

}  // namespace difflab
