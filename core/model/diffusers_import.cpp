#include "model/diffusers_import.h"

#include "base/error_text.h"

#include "device/device_support.h"
#include "io/atomic_file.h"
#include "io/json_text.h"
#include "io/safetensors.h"
#include "io/sha256.h"
#include "io/torch_pickle.h"
#include "model/imported_model.h"
#include "model/network_denoiser.h"
#include "schedule/schedule_json.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace difflab {
namespace fs = std::filesystem;

namespace {

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelLoadError("cannot open '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_json_text(text.str());
  } catch (const std::invalid_argument& e) {
    throw ModelLoadError("'" + path + "' is not valid JSON: " + e.what());
  }
}

bool is_unet2d_config(const fs::path& config) {
  std::error_code ec;
  if (!fs::is_regular_file(config, ec)) return false;
  try {
    const nlohmann::json j = read_json_file(config.string());
    return j.is_object() && j.value("_class_name", std::string()) == "UNet2DModel";
  } catch (const std::exception&) {
    return false;
  }
}

// The module names of diffusers' UNet2DModel → ours (nn/ddpm_unet.cpp builds `down`, `mid` and `up` in the order
// diffusers' blocks run, so block i's resnet j and attention j follow each other there as here).
std::map<std::string, std::string> module_map(const DdpmUnetOptions& o) {
  std::map<std::string, std::string> m = {{"time_embedding.linear_1", "temb_dense0"},
                                          {"time_embedding.linear_2", "temb_dense1"},
                                          {"conv_in", "conv_in"},
                                          {"conv_norm_out", "norm_out"},
                                          {"conv_out", "conv_out"}};
  const auto resnet = [&](const std::string& theirs, const std::string& ours) {
    for (const char* same : {"norm1", "conv1", "norm2", "conv2"}) m[theirs + "." + same] = ours + "." + same;
    m[theirs + ".time_emb_proj"] = ours + ".temb_proj";
    m[theirs + ".conv_shortcut"] = ours + ".nin_shortcut";
  };
  const auto attention = [&](const std::string& theirs, const std::string& ours) {
    m[theirs + ".group_norm"] = ours + ".norm";
    m[theirs + ".to_q"] = ours + ".q";
    m[theirs + ".to_k"] = ours + ".k";
    m[theirs + ".to_v"] = ours + ".v";
    m[theirs + ".to_out.0"] = ours + ".proj_out";
  };
  const int64_t levels = static_cast<int64_t>(o.ch_mult.size());
  std::vector<bool> attn(static_cast<size_t>(levels), false);
  int64_t res = o.image_size;
  for (int64_t level = 0; level < levels; ++level) {
    attn[level] =
        std::find(o.attention_resolutions.begin(), o.attention_resolutions.end(), res) != o.attention_resolutions.end();
    res = (res + 1) / 2;
  }
  int64_t k = 0;
  for (int64_t i = 0; i < levels; ++i) {
    const std::string block = "down_blocks." + std::to_string(i);
    for (int64_t j = 0; j < o.num_res_blocks; ++j) {
      resnet(block + ".resnets." + std::to_string(j), "down." + std::to_string(k++));
      if (attn[i]) attention(block + ".attentions." + std::to_string(j), "down." + std::to_string(k++));
    }
    if (i != levels - 1) m[block + ".downsamplers.0.conv"] = "down." + std::to_string(k++);
  }
  resnet("mid_block.resnets.0", "mid.0");
  attention("mid_block.attentions.0", "mid.1");
  resnet("mid_block.resnets.1", "mid.2");
  k = 0;
  for (int64_t u = 0; u < levels; ++u) {
    const std::string block = "up_blocks." + std::to_string(u);
    for (int64_t j = 0; j < o.num_res_blocks + 1; ++j) {
      resnet(block + ".resnets." + std::to_string(j), "up." + std::to_string(k++));
      if (attn[levels - 1 - u]) attention(block + ".attentions." + std::to_string(j), "up." + std::to_string(k++));
    }
    if (u != levels - 1) m[block + ".upsamplers.0.conv"] = "up." + std::to_string(k++);
  }
  return m;
}

