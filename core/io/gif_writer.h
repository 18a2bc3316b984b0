#pragma once
// Animated GIF files (GIF89a, https://www.w3.org/Graphics/GIF/spec-gif89a.txt): the interpolation strip of
// the ODE lab and `difflab-cli interpolate --gif` play as a looping animation in any browser.
//
// Layout written: header "GIF89a", logical screen descriptor with one global colour table of 256 entries,
// the NETSCAPE2.0 application extension (loop count, 0 = forever), then per frame a graphic control
// extension (delay in 1/100 s) and an image descriptor with LZW-compressed indices (spec §22, Appendix F:
// variable-length codes from 9 to 12 bits, LSB first, clear code 256, end code 257, data in sub-blocks of at
// most 255 bytes), and the trailer 0x3B.
//
// Colours: grey frames use a 256-level grey ramp (lossless); RGB frames are quantised to a fixed 3-3-2
// palette (8 red × 8 green × 4 blue levels) with ordered (Bayer 4×4) dithering.
//
// Only <ATen/core/Tensor.h> is included, so ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace difflab {

struct GifError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct GifOptions {
  /// Delay between frames in hundredths of a second (1..65535).
  int delay_centiseconds = 10;
  /// Number of times to loop; 0 = forever.
  int loop_count = 0;
};

/// GIF bytes of uint8 frames [K, H, W] (grey) or [K, H, W, 3] (RGB), K ≥ 1, 1 ≤ H, W ≤ 65535. Throws GifError
/// naming a bad shape, dtype or option.
std::string gif_bytes(const at::Tensor& frames, const GifOptions& options = {});
/// Writes gif_bytes atomically to `path` (errors name the path).
void write_gif(const std::string& path, const at::Tensor& frames, const GifOptions& options = {});

/// The LZW code stream of GIF's variant for a sequence of colour indices (all < 2^min_code_size), without
/// sub-block framing: exposed for tests.
std::string gif_lzw_encode(const uint8_t* indices, size_t count, int min_code_size);

}  // namespace difflab
