// Datasets (core/data): the real Fashion-MNIST files, IDX / CIFAR-10 / image-folder round trips through files
// this test writes, toy generators against their analytic statistics, Gaussian mixtures against closed forms
// and torch.distributions (tests/reference/gmm_reference.py), and a fuzz test of every reader.
#include "data/cifar10_reader.h"
#include "data/dataset_catalog.h"
#include "data/dataset_error.h"
#include "data/file_bytes.h"
#include "data/gaussian_mixture.h"
#include "data/idx_reader.h"
#include "data/image_folder_reader.h"
#include "data/toy_datasets.h"

#include <doctest/doctest.h>
#include <limits>
#include <torch/torch.h>
#include <zlib.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <stb_image_write.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

using namespace difflab;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A fresh folder per test case, removed when the case ends.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("difflab_test_data_" + std::to_string(::getpid()) + "_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string gzip_bytes(const std::string& bytes) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(bytes.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

void put_be32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((v >> shift) & 0xff));
}

std::string tensor_bytes(const at::Tensor& t) {
  const at::Tensor c = t.contiguous().to(torch::kUInt8);
  return std::string(reinterpret_cast<const char*>(c.data_ptr<uint8_t>()), static_cast<size_t>(c.numel()));
}

// IDX bytes (magic 0x0000 08 d, sizes, data) of a uint8 tensor.
std::string idx_bytes(const at::Tensor& t) {
  std::string s = {0, 0, 8, static_cast<char>(t.dim())};
  for (int64_t i = 0; i < t.dim(); ++i) put_be32(s, static_cast<uint32_t>(t.size(i)));
  return s + tensor_bytes(t);
}

at::Tensor random_bytes_tensor(at::IntArrayRef shape, uint64_t seed) {
  torch::manual_seed(seed);
  return torch::randint(0, 256, shape, torch::kInt64).to(torch::kUInt8);
}

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const DatasetError& e) {
    return e.what();
  }
  return "<no DatasetError>";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Encodes an image [C, H, W] uint8 as PNG (or JPEG at quality 100) bytes with stb_image_write.
std::string encode_image(const at::Tensor& chw, bool jpeg = false) {
  const at::Tensor hwc = chw.permute({1, 2, 0}).contiguous();
  std::string out;
  auto sink = [](void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<char*>(data), size_t(size));
  };
  const int w = int(chw.size(2)), h = int(chw.size(1)), c = int(chw.size(0));
  const int ok = jpeg ? stbi_write_jpg_to_func(sink, &out, w, h, c, hwc.data_ptr<uint8_t>(), 100)
                      : stbi_write_png_to_func(sink, &out, w, h, c, hwc.data_ptr<uint8_t>(), w * c);
  REQUIRE(ok != 0);
  return out;
}

double max_abs_diff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

}  // namespace

// --- Fashion-MNIST -----------------------------------------------------------------------------------------------

TEST_CASE("Fashion-MNIST from the Debian package loads with its ten classes") {
  if (!fs::exists(std::string(DIFFLAB_FASHION_MNIST_DIR) + "/train-images-idx3-ubyte.gz")) {
    MESSAGE("Fashion-MNIST is not installed in " DIFFLAB_FASHION_MNIST_DIR "; skipped");
    return;
  }
  const Dataset train = load_dataset("fashion-mnist");
  CHECK(train.kind == DataKind::Images);
  CHECK(train.data.dtype() == torch::kUInt8);
  CHECK(train.data.sizes() == at::IntArrayRef({60000, 1, 28, 28}));
  CHECK(train.sample_shape() == std::vector<int64_t>{1, 28, 28});
  REQUIRE(train.class_names.size() == 10);
  CHECK(train.class_names.front() == "T-shirt/top");
  CHECK(train.class_names[1] == "Trouser");
  CHECK(train.class_names.back() == "Ankle boot");
  // Facts of the published files (counted with Python's gzip module): balanced classes, the first image is
  // an ankle boot whose pixels sum to 76247, the mean pixel is 72.94035223214286.
  CHECK(torch::bincount(train.labels).equal(torch::full({10}, 6000, torch::kInt64)));
  CHECK(train.labels[0].item<int64_t>() == 9);
  CHECK(train.data[0].sum().item<int64_t>() == 76247);
  CHECK(train.data.to(torch::kFloat64).mean().item<double>() == doctest::Approx(72.94035223214286).epsilon(1e-12));
  CHECK(train.indices_of_class(3).size() == 6000);
  const at::Tensor x = train.normalized();
  CHECK(x.dtype() == torch::kFloat32);
  CHECK(x.min().item<float>() == -1.0f);
  CHECK(x.max().item<float>() == 1.0f);

  const Dataset test = load_dataset("fashion-mnist:test");
  CHECK(test.size() == 10000);
  CHECK(test.data[0].sum().item<int64_t>() == 33456);
  CHECK(contains(error_of([] { load_dataset("fashion-mnist:validation"); }), "validation"));
}

