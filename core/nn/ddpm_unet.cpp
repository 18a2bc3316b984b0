#include "nn/ddpm_unet.h"

#include "nn/layer_ops.h"

#include "nn/class_labels.h"  // class_embedding_index
#include "nn/sinusoidal_embedding.h"

#include <algorithm>

namespace difflab {

using torch::nn::Conv2dOptions;

namespace {
torch::nn::GroupNorm group_norm(int64_t groups, int64_t ch, double eps) {
  TORCH_CHECK(ch % groups == 0, "DdpmUnet: GroupNorm needs channels divisible by num_groups = ", groups, ", got ", ch);
  return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, ch).eps(eps));
}
}  // namespace

DdpmUnetOptions DdpmUnetOptions::cifar10(int64_t in_channels, int64_t image_size) {
  DdpmUnetOptions o;
  o.in_channels = o.out_channels = in_channels;
  o.image_size = image_size;
  return o;
}

DdpmUnetOptions DdpmUnetOptions::small(int64_t in_channels, int64_t image_size) {
  DdpmUnetOptions o;
  o.in_channels = o.out_channels = in_channels;
  o.image_size = image_size;
  o.ch = 32;
  o.ch_mult = {1, 2, 2};
  o.num_res_blocks = 2;
  o.attention_resolutions = {(image_size + 3) / 4};  // the lowest level: 28 → 7, 32 → 8
  o.dropout = 0.1;
  return o;
}

DdpmResBlockImpl::DdpmResBlockImpl(int64_t in_ch, int64_t out_ch, int64_t temb_ch, double dropout, int64_t groups,
                                   double eps) {
  norm1_ = register_module("norm1", group_norm(groups, in_ch, eps));
  conv1_ = register_module("conv1", torch::nn::Conv2d(Conv2dOptions(in_ch, out_ch, 3).padding(1)));
  temb_proj_ = register_module("temb_proj", torch::nn::Linear(temb_ch, out_ch));
  norm2_ = register_module("norm2", group_norm(groups, out_ch, eps));
  dropout_ = register_module("dropout", torch::nn::Dropout(dropout));
  conv2_ = register_module("conv2", torch::nn::Conv2d(Conv2dOptions(out_ch, out_ch, 3).padding(1)));
  if (in_ch != out_ch)
    nin_shortcut_ = register_module("nin_shortcut", torch::nn::Conv2d(Conv2dOptions(in_ch, out_ch, 1)));
}

torch::Tensor DdpmResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& temb) {
  torch::Tensor h = conv1_->forward(norm_silu_in_fp32(norm1_, x));
  h = add_tmp(h, temb_proj_->forward(torch::silu(temb)).unsqueeze(-1).unsqueeze(-1));
  h = norm_silu_in_fp32(norm2_, h);
  // On the CPU the mask is drawn in parallel (nn/layer_ops.h); torch::nn::Dropout's draws are serial there.
  h = h.is_cpu() ? dropout_counter_based(h, dropout_->options.p(), dropout_->is_training()) : dropout_->forward(h);
  h = conv2_->forward(h);
  return add_tmp(h, nin_shortcut_ ? nin_shortcut_->forward(x) : x);
}

DdpmAttnBlockImpl::DdpmAttnBlockImpl(int64_t ch, int64_t groups, double eps, int64_t heads) : heads_(heads) {
  TORCH_CHECK(heads >= 1 && ch % heads == 0, "DdpmUnet: attention needs channels divisible by the head count ", heads,
              ", got ", ch);
  norm_ = register_module("norm", group_norm(groups, ch, eps));
  q_ = register_module("q", torch::nn::Conv2d(Conv2dOptions(ch, ch, 1)));
  k_ = register_module("k", torch::nn::Conv2d(Conv2dOptions(ch, ch, 1)));
  v_ = register_module("v", torch::nn::Conv2d(Conv2dOptions(ch, ch, 1)));
  proj_out_ = register_module("proj_out", torch::nn::Conv2d(Conv2dOptions(ch, ch, 1)));
}

torch::Tensor DdpmAttnBlockImpl::forward(const torch::Tensor& x) {
  // The batch size is left to -1 and reshape_as, so that a trace (difflab-cli export --format torchscript)
  // runs at any batch size.
  const int64_t c = x.size(1), hw = x.size(2) * x.size(3), d = c / heads_;
  const torch::Tensor h = norm_in_fp32(norm_, x);
  // Heads become batch entries: [B, C, HW] → [B·heads, d, HW] (channel c = head · d + i, as diffusers splits).
  const torch::Tensor q = q_->forward(h).reshape({-1, d, hw}).transpose(1, 2);  // [B·heads, HW, d]
  const torch::Tensor k = k_->forward(h).reshape({-1, d, hw});                  // [B·heads, d, HW]
  const torch::Tensor v = v_->forward(h).reshape({-1, d, hw}).transpose(1, 2);  // [B·heads, HW, d]
  const torch::Tensor w = torch::softmax(torch::bmm(q, k) * (1.0 / std::sqrt(static_cast<double>(d))), -1);
  const torch::Tensor out = torch::bmm(w, v).transpose(1, 2).reshape_as(x);  // [B·heads, d, HW] → [B, C, H, W]
  return add_tmp(proj_out_->forward(out), x);
}

