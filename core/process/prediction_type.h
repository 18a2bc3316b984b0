#pragma once
// What a network outputs: ε, x₀, v (Salimans & Ho 2022) or the score. One enum for the whole project: the
// Denoiser converts from it (process/parameterisation.h), training fits it (train/training_options.h), and
// checkpoints store its name. Pure C++, so ui/ may include it anywhere.

#include <string>

namespace difflab {

/// What a network outputs. Append-only (saved checkpoints store the name).
enum class PredictionType { Epsilon, X0, V, Score };

/// Names used by the CLI and config files: "eps" (also "epsilon"), "x0", "v", "score".
/// Throws std::invalid_argument naming the value and the accepted names.
PredictionType parse_prediction_type(const std::string& name);
/// "eps", "x0", "v" or "score".
std::string prediction_type_name(PredictionType type);

}  // namespace difflab
