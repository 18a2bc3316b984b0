// The GIF writer, checked by decoding its output with an independent decoder (stb_image's GIF reader):
// grey frames must come back exactly, RGB frames within the 3-3-2 palette's quantisation step, and the
// LZW stream must survive dictionary resets (random data) and long runs (flat data).
#include "io/gif_writer.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_GIF
#include <stb_image.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include <unistd.h>

using namespace difflab;

namespace {

struct Decoded {
  int frames = 0, width = 0, height = 0;
  std::vector<int> delays;
  torch::Tensor rgba;  // uint8 [K, H, W, 4]
};

Decoded decode(const std::string& bytes) {
  Decoded d;
  int* delays = nullptr;
  int comp = 0;
  stbi_uc* px =
      stbi_load_gif_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &delays,
                                &d.width, &d.height, &d.frames, &comp, 4);
  REQUIRE_MESSAGE(px != nullptr, stbi_failure_reason());
  d.rgba = torch::from_blob(px, {d.frames, d.height, d.width, 4}, torch::kUInt8).clone();
  d.delays.assign(delays, delays + d.frames);
  stbi_image_free(px);
  stbi_image_free(delays);
  return d;
}

}  // namespace

TEST_CASE("grey frames survive a GIF round trip exactly, with their delay and frame count") {
  auto gen = at::detail::createCPUGenerator(7);
  // Frame 0 is random (forces many LZW dictionary resets at 12-bit codes), frame 1 a smooth ramp, frame 2 flat.
  auto random = torch::randint(0, 256, {1, 97, 131}, gen, torch::kInt64).to(torch::kUInt8);
  auto ramp = (torch::arange(97 * 131, torch::kInt64) % 256).reshape({1, 97, 131}).to(torch::kUInt8);
  auto flat = torch::full({1, 97, 131}, 200, torch::kUInt8);
  auto frames = torch::cat({random, ramp, flat});
  GifOptions o;
  o.delay_centiseconds = 7;
  const auto bytes = gif_bytes(frames, o);
  CHECK(bytes.substr(0, 6) == "GIF89a");
  CHECK(bytes.back() == '\x3B');
  const auto d = decode(bytes);
  REQUIRE(d.frames == 3);
  CHECK(d.width == 131);
  CHECK(d.height == 97);
  CHECK(d.delays == std::vector<int>{70, 70, 70});  // stb reports milliseconds
  for (int c = 0; c < 3; ++c) CHECK(torch::equal(d.rgba.select(3, c), frames));
  CHECK(torch::all(d.rgba.select(3, 3) == 255).item<bool>());
  // The flat frame compresses far below its raw size; the random frame cannot.
  CHECK(bytes.size() < static_cast<size_t>(97 * 131 * 2));
}

TEST_CASE("LZW code widths: streams of every length up to two dictionary fills decode exactly") {
  auto gen = at::detail::createCPUGenerator(11);
  for (int64_t n : {1, 2, 3, 255, 256, 257, 510, 511, 512, 513, 1200, 3839, 3840, 3841, 9000}) {
    auto frame = torch::randint(0, 256, {1, 1, n}, gen, torch::kInt64).to(torch::kUInt8);
    const auto d = decode(gif_bytes(frame));
    CHECK_MESSAGE(torch::equal(d.rgba.select(3, 0), frame), "length " << n);
  }
}

TEST_CASE("RGB frames decode to within the 3-3-2 palette step, and dithering preserves mean colour") {
  auto gen = at::detail::createCPUGenerator(3);
  auto frames = torch::randint(0, 256, {2, 32, 48, 3}, gen, torch::kInt64).to(torch::kUInt8);
  frames[1] = torch::tensor({200, 100, 30}, torch::kUInt8);  // a flat colour between palette levels
  const auto d = decode(gif_bytes(frames));
  REQUIRE(d.frames == 2);
  auto back = d.rgba.narrow(3, 0, 3).to(torch::kInt64);
  auto diff = (back - frames.to(torch::kInt64)).abs();
  CHECK(diff.select(3, 0).max().item<int64_t>() <= 37);  // red/green: step 255/7
  CHECK(diff.select(3, 2).max().item<int64_t>() <= 85);  // blue: step 255/3
  auto mean = back[1].to(torch::kFloat64).mean(std::vector<int64_t>{0, 1});
  CHECK(mean[0].item<double>() == doctest::Approx(200).epsilon(0.03));
  CHECK(mean[1].item<double>() == doctest::Approx(100).epsilon(0.03));
  CHECK(mean[2].item<double>() == doctest::Approx(30).epsilon(0.15));
}

TEST_CASE("bad frames and options are rejected with messages naming the fault; write_gif writes the file") {
  CHECK_THROWS_WITH_AS(gif_bytes(torch::zeros({2, 4, 4})), doctest::Contains("uint8"), GifError);
  CHECK_THROWS_WITH_AS(gif_bytes(torch::zeros({4, 4}, torch::kUInt8)), doctest::Contains("[K, H, W]"), GifError);
  CHECK_THROWS_WITH_AS(gif_bytes(torch::zeros({1, 4, 4, 2}, torch::kUInt8)), doctest::Contains("RGB"), GifError);
  CHECK_THROWS_WITH_AS(gif_bytes(torch::zeros({0, 4, 4}, torch::kUInt8)), doctest::Contains("at least one frame"),
                       GifError);
  GifOptions bad;
  bad.delay_centiseconds = 0;
  CHECK_THROWS_WITH_AS(gif_bytes(torch::zeros({1, 4, 4}, torch::kUInt8), bad), doctest::Contains("delay"), GifError);
  const auto dir = std::filesystem::temp_directory_path() / ("difflab_gif_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "a.gif").string();
  write_gif(path, torch::full({2, 3, 5}, 9, torch::kUInt8));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(decode(bytes).frames == 2);
  CHECK_THROWS_WITH_AS(write_gif((dir / "b.gif").string(), torch::zeros({1, 2}, torch::kUInt8)),
                       doctest::Contains("b.gif"), GifError);
  std::filesystem::remove_all(dir);
}
