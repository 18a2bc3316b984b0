#pragma once
// How a dataset's values map to the model's scale and back. The one place that knows that images are trained
// on x / 127.5 − 1: uint8 {0, …, 255} → [−1, 1] (Ho et al. 2020, §3.3); points are used as they are.
// Only <ATen/core/Tensor.h> is included so that ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>

#include <string>

namespace difflab {

enum class DataKind;  // data/dataset.h

struct DataScale {
  /// "images" or "points" (as checkpoints store it).
  std::string kind = "points";
  /// The normalisation as checkpoints store it, for display: kImagesNormalization or "identity …".
  std::string normalization = "identity";
  /// data = model · scale + offset.
  double scale = 1.0;
  double offset = 0.0;

  static constexpr const char* kImagesNormalization = "x / 127.5 - 1 (uint8 -> [-1, 1])";

  /// uint8 images ↔ [−1, 1].
  static DataScale images();
  /// Points: the identity.
  static DataScale identity();
  static DataScale for_kind(DataKind kind);
  /// From a checkpoint's data "kind" and "normalization" strings: "identity…" → identity; "x / 127.5 - 1…" or
  /// kind "images" → images(); anything else → identity. The strings are kept for display.
  static DataScale from_checkpoint(const std::string& kind, const std::string& normalization);

  bool is_images() const { return kind == "images"; }
  /// Raw data (uint8 images or float points, any shape) → the model's scale: (data − offset) / scale. Integer
  /// input becomes float32; floating input keeps its dtype.
  at::Tensor to_model(const at::Tensor& data) const;
  /// The model's scale → data: x · scale + offset (same dtype as x).
  at::Tensor to_data(const at::Tensor& x) const;
  /// Images: x (model scale) clamped to [−1, 1] and rounded to the nearest of the 256 levels, as uint8 [0, 255],
  /// what a PNG stores. Throws std::logic_error for points, which have no 8-bit form.
  at::Tensor quantize_8bit(const at::Tensor& x) const;
  /// Images: x moved onto the 8-bit grid (the levels k/127.5 − 1), in the model's scale and x's dtype; the
  /// data a discretised likelihood is defined on (Ho et al. 2020, eq. 13). Points: x unchanged.
  at::Tensor on_8bit_grid(const at::Tensor& x) const;
};

}  // namespace difflab