// --- IDX ------------------------------------------------------------------------------------------------------------

TEST_CASE("IDX files round-trip, gzipped and raw") {
  TempDir dir("idx");
  const at::Tensor images = random_bytes_tensor({5, 7, 3}, 1);
  const at::Tensor labels = torch::tensor({3, 0, 1, 4, 1}, torch::kInt64);
  write_bytes(dir / "img.gz", gzip_bytes(idx_bytes(images)));
  write_bytes(dir / "lab", idx_bytes(labels.to(torch::kUInt8)));
  const Dataset d = load_dataset("idx:" + (dir / "img.gz") + "," + (dir / "lab"));
  CHECK(d.kind == DataKind::Images);
  CHECK(d.data.sizes() == at::IntArrayRef({5, 1, 7, 3}));
  CHECK(d.data.squeeze(1).equal(images));
  CHECK(d.labels.equal(labels));
  CHECK(d.class_names == std::vector<std::string>{"0", "1", "2", "3", "4"});
  CHECK(d.indices_of_class(1) == std::vector<int64_t>{2, 4});

  // idx4 with channels last: [N, H, W, C] becomes [N, C, H, W].
  const at::Tensor rgb = random_bytes_tensor({2, 4, 5, 3}, 2);
  CHECK(parse_idx_images(idx_bytes(rgb), "rgb").equal(rgb.permute({0, 3, 1, 2})));
  // Images without labels.
  write_bytes(dir / "raw", idx_bytes(images));
  const Dataset unlabelled = load_dataset("idx:" + (dir / "raw"));
  CHECK(unlabelled.labels.eq(-1).all().item<bool>());
  CHECK(unlabelled.class_names.empty());
  // Several gzip members in one file decompress to their concatenation (RFC 1952 §2.2).
  const std::string whole = idx_bytes(images);
  CHECK(gunzip(gzip_bytes(whole.substr(0, 10)) + gzip_bytes(whole.substr(10)), "members") == whole);
}

TEST_CASE("IDX errors name the file and the fault") {
  TempDir dir("idx_errors");
  const at::Tensor images = random_bytes_tensor({4, 3, 3}, 3);
  const std::string good = idx_bytes(images), labels = idx_bytes(torch::zeros({4}, torch::kUInt8));
  write_bytes(dir / "img", good);
  write_bytes(dir / "lab", labels);

  write_bytes(dir / "magic", labels);  // labels where images are expected
  std::string e = error_of([&] { read_idx_dataset(dir / "magic", dir / "lab", "x"); });
  CHECK(contains(e, dir / "magic"));
  CHECK(contains(e, "wrong magic number 0x00000801"));

  write_bytes(dir / "short", good.substr(0, good.size() - 1));
  e = error_of([&] { read_idx_dataset(dir / "short", dir / "lab", "x"); });
  CHECK(contains(e, dir / "short"));
  CHECK(contains(e, "truncated"));

  write_bytes(dir / "long", good + "x");
  CHECK(contains(error_of([&] { read_idx_dataset(dir / "long", dir / "lab", "x"); }), "unexpected bytes"));

  // A header that promises no images: the catalog refuses the empty set with its spec, before any statistic.
  write_bytes(dir / "none", idx_bytes(torch::zeros({0, 3, 3}, torch::kUInt8)));
  write_bytes(dir / "nolab", idx_bytes(torch::zeros({0}, torch::kUInt8)));
  e = error_of([&] { load_dataset("idx:" + (dir / "none") + "," + (dir / "nolab"), 0); });
  CHECK(contains(e, "the data set holds no samples"));
  CHECK(contains(e, "idx:"));

  write_bytes(dir / "lab3", idx_bytes(torch::zeros({3}, torch::kUInt8)));
  e = error_of([&] { read_idx_dataset(dir / "img", dir / "lab3", "x"); });
  CHECK(contains(e, dir / "lab3"));
  CHECK(contains(e, "label count mismatch: 3 labels for 4 images"));

  const std::string gz = gzip_bytes(good);
  write_bytes(dir / "cut.gz", gz.substr(0, gz.size() / 2));
  e = error_of([&] { read_idx_dataset(dir / "cut.gz", dir / "lab", "x"); });
  CHECK(contains(e, dir / "cut.gz"));
  CHECK(contains(e, "truncated gzip"));

  CHECK(contains(error_of([&] { read_idx_dataset(dir / "missing", dir / "lab", "x"); }), "cannot open"));
}

// --- CIFAR-10 -------------------------------------------------------------------------------------------------------

