#include "base/error_text.h"
#include "model/network_recognition.h"

#include <numeric>
#include <sstream>
#include <stdexcept>

namespace difflab {
namespace {

using Tensors = std::map<std::string, at::Tensor>;

const at::Tensor* find(const Tensors& t, const std::string& name, int64_t dim) {
  const auto it = t.find(name);
  return it != t.end() && it->second.dim() == dim ? &it->second : nullptr;
}

// K from a class embedding of K + 1 rows (the last is the null class); 0 when there is none.
int64_t class_count(const Tensors& t, const std::string& name) {
  const at::Tensor* e = find(t, name, 2);
  return e && e->size(0) >= 2 ? e->size(0) - 1 : 0;
}

std::string list_text(const std::vector<int64_t>& v) {
  std::ostringstream o;
  o << '[';
  for (size_t i = 0; i < v.size(); ++i) o << (i ? ", " : "") << v[i];
  o << ']';
  return o.str();
}

std::string tail_text(int64_t channels, int64_t classes) {
  std::string s = ", " + std::to_string(channels) + (channels == 1 ? " channel" : " channels");
  if (classes > 0) s += ", " + std::to_string(classes) + " classes";
  return s;
}

std::optional<RecognisedNetwork> mlp(const Tensors& t) {
  const at::Tensor* input = find(t, "input.weight", 2);
  const at::Tensor* time = find(t, "time_fc1.weight", 2);
  if (!input || !time || !find(t, "output.weight", 2)) return std::nullopt;
  int64_t blocks = 0;
  while (t.count("blocks." + std::to_string(blocks) + ".fc1.weight")) ++blocks;
  RecognisedNetwork r;
  r.config = NetworkConfig::from_preset("mlp", "default", {input->size(1)}, class_count(t, "class_embed.weight"));
  r.config.mlp.hidden = input->size(0);
  r.config.mlp.num_blocks = blocks;
  r.config.mlp.time_emb_dim = time->size(1);
  r.summary = "mlp: hidden " + std::to_string(r.config.mlp.hidden) + ", " + std::to_string(blocks) +
              " residual blocks, time embedding " + std::to_string(r.config.mlp.time_emb_dim) + ", points in " +
              count_text(input->size(1), "dimension") +
              (r.config.num_classes > 0 ? ", " + std::to_string(r.config.num_classes) + " classes" : "");
  return r;
}

std::optional<RecognisedNetwork> simple_unet(const Tensors& t) {
  const at::Tensor* conv0 = find(t, "conv0.weight", 4);
  const at::Tensor* time = find(t, "time_mlp.1.weight", 2);
  if (!conv0 || !time) return std::nullopt;
  std::vector<int64_t> down = {conv0->size(0)};
  for (int64_t i = 0;; ++i) {
    const at::Tensor* c = find(t, "downs." + std::to_string(i) + ".conv1.weight", 4);
    if (!c) break;
    down.push_back(c->size(0));
  }
  if (down.size() < 2) return std::nullopt;
  const int64_t channels = conv0->size(1);
  RecognisedNetwork r;
  r.config =
      NetworkConfig::from_preset("simple-unet", "notebook", {channels, 1, 1}, class_count(t, "class_emb.weight"));
  r.config.simple_unet.down_channels = down;
  r.config.simple_unet.time_emb_dim = time->size(0);
  r.config.sample_shape = {channels, 0, 0};
  r.needs_image_size = true;
  r.summary = "simple-unet (the lecture notebook's): down channels " + list_text(down) + ", time embedding " +
              std::to_string(time->size(0)) + tail_text(channels, r.config.num_classes);
  return r;
}

std::optional<RecognisedNetwork> ddpm_unet(const Tensors& t) {
  const at::Tensor* conv_in = find(t, "conv_in.weight", 4);
  const at::Tensor* temb = find(t, "temb_dense0.weight", 2);
  if (!conv_in || !temb) return std::nullopt;
  const int64_t ch = conv_in->size(0), channels = conv_in->size(1);
  // Walk `down` in order: residual blocks (norm1), attention (q), and a downsampling conv ends a level.
  std::vector<int64_t> mult, blocks_per_level, attention_levels;
  int64_t blocks = 0, level_out = ch;
  bool attention = false;
  for (int64_t k = 0;; ++k) {
    const std::string p = "down." + std::to_string(k);
    if (const at::Tensor* conv1 = find(t, p + ".conv1.weight", 4)) {
      ++blocks;
      level_out = conv1->size(0);
    } else if (find(t, p + ".q.weight", 4)) {
      attention = true;
    } else if (find(t, p + ".weight", 4)) {  // downsampling: the level ends
      mult.push_back(level_out / ch);
      blocks_per_level.push_back(blocks);
      if (attention) attention_levels.push_back(static_cast<int64_t>(mult.size()) - 1);
      blocks = 0;
      attention = false;
    } else {
      break;
    }
  }
  if (blocks == 0) return std::nullopt;
  mult.push_back(level_out / ch);
  blocks_per_level.push_back(blocks);
  if (attention) attention_levels.push_back(static_cast<int64_t>(mult.size()) - 1);
  for (int64_t b : blocks_per_level)
    if (b != blocks_per_level.front()) return std::nullopt;
  RecognisedNetwork r;
  r.config = NetworkConfig::from_preset("ddpm-unet", "small", {channels, 1, 1}, class_count(t, "class_emb.weight"));
  DdpmUnetOptions& o = r.config.ddpm_unet;
  o.ch = ch;
  o.ch_mult = mult;
  o.num_res_blocks = blocks_per_level.front();
  int64_t g = 0;
  for (int64_t m : mult) g = std::gcd(g, ch * m);
  o.num_groups = 32;
  while (o.num_groups > 1 && g % o.num_groups != 0) --o.num_groups;
  r.config.sample_shape = {channels, 0, 0};
  r.needs_image_size = true;
  r.attention_levels = attention_levels;
  std::ostringstream s;
  s << "ddpm-unet: ch " << ch << ", multipliers " << list_text(mult) << ", " << o.num_res_blocks
    << " residual blocks per level, attention at level" << (attention_levels.size() == 1 ? " " : "s ")
    << list_text(attention_levels) << tail_text(channels, r.config.num_classes);
  if (o.num_groups != 32) s << ", GroupNorm groups assumed " << o.num_groups;
  r.summary = s.str();
  return r;
}

}  // namespace

std::optional<RecognisedNetwork> recognise_network(const Tensors& tensors) {
  try {
    if (auto r = mlp(tensors)) return r;
    if (auto r = simple_unet(tensors)) return r;
    if (auto r = ddpm_unet(tensors)) return r;
  } catch (const std::exception&) {
    // A preset check refused what the shapes say (e.g. a zero-sized layer): not one of ours.
  }
  return std::nullopt;
}

NetworkConfig with_image_size(const RecognisedNetwork& network, int64_t height, int64_t width) {
  if (height < 1 || width < 1)
    throw std::invalid_argument("image side must be positive, got " + std::to_string(height) + " × " +
                                std::to_string(width));
  NetworkConfig c = network.config;
  if (!network.needs_image_size) return c;
  c.sample_shape = {c.sample_shape.at(0), height, width};
  if (c.kind == "ddpm-unet") {
    DdpmUnetOptions& o = c.ddpm_unet;
    o.image_size = std::max(height, width);
    o.attention_resolutions.clear();
    int64_t res = o.image_size;
    for (int64_t level = 0; level < static_cast<int64_t>(o.ch_mult.size()); ++level) {
      for (int64_t a : network.attention_levels)
        if (a == level) o.attention_resolutions.push_back(res);
      res = (res + 1) / 2;
    }
  }
  return c;
}

}  // namespace difflab
