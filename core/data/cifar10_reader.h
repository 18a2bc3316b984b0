#pragma once
// CIFAR-10 binary batches (Krizhevsky 2009, https://www.cs.toronto.edu/~kriz/cifar.html): records of
// 1 label byte (0..9) followed by 3072 pixel bytes, 1024 red, 1024 green, 1024 blue, each 32×32 row-major.
// data_batch_1..5.bin hold 10000 records each (training), test_batch.bin 10000 (test).

#include "data/dataset.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace difflab {

constexpr int64_t kCifar10RecordBytes = 1 + 3 * 32 * 32;

/// Parses one batch: images uint8 [N, 3, 32, 32] into *images, labels int64 [N] into *labels. Throws
/// DatasetError naming `source` when the size is not a positive multiple of 3073 bytes (truncated) or a
/// label is above 9.
void parse_cifar10_batch(const std::string& bytes, const std::string& source, at::Tensor* images, at::Tensor* labels);

/// Reads one batch file, or from a folder: `split` "train" reads data_batch_*.bin (sorted), "test" reads
/// test_batch.bin. Class names come from batches.meta.txt beside the batches when present (else the
/// standard ten). Throws DatasetError when a folder has no batch of that split.
Dataset read_cifar10(const std::string& file_or_dir, const std::string& split = "train");

/// "airplane", "automobile", ..., "truck".
const std::vector<std::string>& cifar10_class_names();

}  // namespace difflab
