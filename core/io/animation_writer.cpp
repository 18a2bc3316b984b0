#include "io/animation_writer.h"

#include "io/atomic_file.h"
#include "io/gif_writer.h"
#include "io/png_writer.h"
#ifdef DIFFLAB_HAVE_FFMPEG
#include "io/mp4_writer.h"
#endif

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace difflab {
namespace {

namespace fs = std::filesystem;

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string sys_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

// frame_0000.png, frame_12345.png: what a PNG sequence holds, so an earlier sequence may be replaced.
bool is_frame_name(const std::string& name) {
  const std::string prefix = "frame_", suffix = ".png";
  if (name.size() < prefix.size() + suffix.size() + 1 || name.compare(0, prefix.size(), prefix) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  for (size_t i = prefix.size(); i < name.size() - suffix.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

std::string frame_file_name(int64_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "frame_%04lld.png", static_cast<long long>(index));
  return buf;
}

// A PNG sequence may go to a new folder, an empty one or one that holds only an earlier sequence.
void check_sequence_destination(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  const fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (!fs::is_directory(parent, ec))
    throw std::runtime_error("cannot write the PNG sequence '" + path + "': the folder '" + parent.string() +
                             "' does not exist");
  if (::access(parent.c_str(), W_OK) != 0) throw std::runtime_error(sys_error("cannot write into the folder of", path));
  if (!fs::exists(p, ec)) return;
  if (!fs::is_directory(p, ec))
    throw std::runtime_error("cannot write the PNG sequence '" + path + "': it is a file, not a folder");
  for (const auto& entry : fs::directory_iterator(p, ec))
    if (!is_frame_name(entry.path().filename().string()))
      throw std::runtime_error("cannot write the PNG sequence '" + path + "': the folder holds '" +
                               entry.path().filename().string() +
                               "', which is not a frame_NNNN.png; choose a new or empty folder");
}

void make_readable(const std::string& path, mode_t mode) {
  if (::chmod(path.c_str(), mode) != 0) throw std::runtime_error(sys_error("cannot set permissions of", path));
}

#ifdef DIFFLAB_HAVE_FFMPEG
void fsync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw std::runtime_error(sys_error("cannot reopen", path));
  const int r = ::fsync(fd);
  ::close(fd);
  if (r != 0) throw std::runtime_error(sys_error("cannot flush", path));
}
#endif

}  // namespace

std::string animation_format_name(AnimationFormat format) {
  switch (format) {
    case AnimationFormat::Gif: return "gif";
    case AnimationFormat::PngSequence: return "png-sequence";
    case AnimationFormat::Mp4: return "mp4";
  }
  return "?";
}

AnimationFormat animation_format_for_path(const std::string& path) {
  if (path.empty()) throw std::invalid_argument("the animation's destination is empty");
  if (path.back() == '/') return AnimationFormat::PngSequence;
  std::error_code ec;
  if (fs::is_directory(path, ec)) return AnimationFormat::PngSequence;
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".gif") return AnimationFormat::Gif;
  if (ext == ".mp4") return AnimationFormat::Mp4;
  if (ext.empty()) return AnimationFormat::PngSequence;
  throw std::invalid_argument(
      "'" + path + "': an animation is written as FILE.gif, FILE.mp4 or a folder of PNG frames (FOLDER/), not as '" +
      ext + "'");
}

Mp4Support mp4_support() {
  static const Mp4Support support = [] {
    Mp4Support s;
#ifdef DIFFLAB_HAVE_FFMPEG
    std::string reason;
    s.codec = Mp4Writer::probe_codec(reason);
    s.available = !s.codec.empty();
    if (!s.available) s.reason = "no video encoder for MP4 opens in this FFmpeg (" + reason + ")";
#else
    s.reason =
        "this build of Diffusion Lab has no MP4 support (FFmpeg's libavcodec, libavformat and libswscale were "
        "not found when it was configured)";
#endif
    return s;
  }();
  return support;
}

struct AnimationWriter::Impl {
  std::string path;
  AnimationOptions options;
  AnimationFormat format = AnimationFormat::Gif;
  int64_t count = 0, width = 0, height = 0;
  bool all_grey = true;         // GIF: every frame grey so far (kept losslessly)
  std::vector<at::Tensor> gif;  // GIF: the frames until finish()
  std::string temp;             // PNG sequence: temporary folder; MP4: temporary file
#ifdef DIFFLAB_HAVE_FFMPEG
  std::unique_ptr<Mp4Writer> mp4;
#endif
  bool finished = false;

  ~Impl() {
    if (finished || temp.empty()) return;
#ifdef DIFFLAB_HAVE_FFMPEG
    mp4.reset();
#endif
    std::error_code ec;
    fs::remove_all(temp, ec);
  }
};

AnimationWriter::AnimationWriter(const std::string& path, const AnimationOptions& options)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.format = animation_format_for_path(path);
  m.path = without_trailing_slash(path);
  m.options = options;
  if (!(options.fps > 0 && options.fps <= 100))
    throw std::invalid_argument("the frame rate must lie in (0, 100] frames per second, got " +
                                std::to_string(options.fps));
  if (options.loop_count < 0 || options.loop_count > 65535)
    throw std::invalid_argument("the loop count must lie in [0, 65535], got " + std::to_string(options.loop_count));
  switch (m.format) {
    case AnimationFormat::Gif: check_writable(m.path); break;
    case AnimationFormat::Mp4: {
      const Mp4Support mp4 = mp4_support();
      if (!mp4.available) throw std::runtime_error("cannot write '" + m.path + "': " + mp4.reason);
      check_writable(m.path);
      break;
    }
    case AnimationFormat::PngSequence: {
      check_sequence_destination(m.path);
      std::string tmpl = m.path + ".tmp-XXXXXX";
      if (!::mkdtemp(tmpl.data()))
        throw std::runtime_error(sys_error("cannot create a temporary folder next to", m.path));
      m.temp = tmpl;
      break;
    }
  }
}

