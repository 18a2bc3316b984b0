#include "data/cifar10_reader.h"

#include "data/dataset_error.h"
#include "data/file_bytes.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace difflab {
namespace fs = std::filesystem;

const std::vector<std::string>& cifar10_class_names() {
  static const std::vector<std::string> names = {"airplane", "automobile", "bird",  "cat",  "deer",
                                                 "dog",      "frog",       "horse", "ship", "truck"};
  return names;
}

void parse_cifar10_batch(const std::string& bytes, const std::string& source, at::Tensor* images, at::Tensor* labels) {
  const auto size = static_cast<int64_t>(bytes.size());
  if (size == 0) throw DatasetError(source + ": empty file (expected CIFAR-10 records of 3073 bytes)");
  if (size % kCifar10RecordBytes != 0)
    throw DatasetError(source + ": truncated or not a CIFAR-10 batch: " + std::to_string(size) +
                       " bytes is not a multiple of the 3073-byte record (" +
                       std::to_string(size / kCifar10RecordBytes) + " whole records and " +
                       std::to_string(size % kCifar10RecordBytes) + " bytes left over)");
  const int64_t n = size / kCifar10RecordBytes;
  at::Tensor records = torch::empty({n, kCifar10RecordBytes}, torch::kUInt8);
  std::memcpy(records.data_ptr<uint8_t>(), bytes.data(), bytes.size());
  at::Tensor y = records.select(1, 0).to(torch::kInt64);
  const int64_t max_label = y.max().item<int64_t>();
  if (max_label > 9) {
    const int64_t record = y.gt(9).nonzero()[0][0].item<int64_t>();
    throw DatasetError(source + ": record " + std::to_string(record) + " has label " +
                       std::to_string(y[record].item<int64_t>()) +
                       " (CIFAR-10 labels are 0..9; not a CIFAR-10 batch?)");
  }
  *images = records.slice(1, 1).reshape({n, 3, 32, 32}).clone();
  *labels = y;
}

namespace {

std::vector<std::string> read_meta_names(const fs::path& dir) {
  std::ifstream in(dir / "batches.meta.txt");
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) names.push_back(line);
  }
  return names.size() == 10 ? names : cifar10_class_names();
}

}  // namespace

Dataset read_cifar10(const std::string& file_or_dir, const std::string& split) {
  if (split != "train" && split != "test")
    throw DatasetError("cifar10: split must be 'train' or 'test', got '" + split + "'");
  std::vector<fs::path> files;
  fs::path meta_dir;
  std::error_code ec;
  if (fs::is_directory(file_or_dir, ec)) {
    meta_dir = file_or_dir;
    for (const auto& entry : fs::directory_iterator(file_or_dir, ec)) {
      const std::string name = entry.path().filename().string();
      const bool train = name.rfind("data_batch_", 0) == 0 && entry.path().extension() == ".bin";
      if (split == "train" ? train : name == "test_batch.bin") files.push_back(entry.path());
    }
    if (ec) throw DatasetError(file_or_dir + ": cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty())
      throw DatasetError(file_or_dir + ": no CIFAR-10 " + split + " batch in the folder (expected " +
                         (split == "train" ? "data_batch_*.bin" : "test_batch.bin") + ")");
  } else {
    files.push_back(file_or_dir);
    meta_dir = fs::path(file_or_dir).parent_path();
  }
  std::vector<at::Tensor> images, labels;
  for (const auto& f : files) {
    at::Tensor x, y;
    parse_cifar10_batch(read_maybe_gzipped(f.string()), f.string(), &x, &y);
    images.push_back(x);
    labels.push_back(y);
  }
  Dataset d;
  d.name = "CIFAR-10 (" + (files.size() == 1 ? files[0].filename().string() : split) + ")";
  d.kind = DataKind::Images;
  d.data = images.size() == 1 ? images[0] : torch::cat(images);
  d.labels = labels.size() == 1 ? labels[0] : torch::cat(labels);
  d.class_names = read_meta_names(meta_dir.empty() ? fs::path(".") : meta_dir);
  return d;
}

}  // namespace difflab
