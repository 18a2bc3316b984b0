#include "data/dataset.h"

#include "data/data_scale.h"

#include <torch/torch.h>

namespace difflab {

int64_t Dataset::size() const { return data.defined() ? data.size(0) : 0; }

std::vector<int64_t> Dataset::sample_shape() const {
  if (!data.defined()) return {};
  return std::vector<int64_t>(data.sizes().begin() + 1, data.sizes().end());
}

at::Tensor Dataset::normalized() const { return DataScale::for_kind(kind).to_model(data).to(torch::kFloat32); }

std::vector<int64_t> Dataset::indices_of_class(int64_t label) const {
  std::vector<int64_t> out;
  const int64_t n = size();
  if (label < 0 || !labels.defined()) {
    out.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = i;
    return out;
  }
  const at::Tensor idx = labels.eq(label).nonzero().flatten().to(torch::kInt64).contiguous();
  const int64_t* p = idx.data_ptr<int64_t>();
  out.assign(p, p + idx.numel());
  return out;
}

}  // namespace difflab
