// PNG writing with text chunks, and a chunk reader that verifies CRCs (PNG specification, ISO/IEC 15948).
#include "io/png_writer.h"

#include "io/atomic_file.h"

#include <ATen/ATen.h>

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb_image_write.h>

#include <array>
#include <cmath>
#include <fstream>
#include <sstream>

namespace difflab {
namespace {

constexpr char kSignature[] = "\x89PNG\r\n\x1a\n";
constexpr size_t kSignatureSize = 8;

// CRC-32 over chunk type and data (PNG specification, Annex D: the zlib/IEEE polynomial, reflected).
uint32_t png_crc(const char* data, size_t size, uint32_t crc = 0) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (size_t i = 0; i < size; ++i) crc = table[(crc ^ static_cast<unsigned char>(data[i])) & 0xff] ^ (crc >> 8);
  return ~crc;
}

void put_u32_be(std::string& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((v >> s) & 0xff);
}

uint32_t get_u32_be(const std::string& bytes, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

std::string chunk(const std::string& type, const std::string& data) {
  std::string out;
  put_u32_be(out, static_cast<uint32_t>(data.size()));
  const std::string body = type + data;
  out += body;
  put_u32_be(out, png_crc(body.data(), body.size()));
  return out;
}

bool printable_ascii(const std::string& s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return false;
  return true;
}

std::string text_chunk(const std::string& key, const std::string& value) {
  if (key.empty() || key.size() > 79 || !printable_ascii(key) || key.front() == ' ' || key.back() == ' ')
    throw PngError("PNG text key '" + key +
                   "' is invalid (1-79 printable ASCII characters, no leading/trailing space)");
  if (printable_ascii(value)) return chunk("tEXt", key + '\0' + value);
  // iTXt: keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, UTF-8.
  return chunk("iTXt", key + '\0' + '\0' + '\0' + '\0' + '\0' + value);
}

void append_to_string(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

}  // namespace

std::string png_bytes(const at::Tensor& image, const PngText& text) {
  if (image.scalar_type() != at::kByte)
    throw PngError("PNG image must be uint8, got " + std::string(c10::toString(image.scalar_type())));
  if (image.dim() != 2 && image.dim() != 3)
    throw PngError("PNG image must be [H, W] or [H, W, C], got " + std::to_string(image.dim()) + " dimensions");
  const at::Tensor img = image.to(at::kCPU).contiguous();
  const int h = static_cast<int>(img.size(0)), w = static_cast<int>(img.size(1));
  const int c = img.dim() == 3 ? static_cast<int>(img.size(2)) : 1;
  if (c != 1 && c != 3 && c != 4) throw PngError("PNG image must have 1, 3 or 4 channels, got " + std::to_string(c));
  if (h <= 0 || w <= 0) throw PngError("PNG image is empty (" + std::to_string(h) + "x" + std::to_string(w) + ")");

  std::string encoded;
  if (!stbi_write_png_to_func(append_to_string, &encoded, w, h, c, img.data_ptr(), w * c))
    throw PngError("PNG encoding failed");
  // stb writes signature, IHDR (8 + 4 + 4 + 13 + 4 bytes), IDAT, IEND; the text chunks go right after IHDR.
  const size_t after_ihdr = kSignatureSize + 25;
  std::string texts;
  for (const auto& [key, value] : text) texts += text_chunk(key, value);
  return encoded.substr(0, after_ihdr) + texts + encoded.substr(after_ihdr);
}

void write_png(const std::string& path, const at::Tensor& image, const PngText& text) {
  std::string bytes;
  try {
    bytes = png_bytes(image, text);
  } catch (const PngError& e) {
    throw PngError("cannot write PNG '" + path + "': " + e.what());
  }
  write_file_atomically(path, bytes);
}

PngText parse_png_text_chunks(const std::string& bytes, const std::string& source) {
  const auto fail = [&](const std::string& fault) { return PngError("PNG file '" + source + "': " + fault); };
  if (bytes.size() < kSignatureSize || bytes.compare(0, kSignatureSize, kSignature, kSignatureSize) != 0)
    throw fail("bad signature (not a PNG file)");
  PngText text;
  size_t at = kSignatureSize;
  while (true) {
    if (bytes.size() - at < 12) throw fail("truncated at byte " + std::to_string(at) + " (no IEND chunk)");
    const uint32_t length = get_u32_be(bytes, at);
    const std::string type = bytes.substr(at + 4, 4);
    if (length > bytes.size() - at - 12)
      throw fail("chunk '" + type + "' at byte " + std::to_string(at) + " claims " + std::to_string(length) +
                 " bytes, more than the file holds (truncated)");
    const uint32_t stored = get_u32_be(bytes, at + 8 + length);
    if (png_crc(bytes.data() + at + 4, length + 4) != stored)
      throw fail("CRC mismatch in chunk '" + type + "' at byte " + std::to_string(at) + " (corrupt)");
    const std::string data = bytes.substr(at + 8, length);
    if (type == "tEXt") {
      const size_t nul = data.find('\0');
      if (nul == std::string::npos) throw fail("tEXt chunk without a keyword separator");
      text[data.substr(0, nul)] = data.substr(nul + 1);
    } else if (type == "iTXt") {
      const size_t nul = data.find('\0');
      if (nul == std::string::npos || data.size() < nul + 3) throw fail("malformed iTXt chunk");
      const bool compressed = data[nul + 1] != '\0';
      const size_t lang_end = data.find('\0', nul + 3);
      const size_t trans_end = lang_end == std::string::npos ? std::string::npos : data.find('\0', lang_end + 1);
      if (trans_end == std::string::npos) throw fail("malformed iTXt chunk");
      if (!compressed) text[data.substr(0, nul)] = data.substr(trans_end + 1);
    } else if (type == "IEND") {
      return text;
    }
    at += 12 + length;
  }
}

PngText read_png_text_chunks(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PngError("cannot open PNG file '" + path + "' for reading");
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_png_text_chunks(buf.str(), path);
}

at::Tensor make_image_grid(const at::Tensor& images, int64_t nrow, int64_t padding, uint8_t pad_value) {
  if (images.dim() != 4)
    throw PngError("image grid needs images shaped [B, C, H, W], got " + std::to_string(images.dim()) + " dimensions");
  const int64_t b = images.size(0), c = images.size(1), h = images.size(2), w = images.size(3);
  if (b == 0) throw PngError("image grid needs at least one image");
  if (c != 1 && c != 3) throw PngError("image grid needs 1 or 3 channels, got " + std::to_string(c));
  if (nrow < 1) throw PngError("image grid needs nrow >= 1, got " + std::to_string(nrow));
  if (padding < 0) throw PngError("image grid padding must be >= 0, got " + std::to_string(padding));
  const at::Tensor pixels = images.detach().to(at::kCPU, at::kFloat).round().clamp(0, 255).to(at::kByte);
  const int64_t cols = std::min(nrow, b), rows = (b + cols - 1) / cols;
  at::Tensor grid = at::full({rows * (h + padding) + padding, cols * (w + padding) + padding, c}, pad_value,
                             at::TensorOptions().dtype(at::kByte));
  for (int64_t i = 0; i < b; ++i) {
    const int64_t y = padding + (i / cols) * (h + padding), x = padding + (i % cols) * (w + padding);
    grid.slice(0, y, y + h).slice(1, x, x + w).copy_(pixels[i].permute({1, 2, 0}));
  }
  return grid;
}

}  // namespace difflab
