#pragma once
// SHA-256 (FIPS 180-4), to identify a model file in a sample's recipe (PNG text chunks): two files with the
// same hash hold the same model, whatever their names.

#include <cstddef>
#include <string>

namespace difflab {

/// Lower-case hex SHA-256 of bytes in memory.
std::string sha256_hex(const std::string& bytes);
/// Lower-case hex SHA-256 of a file's contents, read in blocks. Throws std::runtime_error naming the path
/// when it cannot be read.
std::string sha256_file_hex(const std::string& path);

}  // namespace difflab