TEST_CASE("CIFAR-10 binary batches: record layout, folders, errors") {
  TempDir dir("cifar");
  // Record i: label (i % 10), red plane all i, green plane the pixel index mod 256, blue plane 255 − i.
  auto batch = [](int64_t n, int64_t first) {
    std::string s;
    for (int64_t i = first; i < first + n; ++i) {
      s.push_back(static_cast<char>(i % 10));
      for (int p = 0; p < 1024; ++p) s.push_back(static_cast<char>(i));
      for (int p = 0; p < 1024; ++p) s.push_back(static_cast<char>(p % 256));
      for (int p = 0; p < 1024; ++p) s.push_back(static_cast<char>(255 - i));
    }
    return s;
  };
  write_bytes(dir / "data_batch_1.bin", batch(3, 0));
  write_bytes(dir / "data_batch_2.bin", batch(2, 3));
  write_bytes(dir / "test_batch.bin", batch(4, 20));

  const Dataset one = load_dataset("cifar10:" + (dir / "data_batch_1.bin"));
  CHECK(one.data.sizes() == at::IntArrayRef({3, 3, 32, 32}));
  CHECK(one.labels.equal(torch::tensor({0, 1, 2}, torch::kInt64)));
  CHECK(one.data[2][0].eq(2).all().item<bool>());
  CHECK(one.data[1][2].eq(254).all().item<bool>());
  CHECK(one.data[0][1][1][3].item<int64_t>() == 35);  // row 1, column 3: pixel 35 of the green plane
  CHECK(one.class_names == cifar10_class_names());

  const Dataset train = load_dataset("cifar10:" + dir.path.string());
  CHECK(train.size() == 5);
  CHECK(train.labels.equal(torch::tensor({0, 1, 2, 3, 4}, torch::kInt64)));
  write_bytes(dir / "batches.meta.txt", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
  const Dataset test = load_dataset("cifar10:" + dir.path.string() + ":test");
  CHECK(test.size() == 4);
  CHECK(test.labels[0].item<int64_t>() == 0);
  CHECK(test.data[3][0].eq(23).all().item<bool>());
  CHECK(test.class_names.front() == "a");

  write_bytes(dir / "short.bin", batch(2, 0).substr(0, 5000));
  std::string e = error_of([&] { load_dataset("cifar10:" + (dir / "short.bin")); });
  CHECK(contains(e, dir / "short.bin"));
  CHECK(contains(e, "not a multiple of the 3073-byte record"));
  std::string bad = batch(2, 0);
  bad[3073] = 12;
  write_bytes(dir / "label.bin", bad);
  CHECK(contains(error_of([&] { load_dataset("cifar10:" + (dir / "label.bin")); }), "record 1 has label 12"));
  TempDir empty("cifar_empty");
  CHECK(contains(error_of([&] { load_dataset("cifar10:" + empty.path.string()); }), "no CIFAR-10 train batch"));
}

// --- image folders --------------------------------------------------------------------------------------------------

TEST_CASE("image folder: classes from sub-folders, resize and centre crop, grey and colour") {
  TempDir dir("folder");
  fs::create_directories(dir.path / "cats");
  fs::create_directories(dir.path / "dogs" / "small");
  fs::create_directories(dir.path / "empty");
  fs::create_directories(dir.path / ".hidden");
  // A 4×8 grey image, left half 0 and right half 255: at size 4 nothing is resized and the centre crop keeps
  // columns 2..5, so the result is 0 0 255 255 on every row.
  at::Tensor halves = torch::zeros({1, 4, 8}, torch::kUInt8);
  halves.slice(2, 4) = 255;
  write_bytes(dir / "cats/halves.png", encode_image(halves));
  // A constant 12×12 grey image: shrinking (antialiased) keeps the constant.
  write_bytes(dir / "dogs/small/constant.PNG", encode_image(torch::full({1, 12, 12}, 100, torch::kUInt8)));
  write_bytes(dir / ".hidden/ignored.png", "not an image");
  write_bytes(dir / "notes.txt", "not an image either, and not .png");

  const Dataset grey = load_dataset("folder:" + dir.path.string() + "@4");
  CHECK(grey.kind == DataKind::Images);
  CHECK(grey.class_names == std::vector<std::string>{"cats", "dogs"});
  REQUIRE(grey.data.sizes() == at::IntArrayRef({2, 1, 4, 4}));
  CHECK(grey.labels.equal(torch::tensor({0, 1}, torch::kInt64)));
  CHECK(grey.data[0][0][2].equal(torch::tensor({0, 0, 255, 255}, torch::kUInt8)));
  CHECK(grey.data[1].eq(100).all().item<bool>());

  // Upscaling a 2×2 image to 4×4 is bilinear (align_corners = false), as torch.nn.functional.interpolate.
  const at::Tensor tiny = torch::tensor({0, 100, 200, 50}, torch::kUInt8).reshape({1, 2, 2});
  const at::Tensor expect = torch::nn::functional::interpolate(tiny.unsqueeze(0).to(torch::kFloat32),
                                                               torch::nn::functional::InterpolateFuncOptions()
                                                                   .size(std::vector<int64_t>{4, 4})
                                                                   .mode(torch::kBilinear)
                                                                   .align_corners(false));
  CHECK(resize_and_center_crop(tiny, 4).equal(expect.round().to(torch::kUInt8).squeeze(0)));

  // One colour image turns the dataset RGB; grey images are repeated into three channels; an image in the
  // top folder is unlabelled.
  at::Tensor colour = torch::zeros({3, 6, 6}, torch::kUInt8);
  colour[0] = 200;
  colour[2] = 30;
  write_bytes(dir / "top.jpg", encode_image(colour, /*jpeg=*/true));
  const Dataset rgb = load_dataset("folder:" + dir.path.string() + "@4");
  REQUIRE(rgb.data.sizes() == at::IntArrayRef({3, 3, 4, 4}));
  CHECK(rgb.labels.equal(torch::tensor({-1, 0, 1}, torch::kInt64)));
  CHECK(max_abs_diff(rgb.data[0][0], torch::full({4, 4}, 200)) <= 3);  // JPEG, quality 100
  CHECK(max_abs_diff(rgb.data[0][2], torch::full({4, 4}, 30)) <= 3);
  CHECK(rgb.data[1][0].equal(rgb.data[1][2]));
  CHECK(rgb.data[2].eq(100).all().item<bool>());

  write_bytes(dir / "dogs/broken.png", "\x89PNG\r\n\x1a\n but then nothing sensible");
  std::string e = error_of([&] { load_dataset("folder:" + dir.path.string() + "@4"); });
  CHECK(contains(e, dir / "dogs/broken.png"));
  CHECK(contains(e, "unreadable image"));

  TempDir empty("folder_empty");
  fs::create_directories(empty.path / "class");
  CHECK(contains(error_of([&] { load_dataset("folder:" + empty.path.string() + "@8"); }), "empty folder"));
  CHECK(contains(error_of([&] { load_dataset("folder:" + (empty / "nope") + "@8"); }), "not a folder"));
  CHECK(contains(error_of([&] { load_dataset("folder:" + empty.path.string() + "@0"); }), "outside 1..4096"));
}

// --- toy sets -------------------------------------------------------------------------------------------------------

TEST_CASE("toy sets: shapes, labels, determinism") {
  for (const auto& info : builtin_datasets()) {
    if (info.kind != DataKind::Points) continue;
    CAPTURE(info.spec);
    const Dataset d = load_dataset(info.spec, 7);
    CHECK(d.kind == DataKind::Points);
    CHECK(d.data.dtype() == torch::kFloat32);
    CHECK(d.size() == 4096);
    CHECK(d.labels.size(0) == 4096);
    CHECK(torch::isfinite(d.data).all().item<bool>());
    CHECK(d.labels.max().item<int64_t>() < static_cast<int64_t>(d.class_names.size()));
    CHECK(d.normalized().equal(d.data));
    CHECK(load_dataset(info.spec, 7).data.equal(d.data));
    CHECK_FALSE(load_dataset(info.spec, 8).data.equal(d.data));
  }
  CHECK(load_dataset("two-moons:100").size() == 100);
  CHECK(load_dataset("gmm:unbalanced-1d:50").data.sizes() == at::IntArrayRef({50, 1}));
  CHECK(contains(error_of([] { load_dataset("two-moons:abc"); }), "not a sample count"));
  CHECK(contains(error_of([] { load_dataset("two-moons:0"); }), "outside"));
  CHECK(contains(error_of([] { load_dataset("three-moons"); }), "unknown dataset 'three-moons'"));
}

TEST_CASE("toy sets match their analytic statistics") {
  const int64_t n = 40000;
  // Two moons: the upper moon (cos u, sin u), u ~ U[0, π], has mean (0, 2/π); the lower (1 − cos u, ½ − sin u)
  // has mean (1, ½ − 2/π); both are shifted by (−½, −¼) and scaled by 1.5.
  const Dataset moons = make_two_moons(n, 1);
  const at::Tensor upper = moons.data.index({moons.labels.eq(1)}).to(torch::kFloat64).mean(0);
  const at::Tensor lower = moons.data.index({moons.labels.eq(0)}).to(torch::kFloat64).mean(0);
  CHECK(std::abs(upper[0].item<double>() + 0.75) < 0.01);
  CHECK(std::abs(upper[1].item<double>() - 1.5 * (2 / M_PI - 0.25)) < 0.01);
  CHECK(std::abs(lower[0].item<double>() - 0.75) < 0.01);
  CHECK(std::abs(lower[1].item<double>() - 1.5 * (0.25 - 2 / M_PI)) < 0.01);
  CHECK(std::abs(moons.labels.to(torch::kFloat64).mean().item<double>() - 0.5) < 0.015);

  // Swiss roll: E‖5x‖² = E t² + 2 with t = 1.5π(1 + 2u): E t² = (1.5π)² · 13/3.
  const Dataset roll = make_swiss_roll(n, 2);
  const double r2 = (roll.data.to(torch::kFloat64) * 5).pow(2).sum(1).mean().item<double>();
  CHECK(r2 == doctest::Approx(std::pow(1.5 * M_PI, 2) * 13.0 / 3.0 + 2.0).epsilon(0.02));

  // 8 Gaussians: each mode's samples sit around its mean with variance 1/8 per axis.
  const Dataset eight = make_eight_gaussians(n, 3);
  const GaussianMixture m8 = eight_gaussians_mixture();
  for (int k = 0; k < 8; ++k) {
    const at::Tensor pts = eight.data.index({eight.labels.eq(k)}).to(torch::kFloat64);
    CHECK(std::abs(pts.size(0) - n / 8.0) < 5 * std::sqrt(n / 8.0));
    CHECK(std::abs(pts.select(1, 0).mean().item<double>() - m8.means[size_t(k)][0]) < 0.02);
    CHECK(std::abs(pts.select(1, 1).mean().item<double>() - m8.means[size_t(k)][1]) < 0.02);
    CHECK(pts.select(1, 0).var().item<double>() == doctest::Approx(0.125).epsilon(0.08));
  }

  // Checkerboard: inside [-4, 4]², only on squares with floor(x/2) + floor(y/2) even, 1/8 of the mass each.
  const Dataset board = make_checkerboard(n, 4);
  CHECK(board.data.abs().max().item<float>() <= 4.0f);
  const at::Tensor cell = torch::floor(board.data / 2).to(torch::kInt64) + 2;  // 0..3 per axis
  CHECK(torch::remainder(cell.sum(1), 2).eq(0).all().item<bool>());
  const at::Tensor counts = torch::bincount(cell.select(1, 0) * 4 + cell.select(1, 1), {}, 16);
  CHECK(counts.gt(0).sum().item<int64_t>() == 8);
  CHECK((counts.index({counts.gt(0)}).to(torch::kFloat64) - n / 8.0).abs().max().item<double>() <
        5 * std::sqrt(n / 8.0));

  // Rings: mean radius per ring ≈ r (+σ²/2r for a ring of 2-D Gaussians); mass ∝ 13 : 25 : 38.
  const Dataset rings = make_rings(n, 5);
  const std::vector<double> share = {13.0 / 76, 25.0 / 76, 38.0 / 76};
  for (int r = 0; r < 3; ++r) {
    const at::Tensor pts = rings.data.index({rings.labels.eq(r)}).to(torch::kFloat64);
    const double radius = 0.8 * (r + 1);
    CHECK(std::abs(pts.norm(2, 1).mean().item<double>() - (radius + 0.04 / (2 * radius))) < 0.01);
    CHECK(std::abs(pts.size(0) / double(n) - share[size_t(r)]) < 0.01);
  }
}

// --- Gaussian mixtures ----------------------------------------------------------------------------------------------

TEST_CASE("Gaussian mixture JSON: parsing, normalisation, round trip, errors naming the source") {
  const json j = json::parse(R"({"weights":[2,6],"means":[[0,1],[2,3]],
                                 "covariances":[[[1,0.5],[0.5,2]],[[0.3,0],[0,0.3]]]})");
  const GaussianMixture m = parse_gaussian_mixture(j, "mix.json");
  CHECK(m.dim() == 2);
  CHECK(m.weights == std::vector<double>{0.25, 0.75});
  CHECK(to_json(m) == json::parse(R"({"weights":[0.25,0.75],"means":[[0,1],[2,3]],
                                      "covariances":[[[1,0.5],[0.5,2]],[[0.3,0],[0,0.3]]]})"));

  auto fault = [&](const std::string& key, const json& value) {
    json bad = j;
    bad[key] = value;
    return error_of([&] { parse_gaussian_mixture(bad, "mix.json"); });
  };
  CHECK(contains(fault("weights", {1, -1}), "mix.json: weights[1] = -1.000000 is negative"));
  CHECK(contains(fault("weights", {0, 0}), "sum to zero"));
  CHECK(
      contains(fault("weights", {1, std::numeric_limits<double>::infinity()}), "weights[1]"));  // JSON has no inf: null
  {  // weights whose sum overflows a double are still two equal components
    json huge = j;
    huge["weights"] = {1e308, 1e308};
    CHECK(parse_gaussian_mixture(huge, "mix.json").weights == std::vector<double>{0.5, 0.5});
  }
  CHECK(contains(fault("weights", {1}), "means must be an array of 1"));
  CHECK(contains(fault("weights", json::array()), "weights is empty"));
  CHECK(contains(fault("means", {{0, 1}, {2}}), "means[1] has dimension 1 but means[0] has 2"));
  CHECK(contains(fault("means", {{0, 1}, {2, "x"}}), "means[1][1] is not a number"));
  CHECK(contains(fault("covariances", {{{1, 0.5}, {0.4, 2}}, {{1, 0}, {0, 1}}}), "covariances[0] is not symmetric"));
  CHECK(
      contains(fault("covariances", {{{1, 0}, {0, 1}}, {{1, 2}, {2, 1}}}), "covariances[1] is not positive definite"));
  CHECK(contains(fault("covariances", {{{1, 0}, {0, 1}}, {{1, 0}}}), "covariances[1] must be a 2×2 matrix"));
  CHECK(contains(error_of([] { parse_gaussian_mixture(json::array(), "a.json"); }),
                 "a.json: a Gaussian mixture must be"));
  json missing = j;
  missing.erase("covariances");
  CHECK(contains(error_of([&] { parse_gaussian_mixture(missing, "m"); }), "missing \"covariances\""));

  TempDir dir("gmm");
  write_bytes(dir / "broken.json", "{\"weights\": [1,");
  std::string e = error_of([&] { load_gaussian_mixture(dir / "broken.json"); });
  CHECK(contains(e, dir / "broken.json"));
  CHECK(contains(e, "not valid JSON"));
  write_bytes(dir / "mix.json", j.dump());
  const Dataset d = load_dataset("gmm:" + (dir / "mix.json") + ":300", 1);
  CHECK(d.size() == 300);
  CHECK(d.class_names == std::vector<std::string>{"0", "1"});
  // The optional "classes" list names components; components sharing a name form one class.
  json named = json::parse(R"({"weights":[1,1,2],"means":[[0],[5],[10]],"covariances":[[[1]],[[1]],[[1]]],
                               "classes":["odd","even","odd"]})");
  write_bytes(dir / "named.json", named.dump());
  const Dataset nd = load_dataset("gmm:" + (dir / "named.json") + ":2000", 2);
  CHECK(nd.class_names == std::vector<std::string>{"odd", "even"});
  CHECK(nd.data.index({nd.labels.eq(1)}).sub(5).abs().max().item<float>() < 6.0f);
  CHECK(std::abs(nd.labels.eq(0).sum().item<int64_t>() - 1500) < 100);
  named["classes"] = {"a", "b"};
  write_bytes(dir / "short_classes.json", named.dump());
  CHECK(contains(error_of([&] { load_dataset("gmm:" + (dir / "short_classes.json")); }),
                 "short_classes.json: classes must be an array of 3 names (one per weight), got 2 entries"));
  named["classes"] = {"a", 1, "c"};
  CHECK(contains(error_of([&] { parse_gaussian_mixture(named, "n.json"); }),
                 "n.json: classes[1] must be a string, got number"));
  named["classes"] = "odd";
  CHECK(contains(error_of([&] { parse_gaussian_mixture(named, "n.json"); }), "got string"));
  // The names are part of the mixture: parsed once, written back by to_json.
  named["classes"] = {"odd", "even", "odd"};
  CHECK(parse_gaussian_mixture(to_json(parse_gaussian_mixture(named, "n.json")), "again").classes ==
        std::vector<std::string>{"odd", "even", "odd"});
  CHECK(load_dataset("gmm:anisotropic:10").class_names.empty());
}

