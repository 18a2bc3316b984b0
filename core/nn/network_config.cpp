#include "nn/network_config.h"

#include "base/error_text.h"
#include "io/json_text.h"

#include <nlohmann/json.hpp>

#include <type_traits>

#include <stdexcept>

namespace difflab {

namespace {

void check_image_shape(const std::string& kind, const std::vector<int64_t>& s) {
  if (s.size() != 3 || s[0] < 1 || s[1] < 1 || s[2] < 1)
    throw std::invalid_argument(kind + " needs image samples shaped [C, H, W], got " + shape_text(s));
}

// Shape-dependent fields always follow sample_shape and num_classes.
void apply_shape(NetworkConfig& c) {
  if (c.kind == "mlp") {
    if (c.sample_shape.size() != 1 || c.sample_shape[0] < 1)
      throw std::invalid_argument("mlp needs point samples shaped [D], got " + shape_text(c.sample_shape));
    c.mlp.data_dim = c.sample_shape[0];
    c.mlp.num_classes = c.num_classes;
  } else if (c.kind == "simple-unet") {
    check_image_shape(c.kind, c.sample_shape);
    c.simple_unet.image_channels = c.sample_shape[0];
    c.simple_unet.num_classes = c.num_classes;
  } else if (c.kind == "ddpm-unet") {
    check_image_shape(c.kind, c.sample_shape);
    c.ddpm_unet.in_channels = c.ddpm_unet.out_channels = c.sample_shape[0];
    c.ddpm_unet.image_size = std::max(c.sample_shape[1], c.sample_shape[2]);
    c.ddpm_unet.num_classes = c.num_classes;
  } else {
    throw std::invalid_argument("unknown network kind '" + c.kind + "' (expected mlp, simple-unet or ddpm-unet)");
  }
}

template <typename T>
void read_opt(const nlohmann::json& j, const char* key, T& value) {
  if (!j.contains(key)) return;
  try {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
      value = static_cast<T>(json_integer(j.at(key)));
    else if constexpr (std::is_same_v<T, std::vector<int64_t>>)
      value = json_integers(j.at(key));
    else
      value = j.at(key).get<T>();
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("field '") + key + "': " + e.what());
  }
}

}  // namespace

std::string NetworkConfig::default_preset(const std::string& kind) {
  if (kind == "mlp") return "default";
  if (kind == "simple-unet") return "notebook";
  if (kind == "ddpm-unet") return "small";
  throw std::invalid_argument("unknown network kind '" + kind + "' (expected mlp, simple-unet or ddpm-unet)");
}

NetworkConfig NetworkConfig::from_preset(const std::string& kind, const std::string& preset_in,
                                         std::vector<int64_t> sample_shape, int64_t num_classes) {
  NetworkConfig c;
  c.kind = kind;
  c.preset = preset_in.empty() ? default_preset(kind) : preset_in;
  c.sample_shape = std::move(sample_shape);
  if (num_classes < 0) throw std::invalid_argument("num_classes must be >= 0, got " + std::to_string(num_classes));
  c.num_classes = num_classes;
  const std::string& p = c.preset;
  const auto bad_preset = [&](const char* known) {
    return std::invalid_argument("unknown " + kind + " preset '" + p + "' (expected " + known + ")");
  };
  if (kind == "mlp") {
    if (p == "large") {
      c.mlp.hidden = 256;
      c.mlp.num_blocks = 4;
    } else if (p != "default") {
      throw bad_preset("default or large");
    }
  } else if (kind == "simple-unet") {
    if (p != "notebook") throw bad_preset("notebook");
  } else if (kind == "ddpm-unet") {
    check_image_shape(kind, c.sample_shape);
    const int64_t side = std::max(c.sample_shape[1], c.sample_shape[2]);
    if (p == "small")
      c.ddpm_unet = DdpmUnetOptions::small(c.sample_shape[0], side);
    else if (p == "cifar10" || p == "diffusers")  // "diffusers": a UNet2DModel's options (model/diffusers_import.h)
      c.ddpm_unet = DdpmUnetOptions::cifar10(c.sample_shape[0], side);
    else
      throw bad_preset("small or cifar10");
  } else {
    default_preset(kind);  // throws naming the kind
  }
  apply_shape(c);
  return c;
}

