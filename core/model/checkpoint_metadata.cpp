#include "model/checkpoint_metadata.h"

#include "io/json_text.h"

#include "model/model_zoo.h"

#include "schedule/schedule_json.h"

#include <stdexcept>

namespace difflab {

nlohmann::json CheckpointMetadata::to_json() const {
  nlohmann::json j = stored.is_object() ? stored : nlohmann::json::object();
  j["format_version"] = format_version;
  j["created_by"] = created_by;
  j["network"] = network_config_to_json(network);
  j["parameters"] = parameters;
  j["schedule"] = schedule_options_to_json(schedule);
  j["objective"] = objective_options_to_json(objective);
  j["data"] = {{"name", data.name},
               {"kind", data.scale.kind},
               {"sample_shape", data.sample_shape},
               {"normalization", data.scale.normalization},
               {"num_samples", data.num_samples}};
  j["class_names"] = class_names;
  j["trainer"] = trainer_options_to_json(trainer);
  j["step"] = step;
  j["last_loss"] = last_loss ? nlohmann::json(*last_loss) : nlohmann::json(nullptr);
  j["loss_smoothed"] = loss_smoothed ? nlohmann::json(*loss_smoothed) : nlohmann::json(nullptr);
  j["rng"] = {{"seed", seed}, {"scheme", "per-step splitmix64(seed, step)"}};
  j["has_ema"] = has_ema;
  return j;
}

CheckpointMetadata CheckpointMetadata::from_json(const nlohmann::json& j, const std::string& source) {
  CheckpointMetadata m;
  m.stored = j;
  std::string field;  // the field being decoded, for the message
  const auto fail = [&](const std::string& why) -> CheckpointError {
    return CheckpointError("checkpoint '" + source + "': metadata field '" + field + "': " + why);
  };
  try {
    if (!j.is_object()) {
      field = "(top level)";
      throw fail("expected a JSON object");
    }
    field = "format_version";
    m.format_version = j.value("format_version", int64_t{kCheckpointFormatVersion});
    field = "created_by";
    m.created_by = j.value("created_by", std::string());
    field = "network";
    m.network = network_config_from_json(j.at("network"));
    field = "parameters";
    m.parameters = j.value("parameters", int64_t{0});
    field = "schedule";
    m.schedule = schedule_options_from_json(j.at("schedule"));
    field = "objective";
    m.objective = objective_options_from_json(j.value("objective", nlohmann::json::object()));
    field = "data";
    const nlohmann::json data = j.value("data", nlohmann::json::object());
    m.data.name = data.value("name", std::string());
    m.data.scale = DataScale::from_checkpoint(data.value("kind", std::string("points")),
                                              data.value("normalization", std::string("identity")));
    m.data.sample_shape = data.value("sample_shape", m.network.sample_shape);
    m.data.num_samples = data.value("num_samples", int64_t{0});
    field = "class_names";
    m.class_names = j.value("class_names", std::vector<std::string>{});
    field = "trainer";
    m.trainer = trainer_options_from_json(j.value("trainer", nlohmann::json::object()));
    field = "step";
    m.step = j.value("step", int64_t{0});
    field = "last_loss";
    if (j.contains("last_loss") && j["last_loss"].is_number()) m.last_loss = j["last_loss"].get<double>();
    field = "loss_smoothed";
    if (j.contains("loss_smoothed") && j["loss_smoothed"].is_number())
      m.loss_smoothed = j["loss_smoothed"].get<double>();
    field = "rng.seed";
    m.seed = j.contains("rng") ? j.at("rng").value("seed", m.trainer.seed) : m.trainer.seed;
    field = "has_ema";
    m.has_ema = j.value("has_ema", false);
  } catch (const CheckpointError&) {
    throw;
  } catch (const nlohmann::json::exception& e) {
    throw fail(readable_json_error(e.what()));
  } catch (const std::exception& e) {
    throw fail(e.what());
  }
  return m;
}

ModelCheckpoint read_model_checkpoint(const std::string& spec) {
  std::string path;
  try {
    path = resolve_model_path(spec);
  } catch (const std::runtime_error& e) {
    throw CheckpointError(e.what());
  }
  Checkpoint c = read_checkpoint(path);
  ModelCheckpoint m;
  m.metadata = CheckpointMetadata::from_json(c.metadata, path);
  m.sections = std::move(c.sections);
  return m;
}

void write_model_checkpoint(const std::string& path, const ModelCheckpoint& checkpoint) {
  Checkpoint c;
  c.metadata = checkpoint.metadata.to_json();
  c.sections = checkpoint.sections;
  write_checkpoint(path, c);
}

}  // namespace difflab
