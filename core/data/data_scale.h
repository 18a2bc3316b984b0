#pragma once
// How a dataset's values map to the model's scale and back. The one place that knows that images are trained
// on x / 127.5 − 1: uint8 {0, …, 255} → [−1, 1] (Ho et al. 2020, §3.3), or, for models imported from tools that
// train on x / 255, on [0, 1]; points are used as they are.
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
  static constexpr const char* kUnitImagesNormalization = "x / 255 (uint8 -> [0, 1])";

  /// uint8 images ↔ [−1, 1].
  static DataScale images();
  /// uint8 images ↔ [0, 1] (torchvision's ToTensor), for imported models trained that way.
  static DataScale unit_images();
  /// Points: the identity.
  static DataScale identity();
  static DataScale for_kind(DataKind kind);
  /// From a checkpoint's data "kind" and "normalization" strings: "identity…" → identity; "x / 255…" →
  /// unit_images(); "x / 127.5 - 1…" or kind "images" → images(); anything else → identity. The strings are kept
  /// for display.
  static DataScale from_checkpoint(const std::string& kind, const std::string& normalization);

  /// True when `normalization` is `formula` itself or `formula` followed by " (…)", e.g. "x / 255" and
  /// "x / 255 (uint8 -> [0, 1])", but not "x / 255 * 2 - 1".
  static bool normalization_is(const std::string& normalization, const std::string& formula);

  bool is_images() const { return kind == "images"; }
  /// Images: the model-scale values of pixel 0 and pixel 255 ([−1, 1] or [0, 1]); what clip_x0 clamps to.
  /// Points, which have no fixed range: −1 and 1.
  double model_min() const { return is_images() ? -offset / scale : -1.0; }
  double model_max() const { return is_images() ? (255.0 - offset) / scale : 1.0; }
  /// Raw data (uint8 images or float points, any shape) → the model's scale: (data − offset) / scale. Integer
  /// input becomes float32; floating input keeps its dtype.
  at::Tensor to_model(const at::Tensor& data) const;
  /// The model's scale → data: x · scale + offset (same dtype as x).
  at::Tensor to_data(const at::Tensor& x) const;
  /// Images: x (model scale) clamped to [model_min, model_max] and rounded to the nearest of the 256 levels, as
  /// uint8 [0, 255], what a PNG stores. Throws std::logic_error for points, which have no 8-bit form.
  at::Tensor quantize_8bit(const at::Tensor& x) const;
  /// Images: x moved onto the 8-bit grid (the levels k/127.5 − 1, or k/255), in the model's scale and x's dtype; the
  /// data a discretised likelihood is defined on (Ho et al. 2020, eq. 13). Points: x unchanged.
  at::Tensor on_8bit_grid(const at::Tensor& x) const;
};

}  // namespace difflab
