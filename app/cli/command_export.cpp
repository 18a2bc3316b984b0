// difflab-cli export: a Diffusion Lab checkpoint as safetensors weights plus a sidecar JSON, for Python
// (safetensors.torch.load_file into the matching module; docs/import.md) and for `--model` of every command.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "io/atomic_file.h"
#include "io/safetensors.h"
#include "model/checkpoint_metadata.h"
#include "model/imported_model.h"
#include "nn/diffusion_net.h"
#include "schedule/schedule_json.h"

#include <torch/torch.h>

#include <filesystem>
#include <iostream>

namespace difflab::cli {

const char* const kExportUsage =
    "difflab-cli export --model CKPT --out FILE.safetensors [--no-ema]\n"
    "  Writes the checkpoint's network weights (EMA unless --no-ema) as safetensors, float32, with our parameter\n"
    "  names, and the sidecar FILE.json that says what the weights are: network, schedule, prediction, data and\n"
    "  class names. Both open again with --model FILE.safetensors; Python reads the weights with\n"
    "  safetensors.torch.load_file (docs/import.md).\n";

int run_export(const Args& args) {
  const ArgParser p(args, {"model", "out"}, {"no-ema"});
  const std::string in = p.required("model"), out = p.required("out");
  const ModelCheckpoint c = read_model_checkpoint(in);
  const CheckpointMetadata& m = c.metadata;
  const bool ema = !p.flag("no-ema") && c.sections.count("ema");
  const auto section = c.sections.find(ema ? "ema" : "model");
  if (section == c.sections.end()) throw CliError("checkpoint '" + in + "' lacks the 'model' section");
  auto net = make_network(m.network);
  module_from_bytes(*net, section->second);
  SafetensorsFile file;
  file.tensors = named_tensors(*net);
  file.metadata = {{"format", "pt"},
                   {"difflab", "exported from " + std::filesystem::path(in).filename().string() + " (step " +
                                   std::to_string(m.step) + (ema ? ", EMA weights)" : ", raw weights)")}};
  write_safetensors(out, file);
  nlohmann::json sidecar = {{"network", network_config_to_json(m.network)},
                            {"schedule", schedule_options_to_json(m.schedule)},
                            {"prediction", prediction_type_name(m.objective.prediction)},
                            {"data", {{"kind", m.data.scale.kind}, {"normalization", m.data.scale.normalization}}},
                            {"class_names", m.network.num_classes > 0 ? m.class_names : std::vector<std::string>{}}};
  const std::string sidecar_path =
      (std::filesystem::path(out).parent_path() / (std::filesystem::path(out).stem().string() + ".json")).string();
  write_file_atomically(sidecar_path, sidecar.dump(2) + "\n");
  std::cout << "wrote " << out << " (" << file.tensors.size() << " tensors, " << count_parameters(*net)
            << " parameters, " << (ema ? "EMA" : "raw") << " weights) and " << sidecar_path << '\n';
  return 0;
}

}  // namespace difflab::cli
