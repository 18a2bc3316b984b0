#include "data/idx_reader.h"

#include "data/dataset_error.h"
#include "data/file_bytes.h"

#include <torch/torch.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace difflab {
namespace {

constexpr uint8_t kUnsignedByte = 0x08;

uint32_t read_be32(const std::string& s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) | (uint32_t(uint8_t(s[at + 2])) << 8) |
         uint32_t(uint8_t(s[at + 3]));
}

std::string hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", v);
  return buf;
}

// The header: checks the magic (0, 0, unsigned byte, one of `dims`) and returns the sizes; checks that
// exactly the product of the sizes follows.
std::vector<int64_t> parse_header(const std::string& bytes, const std::string& source, const std::vector<int>& dims,
                                  const std::string& what) {
  if (bytes.size() < 4)
    throw DatasetError(source + ": truncated: " + std::to_string(bytes.size()) +
                       " bytes is too short for an IDX header");
  const uint32_t magic = read_be32(bytes, 0);
  const int d = static_cast<uint8_t>(bytes[3]);
  bool known = bytes[0] == 0 && bytes[1] == 0 && static_cast<uint8_t>(bytes[2]) == kUnsignedByte;
  bool dims_ok = false;
  for (int allowed : dims) dims_ok = dims_ok || d == allowed;
  if (!known || !dims_ok) {
    std::string expected;
    for (int allowed : dims) expected += (expected.empty() ? "" : " or ") + hex32(0x0800u | uint32_t(allowed));
    throw DatasetError(source + ": wrong magic number " + hex32(magic) + " (expected " + expected + " for IDX " + what +
                       ")");
  }
  const size_t header = 4 + 4 * size_t(d);
  if (bytes.size() < header)
    throw DatasetError(source + ": truncated: the IDX header needs " + std::to_string(header) +
                       " bytes, the file has " + std::to_string(bytes.size()));
  std::vector<int64_t> sizes;
  // Each size < 2^32 and at most 4 of them, but the product can overflow: check against the file as we go.
  long double product = 1;
  for (int i = 0; i < d; ++i) {
    sizes.push_back(read_be32(bytes, 4 + 4 * size_t(i)));
    product *= static_cast<long double>(sizes.back());
  }
  const size_t available = bytes.size() - header;
  if (product > static_cast<long double>(available))
    throw DatasetError(source + ": truncated: the header promises " +
                       (product < 1e18L ? std::to_string(static_cast<unsigned long long>(product))
                                        : std::to_string(static_cast<double>(product))) +
                       " bytes of data, the file has " + std::to_string(available));
  if (product < static_cast<long double>(available))
    throw DatasetError(source + ": " + std::to_string(available - static_cast<size_t>(product)) +
                       " unexpected bytes after the data (corrupt or not an IDX file)");
  return sizes;
}

at::Tensor copy_bytes(const std::string& bytes, size_t offset, at::IntArrayRef shape) {
  at::Tensor t = torch::empty(shape, torch::kUInt8);
  if (t.numel() > 0) std::memcpy(t.data_ptr<uint8_t>(), bytes.data() + offset, static_cast<size_t>(t.numel()));
  return t;
}

}  // namespace

at::Tensor parse_idx_images(const std::string& bytes, const std::string& source) {
  const std::vector<int64_t> s = parse_header(bytes, source, {3, 4}, "images");
  for (size_t i = 1; i < s.size(); ++i)
    if (s[i] == 0) throw DatasetError(source + ": image dimension " + std::to_string(i) + " is zero");
  const size_t offset = 4 + 4 * s.size();
  if (s.size() == 3) return copy_bytes(bytes, offset, {s[0], 1, s[1], s[2]});
  if (s[3] != 1 && s[3] != 3 && s[3] != 4)
    throw DatasetError(source + ": " + std::to_string(s[3]) + " channels per pixel (expected 1, 3 or 4)");
  return copy_bytes(bytes, offset, {s[0], s[1], s[2], s[3]}).permute({0, 3, 1, 2}).contiguous();
}

at::Tensor parse_idx_labels(const std::string& bytes, const std::string& source) {
  const std::vector<int64_t> s = parse_header(bytes, source, {1}, "labels");
  return copy_bytes(bytes, 8, {s[0]}).to(torch::kInt64);
}

Dataset read_idx_dataset(const std::string& images_path, const std::string& labels_path, const std::string& name,
                         std::vector<std::string> class_names) {
  Dataset d;
  d.name = name;
  d.kind = DataKind::Images;
  d.data = parse_idx_images(read_maybe_gzipped(images_path), images_path);
  d.labels = parse_idx_labels(read_maybe_gzipped(labels_path), labels_path);
  if (d.labels.size(0) != d.data.size(0))
    throw DatasetError(labels_path + ": label count mismatch: " + std::to_string(d.labels.size(0)) + " labels for " +
                       std::to_string(d.data.size(0)) + " images in " + images_path);
  const int64_t max_label = d.labels.numel() ? d.labels.max().item<int64_t>() : -1;
  if (class_names.empty()) {
    for (int64_t c = 0; c <= max_label; ++c) class_names.push_back(std::to_string(c));
  } else if (max_label >= static_cast<int64_t>(class_names.size())) {
    throw DatasetError(labels_path + ": label " + std::to_string(max_label) + " is out of range for " +
                       std::to_string(class_names.size()) + " classes");
  }
  d.class_names = std::move(class_names);
  return d;
}

const std::vector<std::string>& fashion_mnist_class_names() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                 "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return names;
}

Dataset read_fashion_mnist(const std::string& dir, const std::string& split) {
  if (split != "train" && split != "test")
    throw DatasetError("fashion-mnist: split must be 'train' or 'test', got '" + split + "'");
  const std::string prefix = dir + "/" + (split == "test" ? "t10k" : "train");
  // Debian ships the files gzipped; a user's own copy may be unpacked.
  const auto existing = [](const std::string& base) {
    return std::filesystem::exists(base + ".gz") || !std::filesystem::exists(base) ? base + ".gz" : base;
  };
  return read_idx_dataset(existing(prefix + "-images-idx3-ubyte"), existing(prefix + "-labels-idx1-ubyte"),
                          "Fashion-MNIST (" + split + ")", fashion_mnist_class_names());
}

}  // namespace difflab