TEST_CASE("Gaussian mixture samples have the mixture's mean and covariance") {
  const GaussianMixture m = parse_gaussian_mixture(json::parse(R"({"weights":[0.3,0.7],"means":[[-1,2],[2,0.5]],
                      "covariances":[[[1,0.6],[0.6,0.5]],[[0.2,-0.1],[-0.1,0.4]]]})"),
                                                   "<json>");
  const int64_t n = 200000;
  at::Tensor comp;
  const at::Tensor x = sample_gaussian_mixture(m, n, 11, &comp).to(torch::kFloat64);
  CHECK(x.sizes() == at::IntArrayRef({n, 2}));
  CHECK(std::abs(comp.to(torch::kFloat64).mean().item<double>() - 0.7) < 0.005);
  // Mixture moments: mean m = Σ w μ, covariance Σ w (Σ_k + μ_k μ_kᵀ) − m mᵀ.
  const at::Tensor w = torch::tensor(m.weights, torch::kFloat64);
  const at::Tensor mu = torch::tensor({-1.0, 2.0, 2.0, 0.5}, torch::kFloat64).reshape({2, 2});
  const at::Tensor cov = torch::tensor({1.0, 0.6, 0.6, 0.5, 0.2, -0.1, -0.1, 0.4}, torch::kFloat64).reshape({2, 2, 2});
  const at::Tensor mean = (w.unsqueeze(1) * mu).sum(0);
  const at::Tensor second = (w.view({2, 1, 1}) * (cov + mu.unsqueeze(2) * mu.unsqueeze(1))).sum(0);
  const at::Tensor expected_cov = second - mean.unsqueeze(1) * mean.unsqueeze(0);
  const at::Tensor xc = x - x.mean(0);
  const at::Tensor sample_cov = xc.t().matmul(xc) / double(n - 1);
  CHECK(max_abs_diff(x.mean(0), mean) < 0.015);
  CHECK(max_abs_diff(sample_cov, expected_cov) < 0.03);
  // Per component, the conditional covariance is Σ_k (checks that L, not Lᵀ, multiplies z).
  const at::Tensor x0 = x.index({comp.eq(0)});
  const at::Tensor x0c = x0 - x0.mean(0);
  CHECK(max_abs_diff(x0c.t().matmul(x0c) / double(x0.size(0) - 1), cov[0]) < 0.025);
  CHECK(sample_gaussian_mixture(m, 10, 11).equal(sample_gaussian_mixture(m, 10, 11)));
  CHECK(sample_gaussian_mixture(m, 0, 1).sizes() == at::IntArrayRef({0, 2}));
}

