#pragma once
// A dataset held in memory as one tensor, with labels and class names.
// Only <ATen/core/Tensor.h> is included so that ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace difflab {

enum class DataKind {
  Images,  ///< data: uint8 [N, C, H, W], values 0..255
  Points,  ///< data: float32 [N, D]
};

struct Dataset {
  std::string name;  ///< e.g. "Fashion-MNIST (train)", "two moons"
  DataKind kind = DataKind::Images;
  at::Tensor data;                       ///< see DataKind
  at::Tensor labels;                     ///< int64 [N]; -1 where a sample has no label
  std::vector<std::string> class_names;  ///< empty when unlabelled

  int64_t size() const;
  /// Shape of one sample, e.g. {1, 28, 28} or {2}.
  std::vector<int64_t> sample_shape() const;
  /// The data in the model's scale: images mapped to float32 in [-1, 1], points unchanged (float32).
  at::Tensor normalized() const;
  /// Indices of the samples with the given label (all samples when label < 0).
  std::vector<int64_t> indices_of_class(int64_t label) const;
};

}  // namespace difflab
