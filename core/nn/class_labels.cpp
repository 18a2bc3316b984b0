#include "nn/class_labels.h"

#include <torch/torch.h>

namespace difflab {

namespace {
thread_local bool t_trusted_labels = false;
}  // namespace

TrustedLabelsScope::TrustedLabelsScope() : previous_(t_trusted_labels) { t_trusted_labels = true; }
TrustedLabelsScope::~TrustedLabelsScope() { t_trusted_labels = previous_; }

torch::Tensor class_embedding_index(const torch::Tensor& y, int64_t num_classes, int64_t batch,
                                    const torch::Device& device) {
  const auto opts = torch::TensorOptions().dtype(torch::kInt64).device(device);
  if (!y.defined()) return torch::full({batch}, num_classes, opts);
  TORCH_CHECK(y.dim() == 1 && y.size(0) == batch, "class labels must be int64 [", batch, "], got shape ", y.sizes());
  // Labels already on the device are converted by dtype alone, so that a trace follows its input's device.
  const torch::Tensor yy = y.device() == device ? y.to(torch::kInt64) : y.to(opts);
  TORCH_CHECK(
      t_trusted_labels || yy.numel() == 0 || (yy.max().item<int64_t>() < num_classes && yy.min().item<int64_t>() >= -1),
      "class labels must lie in -1..", num_classes - 1);
  return torch::where(yy < 0, torch::full_like(yy, num_classes), yy);
}

}  // namespace difflab
