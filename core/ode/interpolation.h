#pragma once
// Interpolation between two latents. Gaussian latents of dimension D concentrate on the sphere of radius
// √D; linear interpolation cuts through the low-norm interior, whose points are atypical for N(0, I) and
// decode to washed-out images. Spherical interpolation (Shoemake 1985; used by Song et al. 2021 DDIM §5.3)
// stays at typical norms.

#include <torch/types.h>

#include <vector>

namespace difflab {

/// (1 − w) a + w b.
torch::Tensor lerp_latents(const torch::Tensor& a, const torch::Tensor& b, double w);

/// sin((1 − w)θ)/sin θ · a + sin(wθ)/sin θ · b with θ the angle between a and b (per batch row when the
/// inputs are [B, ...]); falls back to lerp when a and b are (anti)parallel within 1e-7.
torch::Tensor slerp_latents(const torch::Tensor& a, const torch::Tensor& b, double w);

/// `frames` evenly spaced weights in [0, 1] (frames ≥ 2), both ends included.
std::vector<double> interpolation_weights(int64_t frames);

}  // namespace difflab
