#pragma once
// Atomic file writes: the bytes go to a temporary file in the destination's folder, are flushed to disk
// (fsync), and the temporary is renamed over the destination. A crash leaves either the old file or the new
// one, never a truncated mix. Errors throw std::runtime_error naming the path and the system's reason.

#include <functional>
#include <ostream>
#include <string>

namespace difflab {

/// Calls write(stream) on a binary stream to a temporary file, then atomically replaces `path`.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

/// Convenience: atomically writes `bytes` to `path`.
void write_file_atomically(const std::string& path, const std::string& bytes);

/// Checks now, before long work, that `path` can be written atomically: its folder exists and is writable (and
/// the file itself, if it exists). Throws std::runtime_error naming the path and the reason.
void check_writable(const std::string& path);

/// Removes the temporaries `path.tmp-XXXXXX` a killed write left behind; returns how many.
int remove_stale_temporaries(const std::string& path);

}  // namespace difflab