// diffusers before 0.15 named the attention projections query/key/value/proj_attn and aliased the
// downsampling conv as Conv2d_0 (and op): the current names.
std::string current_name(std::string key) {
  static const std::vector<std::pair<std::string, std::string>> kOld = {
      {".query.", ".to_q."},
      {".key.", ".to_k."},
      {".value.", ".to_v."},
      {".proj_attn.", ".to_out.0."},
      {".downsamplers.0.Conv2d_0.", ".downsamplers.0.conv."},
      {".downsamplers.0.op.", ".downsamplers.0.conv."}};
  for (const auto& [old_name, now] : kOld) {
    const size_t at = key.find(old_name);
    if (at != std::string::npos) key.replace(at, old_name.size(), now);
  }
  return key;
}

void load_mapped_weights(torch::nn::Module& net, const DdpmUnetOptions& options,
                         const std::map<std::string, at::Tensor>& tensors, const std::string& source) {
  const std::map<std::string, std::string> to_ours = module_map(options);
  std::map<std::string, std::string> to_theirs;
  for (const auto& [theirs, ours] : to_ours) to_theirs[ours] = theirs;

  std::map<std::string, at::Tensor> targets;
  for (const auto& p : net.named_parameters(true)) targets[p.key()] = p.value();
  for (const auto& b : net.named_buffers(true)) targets[b.key()] = b.value();

  std::map<std::string, at::Tensor> mapped;
  std::vector<std::string> unexpected, misshaped, missing;
  for (const auto& [key, tensor] : tensors) {
    const std::string name = current_name(key);
    const size_t dot = name.rfind('.');
    const auto module = dot == std::string::npos ? to_ours.end() : to_ours.find(name.substr(0, dot));
    const std::string ours = module == to_ours.end() ? std::string() : module->second + name.substr(dot);
    const auto target = targets.find(ours);
    if (target == targets.end()) {
      unexpected.push_back(key);
      continue;
    }
    at::Tensor t = tensor;
    // Linear [C, C] projections of the attention are 1×1 convs here.
    if (t.sizes() != target->second.sizes() && t.dim() == 2 && target->second.dim() == 4 &&
        t.numel() == target->second.numel())
      t = t.reshape(target->second.sizes());
    if (t.sizes() != target->second.sizes()) {
      misshaped.push_back(key + " " + shape_text(tensor.sizes()) + " (expected " + shape_text(target->second.sizes()) +
                          ")");
      continue;
    }
    mapped[ours] = t;  // an old alias and the current name of one conv carry the same tensor
  }
  for (const auto& [ours, target] : targets) {
    if (mapped.count(ours)) continue;
    const size_t dot = ours.rfind('.');
    const auto module = to_theirs.find(ours.substr(0, dot));
    missing.push_back(module == to_theirs.end() ? ours : module->second + ours.substr(dot));
  }
  if (const std::string why = mismatch_text(missing, unexpected, misshaped); !why.empty())
    throw ModelLoadError("'" + source + "' does not match the UNet2DModel its config.json describes: " + why);
  load_named_tensors(net, mapped, source);
}

}  // namespace

bool is_diffusers_folder(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  if (!fs::is_directory(p, ec)) return false;
  return is_unet2d_config(p / "config.json") || is_unet2d_config(p / "unet" / "config.json");
}

std::string diffusers_folder_of(const std::string& path) {
  const fs::path p(path);
  const std::string name = p.filename().string();
  const bool member = name == "config.json" || name == "model_index.json" ||
                      name == "diffusion_pytorch_model.safetensors" || name == "diffusion_pytorch_model.bin";
  std::error_code ec;
  if (!member || !fs::is_regular_file(p, ec)) return path;
  const fs::path folder = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (folder.filename() == "unet" && is_unet2d_config(folder / "config.json") &&
      fs::exists(folder.parent_path() / "model_index.json"))
    return folder.parent_path().string();
  return is_diffusers_folder(folder.string()) ? folder.string() : path;
}

