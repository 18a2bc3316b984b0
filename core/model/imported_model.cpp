#include "model/imported_model.h"

#include "device/device_support.h"
#include "io/atomic_file.h"
#include "io/json_text.h"
#include "model/checkpoint_metadata.h"
#include "io/safetensors.h"
#include "io/torch_pickle.h"
#include "model/network_denoiser.h"
#include "nn/diffusion_net.h"
#include "schedule/schedule_json.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace difflab {
namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < 5; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > 5) out += ", … (" + std::to_string(names.size()) + " in all)";
  return out;
}

std::string shape_text(at::IntArrayRef s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

// A TorchScript module as a DiffusionNet, so that NetworkDenoiser (parameterisations, batching, guidance)
// treats it like our own networks.
class TorchScriptNetImpl : public DiffusionNetImpl {
 public:
  TorchScriptNetImpl(torch::jit::Module module, int64_t num_classes, torch::Device device)
      : module_(std::move(module)), num_classes_(num_classes) {
    module_.eval();
    module_.to(device);
    // The schema counts `self`: forward(self, x, t) or forward(self, x, t, y).
    takes_labels_ = module_.get_method("forward").function().getSchema().arguments().size() >= 4;
    probe_ = register_buffer("device_probe", torch::zeros({1}, torch::TensorOptions().device(device)));
  }
  torch::Tensor forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override {
    std::vector<torch::jit::IValue> inputs = {x_t, t.to(torch::kFloat32)};
    if (takes_labels_)
      inputs.emplace_back(y.defined() ? y : torch::full({x_t.size(0)}, -1, t.options().dtype(torch::kInt64)));
    return module_.forward(inputs).toTensor();
  }
  int64_t num_classes() const override { return num_classes_; }

 private:
  torch::jit::Module module_;
  int64_t num_classes_ = 0;
  bool takes_labels_ = false;
  torch::Tensor probe_;
};

std::string describe(const std::string& path, const std::string& what, const ImportSidecar& s, int64_t params) {
  std::ostringstream d;
  d << what << ' ' << std::filesystem::path(path).filename().string() << ": ";
  if (s.network) d << s.network->kind << ':' << s.network->preset << ", ";
  if (params >= 0) d << params << " parameters, ";
  d << "predicts " << prediction_type_name(s.prediction) << ", schedule " << schedule_options_to_json(s.schedule).dump()
    << " (sidecar " << std::filesystem::path(s.path).filename().string() << ")";
  return d.str();
}

NetworkDenoiserOptions denoiser_options(const ImportSidecar& s, const DenoiserLoadOptions& options, int64_t classes) {
  NetworkDenoiserOptions o;
  o.prediction = s.prediction;
  o.batch_size = options.batch_size;
  o.sample_shape = s.sample_shape;
  o.class_names = classes > 0 ? s.class_names : std::vector<std::string>{};
  o.data_scale = s.scale;
  o.clip_x0 = options.clip_x0 && s.scale.is_images();
  return o;
}

}  // namespace

ScheduleOptions notebook_schedule() {
  ScheduleOptions o;
  o.family = ScheduleFamily::Linear;
  o.timesteps = 300;
  o.beta_start = 1e-4;
  o.beta_end = 0.02;
  return o;
}

ImportSidecar read_import_sidecar(const std::string& model_path) {
  namespace fs = std::filesystem;
  const fs::path p(model_path);
  fs::path sidecar = fs::path(model_path + ".json");
  if (!fs::exists(sidecar)) sidecar = p.parent_path() / (p.stem().string() + ".json");
  if (!fs::exists(sidecar) || sidecar == p)
    throw ModelLoadError("model file '" + model_path + "' needs a sidecar '" + (p.stem().string() + ".json") +
                         "' next to it with {\"schedule\" or \"schedule_preset\", \"prediction\", \"data\", "
                         "\"network\" (weights) or \"sample_shape\" (TorchScript)}: see docs/import.md");
  ImportSidecar s;
  s.path = sidecar.string();
  std::ifstream in(sidecar);
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json j;
  try {
    j = parse_json_text(text.str());
  } catch (const std::invalid_argument& e) {
    throw ModelLoadError("sidecar '" + s.path + "' is not valid JSON: " + e.what());
  }
  std::string field;
  try {
    if (!j.is_object()) throw std::invalid_argument("expected a JSON object");
    static const std::set<std::string> kKnown = {"network",    "sample_shape", "schedule",   "schedule_preset",
                                                 "prediction", "data",         "class_names"};
    for (const auto& [key, value] : j.items()) {
      field = key;
      if (!kKnown.count(key))
        throw std::invalid_argument(
            "unknown field (expected network, sample_shape, schedule, schedule_preset, "
            "prediction, data, class_names)");
    }
    field = "network";
    if (j.contains("network")) {
      s.network = network_config_from_json(j.at("network"));
      s.sample_shape = s.network->sample_shape;
    }
    field = "sample_shape";
    if (j.contains("sample_shape")) s.sample_shape = j.at("sample_shape").get<std::vector<int64_t>>();
    if (s.sample_shape.empty()) throw std::invalid_argument("missing: give \"sample_shape\" or \"network\"");
    field = "schedule";
    if (j.contains("schedule_preset")) {
      field = "schedule_preset";
      if (j.at("schedule_preset") != "notebook")
        throw std::invalid_argument("unknown preset " + j.at("schedule_preset").dump() + " (expected \"notebook\")");
      s.schedule = notebook_schedule();
    } else if (j.contains("schedule")) {
      s.schedule = schedule_options_from_json(j.at("schedule"));
    } else {
      throw std::invalid_argument("missing: give \"schedule\" or \"schedule_preset\": \"notebook\"");
    }
    field = "prediction";
    s.prediction = parse_prediction_type(j.value("prediction", std::string("eps")));
    field = "data";
    const nlohmann::json data = j.value("data", nlohmann::json::object());
    const std::string kind = data.value("kind", s.sample_shape.size() == 3 ? std::string("images") : "points");
    if (kind != "images" && kind != "points")
      throw std::invalid_argument("kind must be \"images\" or \"points\", got \"" + kind + "\"");
    s.scale = DataScale::from_checkpoint(
        kind,
        data.value("normalization", kind == "images" ? std::string(DataScale::kImagesNormalization) : "identity"));
    field = "class_names";
    s.class_names = j.value("class_names", std::vector<std::string>{});
  } catch (const std::exception& e) {
    throw ModelLoadError("sidecar '" + s.path + "': field '" + field + "': " + e.what());
  }
  return s;
}

