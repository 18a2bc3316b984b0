#pragma once
// Models from other tools (docs/import.md):
//   * weights of an architecture Diffusion Lab has, as safetensors or as a torch.save file (a state_dict, or the
//     whole module as the lecture notebook saves it: io/torch_pickle.h) — the lecture notebook's SimpleUnet, the DDPM
//     U-Net, the residual MLP — whose parameter names are ours (the notebook's, for SimpleUnet);
//   * TorchScript modules of any architecture (torch.jit.trace / torch.jit.script) with the signature
//       forward(x_t: Tensor [B, ...], t: Tensor [B] float32 training time, y: Tensor [B] int64) -> prediction
//     (y may be left out of the signature for an unconditional model; −1 is the null class).
// What the file cannot say comes from a sidecar JSON next to it (FILE.json, or STEM.json):
//   {"network": {"kind": "simple-unet", "preset": "notebook", "sample_shape": [3, 64, 64], "num_classes": 0,
//                "options": {…}},                       (weights files only; NetworkConfig's JSON form)
//    "sample_shape": [3, 64, 64],                       (TorchScript: the shape of one sample)
//    "schedule": {"family": "linear", "timesteps": 300, …} or "schedule_preset": "notebook",
//    "prediction": "eps" | "x0" | "v" | "score",
//    "data": {"kind": "images" | "points",
//             "normalization": "x / 127.5 - 1 (uint8 -> [-1, 1])" | "x / 255 (uint8 -> [0, 1])" | "identity"},
//    "class_names": ["…", …],
//    "norm_groups": 32}                                 (a DDPM U-Net recognised from its weights: GroupNorm groups)
// "schedule_preset": "notebook" is the lecture notebook's: linear β from 1e-4 to 0.02 over T = 300.
// Errors (ModelLoadError) name the file and the fault: a missing sidecar and what it must hold, missing,
// unexpected and mis-shaped parameter names, a TorchScript module that fails on a test batch.

#include "model/denoiser.h"
#include "model/model_loader.h"
#include "model/network_recognition.h"
#include "nn/network_config.h"
#include "process/prediction_type.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace torch::nn {
class Module;
}

namespace difflab {

struct ImportSidecar {
  std::string path;                      ///< where it was read from
  std::optional<NetworkConfig> network;  ///< the architecture of a weights file
  std::vector<int64_t> sample_shape;     ///< one sample's shape (from "network" when given)
  ScheduleOptions schedule;
  PredictionType prediction = PredictionType::Epsilon;
  DataScale scale;
  std::vector<std::string> class_names;
  /// GroupNorm groups of a DDPM U-Net recognised from its weights, which do not hold the count (else 32, or the
  /// largest divisor of the channel counts up to 32). Only without "network" (whose options say num_groups).
  std::optional<int64_t> norm_groups;
};

/// The sidecar of a model file: FILE.json, else STEM.json (model.safetensors → model.json). Throws
/// ModelLoadError when there is none or it is malformed, naming the field.
ImportSidecar read_import_sidecar(const std::string& model_path);
/// Where the sidecar of `model_path` is (FILE.json, else STEM.json), or "" when there is none.
std::string import_sidecar_path(const std::string& model_path);
/// The notebook's schedule: linear β 1e-4 → 0.02, T = 300.
ScheduleOptions notebook_schedule();

/// Copies `tensors` into the module's parameters and buffers by name. Throws ModelLoadError naming (up to five
/// of each) the missing, unexpected and mis-shaped names, with `source` in the message.
void load_named_tensors(torch::nn::Module& module, const std::map<std::string, at::Tensor>& tensors,
                        const std::string& source);
/// The module's parameters and buffers by name (float32 copies on the CPU), for export.
std::map<std::string, at::Tensor> named_tensors(const torch::nn::Module& module);

/// True when `bytes` are a TorchScript archive (a zip with a "constants.pkl" or "code/" record).
bool looks_like_torchscript(const std::string& bytes);

struct ExportReport {
  std::string weights, sidecar;  ///< the files written
  int64_t tensors = 0, parameters = 0;
  bool ema = false;  ///< EMA weights (else the raw ones)
};
/// A Diffusion Lab checkpoint's network weights (EMA when present and `ema`) at `out`, float32 with our parameter
/// names — as safetensors, or in torch.save's format when `out` ends in .pt or .pth (a dict of tensors) — and
/// its sidecar STEM.json (network, schedule, prediction, data, class names): what --model, Python's
/// safetensors.torch.load_file and torch.load read. Throws CheckpointError / ModelLoadError.
ExportReport export_safetensors(const std::string& checkpoint, const std::string& out, bool ema = true);
/// The checkpoint's network traced into a TorchScript module at `out` (float32, CPU), as torch.jit.trace would:
///   forward(x_t: Tensor [B, ...sample shape] float32, t: Tensor [B] training time (float, or int64 timesteps),
///           y: Tensor [B] int64 class labels, -1 = unconditional — conditional models only) -> prediction
/// (ε, x₀ or v, as the sidecar says), at any batch size; its parameters keep our names. The sidecar STEM.json holds
/// sample_shape, schedule, prediction, data and class names. Python: torch.jit.load(out); --model reads it back.
/// Throws CheckpointError / ModelLoadError, and std::logic_error when the trace differs from the network.
ExportReport export_torchscript(const std::string& checkpoint, const std::string& out, bool ema = true);

/// True when `path` is a file that opens only with a sidecar: safetensors, a torch.save zip or TorchScript (by
/// content, not name).
bool needs_import_sidecar(const std::string& path);

/// What a model file without a (working) sidecar is, for the GUI's import dialog: read on a worker, it reads the
/// whole file.
struct ImportInspection {
  std::string format;  ///< "safetensors", "PyTorch state_dict" (what held it), "TorchScript", "diffusers UNet2DModel"
  /// A diffusers folder: its settings are a scheduler_config.json (sidecar_path), written by
  /// write_diffusers_scheduler_config, not a sidecar.
  bool diffusers = false;
  std::optional<RecognisedNetwork> network;  ///< weights files: which of our architectures, if any
  bool takes_labels = false;                 ///< TorchScript: forward(x_t, t, y)
  std::string sidecar_path;                  ///< the sidecar found, or where write_import_sidecar would put it
  std::optional<ImportSidecar> sidecar;      ///< the sidecar's settings when it reads
  std::string sidecar_error;                 ///< why the sidecar does not read (empty when it does or is absent)
};
/// Throws ModelLoadError when the file cannot be read at all. A diffusers folder (or a file in one) is inspected
/// by inspect_diffusers_folder.
ImportInspection inspect_import(const std::string& path);

/// Writes `settings` as the sidecar at `sidecar_path`, atomically, in the form read_import_sidecar reads: network
/// (when set), sample_shape, schedule, prediction, data, class_names. Throws std::runtime_error when the file
/// cannot be written.
void write_import_sidecar(const std::string& sidecar_path, const ImportSidecar& settings);

std::unique_ptr<Denoiser> load_safetensors_denoiser(const std::string& path, const DenoiserLoadOptions& options);
/// A torch.save file (a state_dict, a dict holding one, or a whole nn.Module: io/torch_pickle.h) of one of
/// our architectures, with its sidecar.
std::unique_ptr<Denoiser> load_torch_pickle_denoiser(const std::string& path, const DenoiserLoadOptions& options);
std::unique_ptr<Denoiser> load_torchscript_denoiser(const std::string& path, const DenoiserLoadOptions& options);

}  // namespace difflab
