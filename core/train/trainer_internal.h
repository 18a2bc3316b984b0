#pragma once
// Internal to difflab_train: what trainer.cpp, trainer_captured_step.cpp and trainer_checkpoint.cpp share.

#include "base/splitmix64.h"

#include <cstdint>

namespace difflab::train_detail {

// SplitMix64's mix (base/splitmix64.h): decorrelates the per-step seeds derived from (seed, step, stream).
inline uint64_t mix_seed(uint64_t seed, int64_t step, uint64_t stream) {
  return splitmix64_mix(seed + kSplitMix64Gamma * (static_cast<uint64_t>(step) * 2 + 1) +
                        stream * 0xBF58476D1CE4E5B9ull);
}

}  // namespace difflab::train_detail
