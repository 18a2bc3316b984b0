#pragma once
// Inference checkpoints: what the model zoo ships (models/, docs/models.md). One network's weights (the EMA
// copy of a training checkpoint) and the metadata a sampler needs, without optimiser state, optionally stored
// in bfloat16 (half the bytes; loading copies them into the float32 network, so sampling arithmetic is
// unchanged apart from the rounding of each weight to 8 significant bits, |Δw| ≤ 2⁻⁹|w|).
// The metadata gains {"inference": {...}} (source step, weights, storage dtype), and optionally
// {"recipe": {...}} (the training config and command, the commit) and {"quality": ...} (difflab-cli evaluate's
// reports), so the file itself says how it was made and how good it is.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace difflab {

struct InferenceExportOptions {
  bool bf16 = false;                          ///< store weights as bfloat16
  nlohmann::json recipe = nlohmann::json();   ///< null: none; else stored under "recipe"
  nlohmann::json quality = nlohmann::json();  ///< null: none; else stored under "quality"
};

struct InferenceExportReport {
  int64_t parameters = 0;
  int64_t step = 0;    ///< the training step the weights are from
  bool ema = false;    ///< EMA weights (false: the checkpoint had none, the raw weights were taken)
  uint64_t bytes = 0;  ///< size of the file written
};

/// Reads the training checkpoint `checkpoint` (path or "zoo:NAME") and writes the inference checkpoint `out`
/// atomically. Throws CheckpointError / ModelLoadError naming the file and the fault.
InferenceExportReport write_inference_checkpoint(const std::string& checkpoint, const std::string& out,
                                                 const InferenceExportOptions& options);

}  // namespace difflab
