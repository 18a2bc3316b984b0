#pragma once
// Small building blocks shared by the networks' forward passes.
//
// norm_in_fp32: a normalisation layer computed in fp32 whatever the activations' dtype, the result returned in
// that dtype: guided-diffusion's GroupNorm32 (openai/guided-diffusion, guided_diffusion/nn.py), for any norm
// module. CUDA autocast runs group_norm and layer_norm in fp32 by itself; LibTorch 1.13's CPU autocast has no
// rule for them and fails on bf16 activations with fp32 weights. In fp32 and fp64 it is the plain call.
//
// silu_tmp / relu_tmp / add_tmp: when no autograd graph is recorded (sampling), an activation or a residual
// sum overwrites its first argument instead of allocating a new [B, C, H, W] tensor, one memory pass and one
// allocation (tens of MB at batch 256, each fresh block page-faulted in) fewer per op. The first argument must
// be a temporary that nothing else holds (the output of the previous op). With autograd on they are the
// ordinary out-of-place ops that training needs.
//
// conv_transpose2d_s2k4p1_by_phases: a stride-2 transposed convolution with a 4x4 kernel and padding 1 (the
// notebook SimpleUnet's up-sampling `transform`) computed as four ordinary 2x2 convolutions, one per output
// phase, interleaved afterwards (the sub-pixel view of a transposed convolution: Shi et al. 2016, "Is the
// deconvolution layer the same as a convolutional layer?"). Same values and gradients, same multiply-adds; on
// the CPU LibTorch 1.13 runs fp32 transposed convolutions with its im2col `slow_conv_transpose2d` (about 6
// GFLOP/s here) while ordinary convolutions go to oneDNN, so the SimpleUnet trains ~30 % faster (fp32) and
// ~65 % faster (bf16) this way (docs/performance.md).
//
// dropout_counter_based: inverted dropout (Srivastava et al. 2014: y = x · m / (1 − p), m_i ~ Bernoulli(1 − p))
// whose mask comes from a counter-based generator, SplitMix64 (Steele, Lea & Flood 2014): element i keeps when
// the i-th SplitMix64 output of a seed drawn from LibTorch's default generator is ≥ p · 2^64. Every element is
// an independent hash of (seed, i), so the mask fills in parallel; LibTorch 1.13's CPU bernoulli_ draws one
// element after another from its mt19937 on one thread (4–13 % of a DDPM U-Net training step here). Still
// reproducible: the seed comes from the default generator that torch::manual_seed sets. CPU tensors only.

#include <ATen/ExpandUtils.h>
#include <torch/nn/module.h>
#include <torch/types.h>

namespace difflab {

template <typename NormModule>
torch::Tensor norm_in_fp32(NormModule& norm, const torch::Tensor& x) {
  if (x.scalar_type() != torch::kBFloat16 && x.scalar_type() != torch::kHalf) return norm->forward(x);
  return norm->forward(x.to(torch::kFloat32)).to(x.scalar_type());
}

inline bool records_no_graph() { return !torch::GradMode::is_enabled(); }

inline torch::Tensor silu_tmp(torch::Tensor x) { return records_no_graph() ? torch::silu_(x) : torch::silu(x); }

/// silu(norm(x)) with both in fp32 for bf16/half activations, returned in their dtype: one cast back instead of
/// a SiLU (and its backward) in bf16, which LibTorch 1.13's CPU kernels run 2.6× slower than in fp32 (profile of
/// the small DDPM U-Net's training step), and the SiLU is exact before the rounding.
template <typename NormModule>
torch::Tensor norm_silu_in_fp32(NormModule& norm, const torch::Tensor& x) {
  if (x.scalar_type() != torch::kBFloat16 && x.scalar_type() != torch::kHalf) return silu_tmp(norm->forward(x));
  return silu_tmp(norm->forward(x.to(torch::kFloat32))).to(x.scalar_type());
}

inline torch::Tensor relu_tmp(torch::Tensor x) { return records_no_graph() ? x.relu_() : torch::relu(x); }

/// h + other; into h only when h already has the sum's dtype and shape (no promotion, no broadcast of h).
inline torch::Tensor add_tmp(torch::Tensor h, const torch::Tensor& other) {
  if (records_no_graph() && at::result_type(h, other) == h.scalar_type() &&
      at::infer_size(h.sizes(), other.sizes()) == h.sizes())
    return h.add_(other);
  return h + other;
}

/// conv_transpose2d(x, weight, bias, stride 2, padding 1) for weight [C_in, C_out, 4, 4]; bias may be undefined.
torch::Tensor conv_transpose2d_s2k4p1_by_phases(const torch::Tensor& x, const torch::Tensor& weight,
                                                const torch::Tensor& bias);

/// Inverted dropout of x with drop probability p in [0, 1) when `train`; x itself otherwise. CPU tensors.
torch::Tensor dropout_counter_based(const torch::Tensor& x, double p, bool train);

}  // namespace difflab