void load_named_tensors(torch::nn::Module& module, const std::map<std::string, at::Tensor>& tensors,
                        const std::string& source) {
  std::map<std::string, at::Tensor> targets;
  for (const auto& p : module.named_parameters(true)) targets[p.key()] = p.value();
  for (const auto& b : module.named_buffers(true)) targets[b.key()] = b.value();
  std::vector<std::string> missing, unexpected, misshaped;
  for (const auto& [name, target] : targets) {
    const auto it = tensors.find(name);
    if (it == tensors.end()) {
      missing.push_back(name);
    } else if (it->second.sizes() != target.sizes()) {
      misshaped.push_back(name + " " + shape_text(it->second.sizes()) + " (expected " + shape_text(target.sizes()) +
                          ")");
    }
  }
  for (const auto& [name, tensor] : tensors)
    if (!targets.count(name)) unexpected.push_back(name);
  if (!missing.empty() || !unexpected.empty() || !misshaped.empty()) {
    std::string why;
    if (!missing.empty()) why += "missing " + join_names(missing);
    if (!unexpected.empty()) why += std::string(why.empty() ? "" : "; ") + "unexpected " + join_names(unexpected);
    if (!misshaped.empty()) why += std::string(why.empty() ? "" : "; ") + "mis-shaped " + join_names(misshaped);
    throw ModelLoadError("'" + source + "' does not match the architecture: " + why);
  }
  torch::NoGradGuard no_grad;
  for (auto& [name, target] : targets) target.copy_(tensors.at(name).to(target.scalar_type()));
}

std::map<std::string, at::Tensor> named_tensors(const torch::nn::Module& module) {
  std::map<std::string, at::Tensor> out;
  for (const auto& p : module.named_parameters(true))
    out[p.key()] = p.value().detach().to(torch::kCPU, torch::kFloat32).clone();
  for (const auto& b : module.named_buffers(true)) out[b.key()] = b.value().detach().to(torch::kCPU).clone();
  return out;
}

bool looks_like_torchscript(const std::string& bytes) {
  if (bytes.compare(0, 4, std::string("PK\x03\x04", 4)) != 0) return false;
  return bytes.find("constants.pkl") != std::string::npos || bytes.find("/code/") != std::string::npos;
}

ExportReport export_safetensors(const std::string& checkpoint, const std::string& out, bool ema) {
  namespace fs = std::filesystem;
  const ModelCheckpoint c = read_model_checkpoint(checkpoint);
  const CheckpointMetadata& m = c.metadata;
  ExportReport r;
  r.ema = ema && c.sections.count("ema") > 0;
  const auto section = c.sections.find(r.ema ? "ema" : "model");
  if (section == c.sections.end()) throw ModelLoadError("checkpoint '" + checkpoint + "' lacks the 'model' section");
  auto net = make_network(m.network);
  module_from_bytes(*net, section->second);
  SafetensorsFile file;
  file.tensors = named_tensors(*net);
  file.metadata = {{"format", "pt"},
                   {"difflab", "exported from " + fs::path(checkpoint).filename().string() + " (step " +
                                   std::to_string(m.step) + (r.ema ? ", EMA weights)" : ", raw weights)")}};
  write_safetensors(out, file);
  const nlohmann::json sidecar = {
      {"network", network_config_to_json(m.network)},
      {"schedule", schedule_options_to_json(m.schedule)},
      {"prediction", prediction_type_name(m.objective.prediction)},
      {"data", {{"kind", m.data.scale.kind}, {"normalization", m.data.scale.normalization}}},
      {"class_names", m.network.num_classes > 0 ? m.class_names : std::vector<std::string>{}}};
  r.weights = out;
  r.sidecar = (fs::path(out).parent_path() / (fs::path(out).stem().string() + ".json")).string();
  write_file_atomically(r.sidecar, sidecar.dump(2) + "\n");
  r.tensors = static_cast<int64_t>(file.tensors.size());
  r.parameters = count_parameters(*net);
  return r;
}

