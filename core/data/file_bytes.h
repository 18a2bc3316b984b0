#pragma once
// Whole-file reads for the dataset readers, with transparent gunzip. Parsers work on bytes in memory, so the
// fuzz tests can feed them arbitrary buffers without touching the file system.

#include <cstddef>
#include <string>

namespace difflab {

/// Largest decompressed size accepted (guards against gzip bombs): 4 GiB.
constexpr std::size_t kMaxDecompressedBytes = std::size_t(4) << 30;

/// The bytes of `path`. Throws DatasetError naming the path when it cannot be opened or read.
std::string read_file_bytes(const std::string& path);

/// True when `bytes` starts with the gzip magic 1f 8b.
bool is_gzip(const std::string& bytes);

/// Decompresses a gzip stream (RFC 1952, several members allowed). Throws DatasetError naming `source`
/// for corrupt or truncated streams and for output beyond kMaxDecompressedBytes.
std::string gunzip(const std::string& bytes, const std::string& source);

/// read_file_bytes, then gunzip when the file starts with the gzip magic (whatever its name).
std::string read_maybe_gzipped(const std::string& path);

}  // namespace difflab
