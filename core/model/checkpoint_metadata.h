#pragma once
// A Diffusion Lab checkpoint as the rest of the code sees it: the container (io/checkpoint.h: magic, sections,
// CRC) plus its metadata decoded once into typed fields. The one reader of checkpoint metadata: the model
// loader, the trainer, `difflab-cli info / train / sample` and the GUI's training view all go through
// read_model_checkpoint, which reads and checks the file once. The JSON layout is in docs/file-formats.md.

#include "data/data_scale.h"
#include "io/checkpoint.h"
#include "nn/network_config.h"
#include "schedule/noise_schedule.h"
#include "train/training_options.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace difflab {

/// The "data" object: what the network was trained on.
struct CheckpointData {
  std::string name;                   ///< the data spec, e.g. "fashion-mnist:train" (`--resume` reloads it)
  DataScale scale;                    ///< kind ("images" / "points") and normalisation
  std::vector<int64_t> sample_shape;  ///< e.g. {1, 28, 28} or {2}
  int64_t num_samples = 0;
};

struct CheckpointMetadata {
  int64_t format_version = kCheckpointFormatVersion;
  std::string created_by;  ///< "Diffusion Lab 0.1.0"
  NetworkConfig network;
  int64_t parameters = 0;  ///< parameter count of the network
  ScheduleOptions schedule;
  ObjectiveOptions objective;
  CheckpointData data;
  std::vector<std::string> class_names;  ///< empty when unconditional
  TrainerOptions trainer;
  int64_t step = 0;  ///< optimiser steps done
  std::optional<double> last_loss, loss_smoothed;
  uint64_t seed = 0;  ///< the run's seed; step s draws from splitmix64(seed, s)
  bool has_ema = false;
  /// The metadata as stored, keys this version does not know included (`difflab-cli info --json`).
  nlohmann::json stored;

  nlohmann::json to_json() const;
  /// Decodes the stored metadata. Throws CheckpointError "checkpoint 'SOURCE': metadata field 'FIELD': …"
  /// naming the first missing or malformed field.
  static CheckpointMetadata from_json(const nlohmann::json& json, const std::string& source);
};

struct ModelCheckpoint {
  CheckpointMetadata metadata;
  std::map<std::string, std::string> sections;  ///< "model", "ema", "optimizer", "objective" → archive bytes
};

/// Reads, verifies (magic, lengths, CRC: io/checkpoint.h) and decodes the file once. Throws CheckpointError
/// naming the file and the fault.
/// `spec` is a path or "zoo:NAME" (model/model_zoo.h).
ModelCheckpoint read_model_checkpoint(const std::string& spec);
/// Writes atomically (io/atomic_file.h).
void write_model_checkpoint(const std::string& path, const ModelCheckpoint& checkpoint);

}  // namespace difflab
