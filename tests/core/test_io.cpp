// File formats (core/io): NPY against files written by NumPy itself (tests/reference/npy_reference.py),
// PNG text chunks round trip and corruption detection, image grids.
#include "io/atomic_file.h"
#include "io/json_text.h"
#include "io/npy.h"
#include "io/png_writer.h"
#include "io/sha256.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace difflab;

namespace {

const std::string kData = std::string(DIFFLAB_TEST_DATA_DIR) + "/io/";

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("difflab_test_io_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("NPY files written by NumPy read back with their dtype, shape and values") {
  // The formulas are those of tests/reference/npy_reference.py.
  const auto f4 = read_npy(kData + "f4_3x2.npy");
  CHECK((f4.scalar_type() == torch::kFloat32));
  CHECK((f4.sizes() == torch::IntArrayRef({3, 2})));
  CHECK(torch::equal(f4, (0.5 * torch::arange(6, torch::kFloat64) - 1.25).to(torch::kFloat32).reshape({3, 2})));

  for (const char* name : {"f8_4.npy", "f8_4_v2.npy"}) {
    const auto f8 = read_npy(kData + name);
    CHECK((f8.scalar_type() == torch::kFloat64));
    CHECK(torch::equal(f8, 1.0 / (torch::arange(4, torch::kFloat64) + 1)));
  }
  const auto u1 = read_npy(kData + "u1_2x3x4.npy");
  CHECK((u1.scalar_type() == torch::kUInt8));
  CHECK(torch::equal(u1,
                     torch::remainder(7 * torch::arange(24, torch::kInt64), 256).to(torch::kUInt8).reshape({2, 3, 4})));
  const auto i8 = read_npy(kData + "i8_5.npy");
  CHECK((i8.scalar_type() == torch::kInt64));
  CHECK(i8[4].item<int64_t>() == 2'000'000'000'000LL);
  CHECK(i8[0].item<int64_t>() == -2'000'000'000'000LL);
  const auto scalar = read_npy(kData + "f8_scalar.npy");
  CHECK(scalar.dim() == 0);
  CHECK(scalar.item<double>() == 3.5);
  const auto empty = read_npy(kData + "f4_empty.npy");
  CHECK((empty.sizes() == torch::IntArrayRef({0, 3})));
}

TEST_CASE("write_npy produces NumPy's exact bytes (header, padding and data)") {
  for (const char* name : {"f4_3x2.npy", "f8_4.npy", "u1_2x3x4.npy", "i8_5.npy", "f8_scalar.npy", "f4_empty.npy"}) {
    CAPTURE(name);
    const std::string reference = slurp(kData + name);
    CHECK(npy_bytes(parse_npy(reference, name)) == reference);
  }
}

TEST_CASE("NPY round trip through a file, from a non-contiguous tensor") {
  const auto t = torch::randn({4, 5}, torch::kFloat32).t();  // transposed view: not contiguous
  const std::string path = temp_path("roundtrip.npy");
  write_npy(path, t);
  CHECK(torch::equal(read_npy(path), t.contiguous()));
  std::filesystem::remove(path);
}

TEST_CASE("NPY errors name the file and the fault") {
  const std::string fortran = kData + "fortran_2x3.npy";
  CHECK(contains(error_of([&] { read_npy(fortran); }), "fortran_2x3.npy"));
  CHECK(contains(error_of([&] { read_npy(fortran); }), "Fortran order"));
  CHECK(contains(error_of([&] { read_npy(kData + "big_endian_f4.npy"); }), "unsupported dtype '>f4'"));
  CHECK(contains(error_of([&] { read_npy(kData + "complex64.npy"); }), "unsupported dtype '<c8'"));
  CHECK(contains(error_of([&] { read_npy(kData + "no_such_file.npy"); }), "cannot open NPY file"));

  const std::string good = slurp(kData + "f8_4.npy");
  const std::string truncated = temp_path("truncated.npy");
  spit(truncated, good.substr(0, good.size() - 3));
  const std::string msg = error_of([&] { read_npy(truncated); });
  CHECK(contains(msg, truncated));
  CHECK(contains(msg, "truncated"));
  spit(truncated, good.substr(0, 20));
  CHECK(contains(error_of([&] { read_npy(truncated); }), "truncated"));
  std::filesystem::remove(truncated);

  CHECK(contains(error_of([&] { parse_npy("PK\x03\x04 a zip file", "archive.npz"); }), "bad magic"));
  // A shape whose element count wraps around 64 bits (2^32 × 2^32 × 2) must not pass the size check.
  std::string overflow = npy_bytes(torch::zeros({2}, torch::kFloat32));
  const size_t at = overflow.find("(2,)");
  REQUIRE(at != std::string::npos);
  overflow.replace(at, 4, "(4294967296, 4294967296, 2)");
  CHECK(contains(error_of([&] { parse_npy(overflow, "overflow.npy"); }), "more elements than any file"));
  CHECK(contains(error_of([&] { npy_bytes(torch::zeros({2}, torch::kInt16)); }), "Short"));
  CHECK_THROWS_AS(write_npy(temp_path("bad.npy"), torch::zeros({2}, torch::kBool)), NpyError);
}

TEST_CASE("PNG: pixels decode back, text chunks round trip (tEXt and UTF-8 iTXt)") {
  const auto image = torch::arange(4 * 5 * 3, torch::kInt64).remainder(256).to(torch::kUInt8).reshape({4, 5, 3});
  const PngText text = {
      {"difflab.sampler", "ddim"}, {"difflab.steps", "50"}, {"difflab.class", "T-shirt/top"}, {"Comment", "Größe ε"}};
  const std::string path = temp_path("recipe.png");
  write_png(path, image, text);
  CHECK(read_png_text_chunks(path) == text);

  const std::string bytes = slurp(path);
  int w = 0, h = 0, c = 0;
  unsigned char* pixels = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                                                static_cast<int>(bytes.size()), &w, &h, &c, 0);
  REQUIRE(pixels != nullptr);
  CHECK(w == 5);
  CHECK(h == 4);
  CHECK(c == 3);
  CHECK(torch::equal(torch::from_blob(pixels, {4, 5, 3}, torch::kUInt8).clone(), image));
  stbi_image_free(pixels);

