#pragma once
// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"; the reference
// splitmix64.c): the one definition the dropout masks, the trainer's per-step seeds and the samplers' noise
// streams share. Header-only, no LibTorch.

#include <cstdint>

namespace difflab {

/// SplitMix64's increment, the golden ratio in 64-bit fixed point.
inline constexpr uint64_t kSplitMix64Gamma = 0x9E3779B97F4A7C15ULL;

/// SplitMix64's output function: the finaliser that turns one 64-bit state into an output.
constexpr uint64_t splitmix64_mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// The i-th output (i = 0, 1, …) of SplitMix64 started at state `seed`; counter-based, so any element of the
/// stream is computed directly.
constexpr uint64_t splitmix64_at(uint64_t seed, uint64_t i) {
  return splitmix64_mix(seed + (i + 1) * kSplitMix64Gamma);
}

}  // namespace difflab