DdpmUnetImpl::DdpmUnetImpl(const DdpmUnetOptions& o) : options_(o) {
  TORCH_CHECK(o.in_channels >= 1 && o.out_channels >= 1, "DdpmUnet: channel counts must be >= 1");
  TORCH_CHECK(o.ch >= 1, "DdpmUnet: ch must be >= 1, got ", o.ch);
  TORCH_CHECK(!o.ch_mult.empty(), "DdpmUnet: ch_mult must not be empty");
  TORCH_CHECK(o.num_res_blocks >= 1, "DdpmUnet: num_res_blocks must be >= 1, got ", o.num_res_blocks);
  TORCH_CHECK(o.dropout >= 0.0 && o.dropout < 1.0, "DdpmUnet: dropout must lie in [0, 1), got ", o.dropout);
  TORCH_CHECK(o.num_classes >= 0, "DdpmUnet: num_classes must be >= 0, got ", o.num_classes);
  TORCH_CHECK(o.image_size >= 1, "DdpmUnet: image_size must be >= 1, got ", o.image_size);
  TORCH_CHECK(o.norm_eps > 0.0, "DdpmUnet: norm_eps must be > 0, got ", o.norm_eps);
  TORCH_CHECK(o.downsample_padding == 0 || o.downsample_padding == 1,
              "DdpmUnet: downsample_padding must be 0 or 1, got ", o.downsample_padding);
  TORCH_CHECK(o.attention_head_dim >= 0, "DdpmUnet: attention_head_dim must be >= 0, got ", o.attention_head_dim);
  const int64_t temb_ch = 4 * o.ch, g = o.num_groups;
  const double eps = o.norm_eps;
  const auto heads = [&](int64_t ch) { return o.attention_head_dim > 0 ? ch / o.attention_head_dim : int64_t{1}; };
  const auto has_attn = [&](int64_t res) {
    return std::find(o.attention_resolutions.begin(), o.attention_resolutions.end(), res) !=
           o.attention_resolutions.end();
  };

  temb_dense0_ = register_module("temb_dense0", torch::nn::Linear(o.ch, temb_ch));
  temb_dense1_ = register_module("temb_dense1", torch::nn::Linear(temb_ch, temb_ch));
  if (o.num_classes > 0) class_emb_ = register_module("class_emb", torch::nn::Embedding(o.num_classes + 1, temb_ch));
  conv_in_ = register_module("conv_in", torch::nn::Conv2d(Conv2dOptions(o.in_channels, o.ch, 3).padding(1)));
  down_ = register_module("down", torch::nn::ModuleList());
  mid_ = register_module("mid", torch::nn::ModuleList());
  up_ = register_module("up", torch::nn::ModuleList());

  // Downsampling path; skip_ch records the channels of every tensor pushed for the skip connections.
  std::vector<int64_t> skip_ch = {o.ch};
  int64_t ch = o.ch, res = o.image_size;
  const int64_t levels = static_cast<int64_t>(o.ch_mult.size());
  for (int64_t level = 0; level < levels; ++level) {
    const int64_t out_ch = o.ch * o.ch_mult[level];
    for (int64_t i = 0; i < o.num_res_blocks; ++i) {
      down_layers_.push_back({Layer::Res, static_cast<int64_t>(down_->size())});
      down_->push_back(DdpmResBlock(ch, out_ch, temb_ch, o.dropout, g, eps));
      ch = out_ch;
      if (has_attn(res)) {
        down_layers_.push_back({Layer::Attn, static_cast<int64_t>(down_->size())});
        down_->push_back(DdpmAttnBlock(ch, g, eps, heads(ch)));
      }
      skip_ch.push_back(ch);
    }
    if (level != levels - 1) {
      down_layers_.push_back({Layer::Down, static_cast<int64_t>(down_->size())});
      down_->push_back(torch::nn::Conv2d(Conv2dOptions(ch, ch, 3).stride(2).padding(o.downsample_padding)));
      skip_ch.push_back(ch);
      res = (res + 1) / 2;
    }
  }
  mid_->push_back(DdpmResBlock(ch, ch, temb_ch, o.dropout, g, eps));
  mid_->push_back(DdpmAttnBlock(ch, g, eps, heads(ch)));
  mid_->push_back(DdpmResBlock(ch, ch, temb_ch, o.dropout, g, eps));

  // Upsampling path: num_res_blocks + 1 blocks per level, each consuming one skip tensor.
  for (int64_t level = levels - 1; level >= 0; --level) {
    const int64_t out_ch = o.ch * o.ch_mult[level];
    for (int64_t i = 0; i < o.num_res_blocks + 1; ++i) {
      up_layers_.push_back({Layer::Res, static_cast<int64_t>(up_->size())});
      up_->push_back(DdpmResBlock(ch + skip_ch.back(), out_ch, temb_ch, o.dropout, g, eps));
      skip_ch.pop_back();
      ch = out_ch;
      if (has_attn(res)) {
        up_layers_.push_back({Layer::Attn, static_cast<int64_t>(up_->size())});
        up_->push_back(DdpmAttnBlock(ch, g, eps, heads(ch)));
      }
    }
    if (level != 0) {
      up_layers_.push_back({Layer::Up, static_cast<int64_t>(up_->size())});
      up_->push_back(torch::nn::Conv2d(Conv2dOptions(ch, ch, 3).padding(1)));
      res *= 2;
    }
  }
  norm_out_ = register_module("norm_out", group_norm(g, ch, eps));
  conv_out_ = register_module("conv_out", torch::nn::Conv2d(Conv2dOptions(ch, o.out_channels, 3).padding(1)));
}