std::string model_sha256(const std::string& path) {
  std::string weights = path;
  std::vector<std::string> settings;
  const std::string folder = diffusers_folder_of(path);
  if (is_diffusers_folder(folder)) {
    const DiffusersFolder f = find_diffusers_files(folder);
    weights = f.weights;
    settings.push_back(f.unet_config);
    if (!f.scheduler_config.empty()) settings.push_back(f.scheduler_config);
  } else if (needs_import_sidecar(path)) {
    const std::string sidecar = import_sidecar_path(path);
    if (!sidecar.empty()) settings.push_back(sidecar);
  }
  const std::string weights_hex = sha256_file_hex(weights);
  if (settings.empty()) return weights_hex;
  std::string text = weights_hex + "\n";
  for (const std::string& file : settings) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read '" + file + "'");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    text += fs::path(file).filename().string() + "\n" + bytes.str();
  }
  return sha256_hex(text);
}

DiffusersFolder find_diffusers_files(const std::string& path) {
  const fs::path p(path);
  std::error_code ec;
  if (!fs::is_directory(p, ec)) throw ModelLoadError("'" + path + "' is not a folder");
  fs::path unet = p;
  if (!fs::exists(p / "config.json") && fs::exists(p / "unet" / "config.json")) unet = p / "unet";
  DiffusersFolder f;
  f.unet_config = (unet / "config.json").string();
  if (!fs::exists(f.unet_config))
    throw ModelLoadError("folder '" + path + "' holds no config.json (nor unet/config.json): not a diffusers model");
  for (const char* name : {"diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.bin"}) {
    if (fs::exists(unet / name)) {
      f.weights = (unet / name).string();
      break;
    }
  }
  if (f.weights.empty())
    throw ModelLoadError("folder '" + unet.string() +
                         "' has no diffusion_pytorch_model.safetensors or diffusion_pytorch_model.bin (sharded and "
                         "fp16-variant weight files are not read)");
  for (const fs::path& s :
       {unet / "scheduler_config.json", p / "scheduler_config.json", p / "scheduler" / "scheduler_config.json",
        unet.parent_path() / "scheduler" / "scheduler_config.json"}) {
    if (fs::exists(s)) {
      f.scheduler_config = s.string();
      break;
    }
  }
  return f;
}

