#pragma once
// Class labels as every class-conditional network reads them: -1 (or no labels) is the learned null class of
// classifier-free guidance (Ho & Salimans 2022), stored as embedding row num_classes.

#include <torch/types.h>

#include <cstdint>

namespace difflab {

/// Maps labels y (int64 [B], -1 = null class, undefined = all null) to embedding rows 0..num_classes, where
/// row num_classes is the learned null class used for classifier-free guidance (Ho & Salimans 2022).
/// Labels outside -1..num_classes-1 throw, which reads the labels back to the host.
torch::Tensor class_embedding_index(const torch::Tensor& y, int64_t num_classes, int64_t batch,
                                    const torch::Device& device);

/// While alive on this thread, class_embedding_index skips its range check (the caller has checked the
/// labels): no device-to-host read, so a network call can be captured in a CUDA graph.
class TrustedLabelsScope {
 public:
  TrustedLabelsScope();
  ~TrustedLabelsScope();
  TrustedLabelsScope(const TrustedLabelsScope&) = delete;
  TrustedLabelsScope& operator=(const TrustedLabelsScope&) = delete;

 private:
  bool previous_;
};

}  // namespace difflab
