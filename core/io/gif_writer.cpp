#include "io/gif_writer.h"

#include "io/atomic_file.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <vector>

namespace difflab {
namespace {

// Packs variable-width codes least-significant bit first (GIF89a Appendix F).
class BitWriter {
 public:
  void put(uint32_t code, int width) {
    acc_ |= static_cast<uint64_t>(code) << bits_;
    bits_ += width;
    while (bits_ >= 8) {
      out_.push_back(static_cast<char>(acc_ & 0xFF));
      acc_ >>= 8;
      bits_ -= 8;
    }
  }
  std::string finish() {
    if (bits_ > 0) out_.push_back(static_cast<char>(acc_ & 0xFF));
    acc_ = 0;
    bits_ = 0;
    return std::move(out_);
  }

 private:
  std::string out_;
  uint64_t acc_ = 0;
  int bits_ = 0;
};

void put_u16(std::string& s, int v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>((v >> 8) & 0xFF));
}

// 4×4 Bayer threshold matrix (values 0..15) for ordered dithering.
constexpr int kBayer[4][4] = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};

uint8_t quantise(uint8_t v, int levels, int bayer) {
  const double step = 255.0 / (levels - 1);
  const double q = std::floor(v / step + (bayer + 0.5) / 16.0);
  return static_cast<uint8_t>(std::clamp(q, 0.0, static_cast<double>(levels - 1)));
}

}  // namespace

std::string gif_lzw_encode(const uint8_t* indices, size_t count, int min_code_size) {
  if (min_code_size < 2 || min_code_size > 8)
    throw GifError("GIF LZW minimum code size must lie in [2, 8], got " + std::to_string(min_code_size));
  const uint32_t clear = 1u << min_code_size, end = clear + 1;
  constexpr uint32_t kMaxCodes = 4096;  // 12-bit codes
  BitWriter w;
  std::unordered_map<uint32_t, uint32_t> dict;
  uint32_t next = clear + 2;
  int width = min_code_size + 1;
  auto reset = [&] {
    dict.clear();
    next = clear + 2;
    width = min_code_size + 1;
  };
  w.put(clear, width);
  if (count == 0) {
    w.put(end, width);
    return w.finish();
  }
  uint32_t prefix = indices[0];
  for (size_t i = 1; i < count; ++i) {
    const uint32_t c = indices[i];
    if (c >= clear) throw GifError("GIF colour index " + std::to_string(c) + " does not fit the code size");
    const uint32_t key = (prefix << 8) | c;
    const auto it = dict.find(key);
    if (it != dict.end()) {
      prefix = it->second;
      continue;
    }
    w.put(prefix, width);
    if (next < kMaxCodes) {
      dict.emplace(key, next++);
      // The decoder adds each entry one code later than we do, and widens its codes when its next free
      // entry reaches 2^width; we are one entry ahead, hence ">".
      if (next > (1u << width) && width < 12) ++width;
    } else {
      w.put(clear, width);
      reset();
    }
    prefix = c;
  }
  w.put(prefix, width);
  // After reading the last code the decoder has caught up with us and may widen once more.
  if (next == (1u << width) && width < 12) ++width;
  w.put(end, width);
  return w.finish();
}

