#pragma once
// IDX files (the MNIST / Fashion-MNIST format, LeCun et al., http://yann.lecun.com/exdb/mnist/): a big-endian
// header — two zero bytes, a type byte (0x08 = unsigned byte), a dimension count d — then d u32 sizes and the
// data in row-major order. Images are idx3 (N, H, W; magic 0x00000803), labels idx1 (N; magic 0x00000801).
// Files may be gzipped (detected by content, not by name).

#include "data/dataset.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace difflab {

/// Parses IDX image bytes: idx3 (N, H, W) gives uint8 [N, 1, H, W]; idx4 (N, H, W, C) with C in {1, 3, 4}
/// gives uint8 [N, C, H, W]. Throws DatasetError naming `source`: wrong magic number, truncated data,
/// trailing bytes, zero-sized dimensions.
at::Tensor parse_idx_images(const std::string& bytes, const std::string& source);

/// Parses IDX label bytes (idx1, unsigned byte): int64 [N]. Throws DatasetError naming `source`.
at::Tensor parse_idx_labels(const std::string& bytes, const std::string& source);

/// Reads an image file and a label file (each gzipped or not) into an Images dataset. Throws DatasetError
/// naming the files when the label count does not match the image count. `class_names` empty: the names
/// are "0".."max label".
Dataset read_idx_dataset(const std::string& images_path, const std::string& labels_path, const std::string& name,
                         std::vector<std::string> class_names = {});

/// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017) from `dir` (train- or t10k- files); split "train" or "test".
Dataset read_fashion_mnist(const std::string& dir, const std::string& split);

/// The ten Fashion-MNIST class names, label order: "T-shirt/top", "Trouser", ..., "Ankle boot".
const std::vector<std::string>& fashion_mnist_class_names();

}  // namespace difflab
