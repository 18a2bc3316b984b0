#include "nn/layer_ops.h"

#include "base/splitmix64.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Dispatch.h>
#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <vector>

namespace difflab {

torch::Tensor conv_transpose2d_s2k4p1_by_phases(const torch::Tensor& x, const torch::Tensor& weight,
                                                const torch::Tensor& bias) {
  TORCH_CHECK(x.dim() == 4, "conv_transpose2d_s2k4p1_by_phases: x must be [B, C, H, W], got ", x.sizes());
  TORCH_CHECK(weight.dim() == 4 && weight.size(0) == x.size(1) && weight.size(2) == 4 && weight.size(3) == 4,
              "conv_transpose2d_s2k4p1_by_phases: weight must be [", x.size(1), ", C_out, 4, 4], got ", weight.sizes());
  const int64_t h = x.size(2), w = x.size(3), c_out = weight.size(1);  // the batch stays -1 for traces
  // Output row o = 2i + k - 1 for input row i and kernel row k. Even rows o = 2m take k = 3 from i = m - 1 and
  // k = 1 from i = m; odd rows o = 2m + 1 take k = 2 from i = m and k = 0 from i = m + 1. With x padded by one
  // on each side (padded row r = i + 1), phase a reads padded rows m + a and m + a + 1 with kernel rows
  // taps[a][0] and taps[a][1]: a 2x2 cross-correlation. The same holds for columns.
  static constexpr int64_t taps[2][2] = {{3, 1}, {2, 0}};
  const torch::Tensor wt = weight.transpose(0, 1);  // [C_out, C_in, 4, 4], a convolution's layout
  const torch::Tensor xp = torch::constant_pad_nd(x, {1, 1, 1, 1}, 0.0);
  std::vector<torch::Tensor> phases;
  phases.reserve(4);
  for (int a = 0; a < 2; ++a) {
    const torch::Tensor rows =
        torch::stack({wt.select(2, taps[a][0]), wt.select(2, taps[a][1])}, 2);  // [C_out, C_in, 2, 4]
    const torch::Tensor x_rows = xp.slice(2, a, a + h + 1);
    for (int b = 0; b < 2; ++b) {
      const torch::Tensor kernel = torch::stack({rows.select(3, taps[b][0]), rows.select(3, taps[b][1])}, 3);
      phases.push_back(torch::conv2d(x_rows.slice(3, b, b + w + 1), kernel, bias));
    }
  }
  // phases[2a + b][.., m, n] is output pixel (2m + a, 2n + b).
  return torch::stack(phases, 2)
      .view({-1, c_out, 2, 2, h, w})
      .permute({0, 1, 4, 2, 5, 3})
      .reshape({-1, c_out, 2 * h, 2 * w});
}

torch::Tensor dropout_counter_based(const torch::Tensor& x, double p, bool train) {
  TORCH_CHECK(p >= 0.0 && p < 1.0, "dropout: p must lie in [0, 1), got ", p);
  if (!train || p == 0.0 || x.numel() == 0) return x;
  TORCH_CHECK(x.is_cpu(), "dropout_counter_based: CPU tensors only, got ", x.device());
  uint64_t seed = 0;
  {
    auto* gen = at::check_generator<at::CPUGeneratorImpl>(at::detail::getDefaultCPUGenerator());
    std::lock_guard<std::mutex> lock(gen->mutex_);
    seed = gen->random64();
  }
  // Keep element i when splitmix64_at(seed, i) >= threshold: probability 1 - threshold / 2^64 = 1 - p.
  const uint64_t threshold = static_cast<uint64_t>(std::ldexp(p, 64));
  torch::Tensor mask =
      torch::empty(x.sizes(), x.options().requires_grad(false).memory_format(x.suggest_memory_format()));
  const int64_t n = mask.numel();
  AT_DISPATCH_FLOATING_TYPES_AND2(at::kBFloat16, at::kHalf, mask.scalar_type(), "dropout_counter_based", [&] {
    // The kept value 1 / (1 - p) rounded to the activations' dtype, as torch.dropout's bernoulli_().div_(1 - p).
    const scalar_t keep = static_cast<scalar_t>(1.0 / (1.0 - p));
    const scalar_t drop = static_cast<scalar_t>(0.0);
    scalar_t* out = mask.data_ptr<scalar_t>();
    at::parallel_for(0, n, 1 << 15, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i)
        out[i] = splitmix64_at(seed, static_cast<uint64_t>(i)) >= threshold ? keep : drop;
    });
  });
  return x * mask;
}

}  // namespace difflab
