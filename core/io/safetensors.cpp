#include "io/safetensors.h"

#include "io/atomic_file.h"
#include "io/json_text.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace difflab {
namespace {

constexpr uint64_t kMaxHeader = 100'000'000;  // the Python reader's limit

struct DtypeInfo {
  const char* name;
  at::ScalarType type;
  size_t size;
};
constexpr DtypeInfo kDtypes[] = {{"F64", at::kDouble, 8},    {"F32", at::kFloat, 4}, {"F16", at::kHalf, 2},
                                 {"BF16", at::kBFloat16, 2}, {"I64", at::kLong, 8},  {"I32", at::kInt, 4},
                                 {"I16", at::kShort, 2},     {"I8", at::kChar, 1},   {"U8", at::kByte, 1},
                                 {"BOOL", at::kBool, 1}};

const DtypeInfo* dtype_by_name(const std::string& name) {
  for (const auto& d : kDtypes)
    if (name == d.name) return &d;
  return nullptr;
}

const DtypeInfo* dtype_by_type(at::ScalarType type) {
  for (const auto& d : kDtypes)
    if (type == d.type) return &d;
  return nullptr;
}

uint64_t read_u64(const std::string& bytes) {
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(bytes[static_cast<size_t>(i)]);
  return n;
}

}  // namespace

bool looks_like_safetensors(const std::string& bytes) {
  if (bytes.size() < 10) return false;
  const uint64_t n = read_u64(bytes);
  return n >= 2 && n <= kMaxHeader && n + 8 <= bytes.size() && bytes[8] == '{';
}

SafetensorsFile parse_safetensors(const std::string& bytes, const std::string& source) {
  const auto fail = [&](const std::string& what) {
    return SafetensorsError("safetensors file '" + source + "': " + what);
  };
  if (bytes.size() < 8) throw fail("truncated: " + std::to_string(bytes.size()) + " bytes, no header length");
  const uint64_t n = read_u64(bytes);
  if (n > kMaxHeader) throw fail("header length " + std::to_string(n) + " exceeds the 100 MB limit");
  if (n + 8 > bytes.size())
    throw fail("truncated: the header needs " + std::to_string(n) + " bytes, the file has " +
               std::to_string(bytes.size() - 8) + " after the length");
  nlohmann::json header;
  try {
    header = parse_json_text(bytes.substr(8, n), 8);  // names → entries → offsets: 3 levels
  } catch (const std::invalid_argument& e) {
    throw fail(std::string("the header is not JSON (") + e.what() + ")");
  }
  if (!header.is_object()) throw fail("the header is not a JSON object");
  const uint64_t buffer_size = bytes.size() - 8 - n;
  const char* buffer = bytes.data() + 8 + n;
  SafetensorsFile file;
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object()) throw fail("\"__metadata__\" must be an object of strings");
      for (const auto& [k, v] : entry.items()) {
        if (!v.is_string()) throw fail("\"__metadata__\" field '" + k + "' must be a string");
        file.metadata[k] = v.get<std::string>();
      }
      continue;
    }
    const std::string tensor_name = name;  // a structured binding cannot be captured in C++17
    const auto bad = [&](const std::string& what) { return fail("tensor '" + tensor_name + "': " + what); };
    if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") || !entry.contains("data_offsets"))
      throw bad("expected {\"dtype\", \"shape\", \"data_offsets\"}");
    if (!entry["dtype"].is_string()) throw bad("dtype must be a string");
    const DtypeInfo* dtype = dtype_by_name(entry["dtype"].get<std::string>());
    if (!dtype) throw bad("unsupported dtype '" + entry["dtype"].get<std::string>() + "'");
    if (!entry["shape"].is_array()) throw bad("shape must be an array");
    std::vector<int64_t> shape;
    uint64_t elements = 1;
    for (const auto& d : entry["shape"]) {
      if (!d.is_number_unsigned()) throw bad("shape entries must be non-negative integers, got " + d.dump());
      const uint64_t v = d.get<uint64_t>();
      if (v > (uint64_t{1} << 40) || (v > 0 && elements > (uint64_t{1} << 40) / v))
        throw bad("shape " + entry["shape"].dump() + " is too large");
      elements *= v;
      shape.push_back(static_cast<int64_t>(v));
    }
    const auto& off = entry["data_offsets"];
    if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned())
      throw bad("data_offsets must be [BEGIN, END]");
    const uint64_t begin = off[0].get<uint64_t>(), end = off[1].get<uint64_t>();
    if (begin > end || end > buffer_size)
      throw bad("data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) + "] lie outside the " +
                std::to_string(buffer_size) + "-byte data buffer");
    if (end - begin != elements * dtype->size)
      throw bad("data_offsets span " + std::to_string(end - begin) + " bytes, shape and dtype need " +
                std::to_string(elements * dtype->size));
    ranges.emplace_back(begin, end);
    at::Tensor t = torch::empty(shape, torch::TensorOptions().dtype(dtype->type));
    if (end > begin) std::memcpy(t.data_ptr(), buffer + begin, end - begin);
    file.tensors[name] = t;
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second && ranges[i].first != ranges[i].second)
      throw fail("two tensors overlap in the data buffer at bytes [" + std::to_string(ranges[i].first) + ", " +
                 std::to_string(ranges[i - 1].second) + ")");
  return file;
}

SafetensorsFile read_safetensors(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SafetensorsError("cannot open safetensors file '" + path + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_safetensors(buf.str(), path);
}

std::string safetensors_bytes(const SafetensorsFile& file) {
  nlohmann::json header = nlohmann::json::object();
  if (!file.metadata.empty()) header["__metadata__"] = file.metadata;
  std::string data;
  for (const auto& [name, tensor] : file.tensors) {  // std::map: name order
    const at::Tensor t = tensor.detach().to(torch::kCPU).contiguous();
    const DtypeInfo* dtype = dtype_by_type(t.scalar_type());
    if (!dtype)
      throw SafetensorsError("tensor '" + name + "': dtype " + std::string(c10::toString(t.scalar_type())) +
                             " has no safetensors form");
    const size_t begin = data.size(), size = static_cast<size_t>(t.numel()) * dtype->size;
    data.append(static_cast<const char*>(t.data_ptr()), size);
    header[name] = {{"dtype", dtype->name}, {"shape", t.sizes().vec()}, {"data_offsets", {begin, begin + size}}};
  }
  std::string h = header.dump();
  h.append((8 - h.size() % 8) % 8, ' ');
  std::string out(8, '\0');
  uint64_t n = h.size();
  for (int i = 0; i < 8; ++i, n >>= 8) out[static_cast<size_t>(i)] = static_cast<char>(n & 0xff);
  return out + h + data;
}

void write_safetensors(const std::string& path, const SafetensorsFile& file) {
  write_file_atomically(path, safetensors_bytes(file));
}

}  // namespace difflab
