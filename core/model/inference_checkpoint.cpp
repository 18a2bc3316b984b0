// Inference checkpoints for the model zoo (see inference_checkpoint.h).
#include "model/inference_checkpoint.h"

#include "io/checkpoint.h"
#include "model/checkpoint_metadata.h"
#include "model/model_loader.h"
#include "nn/network_config.h"

#include <torch/torch.h>

#include <filesystem>

namespace difflab {

InferenceExportReport write_inference_checkpoint(const std::string& checkpoint, const std::string& out,
                                                 const InferenceExportOptions& options) {
  const ModelCheckpoint in = read_model_checkpoint(checkpoint);
  InferenceExportReport r;
  r.ema = in.sections.count("ema") > 0;
  const auto section = in.sections.find(r.ema ? "ema" : "model");
  if (section == in.sections.end()) throw ModelLoadError("checkpoint '" + checkpoint + "' lacks the 'model' section");
  std::shared_ptr<DiffusionNetImpl> net = make_network(in.metadata.network);
  module_from_bytes(*net, section->second);
  r.parameters = count_parameters(*net);
  r.step = in.metadata.step;
  if (options.bf16) net->to(torch::kBFloat16);

  ModelCheckpoint c;
  c.metadata = in.metadata;
  c.metadata.has_ema = false;
  nlohmann::json& extra = c.metadata.stored;
  if (!extra.is_object()) extra = nlohmann::json::object();
  extra["inference"] = {{"source", std::filesystem::path(checkpoint).filename().string()},
                        {"source_step", r.step},
                        {"weights", r.ema ? "ema" : "raw"},
                        {"storage", options.bf16 ? "bfloat16" : "float32"}};
  if (!options.recipe.is_null()) extra["recipe"] = options.recipe;
  if (!options.quality.is_null()) extra["quality"] = options.quality;
  c.sections["model"] = module_to_bytes(*net);
  write_model_checkpoint(out, c);
  r.bytes = std::filesystem::file_size(out);
  return r;
}

}  // namespace difflab