NetworkConfig diffusers_unet_network(const nlohmann::json& j, const std::string& source) {
  std::string field;
  const auto fail = [&](const std::string& why) -> ModelLoadError {
    return ModelLoadError("'" + source + "': field '" + field + "': " + why);
  };
  // A field's value, or diffusers' default when it is absent (UNet2DModel.__init__).
  const auto get = [&](const char* name, const nlohmann::json& fallback) {
    field = name;
    return j.contains(name) && !j.at(name).is_null() ? j.at(name) : fallback;
  };
  const auto require = [&](const char* name, const nlohmann::json& fallback, const nlohmann::json& supported,
                           const std::string& why) {
    const nlohmann::json v = get(name, fallback);
    if (v != supported) throw fail(v.dump() + " is not supported (" + why + ")");
  };
  try {
    if (!j.is_object()) throw ModelLoadError("'" + source + "': expected a JSON object");
    field = "_class_name";
    const std::string cls = j.value("_class_name", std::string());
    if (cls != "UNet2DModel")
      throw fail("\"" + cls +
                 "\": only UNet2DModel opens (text-conditioned UNet2DConditionModel and latent models "
                 "need parts Diffusion Lab does not have)");
    require("time_embedding_type", "positional", "positional", "only the sinusoidal time embedding");
    require("resnet_time_scale_shift", "default", "default", "the time embedding is added, not scale-shift");
    require("center_input_sample", false, false, "inputs are not re-centred");
    require("add_attention", true, true, "the mid block has attention");
    require("class_embed_type", nullptr, nullptr, "class-conditional UNet2DModels are not supported");
    require("num_class_embeds", nullptr, nullptr, "class-conditional UNet2DModels are not supported");
    field = "mid_block_type";
    if (j.contains("mid_block_type") && j.at("mid_block_type") != "UNetMidBlock2D")
      throw fail(j.at("mid_block_type").dump() +
                 " is not supported (the mid block is ResNet, attention, ResNet: "
                 "\"UNetMidBlock2D\")");
    require("downsample_type", "conv", "conv", "downsampling is a strided conv");
    require("upsample_type", "conv", "conv", "upsampling is nearest-neighbour then a conv");
    field = "act_fn";
    const std::string act = get("act_fn", "silu").get<std::string>();
    if (act != "silu" && act != "swish") throw fail("\"" + act + "\" is not supported (SiLU only)");
    field = "mid_block_scale_factor";
    if (get("mid_block_scale_factor", 1.0).get<double>() != 1.0)
      throw fail(j.at("mid_block_scale_factor").dump() + " is not supported (1 only)");

    const int64_t in_ch = json_integer(get("in_channels", 3));
    field = "out_channels";
    const int64_t out_ch = json_integer(get("out_channels", 3));
    if (out_ch != in_ch)
      throw fail(std::to_string(out_ch) + " differs from in_channels " + std::to_string(in_ch) +
                 ": models that also predict a variance are not supported");
    const nlohmann::json size = get("sample_size", nullptr);
    int64_t height = 0, width = 0;
    if (size.is_number_integer()) {
      height = width = json_integer(size);
    } else if (size.is_array() && size.size() == 2) {
      height = json_integer(size.at(0));
      width = json_integer(size.at(1));
    } else {
      throw fail(size.dump() + ": the image side is needed (an integer or [height, width])");
    }
    if (height < 1 || width < 1 || in_ch < 1) throw fail("sizes must be positive");

    const auto channels = json_integers(get("block_out_channels", {224, 448, 672, 896}));
    if (channels.empty() || channels[0] < 1) throw fail("needs at least one positive channel count");
    DdpmUnetOptions o;
    o.ch = channels[0];
    o.ch_mult.clear();
    for (int64_t c : channels) {
      if (c % o.ch != 0)
        throw fail(std::to_string(c) + " is not a multiple of the first level's " + std::to_string(o.ch) +
                   " channels, which our U-Net needs");
      o.ch_mult.push_back(c / o.ch);
    }
    const size_t levels = channels.size();
    const auto down = get("down_block_types", {"DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D"})
                          .get<std::vector<std::string>>();
    field = "down_block_types";
    if (down.size() != levels)
      throw fail(std::to_string(down.size()) + " blocks for " + std::to_string(levels) + " block_out_channels");
    const auto up = get("up_block_types", {"AttnUpBlock2D", "AttnUpBlock2D", "AttnUpBlock2D", "UpBlock2D"})
                        .get<std::vector<std::string>>();
    field = "up_block_types";
    if (up.size() != levels)
      throw fail(std::to_string(up.size()) + " blocks for " + std::to_string(levels) + " block_out_channels");
    o.num_res_blocks = json_integer(get("layers_per_block", 2));
    if (o.num_res_blocks < 1) throw fail("must be >= 1");
    o.image_size = std::max(height, width);
    o.attention_resolutions.clear();
    int64_t res = o.image_size;
    for (size_t i = 0; i < levels; ++i) {
      field = "down_block_types";
      const std::string& d = down[i];
      if (d != "DownBlock2D" && d != "AttnDownBlock2D")
        throw fail("\"" + d + "\" is not supported (DownBlock2D and AttnDownBlock2D are)");
      field = "up_block_types";
      const std::string& u = up[levels - 1 - i];
      if (u != "UpBlock2D" && u != "AttnUpBlock2D")
        throw fail("\"" + u + "\" is not supported (UpBlock2D and AttnUpBlock2D are)");
      if ((d == "AttnDownBlock2D") != (u == "AttnUpBlock2D"))
        throw fail("attention at level " + std::to_string(i) + " on the way " +
                   (d == "AttnDownBlock2D" ? "down but not up" : "up but not down") +
                   ": our U-Net has it on both or neither");
      if (d == "AttnDownBlock2D") o.attention_resolutions.push_back(res);
      res = (res + 1) / 2;
    }
    o.num_groups = json_integer(get("norm_num_groups", 32));
    field = "attn_norm_num_groups";
    const nlohmann::json attn_groups = get("attn_norm_num_groups", nullptr);
    if (!attn_groups.is_null() && json_integer(attn_groups) != o.num_groups)
      throw fail(attn_groups.dump() + " differs from norm_num_groups: not supported");
    for (int64_t c : channels)
      if (o.num_groups < 1 || c % o.num_groups != 0)
        throw ModelLoadError("'" + source + "': field 'norm_num_groups': " + std::to_string(o.num_groups) +
                             " does not divide " + std::to_string(c) + " channels");
    o.norm_eps = get("norm_eps", 1e-5).get<double>();
    if (!(o.norm_eps > 0.0)) throw fail("must be > 0");
    o.downsample_padding = json_integer(get("downsample_padding", 1));
    if (o.downsample_padding != 0 && o.downsample_padding != 1) throw fail("must be 0 or 1");
    o.flip_sin_to_cos = get("flip_sin_to_cos", true).get<bool>();
    o.freq_shift = get("freq_shift", 0).get<double>();
    if (!(o.freq_shift < static_cast<double>(o.ch / 2))) throw fail("must be below half the first channel count");
    field = "attention_head_dim";
    const nlohmann::json head = j.contains("attention_head_dim") ? j.at("attention_head_dim") : nlohmann::json(8);
    o.attention_head_dim = head.is_null() ? 0 : json_integer(head);
    if (o.attention_head_dim < 0) throw fail("must be positive");
    if (o.attention_head_dim > 0) {
      for (size_t i = 0; i < levels; ++i) {
        const bool attends = down[i] == "AttnDownBlock2D" || i + 1 == levels;  // the mid block attends too
        if (attends && channels[i] % o.attention_head_dim != 0)
          throw fail(std::to_string(o.attention_head_dim) + " does not divide the " + std::to_string(channels[i]) +
                     " channels of level " + std::to_string(i));
      }
    }
    field = "time_embedding_dim";
    const nlohmann::json temb = get("time_embedding_dim", nullptr);
    if (!temb.is_null() && json_integer(temb) != 4 * o.ch)
      throw fail(temb.dump() + " is not supported (4 × block_out_channels[0] only)");
    o.dropout = 0.0;
    o.time_offset = -1.0;  // diffusers' timesteps are 0-based

    NetworkConfig c = NetworkConfig::from_preset("ddpm-unet", "cifar10", {in_ch, height, width}, 0);
    c.preset = "diffusers";
    o.in_channels = o.out_channels = in_ch;
    c.ddpm_unet = o;
    return c;
  } catch (const ModelLoadError&) {
    throw;
  } catch (const std::exception& e) {
    throw fail(e.what());
  }
}

