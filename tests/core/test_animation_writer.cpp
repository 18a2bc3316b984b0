// The animation writer (GIF, PNG sequence, MP4) and the frame pictures, checked by decoding what was written
// with independent decoders: stb_image for GIF and PNG (exact pixels and frame counts), ffprobe (FFmpeg's own
// demuxer and decoder, when installed) for the MP4's frame count and size. Cancelling and errors must leave
// nothing behind: no destination, no temporaries.
#include "io/animation_frames.h"
#include "io/animation_writer.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_GIF
#define STBI_ONLY_PNG
#include <stb_image.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

using namespace difflab;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "difflab-animation-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  /// Names in the folder, sorted.
  std::vector<std::string> entries(const fs::path& dir) const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  std::vector<std::string> entries() const { return entries(path); }
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// K distinct RGB frames [H, W, 3]: a colour ramp shifted per frame.
std::vector<torch::Tensor> colour_frames(int64_t k, int64_t h, int64_t w) {
  std::vector<torch::Tensor> frames;
  for (int64_t i = 0; i < k; ++i) {
    const auto y = torch::arange(h, torch::kInt64).view({h, 1, 1});
    const auto x = torch::arange(w, torch::kInt64).view({1, w, 1});
    const auto c = torch::arange(3, torch::kInt64).view({1, 1, 3});
    frames.push_back(((x * 7 + y * 3 + c * 80 + i * 40) % 256).to(torch::kUInt8).contiguous());
  }
  return frames;
}

int gif_frame_count(const std::string& bytes, int* delay_ms = nullptr) {
  int* delays = nullptr;
  int w = 0, h = 0, k = 0, comp = 0;
  stbi_uc* px = stbi_load_gif_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                          static_cast<int>(bytes.size()), &delays, &w, &h, &k, &comp, 4);
  REQUIRE_MESSAGE(px != nullptr, stbi_failure_reason());
  if (delay_ms) *delay_ms = delays[0];
  stbi_image_free(px);
  stbi_image_free(delays);
  return k;
}

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, pipe)) out += buf;
  ::pclose(pipe);
  return out;
}

}  // namespace

TEST_CASE("the destination chooses the format; other suffixes are refused with the path") {
  CHECK(animation_format_for_path("a/b.gif") == AnimationFormat::Gif);
  CHECK(animation_format_for_path("B.GIF") == AnimationFormat::Gif);
  CHECK(animation_format_for_path("a/b.mp4") == AnimationFormat::Mp4);
  CHECK(animation_format_for_path("frames/") == AnimationFormat::PngSequence);
  CHECK(animation_format_for_path("frames") == AnimationFormat::PngSequence);
  CHECK_THROWS_WITH_AS(animation_format_for_path("clip.avi"), doctest::Contains("clip.avi"), std::invalid_argument);
  CHECK(animation_format_name(AnimationFormat::PngSequence) == "png-sequence");
}

TEST_CASE("a GIF holds every frame at the frame rate; grey frames come back exactly") {
  TempDir dir;
  const auto frames = colour_frames(5, 30, 40);
  std::vector<double> fractions;
  AnimationOptions o;
  o.fps = 20;
  const auto r = write_animation(
      dir / "a.gif", 5, [&](int64_t k) { return frames[static_cast<size_t>(k)]; }, o,
      [&](double f) { fractions.push_back(f); });
  CHECK(r.frames == 5);
  CHECK(r.width == 40);
  CHECK(r.height == 30);
  CHECK(r.format == AnimationFormat::Gif);
  REQUIRE(fractions.size() == 6);
  CHECK(fractions.back() == 1.0);
  CHECK(std::is_sorted(fractions.begin(), fractions.end()));
  int delay = 0;
  CHECK(gif_frame_count(read_bytes(dir / "a.gif"), &delay) == 5);
  CHECK(delay == 50);  // 1/20 s
  CHECK(dir.entries() == std::vector<std::string>{"a.gif"});

  // Grey pictures given as RGB (three equal channels) are kept on the lossless grey ramp.
  AnimationWriter grey(dir / "g.gif");
  const auto ramp = (torch::arange(30 * 40, torch::kInt64) % 256).reshape({30, 40}).to(torch::kUInt8);
  grey.add_frame(ramp.unsqueeze(2).expand({-1, -1, 3}));
  grey.add_frame(ramp.flip(1).contiguous());
  grey.finish();
  const std::string bytes = read_bytes(dir / "g.gif");
  int* delays = nullptr;
  int w = 0, h = 0, k = 0, comp = 0;
  stbi_uc* px = stbi_load_gif_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                          static_cast<int>(bytes.size()), &delays, &w, &h, &k, &comp, 4);
  REQUIRE(px != nullptr);
  const auto decoded = torch::from_blob(px, {k, h, w, 4}, torch::kUInt8).clone();
  stbi_image_free(px);
  stbi_image_free(delays);
  CHECK(torch::equal(decoded[0].select(2, 0), ramp));
  CHECK(torch::equal(decoded[1].select(2, 1), ramp.flip(1)));
}