AnimationWriter::~AnimationWriter() = default;

AnimationFormat AnimationWriter::format() const { return impl_->format; }
int64_t AnimationWriter::frames() const { return impl_->count; }

void AnimationWriter::add_frame(const at::Tensor& frame_in) {
  Impl& m = *impl_;
  if (m.finished) throw std::logic_error("AnimationWriter::add_frame after finish");
  const std::string name = "animation frame " + std::to_string(m.count);
  if (!frame_in.defined() || frame_in.scalar_type() != torch::kUInt8)
    throw std::invalid_argument(name + " must be a uint8 tensor");
  const bool shape_ok = frame_in.dim() == 2 || (frame_in.dim() == 3 && frame_in.size(2) == 3);
  if (!shape_ok || frame_in.numel() == 0)
    throw std::invalid_argument(name + " must be [H, W] (grey) or [H, W, 3] (RGB), got " + c10::str(frame_in.sizes()));
  const at::Tensor frame = frame_in.to(torch::kCPU).contiguous();
  if (m.count == 0) {
    m.height = frame.size(0);
    m.width = frame.size(1);
  } else if (frame.size(0) != m.height || frame.size(1) != m.width) {
    throw std::invalid_argument(name + " is " + std::to_string(frame.size(1)) + " × " + std::to_string(frame.size(0)) +
                                " pixels; the first was " + std::to_string(m.width) + " × " + std::to_string(m.height));
  }
  switch (m.format) {
    case AnimationFormat::Gif: {
      const bool grey = frame.dim() == 2 || (torch::equal(frame.select(2, 0), frame.select(2, 1)) &&
                                             torch::equal(frame.select(2, 0), frame.select(2, 2)));
      m.all_grey = m.all_grey && grey;
      m.gif.push_back(frame.clone());
      break;
    }
    case AnimationFormat::PngSequence:
      write_file_atomically((fs::path(m.temp) / frame_file_name(m.count)).string(), png_bytes(frame));
      break;
    case AnimationFormat::Mp4: {
#ifdef DIFFLAB_HAVE_FFMPEG
      if (!m.mp4) {
        std::string tmpl = m.path + ".tmp-XXXXXX";
        const int fd = ::mkstemp(tmpl.data());
        if (fd < 0) throw std::runtime_error(sys_error("cannot create a temporary file next to", m.path));
        ::close(fd);
        m.temp = tmpl;
        m.mp4 =
            std::make_unique<Mp4Writer>(m.temp, static_cast<int>(m.width), static_cast<int>(m.height), m.options.fps);
      }
      const at::Tensor rgb = frame.dim() == 2 ? frame.unsqueeze(2).expand({-1, -1, 3}).contiguous() : frame;
      m.mp4->add_frame(rgb.data_ptr<uint8_t>());
#endif
      break;
    }
  }
  ++m.count;
}

