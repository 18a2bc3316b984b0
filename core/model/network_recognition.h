#pragma once
// Which of Diffusion Lab's architectures a set of weights is, read from the parameter names and shapes alone
// (issue #13: a weights file without "network" in its sidecar):
//   * the residual MLP (nn/mlp_denoiser.h): input.weight [hidden, D], blocks.N, time_fc1.weight [hidden, E];
//     everything including the sample shape [D] is in the weights;
//   * the lecture notebook's SimpleUnet (nn/simple_unet.h): conv0.weight [c₀, C, 3, 3], downs.i.conv1.weight
//     [cᵢ₊₁, cᵢ, 3, 3], time_mlp.1.weight [E, E] — any channel count; the image side is not in the weights;
//   * the DDPM U-Net (nn/ddpm_unet.h): conv_in.weight [ch, C, 3, 3], temb_dense0.weight [4ch, ch], and the
//     sequence of residual blocks (norm1), attention blocks (q) and downsampling convs in `down`, which gives
//     the channel multipliers, the residual blocks per level and the levels with attention. The image side
//     places that attention, so it must be given; GroupNorm's group count is not in the weights (32 when it
//     divides every channel count, as in all our presets, else the largest divisor of them up to 32).
// A class embedding (class_embed / class_emb, K + 1 rows with the null class) gives the class count K.

#include "nn/network_config.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace difflab {

struct RecognisedNetwork {
  /// The architecture; for images sample_shape is {C, 0, 0} until with_image_size() sets the side.
  NetworkConfig config;
  /// Images: H and W must come from elsewhere (the sidecar's sample_shape, the GUI's import dialog).
  bool needs_image_size = false;
  /// Levels of a DDPM U-Net that have attention (0 = full resolution).
  std::vector<int64_t> attention_levels;
  /// One line, e.g. "ddpm-unet: ch 32, multipliers [1, 2, 2], 2 residual blocks per level, attention at level 2,
  /// 1 channel, 10 classes".
  std::string summary;
};

/// The architecture `tensors` (state_dict names → tensors) are the weights of, or nullopt when they are none
/// of ours.
std::optional<RecognisedNetwork> recognise_network(const std::map<std::string, at::Tensor>& tensors);

/// The config for images of side height × width (attention levels → resolutions). Throws std::invalid_argument
/// for a non-positive side.
NetworkConfig with_image_size(const RecognisedNetwork& network, int64_t height, int64_t width);

}  // namespace difflab
