#include "model/imported_model.h"

#include "device/device_support.h"
#include "io/atomic_file.h"
#include "base/error_text.h"
#include "io/json_text.h"
#include "model/checkpoint_metadata.h"
#include "model/diffusers_import.h"
#include "io/safetensors.h"
#include "io/torch_pickle.h"
#include "model/network_denoiser.h"
#include "model/network_recognition.h"
#include "nn/class_labels.h"
#include "nn/diffusion_net.h"
#include "schedule/schedule_json.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/frontend/tracer.h>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/pickler.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace difflab {
namespace {

// torch.save's zip format for a dict of tensors, as torch::pickle_save writes it but without its type tags
// (torch.jit._pickle.restore_type_tag), which PyTorch's weights_only loader — torch.load's default since 2.6 —
// refuses: a plain dict, tensors through torch._utils._rebuild_tensor_v2.
std::string torch_save_bytes(const c10::Dict<std::string, at::Tensor>& dict) {
  std::vector<char> pickle;
  torch::jit::Pickler pickler([&](const char* buf, size_t size) { pickle.insert(pickle.end(), buf, buf + size); },
                              nullptr, nullptr, nullptr, nullptr, /*tag_aggregates=*/false);
  pickler.protocol();
  pickler.pushIValue(dict);
  pickler.stop();
  std::string out;
  caffe2::serialize::PyTorchStreamWriter writer([&](const void* bytes, size_t n) {
    out.append(static_cast<const char*>(bytes), n);
    return n;
  });
  torch::jit::writeArchiveAndTensors("data", pickle.data(), pickle.size(), pickler.tensorData(), writer);
  writer.writeEndOfFile();
  return out;
}

// DataParallel / DistributedDataParallel ("module.") and torch.compile ("_orig_mod.") prefix every name.
std::map<std::string, at::Tensor> without_wrapper_prefixes(std::map<std::string, at::Tensor> tensors) {
  for (bool stripped = true; stripped && !tensors.empty();) {
    stripped = false;
    for (const std::string prefix : {"module.", "_orig_mod."}) {
      bool all = true;
      for (const auto& [name, t] : tensors) all = all && name.compare(0, prefix.size(), prefix) == 0;
      if (!all) continue;
      std::map<std::string, at::Tensor> renamed;
      for (auto& [name, t] : tensors) renamed[name.substr(prefix.size())] = t;
      tensors = std::move(renamed);
      stripped = true;
    }
  }
  return tensors;
}

// The last line of a TorchScript error: its traceback's last line says what failed.
std::string last_line(std::string what) {
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
  const size_t last = what.find_last_of('\n');
  return last == std::string::npos ? what : what.substr(last + 1);
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
    try {
      return module_.forward(inputs).toTensor();
    } catch (const c10::Error& e) {
      throw std::runtime_error("the TorchScript module fails on x_t of shape " + shape_text(x_t.sizes()) + ": " +
                               last_line(e.what_without_backtrace()));
    }
  }
  bool takes_labels() const { return takes_labels_; }
  int64_t num_classes() const override { return num_classes_; }

 private:
  torch::jit::Module module_;
  int64_t num_classes_ = 0;
  bool takes_labels_ = false;
  torch::Tensor probe_;
};

std::string describe(const std::string& path, const std::string& what, const ImportSidecar& s, int64_t params,
                     const std::string& recognised = {}) {
  std::ostringstream d;
  d << what << ' ' << std::filesystem::path(path).filename().string() << ": ";
  if (!recognised.empty())
    d << recognised << " (recognised from the weights), ";
  else if (s.network)
    d << s.network->kind << ':' << s.network->preset << ", ";
  if (params >= 0) d << params << " parameters, ";
  d << "predicts " << prediction_type_name(s.prediction) << ", schedule " << schedule_options_to_json(s.schedule).dump()
    << " (sidecar " << std::filesystem::path(s.path).filename().string() << ")";
  return d.str();
}

