#pragma once
// Hugging Face diffusers' UNet2DModel folders (docs/import.md), as published for Ho et al.'s DDPM models
// (google/ddpm-cifar10-32 and friends) and as diffusers' train_unconditional example saves them:
//   FOLDER/config.json                              "_class_name": "UNet2DModel" and its configuration
//   FOLDER/diffusion_pytorch_model.safetensors      the weights (or diffusion_pytorch_model.bin, torch.save)
//   FOLDER/scheduler_config.json                    DDPMScheduler/DDIMScheduler/…: the β schedule, prediction_type
// or a pipeline folder (model_index.json, unet/…, scheduler/scheduler_config.json).
//
// UNet2DModel with positional time embedding, DownBlock2D / AttnDownBlock2D / UpBlock2D / AttnUpBlock2D blocks
// and an attention mid block is Ho et al.'s U-Net (nn/ddpm_unet.h): its weights are renamed onto ours
// (time_embedding.linear_1 → temb_dense0, down_blocks.i.resnets.j → down.k, to_q → q, …; the attention
// projections are Linear [C, C] there and 1×1 convs [C, C, 1, 1] here) and its options set the variants our
// U-Net has for it (norm_eps, downsample_padding, attention_head_dim, flip_sin_to_cos, freq_shift; time_offset
// −1 for diffusers' 0-based timesteps). Everything else — class-conditional models, "scale_shift" time
// conditioning, Fourier time embedding, resnet up/downsamplers, attention at different levels on the way down
// and up, learned variance (out_channels ≠ in_channels) — is refused with a one-line ModelLoadError naming
// the config field and value. The mapping follows diffusers' models/unets/unet_2d.py, unet_2d_blocks.py,
// resnet.py and attention_processor.py; tests/reference/diffusers_unet_reference.py re-implements them with
// diffusers' parameter names and checks the outputs.

#include "model/denoiser.h"
#include "model/model_loader.h"
#include "nn/network_config.h"
#include "process/prediction_type.h"
#include "schedule/noise_schedule.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <memory>
#include <string>

namespace difflab {

/// The files of a diffusers model folder.
struct DiffusersFolder {
  std::string unet_config;       ///< …/config.json of the UNet2DModel
  std::string weights;           ///< …/diffusion_pytorch_model.safetensors or .bin
  std::string scheduler_config;  ///< …/scheduler_config.json, empty when there is none
};

/// True when `path` is a folder holding a UNet2DModel's config.json, or a pipeline folder with unet/config.json.
bool is_diffusers_folder(const std::string& path);
/// The diffusers folder a file belongs to, so that choosing config.json, model_index.json or
/// diffusion_pytorch_model.* in a file dialog (or on the command line) opens the model: the pipeline folder for
/// a file in its unet/, else the file's folder. Any other path comes back unchanged.
std::string diffusers_folder_of(const std::string& path);
/// The hex SHA-256 that identifies a model in a sample's recipe and a session: of the file itself for a
/// Diffusion Lab checkpoint or a mixture; for a model whose settings live beside it, of its weights *and* those
/// settings, so that editing a sidecar's schedule or prediction changes the hash:
///   sha256(hex sha256(weights) + "\n" + for each settings file: its name + "\n" + its bytes)
/// where the settings are a weights file's sidecar (imported_model.h), or a diffusers folder's config.json and
/// scheduler_config.json (when present). Throws std::runtime_error naming a file that cannot be read.
std::string model_sha256(const std::string& path);
/// Finds the files; throws ModelLoadError naming what is missing.
DiffusersFolder find_diffusers_files(const std::string& path);

/// Our network for a UNet2DModel config.json (parsed). Throws ModelLoadError "'<source>': field '<f>': …" for a
/// configuration our U-Net cannot express.
NetworkConfig diffusers_unet_network(const nlohmann::json& config, const std::string& source);

/// The β schedule and parameterisation of a diffusers scheduler_config.json (parsed): beta_schedule "linear",
/// "scaled_linear", "squaredcos_cap_v2" or trained_betas; prediction_type "epsilon", "sample", "v_prediction".
struct DiffusersSchedule {
  ScheduleOptions schedule;
  PredictionType prediction = PredictionType::Epsilon;
};
DiffusersSchedule diffusers_schedule(const nlohmann::json& scheduler_config, const std::string& source);

/// What a diffusers folder is, for the GUI's import dialog: the network from config.json (recognised, with its
/// summary), and whether its scheduler_config.json reads (sidecar_error says why not; a missing one is an error
/// too, since the folder cannot open without it). sidecar_path is where the file is, or where
/// write_diffusers_scheduler_config puts it. Throws ModelLoadError when config.json cannot express our U-Net.
struct ImportInspection;
ImportInspection inspect_diffusers_folder(const std::string& folder);
/// Writes the folder's scheduler_config.json (atomically): num_train_timesteps, beta_start, beta_end, beta_schedule
/// (linear, scaled_linear or squaredcos_cap_v2), prediction_type, rescale_betas_zero_snr — what diffusers itself
/// and diffusers_schedule() read. An existing file is updated in place, keeping its other fields; a new one is a
/// DDPMScheduler's, in scheduler/ of a pipeline folder, else beside config.json. Returns its path. Throws
/// std::invalid_argument for a schedule family diffusers has no name for, std::runtime_error when it cannot write.
std::string write_diffusers_scheduler_config(const std::string& folder, const ScheduleOptions& schedule,
                                             PredictionType prediction);

/// Opens the folder as a Denoiser (images in [−1, 1]): the network from config.json, the weights renamed from
/// diffusers' state_dict names (also those of diffusers before 0.15: attention query/key/value/proj_attn,
/// downsamplers' Conv2d_0/op), the schedule and parameterisation from scheduler_config.json, which it needs.
/// Throws ModelLoadError; a weights mismatch names, in diffusers' names, the missing, unexpected and mis-shaped
/// tensors.
std::unique_ptr<Denoiser> load_diffusers_denoiser(const std::string& path, const DenoiserLoadOptions& options);

}  // namespace difflab
