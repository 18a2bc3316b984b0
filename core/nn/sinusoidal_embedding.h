#pragma once
// Sinusoidal time embedding (Vaswani et al. 2017, §3.5; used for the diffusion time by Ho et al. 2020, §4).
// Identical to the lecture notebook's SinusoidalPositionEmbeddings and to Ho et al.'s get_timestep_embedding:
//   f_k = exp(−k · log(10000) / (half − 1)), k = 0..half−1,  emb(t) = [sin(t f), cos(t f)].

#include <torch/nn/cloneable.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

namespace difflab {

/// t: float [B] (any units; the networks pass the paper's t). Returns float [B, dim]. dim must be even and >= 4.
torch::Tensor sinusoidal_embedding(const torch::Tensor& t, int64_t dim);
/// The general form of diffusers' get_timestep_embedding (embeddings.py): f_k = exp(−k · log(10000) / (half −
/// freq_shift)), emb = [sin, cos], or [cos, sin] when flip_sin_to_cos. freq_shift 1 without the flip is the one
/// above (Ho et al.); diffusers' UNet2DModel defaults to freq_shift 0 with the flip. Throws when half <= freq_shift.
torch::Tensor sinusoidal_embedding(const torch::Tensor& t, int64_t dim, bool flip_sin_to_cos, double freq_shift);

/// The embedding as a parameter-free module, so that Sequential indices (and therefore parameter names)
/// match the notebook's `time_mlp = Sequential(SinusoidalPositionEmbeddings, Linear, ReLU)`.
class SinusoidalPositionEmbeddingsImpl : public torch::nn::Cloneable<SinusoidalPositionEmbeddingsImpl> {
 public:
  explicit SinusoidalPositionEmbeddingsImpl(int64_t dim);
  void reset() override {}
  torch::Tensor forward(const torch::Tensor& t);
  int64_t dim() const { return dim_; }

 private:
  int64_t dim_;
};
TORCH_MODULE(SinusoidalPositionEmbeddings);

}  // namespace difflab
