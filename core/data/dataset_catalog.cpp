#include "data/dataset_catalog.h"

#include "data/cifar10_reader.h"
#include "data/dataset_error.h"
#include "data/file_bytes.h"
#include "data/gaussian_mixture.h"
#include "data/idx_reader.h"
#include "data/image_folder_reader.h"
#include "data/toy_datasets.h"

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace difflab {
namespace {

constexpr int64_t kDefaultPoints = 4096;
constexpr int64_t kDefaultFolderSize = 32;

struct ToySet {
  const char* name;
  const char* description;
  Dataset (*make)(int64_t, uint64_t);
};

const ToySet kToySets[] = {
    {"two-moons", "two interleaved half circles, labelled by moon", make_two_moons},
    {"swiss-roll", "a noisy 2-D spiral (unlabelled)", make_swiss_roll},
    {"8gaussians", "eight Gaussians on a circle, labelled by mode (exact mixture)", make_eight_gaussians},
    {"checkerboard", "uniform on the dark squares of a 4×4 board (unlabelled)", make_checkerboard},
    {"rings", "three concentric rings, labelled by ring (exact mixture of 76 Gaussians)", make_rings},
};

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 12 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

int64_t parse_count(const std::string& text, const std::string& spec) {
  if (!all_digits(text)) throw DatasetError(spec + ": '" + text + "' is not a sample count (a positive integer)");
  return std::stoll(text);
}

Dataset load_gmm(const std::string& spec, const std::string& arg, uint64_t seed) {
  std::string file = arg;
  int64_t n = kDefaultPoints;
  const auto colon = arg.rfind(':');
  if (colon != std::string::npos && all_digits(arg.substr(colon + 1))) {
    n = parse_count(arg.substr(colon + 1), spec);
    file = arg.substr(0, colon);
  }
  if (file.empty()) throw DatasetError(spec + ": expected gmm:FILE.json[:N] or gmm:PRESET[:N]");
  std::error_code ec;
  // A path that exists wins; otherwise a plain name is a shipped preset (resources/mixtures).
  const std::string path =
      std::filesystem::exists(file, ec) || file.find('/') != std::string::npos ? file : mixture_preset_path(file);
  const GaussianMixture mixture = load_gaussian_mixture(path);
  return make_mixture_dataset(
      mixture, n, seed, "Gaussian mixture (" + std::filesystem::path(path).stem().string() + ")", mixture.classes);
}

Dataset load_cifar(const std::string& spec, std::string arg) {
  std::string split = "train";
  for (const char* s : {"train", "test"}) {
    const std::string suffix = std::string(":") + s;
    if (arg.size() > suffix.size() && arg.compare(arg.size() - suffix.size(), suffix.size(), suffix) == 0) {
      split = s;
      arg.resize(arg.size() - suffix.size());
    }
  }
  if (arg.empty()) throw DatasetError(spec + ": expected cifar10:FILE_OR_DIR[:train|test]");
  return read_cifar10(arg, split);
}

Dataset load_folder(const std::string& spec, const std::string& arg) {
  const auto at = arg.rfind('@');
  const std::string dir = at == std::string::npos ? arg : arg.substr(0, at);
  if (dir.empty()) throw DatasetError(spec + ": expected folder:DIR@SIZE");
  const int64_t size = at == std::string::npos ? kDefaultFolderSize : parse_count(arg.substr(at + 1), spec);
  return read_image_folder(dir, size);
}

Dataset load_idx(const std::string& spec, const std::string& arg) {
  const auto comma = arg.find(',');
  if (arg.empty() || comma == 0) throw DatasetError(spec + ": expected idx:IMAGES_FILE[,LABELS_FILE]");
  if (comma != std::string::npos)
    return read_idx_dataset(arg.substr(0, comma), arg.substr(comma + 1), arg.substr(0, comma));
  // Images without labels: every label is -1.
  Dataset d;
  d.name = arg;
  d.kind = DataKind::Images;
  d.data = parse_idx_images(read_maybe_gzipped(arg), arg);
  d.labels = torch::full({d.data.size(0)}, -1, torch::kInt64);
  return d;
}

}  // namespace

namespace {

// Every reader's result: a data set with no samples is refused here, once, with the spec in the message, so no
// statistic, batch or plot downstream meets an empty tensor (an IDX header that promises 0 images, say).
Dataset non_empty(Dataset d, const std::string& spec) {
  if (d.size() == 0) throw DatasetError(spec + ": the data set holds no samples");
  return d;
}

Dataset load_any(const std::string& spec, uint64_t seed);

}  // namespace

Dataset load_dataset(const std::string& spec, uint64_t seed) { return non_empty(load_any(spec, seed), spec); }

namespace {

Dataset load_any(const std::string& spec, uint64_t seed) {
  const auto colon = spec.find(':');
  const std::string name = spec.substr(0, colon), arg = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if (name == "fashion-mnist") return read_fashion_mnist(DIFFLAB_FASHION_MNIST_DIR, arg.empty() ? "train" : arg);
  if (name == "idx") return load_idx(spec, arg);
  if (name == "cifar10") return load_cifar(spec, arg);
  if (name == "folder") return load_folder(spec, arg);
  if (name == "gmm") return load_gmm(spec, arg, seed);
  for (const auto& toy : kToySets)
    if (name == toy.name) return toy.make(arg.empty() ? kDefaultPoints : parse_count(arg, spec), seed);
  std::string known =
      "fashion-mnist[:train|test], idx:IMAGES,LABELS, cifar10:FILE_OR_DIR, folder:DIR@SIZE, gmm:FILE.json[:N]";
  for (const auto& toy : kToySets) known += std::string(", ") + toy.name + "[:N]";
  throw DatasetError("unknown dataset '" + spec + "' (expected one of " + known + ")");
}

}  // namespace

std::vector<DatasetInfo> builtin_datasets() {
  std::vector<DatasetInfo> out;
  out.push_back({"fashion-mnist:train", "Fashion-MNIST training set: 60000 grey 28×28 clothing images, 10 classes",
                 DataKind::Images});
  out.push_back(
      {"fashion-mnist:test", "Fashion-MNIST test set: 10000 grey 28×28 clothing images, 10 classes", DataKind::Images});
  for (const auto& toy : kToySets) out.push_back({toy.name, toy.description, DataKind::Points});
  for (const std::string& preset : mixture_preset_names()) {
    const bool generator =
        std::any_of(std::begin(kToySets), std::end(kToySets), [&](const ToySet& t) { return preset == t.name; });
    if (!generator) out.push_back({"gmm:" + preset, "Gaussian mixture preset " + preset + ".json", DataKind::Points});
  }
  return out;
}

}  // namespace difflab