TEST_CASE("a PNG sequence is a folder of exact frames that a later export replaces as a whole") {
  TempDir dir;
  const auto frames = colour_frames(4, 17, 23);
  const auto r = write_animation(dir / "seq/", 4, [&](int64_t k) { return frames[static_cast<size_t>(k)]; });
  CHECK(r.path == dir / "seq");
  CHECK(r.format == AnimationFormat::PngSequence);
  REQUIRE(dir.entries(dir.path / "seq") ==
          std::vector<std::string>{"frame_0000.png", "frame_0001.png", "frame_0002.png", "frame_0003.png"});
  for (int k = 0; k < 4; ++k) {
    int w = 0, h = 0, comp = 0;
    char name[32];
    std::snprintf(name, sizeof name, "seq/frame_%04d.png", k);
    stbi_uc* px = stbi_load((dir / name).c_str(), &w, &h, &comp, 3);
    REQUIRE(px != nullptr);
    CHECK(torch::equal(torch::from_blob(px, {h, w, 3}, torch::kUInt8), frames[static_cast<size_t>(k)]));
    stbi_image_free(px);
  }
  CHECK((fs::status(dir.path / "seq").permissions() & fs::perms::others_read) != fs::perms::none);

  // Two frames into the same folder: the old four are gone, no temporaries remain.
  write_animation(dir / "seq", 2, [&](int64_t k) { return frames[static_cast<size_t>(k)]; });
  CHECK(dir.entries(dir.path / "seq") == std::vector<std::string>{"frame_0000.png", "frame_0001.png"});
  CHECK(dir.entries() == std::vector<std::string>{"seq"});

  // A folder that holds anything else is not touched.
  std::ofstream(dir / "seq/notes.txt") << "mine";
  CHECK_THROWS_WITH_AS(AnimationWriter(dir / "seq/"), doctest::Contains("notes.txt"), std::runtime_error);
  CHECK(dir.entries(dir.path / "seq").size() == 3);
  std::ofstream(dir / "file") << "x";
  CHECK_THROWS_WITH_AS(AnimationWriter(dir / "file/"), doctest::Contains("not a folder"), std::runtime_error);
}

