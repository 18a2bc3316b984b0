// NPY reader and writer (format: see npy.h and NumPy's numpy.lib.format documentation).
#include "io/npy.h"

#include "io/atomic_file.h"

#include <ATen/ATen.h>

#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "npy.cpp reads and writes little-endian data by memcpy and needs a little-endian host"
#endif

namespace difflab {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
constexpr size_t kAlignment = 64;  // numpy >= 1.16 aligns the data to 64 bytes

struct DtypeInfo {
  const char* descr;
  at::ScalarType type;
  size_t item_size;
};
const DtypeInfo kDtypes[] = {
    {"<f4", at::kFloat, 4}, {"<f8", at::kDouble, 8}, {"|u1", at::kByte, 1}, {"<i8", at::kLong, 8}};

[[noreturn]] void fail(const std::string& source, const std::string& fault) {
  throw NpyError("NPY file '" + source + "': " + fault);
}

// The header is a Python dict literal; these read one value after its key.
size_t find_key(const std::string& header, const std::string& key, const std::string& source) {
  for (const char q : {'\'', '"'}) {
    const std::string quoted = std::string(1, q) + key + q;
    const size_t at = header.find(quoted);
    if (at == std::string::npos) continue;
    size_t p = header.find(':', at + quoted.size());
    if (p == std::string::npos) break;
    ++p;
    while (p < header.size() && std::isspace(static_cast<unsigned char>(header[p]))) ++p;
    return p;
  }
  fail(source, "header lacks the '" + key + "' field: " + header);
}

std::string parse_descr(const std::string& header, const std::string& source) {
  size_t p = find_key(header, "descr", source);
  if (p >= header.size() || (header[p] != '\'' && header[p] != '"')) fail(source, "header's 'descr' is not a string");
  const char q = header[p];
  const size_t end = header.find(q, p + 1);
  if (end == std::string::npos) fail(source, "header's 'descr' string is not terminated");
  return header.substr(p + 1, end - p - 1);
}

bool parse_fortran_order(const std::string& header, const std::string& source) {
  const size_t p = find_key(header, "fortran_order", source);
  if (header.compare(p, 4, "True") == 0) return true;
  if (header.compare(p, 5, "False") == 0) return false;
  fail(source, "header's 'fortran_order' is neither True nor False");
}

std::vector<int64_t> parse_shape(const std::string& header, const std::string& source) {
  size_t p = find_key(header, "shape", source);
  if (p >= header.size() || header[p] != '(') fail(source, "header's 'shape' is not a tuple");
  const size_t end = header.find(')', p);
  if (end == std::string::npos) fail(source, "header's 'shape' tuple is not terminated");
  std::vector<int64_t> shape;
  std::string item;
  std::istringstream in(header.substr(p + 1, end - p - 1));
  while (std::getline(in, item, ',')) {
    size_t b = item.find_first_not_of(" \t");
    if (b == std::string::npos) continue;  // trailing comma of a 1-tuple
    size_t e = item.find_last_not_of(" \tL");
    const std::string digits = item.substr(b, e - b + 1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
      fail(source, "header's 'shape' has a bad dimension '" + item + "'");
    if (digits.size() > 15) fail(source, "header's 'shape' has a dimension too large: " + digits);
    shape.push_back(std::stoll(digits));
  }
  return shape;
}

uint32_t read_le(const std::string& bytes, size_t offset, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
  return v;
}

}  // namespace

at::Tensor parse_npy(const std::string& bytes, const std::string& source) {
  if (bytes.size() < kMagicSize + 2 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0)
    fail(source, "bad magic (not an NPY file)");
  const int major = static_cast<unsigned char>(bytes[6]);
  if (major != 1 && major != 2 && major != 3)
    fail(source, "unsupported format version " + std::to_string(major) + "." +
                     std::to_string(static_cast<unsigned char>(bytes[7])));
  const size_t len_size = major == 1 ? 2 : 4;
  const size_t header_start = 8 + len_size;
  if (bytes.size() < header_start) fail(source, "truncated in the header length");
  const size_t header_len = read_le(bytes, 8, len_size);
  if (bytes.size() < header_start + header_len)
    fail(source, "truncated: header of " + std::to_string(header_len) + " bytes but the file has " +
                     std::to_string(bytes.size()) + " bytes");
  const std::string header = bytes.substr(header_start, header_len);

  const std::string descr = parse_descr(header, source);
  const DtypeInfo* dtype = nullptr;
  // A one-byte type has no byte order: numpy writes '|u1', other writers '<u1' or '>u1'.
  const std::string normalised = (descr == "<u1" || descr == ">u1") ? "|u1" : descr;
  for (const auto& d : kDtypes)
    if (normalised == d.descr) dtype = &d;
  if (!dtype)
    fail(source,
         "unsupported dtype '" + descr + "' (supported: '<f4' float32, '<f8' float64, '|u1' uint8, '<i8' int64)");
  if (parse_fortran_order(header, source)) fail(source, "Fortran order is not supported (save with C order)");
  const std::vector<int64_t> shape = parse_shape(header, source);

  // The element count, checked against overflow: a shape whose product wraps around 64 bits must not pass the
  // size check below.
  size_t count = 1;
  for (const int64_t d : shape) {
    if (d > 0 && count > (static_cast<size_t>(1) << 48) / static_cast<size_t>(d))
      fail(source, "shape " + std::to_string(count) + " × " + std::to_string(d) + "… has more elements than any file");
    count *= static_cast<size_t>(d);
  }
  const size_t data_start = header_start + header_len;
  const size_t need = count * dtype->item_size;
  if (bytes.size() - data_start < need)
    fail(source, "truncated: shape needs " + std::to_string(need) + " bytes of data but only " +
                     std::to_string(bytes.size() - data_start) + " are present");
  at::Tensor t = at::empty(shape, at::TensorOptions().dtype(dtype->type));
  if (need > 0) std::memcpy(t.data_ptr(), bytes.data() + data_start, need);
  return t;
}

at::Tensor read_npy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NpyError("cannot open NPY file '" + path + "' for reading");
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_npy(buf.str(), path);
}

