// difflab-cli info: describes a checkpoint (after verifying its header, lengths and checksum).
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "io/checkpoint.h"
#include "model/imported_model.h"
#include "model/model_loader.h"
#include "model/model_zoo.h"
#include "model/network_classifier.h"
#include "schedule/schedule_json.h"
#include "model/checkpoint_metadata.h"
#include "schedule/schedule_json.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <iostream>

namespace difflab::cli {

const char* const kInfoUsage =
    "difflab-cli info MODEL [--json]\n"
    "  Verifies a checkpoint (magic, format version, lengths, CRC-32) and describes it: network, parameters,\n"
    "  data shape and normalisation, classes, schedule, objective, training state and sections.\n"
    "  --json prints the metadata as JSON. Exit status 1 when the file is truncated, corrupt or foreign.\n"
    "  Any other model (safetensors, torch.save, TorchScript, a diffusers folder, a Gaussian mixture) is opened\n"
    "  as --model opens it and described: what was recognised, sample shape, classes, data, schedule.\n";

namespace {
template <class T>
std::string join(const std::vector<T>& values) {
  std::ostringstream o;
  for (size_t i = 0; i < values.size(); ++i) o << (i ? ", " : "") << values[i];
  return o.str();
}
std::string number_or_none(const std::optional<double>& v) { return v ? std::to_string(*v) : "none"; }

bool is_difflab_checkpoint(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  std::string head(sizeof(kCheckpointMagic) - 1, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  return !in || head == kCheckpointMagic;  // an unreadable file goes on to read_model_checkpoint's message
}

// Imported models (model/imported_model.h, model/diffusers_import.h) and mixtures: what the loader recognised.
int describe_other_model(const std::string& spec, bool json) {
  std::unique_ptr<Denoiser> d;
  const DenoiserLoadOptions options;  // a named object: GCC 12 warns (wrongly) about a temporary's vector
  try {
    d = load_denoiser(spec, options);
  } catch (const ModelLoadError& e) {
    // A file from PyTorch that does not open yet (no sidecar, or one that lacks something): say what it is
    // before saying what is missing.
    const std::string path = resolve_model_path(spec);
    if (!json && needs_import_sidecar(path)) {
      try {
        const ImportInspection r = inspect_import(path);
        std::cout << "model        " << spec << '\n' << "format       " << r.format << '\n';
        if (r.format == "TorchScript")
          std::cout << "forward      " << (r.takes_labels ? "(x_t, t, y): class-conditional" : "(x_t, t)") << '\n';
        else
          std::cout << "recognised   " << (r.network ? r.network->summary : std::string("none of our architectures"))
                    << '\n';
        std::cout << "sidecar      " << r.sidecar_path << (r.sidecar ? "" : " (missing)") << '\n';
      } catch (const std::exception&) {}
    }
    throw;
  }
  const std::optional<ScheduleOptions>& schedule = d->schedule().options();
  const nlohmann::json schedule_json =
      schedule ? schedule_options_to_json(*schedule)
               : nlohmann::json("explicit beta table, T = " + std::to_string(d->schedule().timesteps()));
  if (json) {
    std::cout << nlohmann::json{{"model", spec},
                                {"description", d->description()},
                                {"sample_shape", d->sample_shape()},
                                {"class_names", d->class_names()},
                                {"data",
                                 {{"kind", d->data_scale().kind}, {"normalization", d->data_scale().normalization}}},
                                {"schedule", schedule_json}}
                     .dump(2)
              << '\n';
    return 0;
  }
  const std::vector<std::string> classes = d->class_names();
  std::cout << "model        " << spec << '\n'
            << "recognised   " << d->description() << '\n'
            << "sample shape [" << join(d->sample_shape()) << "]\n"
            << "classes      " << (classes.empty() ? std::string("none (unconditional)") : join(classes)) << '\n'
            << "data         \"" << d->data_scale().kind << "\", \"" << d->data_scale().normalization << "\"\n"
            << "schedule     " << schedule_json.dump() << '\n';
  return 0;
}
}  // namespace

int run_info(const Args& args) {
  std::vector<std::string> flags;
  std::string path;
  for (const auto& a : args) (a.rfind("--", 0) == 0 ? flags.emplace_back(a) : path = a);
  ArgParser p(flags, {}, {"json"});
  if (path.empty()) throw CliError("missing the checkpoint file");
  if (!is_difflab_checkpoint(resolve_model_path(path))) return describe_other_model(path, p.flag("json"));
  if (is_classifier_checkpoint(path)) {  // train-classifier's checkpoints
    const ClassifierCheckpoint c = read_classifier_checkpoint(path);
    if (p.flag("json")) {
      std::cout << read_checkpoint(resolve_model_path(path)).metadata.dump(2) << '\n';
      return 0;
    }
    int64_t parameters = 0;
    for (const auto& t : c.net->parameters()) parameters += t.numel();
    std::cout << "classifier   " << path << '\n'
              << "network      " << c.network.to_json().dump() << " (" << parameters << " parameters)\n"
              << "schedule     " << schedule_options_to_json(c.schedule).dump() << '\n'
              << "data         " << c.data_name << " (" << c.class_names.size() << " classes)\n"
              << "step         " << c.step << '\n'
              << "accuracy     " << c.accuracy.dump() << " (test images, by training time t)\n";
    return 0;
  }
  const ModelCheckpoint c = read_model_checkpoint(path);
  const CheckpointMetadata& m = c.metadata;
  if (p.flag("json")) {
    std::cout << m.stored.dump(2) << '\n';
    return 0;
  }
  const ObjectiveOptions& obj = m.objective;
  const TrainerOptions& tr = m.trainer;
  nlohmann::json net_options = network_config_to_json(m.network).value("options", nlohmann::json::object());
  std::cout << "checkpoint   " << path << " (format " << m.format_version << ", \"" << m.created_by << "\")\n"
            << "network      " << m.network.kind << ':' << m.network.preset << ", " << m.parameters
            << " parameters, options " << net_options.dump() << '\n'
            << "data         \"" << m.data.name << "\", \"" << m.data.scale.kind << "\", sample shape ["
            << join(m.data.sample_shape) << "], " << m.data.num_samples << " samples\n"
            << "normalise    \"" << m.data.scale.normalization << "\"\n"
            << "classes      " << (m.class_names.empty() ? std::string("none") : join(m.class_names))
            << (m.network.num_classes > 0 ? " (class-conditional, null class -1)" : " (unconditional)") << '\n'
            << "schedule     " << schedule_options_to_json(m.schedule).dump() << '\n'
            << "objective    predict " << prediction_type_name(obj.prediction) << ", loss " << loss_kind_name(obj.loss)
            << ", weighting " << loss_weighting_name(obj.weighting) << ", t ~ "
            << timestep_sampling_name(obj.t_sampling) << ", p_uncond " << obj.p_uncond << '\n'
            << "training     step " << m.step << " of " << tr.total_steps << ", last loss "
            << number_or_none(m.last_loss) << ", batch " << tr.batch_size << ", lr " << tr.lr << ", EMA "
            << tr.ema_decay << ", seed " << m.seed << ", device " << tr.device << '\n'
            << "sections    ";
  for (const auto& [name, bytes] : c.sections) std::cout << ' ' << name << " (" << bytes.size() << " bytes)";
  std::cout << '\n';
  // Inference checkpoints (difflab-cli export --out FILE.ckpt): how they were made and how good they are.
  if (m.stored.contains("inference")) std::cout << "inference    " << m.stored.at("inference").dump() << '\n';
  if (m.stored.contains("recipe")) {
    const nlohmann::json& r = m.stored.at("recipe");
    if (r.contains("command")) std::cout << "command      " << r.at("command").get<std::string>() << '\n';
    if (r.contains("commit")) std::cout << "commit       " << r.at("commit").get<std::string>() << '\n';
  }
  if (m.stored.contains("quality") && m.stored.at("quality").is_array())
    for (const nlohmann::json& q : m.stored.at("quality")) {
      std::cout << "quality     ";
      for (const char* key : {"metric", "sampler", "steps", "guidance", "num", "frechet", "frechet_floor", "precision",
                              "recall", "class_accuracy", "energy_distance", "energy_floor", "max_abs", "data_max_abs"})
        if (q.contains(key)) std::cout << ' ' << key << ' ' << q.at(key).dump();
      std::cout << '\n';
    }
  return 0;
}

}  // namespace difflab::cli