  const auto grey = torch::full({3, 2}, 200, torch::kUInt8);
  CHECK(parse_png_text_chunks(png_bytes(grey), "grey").empty());
  std::filesystem::remove(path);
}

TEST_CASE("PNG errors: corrupt CRC, truncation, foreign files, bad keys and shapes") {
  const std::string bytes = png_bytes(torch::zeros({2, 2, 3}, torch::kUInt8), {{"seed", "42"}});
  std::string corrupt = bytes;
  corrupt[corrupt.find("42")] = '4' + 1;  // change the value, keep the stored CRC
  CHECK(contains(error_of([&] { parse_png_text_chunks(corrupt, "c.png"); }), "CRC mismatch in chunk 'tEXt'"));
  CHECK(contains(error_of([&] { parse_png_text_chunks(bytes.substr(0, bytes.size() - 20), "t.png"); }), "t.png"));
  CHECK(contains(error_of([&] { parse_png_text_chunks(bytes.substr(0, 40), "t.png"); }), "truncated"));
  CHECK(contains(error_of([&] { parse_png_text_chunks("GIF89a....", "x.gif"); }), "not a PNG"));
  CHECK(contains(error_of([&] { read_png_text_chunks(temp_path("missing.png")); }), "cannot open PNG file"));
  CHECK_THROWS_AS(png_bytes(torch::zeros({2, 2}, torch::kUInt8), {{"", "empty key"}}), PngError);
  CHECK_THROWS_AS(png_bytes(torch::zeros({2, 2}, torch::kUInt8), {{std::string(80, 'k'), "long key"}}), PngError);
  CHECK_THROWS_AS(png_bytes(torch::zeros({2, 2}, torch::kFloat32)), PngError);
  CHECK_THROWS_AS(png_bytes(torch::zeros({2, 2, 2}, torch::kUInt8)), PngError);
}

