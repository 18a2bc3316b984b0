#include "io/checkpoint.h"

#include "io/atomic_file.h"
#include "io/json_text.h"

#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace difflab {

namespace {

constexpr size_t kMagicSize = sizeof(kCheckpointMagic) - 1;

template <typename T>
void put(std::string& out, T value) {
  for (size_t i = 0; i < sizeof(T); ++i)
    out.push_back(static_cast<char>((static_cast<uint64_t>(value) >> (8 * i)) & 0xFF));
}

class Reader {
 public:
  Reader(const std::string& bytes, const std::string& source) : b_(bytes), source_(source) {}
  template <typename T>
  T get(const char* what) {
    need(sizeof(T), what);
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
      v |= static_cast<uint64_t>(static_cast<unsigned char>(b_[pos_ + i])) << (8 * i);
    pos_ += sizeof(T);
    return static_cast<T>(v);
  }
  std::string bytes(uint64_t n, const char* what) {
    need(n, what);
    std::string s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  size_t pos() const { return pos_; }

 private:
  void need(uint64_t n, const char* what) {
    if (n > b_.size() - pos_)
      throw CheckpointError("checkpoint '" + source_ + "' is truncated: " + what + " needs " + std::to_string(n) +
                            " bytes at offset " + std::to_string(pos_) + " but the file has " +
                            std::to_string(b_.size()) + " bytes");
  }
  const std::string& b_;
  const std::string& source_;
  size_t pos_ = 0;
};

const std::array<uint32_t, 256>& crc_table() {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

}  // namespace

uint32_t crc32(const char* data, size_t size, uint32_t crc) {
  const auto& t = crc_table();
  crc = ~crc;
  for (size_t i = 0; i < size; ++i) crc = t[(crc ^ static_cast<unsigned char>(data[i])) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

void write_checkpoint(const std::string& path, const Checkpoint& ckpt) {
  std::string body;
  put<uint32_t>(body, kCheckpointFormatVersion);
  const std::string meta = ckpt.metadata.dump();
  put<uint64_t>(body, meta.size());
  body += meta;
  put<uint32_t>(body, static_cast<uint32_t>(ckpt.sections.size()));
  for (const auto& [name, payload] : ckpt.sections) {
    put<uint32_t>(body, static_cast<uint32_t>(name.size()));
    body += name;
    put<uint64_t>(body, payload.size());
    body += payload;
  }
  const uint32_t crc = crc32(body.data(), body.size());
  write_file_atomically(path, [&](std::ostream& out) {
    out.write(kCheckpointMagic, kMagicSize);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    std::string tail;
    put<uint32_t>(tail, crc);
    out.write(tail.data(), 4);
  });
}

Checkpoint parse_checkpoint(const std::string& bytes, const std::string& source) {
  if (bytes.size() < kMagicSize || bytes.compare(0, kMagicSize, kCheckpointMagic) != 0) {
    if (bytes.size() < kMagicSize && std::string(kCheckpointMagic).compare(0, bytes.size(), bytes) == 0)
      throw CheckpointError("checkpoint '" + source + "' is truncated: only " + std::to_string(bytes.size()) +
                            " bytes");
    throw CheckpointError("'" + source + "' is not a Diffusion Lab checkpoint (no DIFFLAB-CKPT header)");
  }
  const std::string body = bytes.substr(kMagicSize);
  Reader r(body, source);
  const uint32_t version = r.get<uint32_t>("the format version");
  if (version == 0 || version > kCheckpointFormatVersion)
    throw CheckpointError("checkpoint '" + source + "' has format version " + std::to_string(version) +
                          "; this build reads versions 1.." + std::to_string(kCheckpointFormatVersion) +
                          (version > kCheckpointFormatVersion ? " (written by a newer Diffusion Lab?)" : ""));
  Checkpoint ckpt;
  const std::string meta = r.bytes(r.get<uint64_t>("the metadata length"), "the metadata");
  const uint32_t count = r.get<uint32_t>("the section count");
  for (uint32_t i = 0; i < count; ++i) {
    std::string name = r.bytes(r.get<uint32_t>("a section name length"), "a section name");
    ckpt.sections[name] = r.bytes(r.get<uint64_t>("a section length"), "a section");
  }
  const size_t covered = r.pos();
  const uint32_t stored = r.get<uint32_t>("the checksum");
  if (r.pos() != body.size())
    throw CheckpointError("checkpoint '" + source + "' is corrupt: " + std::to_string(body.size() - r.pos()) +
                          " unexpected bytes after the checksum");
  const uint32_t actual = crc32(body.data(), covered);
  if (stored != actual)
    throw CheckpointError("checkpoint '" + source + "' is corrupt: checksum mismatch (stored " +
                          std::to_string(stored) + ", computed " + std::to_string(actual) + ")");
  try {
    ckpt.metadata = parse_json_text(meta);
  } catch (const std::invalid_argument& e) {
    throw CheckpointError("checkpoint '" + source + "' has unreadable metadata: " + e.what());
  }
  return ckpt;
}

Checkpoint read_checkpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckpointError("cannot open checkpoint '" + path + "': " + std::strerror(errno));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_checkpoint(bytes, path);
}

std::string module_to_bytes(const torch::nn::Module& module) {
  torch::serialize::OutputArchive archive;
  for (const auto& p : module.named_parameters()) archive.write(p.key(), p.value());
  for (const auto& b : module.named_buffers()) archive.write(b.key(), b.value(), /*is_buffer=*/true);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

void module_from_bytes(torch::nn::Module& module, const std::string& bytes) {
  torch::serialize::InputArchive archive;
  std::istringstream in(bytes);
  try {
    archive.load_from(in);
  } catch (const c10::Error& e) {
    throw CheckpointError(std::string("cannot read network weights: ") + e.what_without_backtrace());
  }
  torch::NoGradGuard no_grad;
  for (auto& p : module.named_parameters()) {
    torch::Tensor t;
    if (!archive.try_read(p.key(), t)) throw CheckpointError("checkpoint weights lack parameter '" + p.key() + "'");
    if (t.sizes() != p.value().sizes())
      throw CheckpointError("checkpoint parameter '" + p.key() + "' has shape " + c10::str(t.sizes()) +
                            ", network expects " + c10::str(p.value().sizes()));
    p.value().copy_(t);
  }
  for (auto& b : module.named_buffers()) {
    torch::Tensor t;
    if (!archive.try_read(b.key(), t, /*is_buffer=*/true))
      throw CheckpointError("checkpoint weights lack buffer '" + b.key() + "'");
    b.value().copy_(t);
  }
}

}  // namespace difflab