std::string clip_text(const DataScale& scale) {
  return scale.model_min() < 0 ? ", x0 clipped to [-1, 1]" : ", x0 clipped to [0, 1]";
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

std::string import_sidecar_path(const std::string& model_path) {
  namespace fs = std::filesystem;
  const fs::path p(model_path);
  std::error_code ec;
  fs::path sidecar = fs::path(model_path + ".json");
  if (!fs::exists(sidecar, ec)) sidecar = p.parent_path() / (p.stem().string() + ".json");
  return fs::exists(sidecar, ec) && sidecar != p ? sidecar.string() : std::string();
}

ImportSidecar read_import_sidecar(const std::string& model_path) {
  namespace fs = std::filesystem;
  const fs::path p(model_path);
  const fs::path sidecar = import_sidecar_path(model_path);
  if (sidecar.empty())
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
    static const std::set<std::string> kKnown = {"network",    "sample_shape", "schedule",    "schedule_preset",
                                                 "prediction", "data",         "class_names", "norm_groups"};
    for (const auto& [key, value] : j.items()) {
      field = key;
      if (!kKnown.count(key))
        throw std::invalid_argument(
            "unknown field (expected network, sample_shape, schedule, schedule_preset, "
            "prediction, data, class_names, norm_groups)");
    }
    field = "norm_groups";
    if (j.contains("norm_groups")) {
      if (j.contains("network"))
        throw std::invalid_argument("with \"network\" given, put the group count in its options (num_groups)");
      const int64_t g = json_integer(j.at("norm_groups"));
      if (g < 1 || g > 4096) throw std::invalid_argument("expected 1..4096, got " + j.at("norm_groups").dump());
      s.norm_groups = g;
    }
    field = "network";
    if (j.contains("network")) {
      const nlohmann::json& n = j.at("network");
      if (!n.is_object() || !n.contains("kind") || !n.contains("sample_shape"))
        throw std::invalid_argument(
            "expected {\"kind\": \"mlp\" | \"simple-unet\" | \"ddpm-unet\", \"sample_shape\": "
            "[…], …}, or leave it out to recognise the architecture from the weights");
      s.network = network_config_from_json(n);
      s.sample_shape = s.network->sample_shape;
    }
    field = "sample_shape";
    if (j.contains("sample_shape")) s.sample_shape = json_integers(j.at("sample_shape"));
    if (j.contains("sample_shape") && (s.sample_shape.empty() || s.sample_shape.size() > 3))
      throw std::invalid_argument("expected [D] for points or [C, H, W] for images, got " +
                                  j.at("sample_shape").dump());
    for (int64_t d : s.sample_shape)
      if (d < 1 || d > 65536)
        throw std::invalid_argument("sizes must lie in 1..65536, got " + nlohmann::json(s.sample_shape).dump());
    field = "schedule";
    if (j.contains("schedule_preset") && j.contains("schedule"))
      throw std::invalid_argument("give \"schedule\" or \"schedule_preset\", not both");
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
    if (!data.is_object())
      throw std::invalid_argument("expected {\"kind\": \"images\" | \"points\", \"normalization\": …}, got " +
                                  data.dump());
    for (const auto& [key, value] : data.items())
      if (key != "kind" && key != "normalization")
        throw std::invalid_argument("unknown field '" + key + "' (expected kind, normalization)");
    for (const char* key : {"kind", "normalization"})
      if (data.contains(key) && !data.at(key).is_string())
        throw std::invalid_argument(std::string(key) + " must be a string, got " + data.at(key).dump());
    // Without a sample shape only the MLP opens (its weights give [D]): points.
    const std::string kind = data.value("kind", s.sample_shape.size() == 3 ? std::string("images") : "points");
    if (kind != "images" && kind != "points")
      throw std::invalid_argument("kind must be \"images\" or \"points\", got \"" + kind + "\"");
    if (kind == "images" && !s.sample_shape.empty() && s.sample_shape.size() != 3)
      throw std::invalid_argument("images need a sample_shape [C, H, W], got " + std::to_string(s.sample_shape.size()) +
                                  " dimension(s): say \"kind\": \"points\"");
    const std::string expected = kind == "images" ? std::string(DataScale::kImagesNormalization) : "identity";
    const std::string normalization = data.value("normalization", expected);
    // Samples are mapped back to data through this, so a normalisation Diffusion Lab cannot invert is refused
    // rather than shown wrongly. Images: [−1, 1] (x / 127.5 − 1) or [0, 1] (x / 255, torchvision's ToTensor()).
    // The formula exactly, optionally followed by " (…)": "x / 255 * 2 - 1" is [−1, 1], not [0, 1].
    const bool known = kind == "images" ? DataScale::normalization_is(normalization, "x / 127.5 - 1") ||
                                              DataScale::normalization_is(normalization, "x / 255")
                                        : normalization.rfind("identity", 0) == 0;
    if (!known)
      throw std::invalid_argument(
          "normalization \"" + normalization + "\" is not supported for " + kind +
          (kind == "images" ? " (expected \"" + expected + "\" or \"" + DataScale::kUnitImagesNormalization + "\")"
                            : " (expected \"" + expected + "\")"));
    s.scale = DataScale::from_checkpoint(kind, normalization);
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
  if (const std::string why = mismatch_text(missing, unexpected, misshaped); !why.empty())
    throw ModelLoadError("'" + source + "' does not match the architecture: " + why);
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

namespace {

// A checkpoint's network with the weights export writes (EMA when present and asked for).
struct NetworkForExport {
  std::shared_ptr<DiffusionNetImpl> net;
  CheckpointMetadata metadata;
  bool ema = false;
};

NetworkForExport network_for_export(const std::string& checkpoint, bool ema) {
  ModelCheckpoint c = read_model_checkpoint(checkpoint);
  NetworkForExport r;
  r.metadata = c.metadata;
  const bool use_ema_section = ema && c.sections.count("ema") > 0;
  // An inference checkpoint (difflab-cli export --out FILE.ckpt) holds the EMA weights in its "model" section.
  const CheckpointMetadata& m = c.metadata;
  const bool inference_ema = m.stored.is_object() && m.stored.contains("inference") &&
                             m.stored.at("inference").value("weights", std::string()) == "ema";
  r.ema = use_ema_section || inference_ema;
  const auto section = c.sections.find(use_ema_section ? "ema" : "model");
  if (section == c.sections.end()) throw ModelLoadError("checkpoint '" + checkpoint + "' lacks the 'model' section");
  r.net = make_network(m.network);
  module_from_bytes(*r.net, section->second);
  r.net->eval();
  return r;
}

// The sidecar export writes beside the file: what --model and docs/import.md's Python snippets need. A weights
// file names its network; a TorchScript module carries its architecture and needs only the sample shape.
nlohmann::json export_sidecar(const CheckpointMetadata& m, bool with_network) {
  nlohmann::json s = nlohmann::json::object();
  if (with_network)
    s["network"] = network_config_to_json(m.network);
  else
    s["sample_shape"] = m.network.sample_shape;
  s["schedule"] = schedule_options_to_json(m.schedule);
  s["prediction"] = prediction_type_name(m.objective.prediction);
  s["data"] = {{"kind", m.data.scale.kind}, {"normalization", m.data.scale.normalization}};
  s["class_names"] = m.network.num_classes > 0 ? m.class_names : std::vector<std::string>{};
  return s;
}

std::string sidecar_path_for(const std::string& out) {
  namespace fs = std::filesystem;
  return (fs::path(out).parent_path() / (fs::path(out).stem().string() + ".json")).string();
}

// A TorchScript class name for a module: "difflab::DdpmResBlockImpl" → "DdpmResBlock".
std::string script_class_name(const std::string& cpp_name) {
  std::string name = cpp_name.substr(cpp_name.rfind(':') == std::string::npos ? 0 : cpp_name.rfind(':') + 1);
  if (name.size() > 4 && name.compare(name.size() - 4, 4, "Impl") == 0) name.resize(name.size() - 4);
  std::string out;
  for (const char ch : name) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return out.empty() ? std::string("Module") : out;
}

// A TorchScript module tree that mirrors `module`'s, holding the *same* parameter and buffer tensors, so that the
// tracer records reads of them as attribute reads (as torch.jit.trace does for an nn.Module) and the state_dict
// names stay ours ("down.0.res.0.conv1.weight").
torch::jit::Module script_mirror(const torch::nn::Module& module,
                                 const std::shared_ptr<torch::jit::CompilationUnit>& cu) {
  torch::jit::Module m(c10::QualifiedName("__torch__.difflab." + script_class_name(module.name())), cu,
                       /*shouldMangle=*/true);
  m.register_attribute("training", c10::BoolType::get(), false);
  for (const auto& p : module.named_parameters(/*recurse=*/false)) m.register_parameter(p.key(), p.value(), false);
  for (const auto& b : module.named_buffers(/*recurse=*/false)) m.register_buffer(b.key(), b.value());
  for (const auto& child : module.named_children()) m.register_module(child.key(), script_mirror(*child.value(), cu));
  return m;
}

}  // namespace

ExportReport export_safetensors(const std::string& checkpoint, const std::string& out, bool ema) {
  namespace fs = std::filesystem;
  const NetworkForExport e = network_for_export(checkpoint, ema);
  const CheckpointMetadata& m = e.metadata;
  ExportReport r;
  r.ema = e.ema;
  SafetensorsFile file;
  file.tensors = named_tensors(*e.net);
  file.metadata = {{"format", "pt"},
                   {"difflab", "exported from " + fs::path(checkpoint).filename().string() + " (step " +
                                   std::to_string(m.step) + (r.ema ? ", EMA weights)" : ", raw weights)")}};
  const auto ends_with = [&](const char* suffix) {
    const std::string x(suffix);
    return out.size() >= x.size() && out.compare(out.size() - x.size(), x.size(), x) == 0;
  };
  if (ends_with(".pt") || ends_with(".pth")) {
    // torch.save's zip format (torch::pickle_save): Python's torch.load gives a dict of tensors, a state_dict
    // for load_state_dict; io/torch_pickle.h reads it back without Python.
    c10::Dict<std::string, at::Tensor> dict;
    for (const auto& [name, tensor] : file.tensors) dict.insert(name, tensor);
    write_file_atomically(out, torch_save_bytes(dict));
  } else {
    write_safetensors(out, file);
  }
  r.weights = out;
  r.sidecar = sidecar_path_for(out);
  write_file_atomically(r.sidecar, export_sidecar(m, /*with_network=*/true).dump(2) + "\n");
  r.tensors = static_cast<int64_t>(file.tensors.size());
  r.parameters = count_parameters(*e.net);
  return r;
}

ExportReport export_torchscript(const std::string& checkpoint, const std::string& out, bool ema) {
  const NetworkForExport e = network_for_export(checkpoint, ema);
  const CheckpointMetadata& m = e.metadata;
  // float32 copies on the CPU, so that the module runs anywhere and the trace holds no bf16 weights.
  e.net->to(torch::kCPU, torch::kFloat32);
  const bool conditional = e.net->num_classes() > 0;
  auto cu = std::make_shared<torch::jit::CompilationUnit>();
  torch::jit::Module module = script_mirror(*e.net, cu);

  // Example inputs: batch 2. Our networks take every size from the inputs' shapes except the batch, which they
  // leave to -1 and *_as, so the trace runs at any batch size (checked below at another one).
  std::vector<int64_t> shape = m.network.sample_shape;
  shape.insert(shape.begin(), 2);
  torch::jit::Stack inputs = {torch::randn(shape), torch::full({2}, 500.0)};
  if (conditional) inputs.emplace_back(torch::tensor({0, -1}, torch::kInt64));
  const std::vector<std::string> argument_names =
      conditional ? std::vector<std::string>{"x_t", "t", "y"} : std::vector<std::string>{"x_t", "t"};
  const auto traced = [&](torch::jit::Stack in) -> torch::jit::Stack {
    TrustedLabelsScope trusted;  // the labels check reads values (.item()), which a trace cannot record
    // t may come as int64 timesteps (diffusers' convention) or float training time (ours); the network wants float.
    const torch::Tensor t = in.at(1).toTensor().to(torch::kFloat32);
    const torch::Tensor y = conditional ? in.at(2).toTensor() : torch::Tensor();
    return {e.net->forward(in.at(0).toTensor(), t, y)};
  };
  std::shared_ptr<torch::jit::Graph> graph;
  {
    torch::NoGradGuard no_grad;
    graph = torch::jit::tracer::trace(
                inputs, traced, [](const torch::autograd::Variable&) { return std::string(); },
                /*strict=*/false, /*force_outplace=*/false, &module, argument_names)
                .first->graph;
  }
  torch::jit::Function* forward = cu->create_function(c10::QualifiedName(*module.type()->name(), "forward"), graph);
  module.type()->addMethod(forward);

  // The trace against the network at another batch size: a size baked into the trace fails here, not in Python.
  {
    torch::NoGradGuard no_grad;
    TrustedLabelsScope trusted;
    std::vector<int64_t> shape3 = m.network.sample_shape;
    shape3.insert(shape3.begin(), 3);
    const torch::Tensor x = torch::randn(shape3), t = torch::tensor({1.0, 250.5, 999.0});
    const torch::Tensor y = conditional ? torch::tensor({1, -1, 0}, torch::kInt64) : torch::Tensor();
    std::vector<torch::jit::IValue> args = {x, t};
    if (conditional) args.emplace_back(y);
    const torch::Tensor expected = e.net->forward(x, t, y);
    const torch::Tensor got = module.forward(args).toTensor();
    const double scale = expected.abs().max().item<double>() + 1.0;
    if (got.sizes() != expected.sizes() || (got - expected).abs().max().item<double>() > 1e-4 * scale)
      throw std::logic_error(
          "export: the traced module differs from the network at batch 3 (a size baked into "
          "the trace)");
  }
  std::ostringstream bytes;
  module.save(bytes);
  write_file_atomically(out, bytes.str());
  ExportReport r;
  r.ema = e.ema;
  r.weights = out;
  r.sidecar = sidecar_path_for(out);
  write_file_atomically(r.sidecar, export_sidecar(m, /*with_network=*/false).dump(2) + "\n");
  r.tensors = static_cast<int64_t>(e.net->named_parameters().size() + e.net->named_buffers().size());
  r.parameters = count_parameters(*e.net);
  return r;
}

namespace {

// Weights of one of our architectures (named as our modules name them), with the sidecar's settings.
std::unique_ptr<Denoiser> weights_denoiser(const std::string& path, const std::string& what,
                                           const std::map<std::string, at::Tensor>& file_tensors,
                                           const DenoiserLoadOptions& options) {
  const std::map<std::string, at::Tensor> tensors = without_wrapper_prefixes(file_tensors);
  ImportSidecar s = read_import_sidecar(path);
  std::string recognised;  // what the weights say, when the sidecar does not
  if (!s.network) {
    // No architecture in the sidecar: the weights' names and shapes say which of ours it is.
    std::optional<RecognisedNetwork> r = recognise_network(tensors);
    if (!r)
      throw ModelLoadError("'" + path + "': its parameter names are none of Diffusion Lab's architectures (mlp, " +
                           "simple-unet, ddpm-unet): give \"network\" in the sidecar '" + s.path + "' if they are, " +
                           "or save the module as TorchScript (docs/import.md)");
    if (r->needs_image_size && s.sample_shape.size() != 3)
      throw ModelLoadError("sidecar '" + s.path + "': field 'sample_shape': the weights are a " + r->summary +
                           "; give the image size, e.g. \"sample_shape\": [" +
                           std::to_string(r->config.sample_shape[0]) + ", 32, 32]");
    if (r->needs_image_size && s.sample_shape[0] != r->config.sample_shape[0])
      throw ModelLoadError("sidecar '" + s.path + "': field 'sample_shape': " + std::to_string(s.sample_shape[0]) +
                           " channels, but the weights are a " + r->summary);
    s.network = r->needs_image_size ? with_image_size(*r, s.sample_shape[1], s.sample_shape[2]) : r->config;
    if (s.norm_groups) {
      // GroupNorm's group count is not in the weights (network_recognition.h): the sidecar's replaces the guess.
      if (s.network->kind != "ddpm-unet")
        throw ModelLoadError("sidecar '" + s.path + "': field 'norm_groups': the weights are a " + r->summary +
                             ", which has no GroupNorm; leave it out");
      for (int64_t m : s.network->ddpm_unet.ch_mult)
        if ((s.network->ddpm_unet.ch * m) % *s.norm_groups != 0)
          throw ModelLoadError("sidecar '" + s.path + "': field 'norm_groups': " + std::to_string(*s.norm_groups) +
                               " does not divide the channel count " + std::to_string(s.network->ddpm_unet.ch * m));
      s.network->ddpm_unet.num_groups = *s.norm_groups;
      r->summary += ", GroupNorm groups " + std::to_string(*s.norm_groups) + " (sidecar)";
    }
    s.sample_shape = s.network->sample_shape;
    recognised = r->summary;
  }
  const int64_t classes = s.network->num_classes;
  if (classes > 0 && !s.class_names.empty() && static_cast<int64_t>(s.class_names.size()) != classes)
    throw ModelLoadError("sidecar '" + s.path + "': field 'class_names': " + std::to_string(s.class_names.size()) +
                         " names, but the network has " + std::to_string(classes) + " classes");
  if (classes == 0 && !s.class_names.empty())
    throw ModelLoadError("sidecar '" + s.path + "': field 'class_names': the network has no class embedding " +
                         "(unconditional); leave the names out");
  if (classes > 0 && s.class_names.empty())
    for (int64_t k = 0; k < classes; ++k) s.class_names.push_back(std::to_string(k));
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
  o.description = describe(path, what, s, count_parameters(*net), recognised);
  if (o.clip_x0) o.description += clip_text(o.data_scale);
  return std::make_unique<NetworkDenoiser>(net, NoiseSchedule::from_options(s.schedule), o);
}

}  // namespace

namespace {
std::string read_head(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelLoadError("cannot open model file '" + path + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}
}  // namespace

bool needs_import_sidecar(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  const std::string head = read_head(path, 64);
  // safetensors: a little-endian u64 header length that fits the file, then the JSON header's '{'. (The head
  // alone cannot hold the header, so looks_like_safetensors(head) would say no for every real file.)
  if (head.size() >= 9 && head[8] == '{') {
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(head[static_cast<size_t>(i)]);
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && n >= 2 && n <= size - 8) return true;
  }
  return head.compare(0, 4, std::string("PK\x03\x04", 4)) == 0;  // torch.save and TorchScript are zips
}

ImportInspection inspect_import(const std::string& path) {
  namespace fs = std::filesystem;
  if (is_diffusers_folder(diffusers_folder_of(path))) return inspect_diffusers_folder(diffusers_folder_of(path));
  ImportInspection r;
  const std::string bytes = read_all(path);
  if (looks_like_safetensors(bytes)) {
    r.format = "safetensors";
    try {
      r.network = recognise_network(without_wrapper_prefixes(parse_safetensors(bytes, path).tensors));
    } catch (const SafetensorsError& e) {
      throw ModelLoadError(e.what());
    }
  } else if (looks_like_torchscript(bytes)) {
    r.format = "TorchScript";
    try {
      torch::jit::Module m = torch::jit::load(path);
      r.takes_labels = m.get_method("forward").function().getSchema().arguments().size() >= 4;
    } catch (const c10::Error& e) {
      throw ModelLoadError("TorchScript file '" + path + "': cannot load it: " + e.what_without_backtrace());
    }
  } else if (looks_like_torch_zip(bytes)) {
    try {
      const TorchStateDict sd = read_torch_state_dict(path);
      r.format = "PyTorch " + sd.found;
      r.network = recognise_network(without_wrapper_prefixes(sd.tensors));
    } catch (const TorchPickleError& e) {
      throw ModelLoadError(e.what());
    }
  } else {
    throw ModelLoadError("'" + path + "' is not safetensors, a torch.save file or TorchScript");
  }
  const fs::path p(path);
  r.sidecar_path = (p.parent_path() / (p.stem().string() + ".json")).string();
  if (fs::exists(path + ".json")) {
    r.sidecar_path = path + ".json";
  } else if (fs::exists(r.sidecar_path)) {
    // STEM.json may be some other file of the user's (model.json beside model.pt): not a sidecar if it has none
    // of a sidecar's fields. Then the settings go to FILE.json, which is read first, and it stays untouched.
    bool sidecar_like = false;
    try {
      const nlohmann::json j = parse_json_text(read_all(r.sidecar_path));
      for (const char* key : {"network", "sample_shape", "schedule", "schedule_preset", "prediction", "data",
                              "class_names", "norm_groups"})
        sidecar_like = sidecar_like || (j.is_object() && j.contains(key));
    } catch (const std::exception&) {}
    if (!sidecar_like) r.sidecar_path = path + ".json";
  }
  if (fs::exists(r.sidecar_path)) {
    try {
      r.sidecar = read_import_sidecar(path);
      if (!r.sidecar->network && r.network && r.network->needs_image_size && r.sidecar->sample_shape.size() != 3)
        r.sidecar_error = "sidecar '" + r.sidecar->path + "': field 'sample_shape': missing; the weights are a " +
                          r.network->summary + ", whose image size is not in the weights";
    } catch (const ModelLoadError& e) {
      r.sidecar_error = e.what();
    }
  }
  return r;
}

void write_import_sidecar(const std::string& sidecar_path, const ImportSidecar& s) {
  nlohmann::json j;
  if (s.network) j["network"] = network_config_to_json(*s.network);
  if (!s.sample_shape.empty()) j["sample_shape"] = s.sample_shape;
  if (s.norm_groups && !s.network) j["norm_groups"] = *s.norm_groups;
  j["schedule"] = schedule_options_to_json(s.schedule);
  j["prediction"] = prediction_type_name(s.prediction);
  j["data"] = {{"kind", s.scale.kind}, {"normalization", s.scale.normalization}};
  j["class_names"] = s.class_names;
  write_file_atomically(sidecar_path, j.dump(2) + "\n");
}

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
  if (s.norm_groups)
    throw ModelLoadError("sidecar '" + s.path + "': field 'norm_groups': a TorchScript module carries its own " +
                         "architecture; leave it out");
  if (s.sample_shape.empty())
    throw ModelLoadError("sidecar '" + s.path + "': field 'sample_shape': a TorchScript module needs the shape of " +
                         "one sample, e.g. [3, 32, 32] or [2]");
  const torch::Device device = parse_training_device(options.device);
  torch::jit::Module module;
  try {
    module = torch::jit::load(path, device);
  } catch (const c10::Error& e) {
    throw ModelLoadError("TorchScript file '" + path + "': cannot load it: " + e.what_without_backtrace());
  }
  const int64_t classes = static_cast<int64_t>(s.class_names.size());
  auto net = std::make_shared<TorchScriptNetImpl>(std::move(module), classes, device);
  if (classes > 0 && !net->takes_labels())
    throw ModelLoadError("sidecar '" + s.path + "': field 'class_names': the module's forward takes no class " +
                         "labels (x_t, t): leave the names out, or trace forward(x_t, t, y)");
  // One call on a test batch, so that a wrong signature or shape is reported now, not in the middle of a chain.
  // Batch 3: the docs' trace example uses 2, and a trace that baked its batch size in must fail here.
  std::vector<int64_t> shape = s.sample_shape;
  shape.insert(shape.begin(), 3);
  try {
    torch::NoGradGuard no_grad;
    const auto x = torch::zeros(shape, torch::TensorOptions().device(device));
    const auto out = net->forward(x, torch::full({3}, 1.0, torch::TensorOptions().device(device)), {});
    if (out.sizes() != x.sizes())
      throw std::invalid_argument("it returned shape " + shape_text(out.sizes()) + " for input " +
                                  shape_text(x.sizes()));
  } catch (const std::exception& e) {
    const auto* c10_error = dynamic_cast<const c10::Error*>(&e);
    const std::string what = last_line(c10_error ? c10_error->what_without_backtrace() : e.what());
    throw ModelLoadError("TorchScript file '" + path + "': forward(x_t, t[, y]) fails on a test batch of shape " +
                         shape_text(shape) + " (the sidecar's sample_shape; x_t comes first, then t): " + what);
  }
  NetworkDenoiserOptions o = denoiser_options(s, options, classes);
  o.description = describe(path, "TorchScript", s, -1);
  if (o.clip_x0) o.description += clip_text(o.data_scale);
  return std::make_unique<NetworkDenoiser>(net, NoiseSchedule::from_options(s.schedule), o);
}

}  // namespace difflab