TEST_CASE("Gaussian mixture log density: closed form and torch.distributions reference") {
  // One Gaussian: log N(x; μ, Σ) = −log(2π) − ½ log|Σ| − ½ (x−μ)ᵀ Σ⁻¹ (x−μ), with the 2×2 inverse written out.
  const double a = 2.0, b = 0.7, c = 0.5, mx = 0.3, my = -1.0;
  const GaussianMixture one{{1.0}, {{mx, my}}, {{{a, b}, {b, c}}}, {}};
  const at::Tensor x = torch::tensor({0.0, 0.0, 1.5, -2.0, -3.0, 4.0}, torch::kFloat64).reshape({3, 2});
  const at::Tensor got = gaussian_mixture_log_density(one, x);
  const double det = a * c - b * b;
  for (int i = 0; i < 3; ++i) {
    const double dx = x[i][0].item<double>() - mx, dy = x[i][1].item<double>() - my;
    const double quad = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
    CHECK(got[i].item<double>() ==
          doctest::Approx(-std::log(2 * M_PI) - 0.5 * std::log(det) - 0.5 * quad).epsilon(1e-13));
  }

  // Reference values: tests/reference/gmm_reference.py (MixtureSameFamily + MultivariateNormal, float64).
  std::ifstream in(std::string(DIFFLAB_TEST_DATA_DIR) + "/data/gmm_reference.json");
  REQUIRE(in);
  const json ref = json::parse(in);
  for (const auto& c : ref["cases"]) {
    const GaussianMixture m = parse_gaussian_mixture(c["mixture"], "reference");
    const auto rows = c["x"].get<std::vector<std::vector<double>>>();
    at::Tensor xs = torch::empty({int64_t(rows.size()), m.dim()}, torch::kFloat64);
    for (size_t i = 0; i < rows.size(); ++i) xs[int64_t(i)] = torch::tensor(rows[i], torch::kFloat64);
    const at::Tensor expected = torch::tensor(c["log_density"].get<std::vector<double>>(), torch::kFloat64);
    CHECK(max_abs_diff(gaussian_mixture_log_density(m, xs), expected) < 1e-10);
    CHECK(max_abs_diff(gaussian_mixture_log_density(m, xs.to(torch::kFloat32)),
                       gaussian_mixture_log_density(m, xs.to(torch::kFloat32).to(torch::kFloat64))) == 0.0);
  }

  // The 1-D preset's density integrates to 1 (trapezoid rule on [-8, 8]).
  const GaussianMixture u1 = load_gaussian_mixture(mixture_preset_path("unbalanced-1d"));
  const at::Tensor grid = torch::linspace(-8, 8, 16001, torch::kFloat64).unsqueeze(1);
  CHECK(torch::trapezoid(gaussian_mixture_log_density(u1, grid).exp(), grid.squeeze(1)).item<double>() ==
        doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("mixture presets: the toy generators' mixtures, findable by name") {
  auto same = [](const GaussianMixture& a, const GaussianMixture& b) {
    REQUIRE(a.weights.size() == b.weights.size());
    double worst = 0;
    for (size_t k = 0; k < a.weights.size(); ++k) {
      worst = std::max(worst, std::abs(a.weights[k] - b.weights[k]));
      for (size_t i = 0; i < a.means[k].size(); ++i) {
        worst = std::max(worst, std::abs(a.means[k][i] - b.means[k][i]));
        for (size_t j = 0; j < a.means[k].size(); ++j)
          worst = std::max(worst, std::abs(a.covariances[k][i][j] - b.covariances[k][i][j]));
      }
    }
    return worst;
  };
  CHECK(same(load_gaussian_mixture(mixture_preset_path("8gaussians")), eight_gaussians_mixture()) < 1e-12);
  CHECK(same(load_gaussian_mixture(mixture_preset_path("rings.json")), rings_mixture()) < 1e-12);
  CHECK(rings_mixture().weights.size() == 76);
  CHECK(rings_component_ring().size() == 76);
  const std::vector<std::string> names = mixture_preset_names();
  for (const char* want : {"8gaussians", "rings", "two-gaussians", "anisotropic", "unbalanced-1d"})
    CHECK(std::find(names.begin(), names.end(), want) != names.end());
  for (const auto& name : names) CHECK_NOTHROW(load_gaussian_mixture(mixture_preset_path(name)));
  CHECK(contains(error_of([] { mixture_preset_path("no-such-preset"); }), "no no-such-preset.json in"));
  CHECK(contains(error_of([] { mixture_preset_path("../etc/passwd"); }), "plain name"));
}

// --- fuzz -----------------------------------------------------------------------------------------------------------

TEST_CASE("fuzz: random, mutated and truncated bytes only ever raise DatasetError") {
  std::mt19937_64 rng(20240611);
  const std::string idx_images = idx_bytes(random_bytes_tensor({3, 5, 4}, 5));
  const std::string idx_labels = idx_bytes(torch::tensor({1, 2, 3}, torch::kUInt8));
  std::string cifar(2 * kCifar10RecordBytes, '\x07');
  cifar[0] = 3;
  at::Tensor picture = random_bytes_tensor({3, 9, 7}, 6);
  const std::vector<std::string> seeds = {idx_images,
                                          idx_labels,
                                          gzip_bytes(idx_images),
                                          cifar,
                                          encode_image(picture),
                                          encode_image(picture.slice(0, 0, 1)),
                                          encode_image(picture, /*jpeg=*/true),
                                          R"({"weights":[1,2],"means":[[0],[1]],"covariances":[[[1]],[[2]]]})"};
  const std::vector<std::pair<std::string, std::function<void(const std::string&)>>> readers = {
      {"idx images", [](const std::string& b) { parse_idx_images(b, "fuzz"); }},
      {"idx labels", [](const std::string& b) { parse_idx_labels(b, "fuzz"); }},
      {"gunzip", [](const std::string& b) { gunzip(b, "fuzz"); }},
      {"cifar10",
       [](const std::string& b) {
         at::Tensor x, y;
         parse_cifar10_batch(b, "fuzz", &x, &y);
       }},
      {"image", [](const std::string& b) { resize_and_center_crop(decode_image(b, "fuzz"), 8); }},
      {"gmm",
       [](const std::string& b) {
         const json j = json::parse(b, nullptr, /*allow_exceptions=*/false);
         if (j.is_discarded()) throw DatasetError("fuzz: not JSON");
         const GaussianMixture m = parse_gaussian_mixture(j, "fuzz");
         gaussian_mixture_log_density(m, torch::zeros({2, m.dim()}));
       }},
  };
  int cases = 0, accepted = 0;
  auto feed = [&](const std::string& bytes) {
    for (const auto& [name, read] : readers) {
      ++cases;
      try {
        read(bytes);
        ++accepted;
      } catch (const DatasetError&) {
      } catch (const std::exception& e) {
        FAIL_CHECK(name << " threw a non-DatasetError: " << e.what());
      }
    }
  };
  // Every prefix of every valid input (the JPEG and gzip ones in steps, they are longer).
  for (const auto& s : seeds)
    for (size_t len = 0; len < s.size(); len += (s.size() > 2000 ? 7 : 1)) feed(s.substr(0, len));
  // Random bytes, and valid inputs with a few bytes overwritten.
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 600; ++i) {
    std::string r(size_t(rng() % 300), '\0');
    for (char& ch : r) ch = static_cast<char>(byte(rng));
    feed(r);
  }
  for (int i = 0; i < 1500; ++i) {
    std::string s = seeds[rng() % seeds.size()];
    const int flips = 1 + int(rng() % 4);
    for (int f = 0; f < flips; ++f) s[rng() % s.size()] = static_cast<char>(byte(rng));
    feed(s);
  }
  MESSAGE(cases << " fuzz cases, " << accepted << " accepted as valid");
  CHECK(cases > 10000);
}
