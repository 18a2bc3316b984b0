#pragma once
// Diffusion Lab checkpoint files: one file with everything needed to continue training or to sample.
// Layout (all integers little-endian; documented in docs/file-formats.md, "Checkpoint"):
//
//   "DIFFLAB-CKPT\n"                         13-byte magic
//   u32 format version                       (kCheckpointFormatVersion)
//   u64 n, n bytes of JSON metadata          (network, schedule, objective, data, class names, step, RNG, ...)
//   u32 section count, then per section:
//     u32 n, n bytes of name                 ("model", "ema", "optimizer", "objective")
//     u64 n, n bytes of payload              (a torch::serialize::OutputArchive)
//   u32 CRC-32 (IEEE) of every byte after the magic and before the CRC
//
// Reading checks magic, version, every length against the file size, and the CRC, and throws
// CheckpointError naming the file and the fault (foreign / truncated / corrupt / newer version).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace torch::nn {
class Module;
}

namespace difflab {

inline constexpr uint32_t kCheckpointFormatVersion = 1;
inline constexpr char kCheckpointMagic[] = "DIFFLAB-CKPT\n";

struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Checkpoint {
  nlohmann::json metadata;
  std::map<std::string, std::string> sections;  ///< name → serialized archive bytes
};

/// Writes atomically (temporary file, fsync, rename: io/atomic_file.h).
void write_checkpoint(const std::string& path, const Checkpoint& checkpoint);
/// Reads and verifies the whole file. Throws CheckpointError.
Checkpoint read_checkpoint(const std::string& path);
/// Parses checkpoint bytes (as read from `source`, used in messages). Throws CheckpointError.
Checkpoint parse_checkpoint(const std::string& bytes, const std::string& source);

/// CRC-32 (IEEE 802.3, the zlib polynomial).
uint32_t crc32(const char* data, size_t size, uint32_t crc = 0);

/// A module's parameters and buffers as a torch archive in memory, and back (names must match).
std::string module_to_bytes(const torch::nn::Module& module);
void module_from_bytes(torch::nn::Module& module, const std::string& bytes);

}  // namespace difflab