DiffusersSchedule diffusers_schedule(const nlohmann::json& j, const std::string& source) {
  std::string field;
  try {
    DiffusersSchedule d;
    ScheduleOptions& s = d.schedule;
    field = "num_train_timesteps";
    s.timesteps = j.contains("num_train_timesteps") ? json_integer(j.at("num_train_timesteps")) : 1000;
    field = "beta_start";
    s.beta_start = j.value("beta_start", 1e-4);
    field = "beta_end";
    s.beta_end = j.value("beta_end", 0.02);
    field = "trained_betas";
    if (j.contains("trained_betas") && !j.at("trained_betas").is_null()) {
      s.family = ScheduleFamily::Custom;
      s.custom_kind = CustomScheduleKind::BetaTable;
      s.custom_values = j.at("trained_betas").get<std::vector<double>>();
      s.timesteps = static_cast<int64_t>(s.custom_values.size());
    } else {
      field = "beta_schedule";
      const std::string family = j.value("beta_schedule", std::string("linear"));
      if (family != "linear" && family != "scaled_linear" && family != "squaredcos_cap_v2")
        throw std::invalid_argument("\"" + family +
                                    "\" is not supported (linear, scaled_linear, squaredcos_cap_v2 are)");
      s.family = parse_schedule_family(family);
    }
    field = "rescale_betas_zero_snr";
    s.zero_terminal_snr = j.value("rescale_betas_zero_snr", false);
    field = "_class_name";
    const std::string cls = j.value("_class_name", std::string());
    if (cls.find("Ve") != std::string::npos || cls.find("VE") != std::string::npos)
      throw std::invalid_argument("\"" + cls +
                                  "\" is a variance-exploding scheduler; only variance-preserving "
                                  "(β) schedules are supported");
    field = "prediction_type";
    const std::string p = j.value("prediction_type", std::string("epsilon"));
    if (p == "epsilon")
      d.prediction = PredictionType::Epsilon;
    else if (p == "sample")
      d.prediction = PredictionType::X0;
    else if (p == "v_prediction")
      d.prediction = PredictionType::V;
    else
      throw std::invalid_argument("\"" + p + "\" is not supported (epsilon, sample, v_prediction are)");
    field = s.family == ScheduleFamily::Custom ? "trained_betas" : "beta_schedule";
    try {
      NoiseSchedule::from_options(s);  // the schedule's own checks (β range, T)
    } catch (const std::exception& e) {
      throw std::invalid_argument(std::string(e.what()) + " (beta_start " + std::to_string(s.beta_start) +
                                  ", beta_end " + std::to_string(s.beta_end) + ", num_train_timesteps " +
                                  std::to_string(s.timesteps) + ")");
    }
    return d;
  } catch (const std::exception& e) {
    throw ModelLoadError("'" + source + "': field '" + field + "': " + e.what());
  }
}

