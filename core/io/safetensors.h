#pragma once
// The safetensors format (huggingface/safetensors, docs "Format"): what Python's safetensors.torch.save_file
// writes and load_file reads.
//
//   u64 N (little-endian)       length of the header
//   N bytes of JSON             {"NAME": {"dtype": "F32", "shape": [2, 3], "data_offsets": [BEGIN, END]}, …,
//                                "__metadata__": {"key": "value", …}}  (optional, string values only)
//   the data buffer             each tensor's bytes, little-endian, C order, at [BEGIN, END) of the buffer
//
// Readers check everything before touching a byte of data: the header length against the file size (and a
// 100 MB cap), the JSON, each entry's dtype (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL), its shape,
// its offsets (in the buffer, END − BEGIN = elements × size) and that no two tensors overlap. Faults throw
// SafetensorsError naming the file, the tensor and the fault. Writers go through write_file_atomically and lay
// the tensors out in name order, the header padded with spaces to a multiple of 8 bytes.
//
// Only <ATen/core/Tensor.h> is included, so ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>

#include <map>
#include <stdexcept>
#include <string>

namespace difflab {

struct SafetensorsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct SafetensorsFile {
  std::map<std::string, at::Tensor> tensors;    ///< CPU tensors of the stored dtype and shape
  std::map<std::string, std::string> metadata;  ///< "__metadata__"
};

/// Reads and checks a .safetensors file. Throws SafetensorsError.
SafetensorsFile read_safetensors(const std::string& path);
/// Parses safetensors bytes; `source` names them in messages. Throws SafetensorsError.
SafetensorsFile parse_safetensors(const std::string& bytes, const std::string& source);
/// True when `bytes` start like a safetensors file (a plausible header length followed by '{').
bool looks_like_safetensors(const std::string& bytes);

/// Writes the tensors (any device and dtype of the list above; made contiguous on the CPU) atomically.
void write_safetensors(const std::string& path, const SafetensorsFile& file);
std::string safetensors_bytes(const SafetensorsFile& file);

}  // namespace difflab