AnimationReport AnimationWriter::finish() {
  Impl& m = *impl_;
  if (m.finished) throw std::logic_error("AnimationWriter::finish called twice");
  if (m.count == 0) throw std::runtime_error("no frames to write to '" + m.path + "'");
  AnimationReport report;
  report.path = m.path;
  report.format = m.format;
  report.frames = m.count;
  report.width = m.width;
  report.height = m.height;
  report.fps = m.options.fps;
  switch (m.format) {
    case AnimationFormat::Gif: {
      std::vector<at::Tensor> frames;
      frames.reserve(m.gif.size());
      for (const at::Tensor& f : m.gif) {
        if (m.all_grey)
          frames.push_back(f.dim() == 2 ? f : f.select(2, 0));
        else
          frames.push_back(f.dim() == 2 ? f.unsqueeze(2).expand({-1, -1, 3}) : f);
      }
      GifOptions gif;
      gif.delay_centiseconds = static_cast<int>(std::clamp(std::lround(100.0 / m.options.fps), 2L, 65535L));
      gif.loop_count = m.options.loop_count;
      report.fps = 100.0 / gif.delay_centiseconds;  // GIF's delays are whole hundredths of a second
      write_gif(m.path, torch::stack(frames).contiguous(), gif);
      m.gif.clear();
      break;
    }
    case AnimationFormat::PngSequence: {
      make_readable(m.temp, 0755);
      std::error_code ec;
      std::string old;
      if (fs::exists(m.path, ec)) {  // an earlier sequence (checked up front): replaced as a whole
        check_sequence_destination(m.path);
        old = m.temp + ".old";
        if (::rename(m.path.c_str(), old.c_str()) != 0)
          throw std::runtime_error(sys_error("cannot move the earlier sequence aside at", m.path));
      }
      if (::rename(m.temp.c_str(), m.path.c_str()) != 0) {
        const std::string message = sys_error("cannot move the new sequence into place at", m.path);
        if (!old.empty()) ::rename(old.c_str(), m.path.c_str());
        throw std::runtime_error(message);
      }
      if (!old.empty()) fs::remove_all(old, ec);
      break;
    }
    case AnimationFormat::Mp4: {
#ifdef DIFFLAB_HAVE_FFMPEG
      m.mp4->finish();
      report.codec = m.mp4->codec();
      m.mp4.reset();
      fsync_file(m.temp);
      make_readable(m.temp, 0644);
      if (::rename(m.temp.c_str(), m.path.c_str()) != 0)
        throw std::runtime_error(sys_error("cannot move the new file into place at", m.path));
#endif
      break;
    }
  }
  m.finished = true;
  return report;
}

AnimationReport write_animation(const std::string& path, int64_t count, const std::function<at::Tensor(int64_t)>& frame,
                                const AnimationOptions& options, const AnimationProgress& progress, StopToken stop) {
  if (count < 1) throw std::invalid_argument("an animation needs at least one frame, got " + std::to_string(count));
  AnimationWriter writer(path, options);
  // A GIF is compressed in finish(): that share of the work comes after the frames.
  const double frames_share = writer.format() == AnimationFormat::Gif ? 0.6 : 0.95;
  for (int64_t k = 0; k < count; ++k) {
    stop.throw_if_stopped();
    writer.add_frame(frame(k));
    if (progress) progress(frames_share * static_cast<double>(k + 1) / static_cast<double>(count));
  }
  stop.throw_if_stopped();
  AnimationReport report = writer.finish();
  if (progress) progress(1.0);
  return report;
}

}  // namespace difflab
