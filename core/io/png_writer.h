#pragma once
// 8-bit PNG files with text metadata (PNG specification, ISO/IEC 15948, §11.3.4): images written by the CLI
// and the GUI carry their full recipe (model hash, sampler, steps, spacing, seed, guidance, class) as text
// chunks, so that opening the PNG can restore the settings.
//
// Pixels are compressed by stb_image_write; the text chunks are inserted right after IHDR: tEXt when key and
// value are printable ASCII, iTXt (uncompressed, UTF-8) otherwise. Keys must be 1–79 printable ASCII
// characters without leading/trailing spaces (the PNG keyword rule, restricted to ASCII).
//
// Only <ATen/core/Tensor.h> is included, so ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace difflab {

struct PngError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using PngText = std::map<std::string, std::string>;

/// PNG bytes of a uint8 image [H, W] (grey) or [H, W, C] with C = 1 (grey), 3 (RGB) or 4 (RGBA), with text
/// chunks. Throws PngError naming the bad shape, dtype or key.
std::string png_bytes(const at::Tensor& image, const PngText& text = {});
/// Writes png_bytes atomically to `path` (errors name the path).
void write_png(const std::string& path, const at::Tensor& image, const PngText& text = {});

/// The tEXt and uncompressed iTXt chunks of a PNG file as key → value (compressed zTXt/iTXt chunks are
/// skipped). Every chunk's CRC is verified. Throws PngError naming the file and the fault (not a PNG,
/// truncated chunk, CRC mismatch, missing IEND).
PngText read_png_text_chunks(const std::string& path);
/// The same on bytes in memory; `source` names them in messages.
PngText parse_png_text_chunks(const std::string& bytes, const std::string& source);

/// Tiles a batch of images into one picture, like torchvision.utils.make_grid.
/// images: float or uint8 [B, C, H, W] in data scale [0, 255] (C = 1 or 3), any device; values are
/// rounded and clamped. nrow images per row, `padding` pixels of `pad_value` between and around them.
/// Returns uint8 [H', W', C] on the CPU, ready for png_bytes.
at::Tensor make_image_grid(const at::Tensor& images, int64_t nrow, int64_t padding = 2, uint8_t pad_value = 0);

}  // namespace difflab
