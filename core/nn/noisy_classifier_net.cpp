#include "nn/noisy_classifier_net.h"

#include "nn/ddpm_unet.h"
#include "nn/sinusoidal_embedding.h"

#include <torch/torch.h>

#include <stdexcept>

namespace difflab {

nlohmann::json NoisyClassifierOptions::to_json() const {
  return {{"kind", "noisy-classifier"},
          {"in_channels", in_channels},
          {"image_size", image_size},
          {"num_classes", num_classes},
          {"ch", ch},
          {"ch_mult", ch_mult},
          {"num_res_blocks", num_res_blocks},
          {"num_groups", num_groups},
          {"dropout", dropout}};
}

NoisyClassifierOptions NoisyClassifierOptions::from_json(const nlohmann::json& j, const std::string& source) {
  NoisyClassifierOptions o;
  const char* field = "network";
  try {
    if (!j.is_object()) throw std::invalid_argument("not an object");
    field = "kind";
    if (j.value("kind", std::string()) != "noisy-classifier")
      throw std::invalid_argument("expected \"noisy-classifier\", got " + j.value("kind", std::string("nothing")));
    field = "in_channels";
    o.in_channels = j.at("in_channels").get<int64_t>();
    field = "image_size";
    o.image_size = j.at("image_size").get<int64_t>();
    field = "num_classes";
    o.num_classes = j.at("num_classes").get<int64_t>();
    field = "ch";
    o.ch = j.at("ch").get<int64_t>();
    field = "ch_mult";
    o.ch_mult = j.at("ch_mult").get<std::vector<int64_t>>();
    field = "num_res_blocks";
    o.num_res_blocks = j.at("num_res_blocks").get<int64_t>();
    field = "num_groups";
    o.num_groups = j.at("num_groups").get<int64_t>();
    field = "dropout";
    o.dropout = j.at("dropout").get<double>();
  } catch (const std::exception& e) {
    throw std::invalid_argument(source + ": classifier network field '" + field + "': " + e.what());
  }
  try {
    o.validate();
  } catch (const std::exception& e) {
    throw std::invalid_argument(source + ": classifier network: " + e.what());
  }
  return o;
}

void NoisyClassifierOptions::validate() const {
  auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
  if (in_channels < 1 || in_channels > 64) fail("in_channels must lie in [1, 64], got " + std::to_string(in_channels));
  if (image_size < 4 || image_size > 1024) fail("image_size must lie in [4, 1024], got " + std::to_string(image_size));
  if (num_classes < 2 || num_classes > 100000)
    fail("num_classes must be at least 2, got " + std::to_string(num_classes));
  if (ch < 1 || ch > 1024) fail("ch must lie in [1, 1024], got " + std::to_string(ch));
  if (ch_mult.empty() || ch_mult.size() > 6) fail("ch_mult must have 1 to 6 levels");
  if (num_res_blocks < 1 || num_res_blocks > 8) fail("num_res_blocks must lie in [1, 8]");
  for (int64_t m : ch_mult) {
    if (m < 1 || m > 16) fail("ch_mult entries must lie in [1, 16], got " + std::to_string(m));
    if (num_groups < 1 || (ch * m) % num_groups != 0)
      fail("num_groups " + std::to_string(num_groups) + " must divide every channel count (" + std::to_string(ch * m) +
           ")");
  }
  if (!(dropout >= 0 && dropout < 1)) fail("dropout must lie in [0, 1)");
}

NoisyClassifierNetImpl::NoisyClassifierNetImpl(NoisyClassifierOptions options) : options_(std::move(options)) {
  options_.validate();
  const int64_t ch = options_.ch, temb = 4 * ch;
  temb0_ = register_module("temb0", torch::nn::Linear(ch, temb));
  temb1_ = register_module("temb1", torch::nn::Linear(temb, temb));
  conv_in_ =
      register_module("conv_in", torch::nn::Conv2d(torch::nn::Conv2dOptions(options_.in_channels, ch, 3).padding(1)));
  blocks_ = register_module("blocks", torch::nn::ModuleList());
  downs_ = register_module("downs", torch::nn::ModuleList());
  int64_t in = ch;
  for (size_t level = 0; level < options_.ch_mult.size(); ++level) {
    const int64_t out = ch * options_.ch_mult[level];
    for (int64_t b = 0; b < options_.num_res_blocks; ++b) {
      blocks_->push_back(DdpmResBlock(in, out, temb, options_.dropout, options_.num_groups, 1e-6));
      in = out;
    }
    if (level + 1 < options_.ch_mult.size())
      downs_->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(out, out, 3).stride(2).padding(1)));
  }
  norm_out_ = register_module("norm_out", torch::nn::GroupNorm(torch::nn::GroupNormOptions(options_.num_groups, in)));
  head_ = register_module("head", torch::nn::Linear(in, options_.num_classes));
}

torch::Tensor NoisyClassifierNetImpl::features(const torch::Tensor& x_t, const torch::Tensor& t) {
  const torch::Tensor temb =
      temb1_->forward(torch::silu(temb0_->forward(sinusoidal_embedding(t.to(x_t.scalar_type()), options_.ch))));
  torch::Tensor h = conv_in_->forward(x_t);
  size_t block = 0;
  for (size_t level = 0; level < options_.ch_mult.size(); ++level) {
    for (int64_t b = 0; b < options_.num_res_blocks; ++b) h = blocks_[block++]->as<DdpmResBlock>()->forward(h, temb);
    if (level + 1 < options_.ch_mult.size()) h = downs_[level]->as<torch::nn::Conv2d>()->forward(h);
  }
  h = torch::silu(norm_out_->forward(h));
  return h.mean({2, 3});
}

torch::Tensor NoisyClassifierNetImpl::forward(const torch::Tensor& x_t, const torch::Tensor& t) {
  return head_->forward(features(x_t, t));
}

}  // namespace difflab