namespace {

// Weights of one of our architectures (named as our modules name them), with the sidecar's settings.
std::unique_ptr<Denoiser> weights_denoiser(const std::string& path, const std::string& what,
                                           const std::map<std::string, at::Tensor>& tensors,
                                           const DenoiserLoadOptions& options) {
  const ImportSidecar s = read_import_sidecar(path);
  if (!s.network)
    throw ModelLoadError("sidecar '" + s.path + "': field 'network': a weights file needs its architecture, e.g. " +
                         "{\"kind\": \"simple-unet\", \"preset\": \"notebook\", \"sample_shape\": [3, 64, 64]}; for " +
                         "another architecture, save the module as TorchScript (docs/import.md)");
  std::shared_ptr<DiffusionNetImpl> net;
  try {
    net = make_network(*s.network);
  } catch (const std::exception& e) {
    throw ModelLoadError("sidecar '" + s.path + "': field 'network': " + e.what());
  }
  load_named_tensors(*net, tensors, path);
  net->to(parse_training_device(options.device));
  net->eval();
  NetworkDenoiserOptions o = denoiser_options(s, options, s.network->num_classes);
  o.description = describe(path, what, s, count_parameters(*net));
  return std::make_unique<NetworkDenoiser>(net, NoiseSchedule::from_options(s.schedule), o);
}

}  // namespace

std::unique_ptr<Denoiser> load_safetensors_denoiser(const std::string& path, const DenoiserLoadOptions& options) {
  SafetensorsFile file;
  try {
    file = read_safetensors(path);
  } catch (const SafetensorsError& e) {
    throw ModelLoadError(e.what());
  }
  return weights_denoiser(path, "safetensors", file.tensors, options);
}

std::unique_ptr<Denoiser> load_torch_pickle_denoiser(const std::string& path, const DenoiserLoadOptions& options) {
  TorchStateDict sd;
  try {
    sd = read_torch_state_dict(path);
  } catch (const TorchPickleError& e) {
    throw ModelLoadError(e.what());
  }
  return weights_denoiser(path, "PyTorch " + sd.found, sd.tensors, options);
}

std::unique_ptr<Denoiser> load_torchscript_denoiser(const std::string& path, const DenoiserLoadOptions& options) {
  const ImportSidecar s = read_import_sidecar(path);
  const torch::Device device = parse_training_device(options.device);
  torch::jit::Module module;
  try {
    module = torch::jit::load(path, device);
  } catch (const c10::Error& e) {
    throw ModelLoadError("TorchScript file '" + path + "': cannot load it: " + e.what_without_backtrace());
  }
  const int64_t classes = static_cast<int64_t>(s.class_names.size());
  auto net = std::make_shared<TorchScriptNetImpl>(std::move(module), classes, device);
  // One call on a test batch, so that a wrong signature or shape is reported now, not in the middle of a chain.
  std::vector<int64_t> shape = s.sample_shape;
  shape.insert(shape.begin(), 2);
  try {
    torch::NoGradGuard no_grad;
    const auto x = torch::zeros(shape, torch::TensorOptions().device(device));
    const auto out = net->forward(x, torch::full({2}, 1.0, torch::TensorOptions().device(device)), {});
    if (out.sizes() != x.sizes())
      throw std::invalid_argument("it returned shape " + shape_text(out.sizes()) + " for input " +
                                  shape_text(x.sizes()));
  } catch (const std::exception& e) {
    // TorchScript errors carry the script's traceback: its last line says what failed.
    const auto* c10_error = dynamic_cast<const c10::Error*>(&e);
    std::string what = c10_error ? c10_error->what_without_backtrace() : e.what();
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    const size_t last = what.find_last_of('\n');
    if (last != std::string::npos) what = what.substr(last + 1);
    throw ModelLoadError("TorchScript file '" + path + "': forward(x_t, t[, y]) fails on a test batch of shape " +
                         shape_text(shape) + " (the sidecar's sample_shape; x_t comes first, then t): " + what);
  }
  NetworkDenoiserOptions o = denoiser_options(s, options, classes);
  o.description = describe(path, "TorchScript", s, -1);
  return std::make_unique<NetworkDenoiser>(net, NoiseSchedule::from_options(s.schedule), o);
}

}  // namespace difflab