namespace {
// Where the folder's scheduler_config.json is, or where diffusers would look for a new one: scheduler/ of a
// pipeline folder (model_index.json), else beside config.json.
std::string scheduler_config_target(const std::string& folder, const DiffusersFolder& files) {
  if (!files.scheduler_config.empty()) return files.scheduler_config;
  if (fs::exists(fs::path(folder) / "model_index.json"))
    return (fs::path(folder) / "scheduler" / "scheduler_config.json").string();
  return (fs::path(files.unet_config).parent_path() / "scheduler_config.json").string();
}
}  // namespace

ImportInspection inspect_diffusers_folder(const std::string& folder) {
  const DiffusersFolder files = find_diffusers_files(folder);
  ImportInspection r;
  r.format = "diffusers UNet2DModel";
  r.diffusers = true;
  RecognisedNetwork n;
  n.config = diffusers_unet_network(read_json_file(files.unet_config), files.unet_config);
  const DdpmUnetOptions& u = n.config.ddpm_unet;
  std::ostringstream summary;
  summary << "DDPM U-Net from config.json: ch " << u.ch << ", " << n.config.sample_shape[0] << " × "
          << n.config.sample_shape[1] << " × " << n.config.sample_shape[2];
  n.summary = summary.str();
  r.network = n;
  r.sidecar_path = scheduler_config_target(folder, files);
  if (files.scheduler_config.empty()) {
    r.sidecar_error = "diffusers folder '" + folder + "' has no scheduler_config.json: say how it was trained";
    return r;
  }
  try {
    const DiffusersSchedule d = diffusers_schedule(read_json_file(files.scheduler_config), files.scheduler_config);
    ImportSidecar s;
    s.path = files.scheduler_config;
    s.schedule = d.schedule;
    s.prediction = d.prediction;
    s.sample_shape = n.config.sample_shape;
    s.scale = DataScale::images();
    r.sidecar = s;
  } catch (const ModelLoadError& e) {
    r.sidecar_error = e.what();
  }
  return r;
}

std::string write_diffusers_scheduler_config(const std::string& folder, const ScheduleOptions& schedule,
                                             PredictionType prediction) {
  const DiffusersFolder files = find_diffusers_files(folder);
  const char* family = schedule.family == ScheduleFamily::Linear         ? "linear"
                       : schedule.family == ScheduleFamily::ScaledLinear ? "scaled_linear"
                       : schedule.family == ScheduleFamily::Cosine       ? "squaredcos_cap_v2"
                                                                         : nullptr;
  if (!family)
    throw std::invalid_argument("diffusers has no beta_schedule for the " + schedule_family_name(schedule.family) +
                                " schedule (linear, scaled_linear and squaredcos_cap_v2 exist)");
  const char* type = prediction == PredictionType::Epsilon ? "epsilon"
                     : prediction == PredictionType::X0    ? "sample"
                     : prediction == PredictionType::V     ? "v_prediction"
                                                           : nullptr;
  if (!type)
    throw std::invalid_argument("diffusers has no prediction_type for " + prediction_type_name(prediction) +
                                " (epsilon, sample and v_prediction exist)");
  // An existing file keeps its other fields (clip_sample, variance_type, _diffusers_version, …) and its name.
  nlohmann::json j = nlohmann::json::object();
  if (!files.scheduler_config.empty()) {
    try {
      j = read_json_file(files.scheduler_config);
    } catch (const std::exception&) {
      j = nlohmann::json::object();  // unreadable: replaced
    }
    if (!j.is_object()) j = nlohmann::json::object();
    j.erase("trained_betas");  // the schedule is now the one asked for
  }
  if (!j.contains("_class_name")) j["_class_name"] = "DDPMScheduler";
  j["num_train_timesteps"] = schedule.timesteps;
  j["beta_start"] = schedule.beta_start;
  j["beta_end"] = schedule.beta_end;
  j["beta_schedule"] = family;
  j["prediction_type"] = type;
  j["rescale_betas_zero_snr"] = schedule.zero_terminal_snr;
  const std::string out = scheduler_config_target(folder, files);
  fs::create_directories(fs::path(out).parent_path());
  write_file_atomically(out, j.dump(2) + "\n");
  return out;
}