torch::Tensor DdpmUnetImpl::run_layer(const torch::nn::ModuleList& list, const Layer& layer, const torch::Tensor& h,
                                      const torch::Tensor& temb) {
  const auto& m = list->ptr(layer.index);
  switch (layer.kind) {
    case Layer::Res: return m->as<DdpmResBlock>()->forward(h, temb);
    case Layer::Attn: return m->as<DdpmAttnBlock>()->forward(h);
    case Layer::Down:
      // downsample_padding 0: TensorFlow's "SAME" for a stride-2 3×3 conv pads one pixel right and bottom.
      return m->as<torch::nn::Conv2d>()->forward(
          options_.downsample_padding == 0 ? torch::constant_pad_nd(h, {0, 1, 0, 1}, 0.0) : h);
    case Layer::Up: return m->as<torch::nn::Conv2d>()->forward(h);
  }
  return h;
}

torch::Tensor DdpmUnetImpl::forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) {
  TORCH_CHECK(x_t.dim() == 4 && x_t.size(1) == options_.in_channels, "DdpmUnet: x_t must be [B, ", options_.in_channels,
              ", H, W], got ", x_t.sizes());
  TORCH_CHECK(t.dim() == 1 && t.size(0) == x_t.size(0), "DdpmUnet: t must be [B], got ", t.sizes());
  const torch::Tensor t_in =
      options_.time_offset != 0.0 ? t.to(x_t.scalar_type()) + options_.time_offset : t.to(x_t.scalar_type());
  torch::Tensor temb = temb_dense1_->forward(torch::silu(
      temb_dense0_->forward(sinusoidal_embedding(t_in, options_.ch, options_.flip_sin_to_cos, options_.freq_shift))));
  if (options_.num_classes > 0)
    temb = temb + class_emb_->forward(class_embedding_index(y, options_.num_classes, x_t.size(0), x_t.device()));

  std::vector<torch::Tensor> hs = {conv_in_->forward(x_t)};
  torch::Tensor h = hs.back();
  for (size_t i = 0; i < down_layers_.size(); ++i) {
    h = run_layer(down_, down_layers_[i], h, temb);
    // A ResBlock followed by attention pushes after the attention; a downsample always pushes.
    const bool next_is_attn = i + 1 < down_layers_.size() && down_layers_[i + 1].kind == Layer::Attn;
    if (!next_is_attn) hs.push_back(h);
  }
  h = mid_[0]->as<DdpmResBlock>()->forward(h, temb);
  h = mid_[1]->as<DdpmAttnBlock>()->forward(h);
  h = mid_[2]->as<DdpmResBlock>()->forward(h, temb);
  for (const Layer& layer : up_layers_) {
    if (layer.kind == Layer::Res) {
      const torch::Tensor skip = hs.back();
      hs.pop_back();
      // Odd sides (7 → 4 → 8) leave the upsampled map one pixel larger than its skip: crop to the skip.
      if (h.size(2) != skip.size(2) || h.size(3) != skip.size(3))
        h = h.slice(2, 0, skip.size(2)).slice(3, 0, skip.size(3));
      h = torch::cat({h, skip}, 1);
    } else if (layer.kind == Layer::Up) {
      h = torch::upsample_nearest2d(h, {h.size(2) * 2, h.size(3) * 2});
    }
    h = run_layer(up_, layer, h, temb);
  }
  return conv_out_->forward(norm_silu_in_fp32(norm_out_, h));
}

}  // namespace difflab