std::string npy_bytes(const at::Tensor& tensor) {
  const DtypeInfo* dtype = nullptr;
  for (const auto& d : kDtypes)
    if (tensor.scalar_type() == d.type) dtype = &d;
  if (!dtype)
    throw NpyError(std::string("cannot write a tensor of dtype ") + c10::toString(tensor.scalar_type()) +
                   " as NPY (supported: float32, float64, uint8, int64)");
  const at::Tensor t = tensor.detach().to(at::kCPU).contiguous();

  std::string shape = "(";
  for (int64_t i = 0; i < t.dim(); ++i)
    shape += std::to_string(t.size(i)) + (t.dim() == 1 ? "," : (i + 1 < t.dim() ? ", " : ""));
  shape += ")";
  std::string header =
      std::string("{'descr': '") + dtype->descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad with spaces so that magic + version + length + header (ending in '\n') is a multiple of 64.
  size_t len_size = 2;
  if (header.size() + 1 + 10 > 65535) len_size = 4;
  const size_t prefix = kMagicSize + 2 + len_size;
  const size_t total = ((prefix + header.size() + 1 + kAlignment - 1) / kAlignment) * kAlignment;
  header.append(total - prefix - header.size() - 1, ' ');
  header += '\n';

  std::string out(kMagic, kMagicSize);
  out += static_cast<char>(len_size == 2 ? 1 : 2);
  out += '\0';
  const uint32_t hlen = static_cast<uint32_t>(header.size());
  for (size_t i = 0; i < len_size; ++i) out += static_cast<char>((hlen >> (8 * i)) & 0xff);
  out += header;
  const size_t nbytes = static_cast<size_t>(t.numel()) * dtype->item_size;
  out.append(static_cast<const char*>(t.data_ptr()), nbytes);
  return out;
}

void write_npy(const std::string& path, const at::Tensor& tensor) {
  std::string bytes;
  try {
    bytes = npy_bytes(tensor);
  } catch (const NpyError& e) {
    throw NpyError("NPY file '" + path + "': " + e.what());
  }
  write_file_atomically(path, bytes);
}

}  // namespace difflab