nlohmann::json network_config_to_json(const NetworkConfig& c) {
  nlohmann::json o;
  if (c.kind == "mlp") {
    o = {{"hidden", c.mlp.hidden}, {"num_blocks", c.mlp.num_blocks}, {"time_emb_dim", c.mlp.time_emb_dim}};
  } else if (c.kind == "simple-unet") {
    o = {{"down_channels", c.simple_unet.down_channels},
         {"time_emb_dim", c.simple_unet.time_emb_dim},
         {"time_offset", c.simple_unet.time_offset}};
  } else if (c.kind == "ddpm-unet") {
    const auto& d = c.ddpm_unet;
    o = {{"ch", d.ch},
         {"ch_mult", d.ch_mult},
         {"num_res_blocks", d.num_res_blocks},
         {"attention_resolutions", d.attention_resolutions},
         {"dropout", d.dropout},
         {"num_groups", d.num_groups}};
    // The diffusers variants are written only where they differ from Ho et al.'s, so that the JSON of every
    // network trained here stays as it was.
    const DdpmUnetOptions ho;
    if (d.norm_eps != ho.norm_eps) o["norm_eps"] = d.norm_eps;
    if (d.downsample_padding != ho.downsample_padding) o["downsample_padding"] = d.downsample_padding;
    if (d.attention_head_dim != ho.attention_head_dim) o["attention_head_dim"] = d.attention_head_dim;
    if (d.flip_sin_to_cos != ho.flip_sin_to_cos) o["flip_sin_to_cos"] = d.flip_sin_to_cos;
    if (d.freq_shift != ho.freq_shift) o["freq_shift"] = d.freq_shift;
    if (d.time_offset != ho.time_offset) o["time_offset"] = d.time_offset;
  }
  return {{"kind", c.kind},
          {"preset", c.preset},
          {"sample_shape", c.sample_shape},
          {"num_classes", c.num_classes},
          {"options", o}};
}

NetworkConfig network_config_from_json(const nlohmann::json& j) {
  try {
    const std::string kind = j.value("kind", std::string("mlp"));
    NetworkConfig c = NetworkConfig::from_preset(kind, j.value("preset", NetworkConfig::default_preset(kind)),
                                                 json_integers(j.at("sample_shape")),
                                                 j.contains("num_classes") ? json_integer(j.at("num_classes")) : 0);
    const nlohmann::json o = j.value("options", nlohmann::json::object());
    if (kind == "mlp") {
      read_opt(o, "hidden", c.mlp.hidden);
      read_opt(o, "num_blocks", c.mlp.num_blocks);
      read_opt(o, "time_emb_dim", c.mlp.time_emb_dim);
    } else if (kind == "simple-unet") {
      read_opt(o, "down_channels", c.simple_unet.down_channels);
      read_opt(o, "time_emb_dim", c.simple_unet.time_emb_dim);
      read_opt(o, "time_offset", c.simple_unet.time_offset);
    } else {
      auto& d = c.ddpm_unet;
      read_opt(o, "ch", d.ch);
      read_opt(o, "ch_mult", d.ch_mult);
      read_opt(o, "num_res_blocks", d.num_res_blocks);
      read_opt(o, "attention_resolutions", d.attention_resolutions);
      read_opt(o, "dropout", d.dropout);
      read_opt(o, "num_groups", d.num_groups);
      read_opt(o, "norm_eps", d.norm_eps);
      read_opt(o, "downsample_padding", d.downsample_padding);
      read_opt(o, "attention_head_dim", d.attention_head_dim);
      read_opt(o, "flip_sin_to_cos", d.flip_sin_to_cos);
      read_opt(o, "freq_shift", d.freq_shift);
      read_opt(o, "time_offset", d.time_offset);
    }
    return c;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument("bad network config JSON: " + readable_json_error(e.what()));
  }
}

std::shared_ptr<DiffusionNetImpl> make_network(const NetworkConfig& in) {
  NetworkConfig c = in;
  apply_shape(c);
  if (c.kind == "mlp") return std::make_shared<MlpDenoiserImpl>(c.mlp);
  if (c.kind == "simple-unet") return std::make_shared<SimpleUnetImpl>(c.simple_unet);
  return std::make_shared<DdpmUnetImpl>(c.ddpm_unet);
}

int64_t count_parameters(const torch::nn::Module& module) {
  int64_t n = 0;
  for (const auto& p : module.parameters()) n += p.numel();
  return n;
}

}  // namespace difflab
