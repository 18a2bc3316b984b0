// Tolerances for comparing float32 results that were computed in different ways: other batch shapes or
// chunks, other thread counts, other CPU kernels (oneDNN and ATen pick blockings, SIMD widths and reduction
// orders per instruction set: AVX2, AVX-512, AMX), autograd on or off, eager or device-side code.
//
// Such results are not bitwise equal; they differ by rounding errors whose size scales with the magnitudes
// involved and with the length of the sums. A fixed absolute tolerance tuned on one machine fails on another
// (issue #11: 1.07e-4 against 1e-4 on a Sapphire Rapids Xeon), so the tests derive their tolerances here.
//
// The model, with u = 2⁻²⁴ ≈ 5.96e-8 the unit roundoff of float32:
//  * A K-term sum or dot product Σ aᵢbᵢ evaluated in float32 in any order has |ŝ − s| ≤ γ_K Σ|aᵢbᵢ|,
//    γ_K = K u / (1 − K u) (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1), so two
//    evaluations in different orders differ by at most 2 γ_K K max|a| max|b|.
//  * That worst case needs every rounding error to have the same sign. With the errors independent and of
//    mean zero, |ŝ − s| ≤ λ √K u Σ|aᵢbᵢ| with probability at least 1 − 2K exp(−λ²(1 − u)²/2) (Higham & Mary,
//    "A new approach to probabilistic rounding error analysis", SIAM J. Sci. Comput. 41(5), 2019).
//  * A network is a chain of such accumulations: L layers in sequence (convolutions, matmuls, normalisations),
//    layer l summing K_l terms. Normalised activations and residual sums keep each layer's gain near 1, so
//    each layer adds a relative error of about √K_l u to the activations, and these independent errors add
//    in quadrature along the chain: relative error ≈ u √(Σ_l K_l) ≤ u √(L K_max) of the output's magnitude.
//    Two evaluations differ by √2 times that; fp32_network_tolerance multiplies by a safety factor λ.
// A real bug (samples mixed across chunks, a wrong slice of t or y, a missing term) changes outputs by O(1)
// relative; the tolerances below stay 3 or more orders of magnitude under that, so they still catch it.
#pragma once

#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace difflab::test {

/// u = 2⁻²⁴: the largest relative error of rounding one real number to float32.
inline constexpr double kUnitRoundoffF32 = std::numeric_limits<float>::epsilon() / 2.0;

/// max |a − b|, computed in float64.
inline double max_abs_diff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

/// max |a|, in float64.
inline double max_abs(const torch::Tensor& a) { return a.to(torch::kFloat64).abs().max().item<double>(); }

/// Probabilistic bound on the difference of two float32 evaluations of a K-term sum with Σ|terms| =
/// sum_abs: √2 λ √K u sum_abs (Higham & Mary 2019); λ = 6 leaves a failure probability below 2K e⁻¹⁸.
inline double fp32_sum_tolerance(int64_t K, double sum_abs, double lambda = 6.0) {
  return std::sqrt(2.0) * lambda * std::sqrt(static_cast<double>(K)) * kUnitRoundoffF32 * sum_abs;
}

/// Difference allowed between two float32 evaluations of a network with `depth` accumulating layers in
/// sequence, the longest summing `max_fan_in` terms, on outputs of magnitude `output_scale` (max |output|):
/// √2 λ u √(depth · max_fan_in) · output_scale (see the model above). λ = 6 covers the gain of the layers
/// (GroupNorm divides by a standard deviation, residual sums add) and the tails of the error distribution.
inline double fp32_network_tolerance(int64_t depth, int64_t max_fan_in, double output_scale, double lambda = 6.0) {
  return std::sqrt(2.0) * lambda * kUnitRoundoffF32 *
         std::sqrt(static_cast<double>(depth) * static_cast<double>(max_fan_in)) * output_scale;
}

/// The accumulation chain of the DDPM U-Net "small" preset (ch 32, ch_mult {1, 2, 2}, 2 res blocks, attention
/// at the lowest level; nn/ddpm_unet.cpp), counted along its longest path: conv_in 1; down path 3 levels · 2 res
/// blocks · 2 convs + 2 downsamples + 2 attention blocks (q/k/v, QKᵀ, WV, proj: 4 each) = 22; middle 2 res
/// blocks · 2 + 4 = 8; up path 3 levels · 3 res blocks · 2 convs + 3 attention blocks · 4 + 2 upsamples = 32;
/// conv_out 1: 64 layers. The longest sum is an up-path conv1 over a 3×3 window of 64 + 64 concatenated
/// channels: K = 1152.
inline constexpr int64_t kSmallUnetDepth = 64;
inline constexpr int64_t kSmallUnetMaxFanIn = 9 * 128;

/// The same count for SimpleUnet's "notebook" preset (down channels 64 … 1024; nn/simple_unet.cpp): conv0 1;
/// 4 down blocks (conv1, conv2, strided 4×4 conv) 12; 4 up blocks (conv1 over the concatenated skip, conv2,
/// transposed conv) 12; output 1: 26 layers. The longest sum is the first up block's conv1 over a 3×3 window
/// of 1024 + 1024 channels: K = 18432.
inline constexpr int64_t kNotebookUnetDepth = 26;
inline constexpr int64_t kNotebookUnetMaxFanIn = 9 * 2048;

}  // namespace difflab::test
