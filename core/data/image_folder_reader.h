#pragma once
// A folder of PNG/JPEG images as a dataset: each sub-folder is a class (sorted by name, label = index),
// images directly in the folder are unlabelled (label -1). Every image is resized so that its shorter side
// is SIZE and centre-cropped to SIZE×SIZE. If any image has colour the dataset is RGB (grey images are
// repeated into three channels), otherwise it is grey; alpha is dropped.

#include "data/dataset.h"

#include <ATen/core/Tensor.h>

#include <string>

namespace difflab {

/// Decodes PNG or JPEG bytes (stb_image) into uint8 [C, H, W] with C = 1 (grey, grey+alpha) or 3 (RGB, RGBA).
/// Throws DatasetError naming `source` and stb_image's reason when the bytes are not a readable image.
at::Tensor decode_image(const std::string& bytes, const std::string& source);

/// Resizes uint8 [C, H, W] so that min(H, W) = size — bilinear, antialiased when shrinking (like PIL's
/// resize) — then crops the centre size×size. Returns uint8 [C, size, size].
at::Tensor resize_and_center_crop(const at::Tensor& image, int64_t size);

/// Reads every *.png, *.jpg, *.jpeg (any case) under `dir` (class folders searched recursively; names
/// starting with '.' skipped). Throws DatasetError for a missing or empty folder, an unreadable image
/// (naming the file), or size outside 1..4096.
Dataset read_image_folder(const std::string& dir, int64_t size);

}  // namespace difflab