TEST_CASE("cancelling or failing midway leaves neither the destination nor temporaries") {
  TempDir dir;
  const auto frames = colour_frames(6, 20, 20);
  std::vector<std::string> targets = {"c.gif", "c/"};
  if (mp4_support().available) targets.push_back("c.mp4");
  for (const std::string& target : targets) {
    CAPTURE(target);
    std::atomic<bool> stop{false};
    auto frame = [&](int64_t k) {
      if (k == 2) stop = true;
      return frames[static_cast<size_t>(k)];
    };
    CHECK_THROWS_AS(write_animation(dir / target, 6, frame, {}, {}, &stop), Cancelled);
    CHECK(dir.entries().empty());
    // A frame of another size is an error naming both sizes; nothing is left either.
    auto bad = [&](int64_t k) { return k == 3 ? colour_frames(1, 21, 20)[0] : frames[static_cast<size_t>(k)]; };
    CHECK_THROWS_WITH_AS(write_animation(dir / target, 6, bad), doctest::Contains("the first was 20 × 20"),
                         std::invalid_argument);
    CHECK(dir.entries().empty());
  }
  CHECK_THROWS_WITH_AS(AnimationWriter(dir / "x.gif").finish(), doctest::Contains("no frames"), std::runtime_error);
  AnimationOptions fast;
  fast.fps = 500;
  CHECK_THROWS_WITH_AS(AnimationWriter(dir / "x.gif", fast), doctest::Contains("500"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(AnimationWriter(dir / "missing/x.gif"), doctest::Contains("does not exist"), std::runtime_error);
  CHECK(dir.entries().empty());
}

TEST_CASE("an MP4 holds every frame (odd sizes padded to even) and names its codec, or says why it cannot") {
  TempDir dir;
  const Mp4Support support = mp4_support();
  if (!support.available) {
    CHECK_FALSE(support.reason.empty());
    CHECK_THROWS_WITH_AS(AnimationWriter(dir / "v.mp4"), doctest::Contains(support.reason.c_str()), std::runtime_error);
    return;
  }
  MESSAGE("MP4 encoder: " << support.codec);
  const auto frames = colour_frames(7, 49, 65);
  AnimationOptions o;
  o.fps = 8;
  const auto r = write_animation(
      dir / "v.mp4", 7, [&](int64_t k) { return frames[static_cast<size_t>(k)]; }, o);
  CHECK(r.codec == support.codec);
  CHECK(r.frames == 7);
  CHECK(dir.entries() == std::vector<std::string>{"v.mp4"});
  const std::string bytes = read_bytes(dir / "v.mp4");
  REQUIRE(bytes.size() > 100);
  CHECK(bytes.substr(4, 4) == "ftyp");
  CHECK(bytes.find("moov") != std::string::npos);
  if (!fs::exists("/usr/bin/ffprobe")) {
    MESSAGE("ffprobe not installed: the MP4 is not decoded");
    return;
  }
  const std::string probe =
      run("/usr/bin/ffprobe -v error -count_frames -select_streams v:0 -show_entries "
          "stream=nb_read_frames,width,height -of csv=p=0 '" +
          dir / "v.mp4" + "'");
  CHECK(probe == "66,50,7\n");
}

TEST_CASE("frame pictures: image grids enlarged by a whole factor, point clouds on robust square axes") {
  const auto images = torch::linspace(0, 255, 5 * 28 * 28).reshape({5, 1, 28, 28});
  const auto grid = image_grid_frame(images, 512);
  // 3 per row, 2 rows, 2-pixel padding: 92 × 62, enlarged 5× (the largest within 512).
  CHECK(grid.sizes() == torch::IntArrayRef({310, 460, 3}));
  CHECK((grid.scalar_type() == torch::kUInt8));
  CHECK(torch::equal(grid.select(2, 0), grid.select(2, 2)));
  CHECK_THROWS_AS(image_grid_frame(torch::zeros({2, 2, 8, 8})), std::invalid_argument);

  auto gen = at::detail::createCPUGenerator(3);
  auto cloud = torch::rand({1000, 2}, gen, torch::kFloat64);
  cloud[0][0] = 1e6;  // one stray point does not shrink the rest to a dot
  const PointView v = point_view(cloud);
  CHECK(v.x_max - v.x_min == doctest::Approx(v.y_max - v.y_min));
  CHECK(v.x_max < 2.0);
  CHECK(v.x_min < 0.05);

  PointFrameStyle style;
  style.size = 101;
  const PointView unit{-1, 1, -1, 1};
  const auto picture = point_frame(torch::tensor({{0.5, 0.5}}, torch::kFloat64), unit, torch::Tensor(), style);
  CHECK(picture.sizes() == torch::IntArrayRef({101, 101, 3}));
  // (0.5, 0.5) is right of and above the centre: column 75, row 25 (y up).
  CHECK(picture[25][75][0].item<int>() == style.colour[0]);
  CHECK(picture[25][75][2].item<int>() == style.colour[2]);
  CHECK(picture[75][25][0].item<int>() == 255);
  CHECK(picture[50][10][0].item<int>() == 235);  // the x axis
}
