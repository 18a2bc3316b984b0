#include "nn/sinusoidal_embedding.h"

#include <cmath>

namespace difflab {

torch::Tensor sinusoidal_embedding(const torch::Tensor& t, int64_t dim) {
  return sinusoidal_embedding(t, dim, /*flip_sin_to_cos=*/false, /*freq_shift=*/1.0);
}

torch::Tensor sinusoidal_embedding(const torch::Tensor& t, int64_t dim, bool flip_sin_to_cos, double freq_shift) {
  TORCH_CHECK(dim >= 4 && dim % 2 == 0, "sinusoidal_embedding: dim must be even and >= 4, got ", dim);
  TORCH_CHECK(t.dim() == 1, "sinusoidal_embedding: t must be 1-D [B], got shape ", t.sizes());
  const int64_t half = dim / 2;
  TORCH_CHECK(static_cast<double>(half) > freq_shift, "sinusoidal_embedding: freq_shift must be < dim / 2, got ",
              freq_shift);
  const double scale = std::log(10000.0) / (static_cast<double>(half) - freq_shift);
  // float64 times stay float64 (parity tests); anything else is embedded in float32.
  const auto dtype = t.scalar_type() == torch::kFloat64 ? torch::kFloat64 : torch::kFloat32;
  const torch::Tensor tt = t.to(dtype);
  // The frequencies in t's dtype on the CPU, then moved to t's device by `to(tt)`: a TorchScript trace
  // (difflab-cli export --format torchscript) then follows its input's device instead of recording the
  // tracing device as a constant. Bitwise the same numbers on the CPU.
  const torch::Tensor freqs = torch::exp(torch::arange(half, torch::TensorOptions().dtype(dtype)) * -scale).to(tt);
  const torch::Tensor args = tt.unsqueeze(1) * freqs.unsqueeze(0);
  return flip_sin_to_cos ? torch::cat({args.cos(), args.sin()}, /*dim=*/-1)
                         : torch::cat({args.sin(), args.cos()}, /*dim=*/-1);
}

SinusoidalPositionEmbeddingsImpl::SinusoidalPositionEmbeddingsImpl(int64_t dim) : dim_(dim) {
  TORCH_CHECK(dim >= 4 && dim % 2 == 0, "SinusoidalPositionEmbeddings: dim must be even and >= 4, got ", dim);
}

torch::Tensor SinusoidalPositionEmbeddingsImpl::forward(const torch::Tensor& t) {
  return sinusoidal_embedding(t, dim_);
}

}  // namespace difflab