std::unique_ptr<Denoiser> load_diffusers_denoiser(const std::string& path, const DenoiserLoadOptions& options) {
  const DiffusersFolder files = find_diffusers_files(path);
  // A latent-diffusion pipeline's UNet2DModel denoises an autoencoder's latents, not pixels.
  const fs::path index = fs::path(path) / "model_index.json";
  if (fs::exists(index)) {
    const nlohmann::json j = read_json_file(index.string());
    for (const char* part : {"vae", "vqvae", "text_encoder"})
      if (j.is_object() && j.contains(part) && !j.at(part).is_null())
        throw ModelLoadError("'" + index.string() + "': field '" + part + "': a latent-diffusion pipeline (its " +
                             "UNet2DModel denoises the autoencoder's latents, not images) is not supported");
  }
  const NetworkConfig network = diffusers_unet_network(read_json_file(files.unet_config), files.unet_config);

  if (files.scheduler_config.empty())
    throw ModelLoadError("diffusers folder '" + path + "' has no scheduler_config.json (nor scheduler/" +
                         "scheduler_config.json): put the one the model was trained with next to config.json, e.g. " +
                         "{\"beta_schedule\": \"linear\", \"beta_start\": 0.0001, \"beta_end\": 0.02, " +
                         "\"num_train_timesteps\": 1000, \"prediction_type\": \"epsilon\"}");
  const DiffusersSchedule schedule = diffusers_schedule(read_json_file(files.scheduler_config), files.scheduler_config);
  const std::string schedule_source = fs::path(files.scheduler_config).filename().string();

  std::map<std::string, at::Tensor> tensors;
  try {
    if (fs::path(files.weights).extension() == ".safetensors")
      tensors = read_safetensors(files.weights).tensors;
    else
      tensors = read_torch_state_dict(files.weights).tensors;
  } catch (const SafetensorsError& e) {
    throw ModelLoadError(e.what());
  } catch (const TorchPickleError& e) {
    throw ModelLoadError(e.what());
  }
  std::shared_ptr<DiffusionNetImpl> net;
  try {
    net = make_network(network);
  } catch (const std::exception& e) {
    throw ModelLoadError("'" + files.unet_config + "': " + e.what());
  }
  load_mapped_weights(*net, network.ddpm_unet, tensors, files.weights);
  net->to(parse_training_device(options.device));
  net->eval();

  NetworkDenoiserOptions o;
  o.prediction = schedule.prediction;
  o.batch_size = options.batch_size;
  o.sample_shape = network.sample_shape;
  o.data_scale = DataScale::from_checkpoint("images", DataScale::kImagesNormalization);
  o.clip_x0 = options.clip_x0;
  std::ostringstream d;
  d << "diffusers UNet2DModel " << fs::path(path).filename().string() << ": " << count_parameters(*net)
    << " parameters, " << network.sample_shape[0] << "×" << network.sample_shape[1] << "×" << network.sample_shape[2]
    << ", predicts " << prediction_type_name(o.prediction) << ", schedule "
    << schedule_options_to_json(schedule.schedule).dump() << " (" << schedule_source << ")";
  if (o.clip_x0) d << ", x0 clipped to [-1, 1]";
  o.description = d.str();
  return std::make_unique<NetworkDenoiser>(net, NoiseSchedule::from_options(schedule.schedule), o);
}

}  // namespace difflab
