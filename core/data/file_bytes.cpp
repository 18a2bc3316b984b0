#include "data/file_bytes.h"

#include "data/dataset_error.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace difflab {

std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DatasetError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw DatasetError(path + ": read error: " + std::strerror(errno));
  return out.str();
}

bool is_gzip(const std::string& bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(const std::string& bytes, const std::string& source) {
  z_stream zs;
  std::memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw DatasetError(source + ": cannot initialise zlib");
  std::string out;
  char buffer[1 << 16];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  // Several gzip members may follow each other (RFC 1952 §2.2): restart after each Z_STREAM_END.
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - zs.avail_out);
    if (out.size() > kMaxDecompressedBytes) {
      inflateEnd(&zs);
      throw DatasetError(source + ": gzip data decompresses to more than 4 GiB");
    }
    if (rc == Z_STREAM_END) {
      // Another member follows only if the gzip magic does; anything else is trailing padding (as gzip(1)).
      if (zs.avail_in < 2 || zs.next_in[0] != 0x1f || zs.next_in[1] != 0x8b) break;
      if (inflateReset(&zs) != Z_OK) break;
      continue;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      inflateEnd(&zs);
      throw DatasetError(source + ": truncated gzip data (the stream ends before its end marker)");
    }
    const std::string reason = zs.msg ? zs.msg : "error " + std::to_string(rc);
    inflateEnd(&zs);
    throw DatasetError(source + ": corrupt gzip data: " + reason);
  }
  inflateEnd(&zs);
  return out;
}

std::string read_maybe_gzipped(const std::string& path) {
  std::string bytes = read_file_bytes(path);
  return is_gzip(bytes) ? gunzip(bytes, path) : bytes;
}

}  // namespace difflab