TEST_CASE("make_image_grid tiles images row-major with padding, rounding and clamping") {
  // Three 1×2×2 images with constant values 10, 100.4, 300 → grid of 2 per row, padding 1.
  auto images =
      torch::stack({torch::full({1, 2, 2}, 10.0), torch::full({1, 2, 2}, 100.4), torch::full({1, 2, 2}, 300.0)});
  const auto grid = make_image_grid(images, 2, 1, 7);
  CHECK((grid.sizes() == torch::IntArrayRef({2 * 3 + 1, 2 * 3 + 1, 1})));
  CHECK((grid.scalar_type() == torch::kUInt8));
  CHECK(grid[1][1][0].item<int>() == 10);   // image 0 at (row 0, col 0)
  CHECK(grid[1][4][0].item<int>() == 100);  // image 1 at (row 0, col 1), rounded
  CHECK(grid[4][1][0].item<int>() == 255);  // image 2 at (row 1, col 0), clamped
  CHECK(grid[4][4][0].item<int>() == 7);    // the empty cell keeps the padding value
  CHECK(grid[0][0][0].item<int>() == 7);
  CHECK((make_image_grid(torch::zeros({5, 3, 4, 6}), 8, 0).sizes() == torch::IntArrayRef({4, 30, 3})));
  CHECK_THROWS_AS(make_image_grid(torch::zeros({2, 2}), 2), PngError);
  CHECK_THROWS_AS(make_image_grid(torch::zeros({1, 2, 4, 4}), 2), PngError);
  CHECK_THROWS_AS(make_image_grid(torch::zeros({1, 1, 4, 4}), 0), PngError);
}

TEST_CASE("SHA-256 matches the FIPS 180-4 / NIST example vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million_a(1000000, 'a');
  CHECK(sha256_hex(million_a) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  const std::string path = temp_path("hash.bin");
  spit(path, million_a);
  CHECK(sha256_file_hex(path) == sha256_hex(million_a));
  std::filesystem::remove(path);
  CHECK_THROWS(sha256_file_hex(temp_path("missing.bin")));
}

TEST_CASE("JSON nested beyond the limit is refused, not a stack overflow; shallow JSON parses") {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  std::string message;
  try {
    parse_json_text(deep);
  } catch (const std::invalid_argument& e) {
    message = e.what();
  }
  CHECK(message.find("nested deeper than 100 levels") != std::string::npos);
  CHECK(parse_json_text(R"({"a": [1, {"b": 2}]})")["a"][1]["b"] == 2);
  CHECK_THROWS_AS(parse_json_text("{oops"), std::invalid_argument);
}

TEST_CASE("check_writable answers before long work; stale temporaries of a killed write are removed") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "difflab_writable_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  CHECK_NOTHROW(check_writable((dir / "model.ckpt").string()));
  std::string missing;
  try {
    check_writable((dir / "no" / "model.ckpt").string());
  } catch (const std::runtime_error& e) {
    missing = e.what();
  }
  CHECK(missing.find("does not exist") != std::string::npos);
  for (const char* name : {"model.ckpt.tmp-abc123", "model.ckpt.tmp-XYZ789", "other.ckpt.tmp-abc123", "model.ckpt"})
    std::ofstream(dir / name) << "x";
  CHECK(remove_stale_temporaries((dir / "model.ckpt").string()) == 2);
  CHECK(fs::exists(dir / "model.ckpt"));
  CHECK(fs::exists(dir / "other.ckpt.tmp-abc123"));
  fs::remove_all(dir);
}
