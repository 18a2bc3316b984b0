#include "io/atomic_file.h"

#include <filesystem>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <sys/stat.h>
#include <stdexcept>
#include <unistd.h>

namespace difflab {
namespace {

std::string sys_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

void write_all(int fd, const char* data, size_t n, const std::string& path) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(sys_error("cannot write", path));
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& bytes) {
  std::string tmpl = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw std::runtime_error(sys_error("cannot create a temporary file next to", path));
  try {
    write_all(fd, bytes.data(), bytes.size(), tmpl);
    if (::fsync(fd) != 0) throw std::runtime_error(sys_error("cannot flush", tmpl));
    if (::fchmod(fd, 0644) != 0) throw std::runtime_error(sys_error("cannot set permissions of", tmpl));
    if (::close(fd) != 0) throw std::runtime_error(sys_error("cannot close", tmpl));
  } catch (...) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw;
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string msg = sys_error("cannot move the new file into place at", path);
    ::unlink(tmpl.c_str());
    throw std::runtime_error(msg);
  }
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  std::ostringstream os(std::ios::binary);
  write(os);
  if (!os) throw std::runtime_error("cannot serialise the contents of '" + path + "'");
  write_file_atomically(path, os.str());
}

void check_writable(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path p(path);
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw std::runtime_error("cannot write '" + path + "': the folder '" + dir.string() + "' does not exist");
  if (::access(dir.c_str(), W_OK) != 0) throw std::runtime_error(sys_error("cannot write into the folder of", path));
  if (fs::exists(p, ec) && ::access(p.c_str(), W_OK) != 0)
    throw std::runtime_error(sys_error("cannot overwrite", path));
}

int remove_stale_temporaries(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path p(path);
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string prefix = p.filename().string() + ".tmp-";
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() == prefix.size() + 6 && name.compare(0, prefix.size(), prefix) == 0 && fs::remove(entry.path(), ec))
      ++removed;
  }
  return removed;
}

}  // namespace difflab
