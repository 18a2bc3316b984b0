#include "data/image_folder_reader.h"

#include "data/dataset_error.h"
#include "data/file_bytes.h"

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <filesystem>
#include <memory>

// The one stb_image implementation of difflab_data. Static linkage keeps it private to this file, so another
// library that also embeds stb_image cannot clash with it. Only the two formats we document are compiled.
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#define STBI_NO_STDIO
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_MAX_DIMENSIONS (1 << 14)
#include <stb_image.h>

namespace difflab {
namespace fs = std::filesystem;

namespace {

// stb_image sizes its buffer for a PNG's compressed data by the chunk lengths the file claims (up to 2 GiB)
// before it has read them: a damaged or hostile PNG could make it allocate gigabytes. Every chunk must fit in the
// file. (Found by tests/fuzz: fuzz_image.)
void check_png_chunks(const std::string& bytes, const std::string& source) {
  static const std::string kSignature("\x89PNG\r\n\x1a\n", 8);
  if (bytes.compare(0, kSignature.size(), kSignature) != 0) return;
  size_t at = kSignature.size();
  while (at + 12 <= bytes.size()) {
    const auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + i])); };
    const uint64_t length = (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
    if (length + 12 > bytes.size() - at)
      throw DatasetError(source + ": unreadable image: a PNG chunk of " + std::to_string(length) +
                         " bytes runs past the end of the file");
    if (bytes.compare(at + 4, 4, "IEND") == 0) return;
    at += static_cast<size_t>(length) + 12;
  }
}

// Pixels decoded from one file: beyond this the image is refused before its buffer is allocated.
constexpr int64_t kMaxImagePixels = int64_t{1} << 28;  // 268 megapixels (16384 × 16384)

}  // namespace

at::Tensor decode_image(const std::string& bytes, const std::string& source) {
  if (bytes.empty()) throw DatasetError(source + ": unreadable image: the file is empty");
  if (bytes.size() > static_cast<size_t>(INT_MAX)) throw DatasetError(source + ": unreadable image: file over 2 GiB");
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int len = static_cast<int>(bytes.size());
  int w = 0, h = 0, comp = 0;
  if (!stbi_info_from_memory(data, len, &w, &h, &comp))
    throw DatasetError(source + ": unreadable image (not a PNG or JPEG stb_image can read: " + stbi_failure_reason() +
                       ")");
  if (static_cast<int64_t>(w) * h > kMaxImagePixels)
    throw DatasetError(source + ": image of " + std::to_string(w) + " × " + std::to_string(h) +
                       " pixels is too large (at most " + std::to_string(kMaxImagePixels) + " pixels)");
  check_png_chunks(bytes, source);
  const int channels = comp >= 3 ? 3 : 1;
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load_from_memory(data, len, &w, &h, &comp, channels),
                                                   stbi_image_free);
  if (!pixels) throw DatasetError(source + ": unreadable image: " + std::string(stbi_failure_reason()));
  at::Tensor hwc = torch::empty({h, w, channels}, torch::kUInt8);
  std::memcpy(hwc.data_ptr<uint8_t>(), pixels.get(), static_cast<size_t>(hwc.numel()));
  return hwc.permute({2, 0, 1}).contiguous();
}

at::Tensor resize_and_center_crop(const at::Tensor& image, int64_t size) {
  TORCH_CHECK(image.dim() == 3, "resize_and_center_crop: expected [C, H, W], got ", image.sizes());
  const int64_t h = image.size(1), w = image.size(2), shorter = std::min(h, w);
  const int64_t new_h = h == shorter ? size : std::max<int64_t>(size, std::llround(double(h) * size / shorter));
  const int64_t new_w = w == shorter ? size : std::max<int64_t>(size, std::llround(double(w) * size / shorter));
  at::Tensor x = image.unsqueeze(0).to(torch::kFloat32);
  if (new_h != h || new_w != w) {
    namespace F = torch::nn::functional;
    x = F::interpolate(x, F::InterpolateFuncOptions()
                              .size(std::vector<int64_t>{new_h, new_w})
                              .mode(torch::kBilinear)
                              .align_corners(false)
                              .antialias(shorter > size));
  }
  const int64_t top = (new_h - size) / 2, left = (new_w - size) / 2;
  x = x.slice(2, top, top + size).slice(3, left, left + size);
  return x.round().clamp(0, 255).to(torch::kUInt8).squeeze(0).contiguous();
}

namespace {

bool is_image_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

bool hidden(const fs::path& p) { return p.filename().string().rfind('.', 0) == 0; }

std::vector<fs::path> images_in(const fs::path& dir, bool recursive) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (hidden(it->path())) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_image_file(it->path())) files.push_back(it->path());
    }
  } else {
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (!hidden(e.path()) && e.is_regular_file(ec) && is_image_file(e.path())) files.push_back(e.path());
  }
  if (ec) throw DatasetError(dir.string() + ": cannot list the folder: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Dataset read_image_folder(const std::string& dir, int64_t size) {
  if (size < 1 || size > 4096)
    throw DatasetError("folder:" + dir + ": image size " + std::to_string(size) + " is outside 1..4096");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw DatasetError(dir + ": not a folder");

  // Class folders: direct sub-folders holding at least one image, sorted by name.
  std::vector<fs::path> subdirs;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (!hidden(e.path()) && e.is_directory(ec)) subdirs.push_back(e.path());
  std::sort(subdirs.begin(), subdirs.end());
  std::vector<std::pair<fs::path, int64_t>> files;  // (file, label)
  for (const auto& f : images_in(dir, false)) files.emplace_back(f, -1);
  Dataset d;
  for (const auto& sub : subdirs) {
    const std::vector<fs::path> class_files = images_in(sub, true);
    if (class_files.empty()) continue;
    for (const auto& f : class_files) files.emplace_back(f, static_cast<int64_t>(d.class_names.size()));
    d.class_names.push_back(sub.filename().string());
  }
  if (files.empty()) throw DatasetError(dir + ": empty folder: no PNG or JPEG images in it or its sub-folders");

  std::vector<at::Tensor> images;
  std::vector<int64_t> labels;
  bool colour = false;
  for (const auto& [path, label] : files) {
    at::Tensor image = resize_and_center_crop(decode_image(read_file_bytes(path.string()), path.string()), size);
    colour = colour || image.size(0) == 3;
    images.push_back(image);
    labels.push_back(label);
  }
  if (colour)
    for (auto& image : images)
      if (image.size(0) == 1) image = image.expand({3, size, size});
  d.name = fs::path(dir).lexically_normal().filename().string();
  if (d.name.empty()) d.name = fs::path(dir).lexically_normal().parent_path().filename().string();
  d.name += " (" + std::to_string(size) + "×" + std::to_string(size) + ")";
  d.kind = DataKind::Images;
  d.data = torch::stack(images);
  d.labels = torch::tensor(labels, torch::kInt64);
  return d;
}

}  // namespace difflab
