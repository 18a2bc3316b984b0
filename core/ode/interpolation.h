#pragma once
// Interpolation between two latents. Gaussian latents of dimension D concentrate on the sphere of radius
// √D; linear interpolation cuts through the low-norm interior, whose points are atypical for N(0, I) and
// decode to washed-out images. Spherical interpolation (Shoemake 1985; used by Song et al. 2021 DDIM §5.3)
// stays at typical norms.

#include "base/stop_token.h"
#include "model/denoiser.h"
#include "ode/inversion.h"

#include <torch/types.h>

#include <atomic>
#include <vector>

namespace difflab {

/// (1 − w) a + w b.
torch::Tensor lerp_latents(const torch::Tensor& a, const torch::Tensor& b, double w);

/// sin((1 − w)θ)/sin θ · a + sin(wθ)/sin θ · b with θ the angle between a and b (per batch row when the
/// inputs are [B, ...]); falls back to lerp when a and b are (anti)parallel within 1e-7.
torch::Tensor slerp_latents(const torch::Tensor& a, const torch::Tensor& b, double w);

/// `frames` evenly spaced weights in [0, 1] (frames ≥ 2), both ends included.
std::vector<double> interpolation_weights(int64_t frames);

enum class InterpolationPath { Slerp, Lerp };
/// "slerp" or "lerp"; throws std::invalid_argument naming the value.
InterpolationPath parse_interpolation_path(const std::string& name);
std::string interpolation_path_name(InterpolationPath path);

/// A condition that changes along the path, for class-conditional models: frame k at weight w_k sees the
/// classifier-free-guided blend (Ho & Salimans 2022, eq. 6, with the conditional term a mixture of the two
/// classes' predictions)
///     ε̃ = ε(∅) + g(w) [(1 − w) ε(a) + w ε(b) − ε(∅)],   g(w) = (1 − w) g_a + w g_b,
/// and x̂₀ alike. Class −1 is unconditional; g = 1 with a = b is the plain conditional model, g = 0 the
/// unconditional one. Both predictions are affine in the network output, so (x̂₀, ε̂) stay consistent.
struct ConditionPath {
  int64_t class_a = -1;
  int64_t class_b = -1;
  double guidance_a = 1.0;
  double guidance_b = 1.0;
  /// True when the path needs more than the plain (unconditional or fixed-class) model.
  bool varies() const { return class_a != class_b || guidance_a != guidance_b || guidance_a != 1.0; }
};

/// A Denoiser that evaluates `inner` along a ConditionPath with one weight per batch row. Holds a reference:
/// `inner` must outlive it. Throws std::invalid_argument when the path needs classes or guidance and
/// `inner` is unconditional, or when a class is out of range.
class ConditionPathDenoiser : public Denoiser {
 public:
  ConditionPathDenoiser(Denoiser& inner, ConditionPath path, std::vector<double> row_weights);

  /// y is ignored: the path decides the condition of each row. x_t: [B, ...] with B = row_weights.size().
  DenoiserOutput predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) override;
  std::vector<int64_t> sample_shape() const override { return inner_.sample_shape(); }
  DataScale data_scale() const override { return inner_.data_scale(); }
  int64_t evaluations_per_call() const override;

 private:
  Denoiser& inner_;
  ConditionPath path_;
  std::vector<double> weights_;
};

struct InterpolationOptions {
  InterpolationPath path = InterpolationPath::Slerp;
  /// Frames K ≥ 2, both end points included.
  int64_t frames = 8;
  /// How the latents are decoded (solver, steps, spacing).
  OdeTransportOptions decode;
  ConditionPath condition;
};

struct InterpolationResult {
  torch::Tensor latents;        ///< [K, ...] the interpolated latents
  torch::Tensor frames;         ///< [K, ...] their decodings (model scale)
  std::vector<double> weights;  ///< K weights in [0, 1]
  torch::Tensor latent_norms;   ///< float64 [K]: ‖latent‖ (slerp keeps it, lerp dips midway)
  int64_t nfe = 0;
};

/// Interpolates between two latents (one sample each: shaped like a sample or [1, ...]) and decodes the K
/// frames in one batch. progress(fraction) and stop as in inversion.h.
InterpolationResult interpolate_and_decode(Denoiser& denoiser, const torch::Tensor& latent_a,
                                           const torch::Tensor& latent_b, const InterpolationOptions& options,
                                           const OdeProgress& progress = {}, StopToken stop = {});

}  // namespace difflab
