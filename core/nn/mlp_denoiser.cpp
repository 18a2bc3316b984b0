#include "nn/mlp_denoiser.h"
#include "nn/class_labels.h"

#include "nn/layer_ops.h"

namespace difflab {

MlpResidualBlockImpl::MlpResidualBlockImpl(int64_t hidden, int64_t emb_dim) {
  norm_ = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden})));
  fc1_ = register_module("fc1", torch::nn::Linear(hidden, hidden));
  emb_proj_ = register_module("emb_proj", torch::nn::Linear(emb_dim, hidden));
  fc2_ = register_module("fc2", torch::nn::Linear(hidden, hidden));
}

torch::Tensor MlpResidualBlockImpl::forward(const torch::Tensor& h, const torch::Tensor& emb) {
  torch::Tensor a = fc1_->forward(norm_silu_in_fp32(norm_, h)) + emb_proj_->forward(emb);
  return h + fc2_->forward(torch::silu(a));
}

MlpDenoiserImpl::MlpDenoiserImpl(const MlpDenoiserOptions& o) : options_(o) {
  TORCH_CHECK(o.data_dim >= 1, "MlpDenoiser: data_dim must be >= 1, got ", o.data_dim);
  TORCH_CHECK(o.hidden >= 1, "MlpDenoiser: hidden must be >= 1, got ", o.hidden);
  TORCH_CHECK(o.num_blocks >= 0, "MlpDenoiser: num_blocks must be >= 0, got ", o.num_blocks);
  TORCH_CHECK(o.num_classes >= 0, "MlpDenoiser: num_classes must be >= 0, got ", o.num_classes);
  TORCH_CHECK(o.time_emb_dim >= 4 && o.time_emb_dim % 2 == 0, "MlpDenoiser: time_emb_dim must be even and >= 4, got ",
              o.time_emb_dim);
  time_fc1_ = register_module("time_fc1", torch::nn::Linear(o.time_emb_dim, o.hidden));
  time_fc2_ = register_module("time_fc2", torch::nn::Linear(o.hidden, o.hidden));
  if (o.num_classes > 0)
    class_embed_ = register_module("class_embed", torch::nn::Embedding(o.num_classes + 1, o.hidden));
  input_ = register_module("input", torch::nn::Linear(o.data_dim, o.hidden));
  blocks_ = register_module("blocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < o.num_blocks; ++i) blocks_->push_back(MlpResidualBlock(o.hidden, o.hidden));
  out_norm_ = register_module("out_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({o.hidden})));
  output_ = register_module("output", torch::nn::Linear(o.hidden, o.data_dim));
}

torch::Tensor MlpDenoiserImpl::forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) {
  TORCH_CHECK(x_t.dim() == 2 && x_t.size(1) == options_.data_dim, "MlpDenoiser: x_t must be [B, ", options_.data_dim,
              "], got ", x_t.sizes());
  TORCH_CHECK(t.dim() == 1 && t.size(0) == x_t.size(0), "MlpDenoiser: t must be [B], got ", t.sizes());
  torch::Tensor emb =
      time_fc2_->forward(torch::silu(time_fc1_->forward(sinusoidal_embedding(t, options_.time_emb_dim))));
  if (options_.num_classes > 0)
    emb = emb + class_embed_->forward(class_embedding_index(y, options_.num_classes, x_t.size(0), x_t.device()));
  emb = torch::silu(emb);  // Ho et al. 2020 feed swish(temb) to every block's projection
  torch::Tensor h = input_->forward(x_t);
  for (const auto& block : *blocks_) h = block->as<MlpResidualBlock>()->forward(h, emb);
  return output_->forward(norm_silu_in_fp32(out_norm_, h));
}

}  // namespace difflab
