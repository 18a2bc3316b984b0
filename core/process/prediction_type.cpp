#include "process/prediction_type.h"

#include <stdexcept>

namespace difflab {

PredictionType parse_prediction_type(const std::string& name) {
  if (name == "eps" || name == "epsilon") return PredictionType::Epsilon;
  if (name == "x0") return PredictionType::X0;
  if (name == "v") return PredictionType::V;
  if (name == "score") return PredictionType::Score;
  throw std::invalid_argument("unknown prediction type '" + name + "' (expected eps, x0, v or score)");
}

std::string prediction_type_name(PredictionType type) {
  switch (type) {
    case PredictionType::Epsilon: return "eps";
    case PredictionType::X0: return "x0";
    case PredictionType::V: return "v";
    case PredictionType::Score: return "score";
  }
  return "unknown";
}

}  // namespace difflab
