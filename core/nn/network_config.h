#pragma once
// NetworkConfig: everything needed to rebuild a denoising network (stored in checkpoints and config files),
// and make_network(), the one factory that turns it into a module.
//
// JSON form (config files, checkpoints):
//   {"kind": "mlp" | "simple-unet" | "ddpm-unet", "preset": "...", "sample_shape": [2] | [C, H, W],
//    "num_classes": 0, "options": {kind-specific fields, all optional}}
// Presets: mlp "default" (hidden 128, 3 blocks) and "large" (hidden 256, 4 blocks); simple-unet "notebook";
// ddpm-unet "small" and "cifar10". Fields in "options" override the preset.

#include "nn/ddpm_unet.h"
#include "nn/diffusion_net.h"
#include "nn/mlp_denoiser.h"
#include "nn/simple_unet.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <vector>

namespace difflab {

struct NetworkConfig {
  /// "mlp", "simple-unet" or "ddpm-unet".
  std::string kind = "mlp";
  /// The preset the options started from (informational once the options are filled in).
  std::string preset = "default";
  /// Shape of one sample: {D} for points, {C, H, W} for images.
  std::vector<int64_t> sample_shape = {2};
  /// 0 = unconditional; otherwise the network gets a class embedding with a null class.
  int64_t num_classes = 0;

  MlpDenoiserOptions mlp;
  SimpleUnetOptions simple_unet;
  DdpmUnetOptions ddpm_unet;

  /// A config of the given kind and preset for the sample shape; throws std::invalid_argument naming a bad
  /// kind, preset or shape.
  static NetworkConfig from_preset(const std::string& kind, const std::string& preset,
                                   std::vector<int64_t> sample_shape, int64_t num_classes = 0);
  /// The default preset of a kind ("default", "notebook", "small").
  static std::string default_preset(const std::string& kind);
};

nlohmann::json network_config_to_json(const NetworkConfig& config);
/// Accepts the JSON form above; missing option fields take the preset's values. Throws std::invalid_argument.
NetworkConfig network_config_from_json(const nlohmann::json& json);

/// Builds the network (on the CPU, freshly initialised by LibTorch's default initialisers).
std::shared_ptr<DiffusionNetImpl> make_network(const NetworkConfig& config);

/// Number of trainable parameters.
int64_t count_parameters(const torch::nn::Module& module);

}  // namespace difflab
