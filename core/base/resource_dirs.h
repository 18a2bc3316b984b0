#pragma once
// Where shipped resources (the mixture presets, the model zoo) are looked up, said once. Header-only.

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace difflab {

/// The folders to search, in order: the environment variable `env` when set; `source_dir` (the source tree, for
/// builds run in place; may be null); <prefix>/share/difflab/`kind` beside the running executable
/// <prefix>/bin/exe (a relocated install, e.g. the .tar.gz unpacked anywhere); `install_dir` (the configured
/// install folder; may be null).
inline std::vector<std::filesystem::path> resource_dirs(const char* env, const char* source_dir, const char* kind,
                                                        const char* install_dir) {
  std::vector<std::filesystem::path> dirs;
  if (const char* value = std::getenv(env)) dirs.emplace_back(value);
  if (source_dir) dirs.emplace_back(source_dir);
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(exe.parent_path().parent_path() / "share" / "difflab" / kind);
  if (install_dir) dirs.emplace_back(install_dir);
  return dirs;
}

}  // namespace difflab
