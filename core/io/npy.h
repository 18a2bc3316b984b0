#pragma once
// NumPy's NPY file format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
//
//   "\x93NUMPY" major minor                       6-byte magic, format version 1.0 or 2.0
//   u16 (v1) or u32 (v2) header length HLEN       little-endian
//   HLEN bytes: a Python dict literal             {'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }
//                                                 padded with spaces and a final '\n' so the data starts at a
//                                                 multiple of 64 bytes
//   the array's bytes in C order
//
// Supported dtypes: float32 ('<f4'), float64 ('<f8'), uint8 ('|u1'), int64 ('<i8'); little-endian, C order.
// Readers throw NpyError naming the file and the fault (bad magic, truncated, unsupported dtype, Fortran
// order, big-endian). Writers go through write_file_atomically. Version 1.0 is written unless the header
// needs more than 65535 bytes, then 2.0.
//
// Only <ATen/core/Tensor.h> is included, so ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>

#include <stdexcept>
#include <string>

namespace difflab {

struct NpyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Reads an NPY file into a CPU tensor of its dtype (float32, float64, uint8 or int64) and shape.
at::Tensor read_npy(const std::string& path);
/// Parses NPY bytes; `source` names them in error messages.
at::Tensor parse_npy(const std::string& bytes, const std::string& source);

/// Writes a tensor (any device; made contiguous on the CPU) as NPY, atomically. Throws NpyError for an
/// unsupported dtype (naming it and the file).
void write_npy(const std::string& path, const at::Tensor& tensor);
/// The NPY bytes of a tensor.
std::string npy_bytes(const at::Tensor& tensor);

}  // namespace difflab