std::string gif_bytes(const at::Tensor& frames_in, const GifOptions& o) {
  if (!frames_in.defined() || frames_in.scalar_type() != torch::kUInt8)
    throw GifError("GIF frames must be a uint8 tensor");
  const bool rgb = frames_in.dim() == 4;
  if (!(frames_in.dim() == 3 || (rgb && frames_in.size(3) == 3)))
    throw GifError("GIF frames must be [K, H, W] (grey) or [K, H, W, 3] (RGB), got " + std::to_string(frames_in.dim()) +
                   " dimensions");
  const int64_t K = frames_in.size(0), H = frames_in.size(1), W = frames_in.size(2);
  if (K < 1 || H < 1 || W < 1 || H > 65535 || W > 65535)
    throw GifError("GIF needs at least one frame of 1..65535 × 1..65535 pixels, got " + std::to_string(K) + " × " +
                   std::to_string(H) + " × " + std::to_string(W));
  if (o.delay_centiseconds < 1 || o.delay_centiseconds > 65535)
    throw GifError("GIF frame delay must lie in [1, 65535] centiseconds, got " + std::to_string(o.delay_centiseconds));
  if (o.loop_count < 0 || o.loop_count > 65535)
    throw GifError("GIF loop count must lie in [0, 65535], got " + std::to_string(o.loop_count));
  const auto frames = frames_in.contiguous().cpu();
  const uint8_t* px = frames.data_ptr<uint8_t>();

  std::string s = "GIF89a";
  put_u16(s, static_cast<int>(W));
  put_u16(s, static_cast<int>(H));
  s.push_back(static_cast<char>(0xF7));  // global colour table, 8 bits colour resolution, 2^(7+1) entries
  s.push_back(0);                        // background colour index
  s.push_back(0);                        // pixel aspect ratio: none
  for (int i = 0; i < 256; ++i) {
    if (rgb) {  // 3-3-2 palette, index = r·32 + g·4 + b
      s.push_back(static_cast<char>(std::lround((i >> 5) * 255.0 / 7)));
      s.push_back(static_cast<char>(std::lround(((i >> 2) & 7) * 255.0 / 7)));
      s.push_back(static_cast<char>(std::lround((i & 3) * 255.0 / 3)));
    } else {
      for (int c = 0; c < 3; ++c) s.push_back(static_cast<char>(i));
    }
  }
  // NETSCAPE2.0 application extension: loop count.
  s += std::string("\x21\xFF\x0BNETSCAPE2.0\x03\x01", 16);
  put_u16(s, o.loop_count);
  s.push_back(0);

  std::vector<uint8_t> indices(static_cast<size_t>(H * W));
  for (int64_t k = 0; k < K; ++k) {
    for (int64_t y = 0; y < H; ++y)
      for (int64_t x = 0; x < W; ++x) {
        const size_t i = static_cast<size_t>(y * W + x);
        if (rgb) {
          const uint8_t* p = px + (k * H * W + y * W + x) * 3;
          const int b = kBayer[y & 3][x & 3];
          indices[i] =
              static_cast<uint8_t>(quantise(p[0], 8, b) << 5 | quantise(p[1], 8, b) << 2 | quantise(p[2], 4, b));
        } else {
          indices[i] = px[k * H * W + y * W + x];
        }
      }
    // Graphic control extension: disposal "do not dispose", no transparency, delay.
    s += std::string("\x21\xF9\x04\x04", 4);
    put_u16(s, o.delay_centiseconds);
    s.push_back(0);
    s.push_back(0);
    // Image descriptor: the whole screen, no local colour table, not interlaced.
    s.push_back(0x2C);
    put_u16(s, 0);
    put_u16(s, 0);
    put_u16(s, static_cast<int>(W));
    put_u16(s, static_cast<int>(H));
    s.push_back(0);
    s.push_back(8);  // LZW minimum code size
    const std::string lzw = gif_lzw_encode(indices.data(), indices.size(), 8);
    for (size_t pos = 0; pos < lzw.size(); pos += 255) {
      const size_t n = std::min<size_t>(255, lzw.size() - pos);
      s.push_back(static_cast<char>(n));
      s.append(lzw, pos, n);
    }
    s.push_back(0);  // block terminator
  }
  s.push_back(0x3B);  // trailer
  return s;
}

void write_gif(const std::string& path, const at::Tensor& frames, const GifOptions& options) {
  std::string bytes;
  try {
    bytes = gif_bytes(frames, options);
  } catch (const GifError& e) {
    throw GifError(path + ": " + e.what());
  }
  write_file_atomically(path, bytes);
}

}  // namespace difflab
