// load_denoiser: checkpoints and Gaussian-mixture JSON files as Denoisers (see model_loader.h).
#include "model/model_loader.h"

#include "data/gaussian_mixture.h"
#include "model/gaussian_mixture_denoiser.h"
#include "model/network_denoiser.h"
#include "nn/network_config.h"
#include "io/safetensors.h"
#include "io/json_text.h"
#include "io/torch_pickle.h"
#include "model/checkpoint_metadata.h"
#include "model/diffusers_import.h"
#include "model/imported_model.h"
#include "model/model_zoo.h"
#include "device/device_support.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace difflab {
namespace {

// "EMA weights", "raw weights", or for an inference checkpoint (model/inference_checkpoint.h) the weights it
// was made from and how they are stored.
std::string weights_text(const CheckpointMetadata& m, bool ema) {
  if (m.stored.is_object() && m.stored.contains("inference")) {
    const nlohmann::json& i = m.stored.at("inference");
    return i.value("weights", std::string("?")) == "ema"
               ? "EMA weights (inference checkpoint, " + i.value("storage", std::string("float32")) + ")"
               : "raw weights (inference checkpoint)";
  }
  return ema ? "EMA weights" : "raw weights";
}

std::unique_ptr<Denoiser> load_checkpoint_denoiser(const std::string& path, const DenoiserLoadOptions& options) {
  ModelCheckpoint c;
  try {
    c = read_model_checkpoint(path);
  } catch (const std::exception& e) {
    throw ModelLoadError(e.what());
  }
  const CheckpointMetadata& m = c.metadata;
  try {
    std::shared_ptr<DiffusionNetImpl> net = make_network(m.network);
    const bool ema = options.use_ema && c.sections.count("ema") > 0;
    const auto section = c.sections.find(ema ? "ema" : "model");
    if (section == c.sections.end()) throw ModelLoadError("checkpoint '" + path + "' lacks the 'model' section");
    module_from_bytes(*net, section->second);
    net->to(parse_training_device(options.device));
    net->eval();

    NetworkDenoiserOptions o;
    o.prediction = m.objective.prediction;
    o.batch_size = options.batch_size;
    o.cuda_graph = options.cuda_graph;
    o.sample_shape = m.network.sample_shape;
    o.class_names = m.network.num_classes == 0 ? std::vector<std::string>{} : m.class_names;
    o.data_scale = m.data.scale;
    std::ostringstream d;
    d << "checkpoint " << std::filesystem::path(path).filename().string() << ": " << m.network.kind << ':'
      << m.network.preset << ", " << count_parameters(*net) << " parameters, predicts "
      << prediction_type_name(o.prediction) << ", " << weights_text(m, ema) << ", step " << m.step << ", data "
      << (m.data.name.empty() ? std::string("?") : m.data.name);
    o.clip_x0 = options.clip_x0 && o.data_scale.is_images();
    if (o.clip_x0) d << ", x0 clipped to [-1, 1]";
    o.description = d.str();
    return std::make_unique<NetworkDenoiser>(net, NoiseSchedule::from_options(m.schedule), o);
  } catch (const ModelLoadError&) {
    throw;
  } catch (const c10::Error& e) {
    throw ModelLoadError("checkpoint '" + path + "': cannot restore the network: " + e.what_without_backtrace());
  } catch (const std::exception& e) {
    throw ModelLoadError("checkpoint '" + path + "': " + e.what());
  }
}

std::unique_ptr<Denoiser> load_mixture_denoiser(const std::string& path, const std::string& text,
                                                const DenoiserLoadOptions& options) {
  nlohmann::json json;
  try {
    json = parse_json_text(text);
  } catch (const std::invalid_argument& e) {
    throw ModelLoadError("'" + path + "' is not valid JSON: " + e.what());
  }
  if (json.is_object() && !json.contains("weights") &&
      (json.contains("network") || json.contains("schedule_preset") || json.contains("sample_shape")))
    throw ModelLoadError("'" + path + "' is the sidecar of an imported model, not a model: pass the model file it " +
                         "describes (.safetensors or .pt) to --model");
  try {
    GaussianMixture mixture = parse_gaussian_mixture(json, path);
    std::vector<std::string> classes = mixture.classes;
    auto d = std::make_unique<GaussianMixtureDenoiser>(
        std::move(mixture), NoiseSchedule::from_options(options.schedule), std::move(classes));
    d->set_description("mixture " + std::filesystem::path(path).filename().string() + ": " + d->description() + ", " +
                       schedule_family_name(options.schedule.family) +
                       " schedule, T = " + std::to_string(options.schedule.timesteps) +
                       (options.schedule.zero_terminal_snr ? ", zero terminal SNR" : ""));
    return d;
  } catch (const ModelLoadError&) {
    throw;
  } catch (const std::exception& e) {
    const std::string what = e.what();
    throw ModelLoadError(what.find(path) != std::string::npos ? what : "'" + path + "': " + what);
  }
}

}  // namespace

std::unique_ptr<Denoiser> load_denoiser(const std::string& spec, const DenoiserLoadOptions& options) {
  std::string path;
  try {
    path = resolve_model_path(spec);
  } catch (const std::runtime_error& e) {
    throw ModelLoadError(e.what());
  }
  path = diffusers_folder_of(path);  // config.json or the weights of a diffusers folder: the folder
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    if (is_diffusers_folder(path)) return load_diffusers_denoiser(path, options);
    // A diffusers folder of another model class says which.
    for (const char* config : {"config.json", "unet/config.json"}) {
      const std::string file = (std::filesystem::path(path) / config).string();
      try {
        std::ifstream in(file);
        std::ostringstream text;
        text << in.rdbuf();
        const nlohmann::json j = parse_json_text(text.str());
        if (in && j.is_object() && j.contains("_class_name") && j.at("_class_name").is_string())
          throw ModelLoadError("'" + file + "': field '_class_name': \"" + j.at("_class_name").get<std::string>() +
                               "\": only diffusers' UNet2DModel opens (text-conditioned and latent models need parts " +
                               "Diffusion Lab does not have)");
      } catch (const std::invalid_argument&) {}
    }
    throw ModelLoadError("'" + path + "' is a folder but not a diffusers model (no config.json of a UNet2DModel, " +
                         "nor unet/config.json): pass a model file, or a diffusers UNet2DModel folder");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelLoadError("cannot open model file '" + path + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  const std::string magic(kCheckpointMagic);
  if (bytes.compare(0, magic.size(), magic) == 0) return load_checkpoint_denoiser(path, options);
  if (looks_like_safetensors(bytes)) return load_safetensors_denoiser(path, options);
  if (looks_like_torchscript(bytes)) return load_torchscript_denoiser(path, options);
  if (looks_like_torch_zip(bytes)) return load_torch_pickle_denoiser(path, options);
  if (bytes.compare(0, 1, "\x80") == 0)
    throw ModelLoadError("model file '" + path +
                         "' is a PyTorch pickle in the format before PyTorch 1.6: load it in Python and save it "
                         "again (torch.save(model.state_dict(), 'model.pt')), or as safetensors; see docs/import.md");
  const size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && bytes[first] == '{') return load_mixture_denoiser(path, bytes, options);
  if (bytes.empty()) throw ModelLoadError("model file '" + path + "' is empty");
  throw ModelLoadError(
      "model file '" + path +
      "' is neither a Diffusion Lab checkpoint (no DIFFLAB-CKPT header), safetensors, TorchScript nor a "
      "Gaussian-mixture JSON file");
}

}  // namespace difflab
