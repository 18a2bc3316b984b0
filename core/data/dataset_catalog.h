#pragma once
// Datasets by name: one spec string selects a reader or a generator, so the GUI's combo box, the CLI's
// --dataset flag and saved configs all name a dataset the same way.
// Only <ATen/core/Tensor.h> (through dataset.h) is included: ui/ may include this header after Qt headers.
//
// Specs (see docs/file-formats.md):
//   fashion-mnist[:train|test]          Debian's dataset-fashion-mnist (DIFFLAB_FASHION_MNIST_DIR)
//   idx:IMAGES_FILE,LABELS_FILE         MNIST-style IDX files, gzipped or not
//   cifar10:FILE_OR_DIR                 CIFAR-10 binary batch, or a folder of data_batch_*.bin / test_batch.bin
//   folder:DIR@SIZE                     PNG/JPEG images, sub-folders are classes, resized + centre-cropped
//   two-moons[:N] swiss-roll[:N] 8gaussians[:N] checkerboard[:N] rings[:N]   2-D toy sets (N = 4096)
//   gmm:FILE.json[:N]                   samples of a Gaussian mixture read from JSON

#include "data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace difflab {

/// Loads or generates the dataset named by `spec`. `seed` drives the toy generators (same seed, same
/// points); file readers ignore it. Throws DatasetError (data/dataset_error.h) naming the spec, file and fault.
Dataset load_dataset(const std::string& spec, uint64_t seed = 0);

/// A dataset that needs no user file, for combo boxes and `difflab-cli datasets`.
struct DatasetInfo {
  std::string spec;         ///< accepted by load_dataset, e.g. "fashion-mnist:train", "two-moons"
  std::string description;  ///< one line for a tooltip or a listing
  DataKind kind = DataKind::Points;
};

/// The built-in datasets, Fashion-MNIST first (the default image set), then the 2-D toy sets.
std::vector<DatasetInfo> builtin_datasets();

}  // namespace difflab
