#pragma once
// Animations of a sequence of frames, in one of three formats chosen by the destination:
//
//   FILE.gif   animated GIF (gif_writer.h): grey frames losslessly, RGB frames on a dithered 3-3-2 palette;
//   FILE.mp4   MP4 video through FFmpeg's libavcodec/libavformat (only where the build found them,
//              DIFFLAB_HAVE_FFMPEG): H.264 when libavcodec has an H.264 encoder that opens (libx264 in
//              Debian's build), MPEG-4 part 2 ("mpeg4", always built in) otherwise; mp4_support() says which;
//   FOLDER/    a PNG sequence frame_0000.png, frame_0001.png, … (a path ending in '/' or without a suffix).
//
// Frames are uint8 [H, W, 3] (RGB) or [H, W] (grey) CPU tensors, all of one size. Pictures for frames (image
// grids, 2-D point clouds) come from animation_frames.h.
//
// Files appear whole or not at all: a GIF is written atomically (atomic_file.h); an MP4 is encoded into a
// temporary file `PATH.tmp-XXXXXX` next to it, flushed and renamed; a PNG sequence is written into a temporary
// folder `PATH.tmp-XXXXXX` and renamed into place (replacing an earlier sequence there). Cancelling (StopToken)
// or an error removes the temporaries.
//
// Only <ATen/core/Tensor.h> is included, so ui/ may include this header after Qt headers.

#include "base/stop_token.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace difflab {

enum class AnimationFormat { Gif, PngSequence, Mp4 };

/// "gif", "png-sequence", "mp4".
std::string animation_format_name(AnimationFormat format);
/// The format a destination asks for: *.gif → Gif, *.mp4 → Mp4, a path ending in '/', an existing folder or
/// a name without a suffix → PngSequence. Throws std::invalid_argument naming the path for other suffixes.
AnimationFormat animation_format_for_path(const std::string& path);

/// Whether this build and this machine can write MP4, and with which encoder.
struct Mp4Support {
  bool available = false;
  /// The encoder used, e.g. "libx264 (H.264)" or "mpeg4 (MPEG-4 part 2)"; empty when not available.
  std::string codec;
  /// Why not, in one line, when not available.
  std::string reason;
};
/// Probed once (opening the encoders in memory) and cached; thread-safe.
Mp4Support mp4_support();

struct AnimationOptions {
  /// Frames per second, in (0, 100]. A GIF stores whole hundredths of a second per frame, at least 2 (browsers
  /// show shorter delays as 1/10 s), so a GIF plays at most at 50 frames/s.
  double fps = 10.0;
  /// GIF only: times to loop, 0 = forever.
  int loop_count = 0;
};

struct AnimationReport {
  std::string path;  ///< the destination, without a trailing '/'
  AnimationFormat format = AnimationFormat::Gif;
  int64_t frames = 0;
  int64_t width = 0, height = 0;  ///< of the frames as given (an MP4 pads odd sizes by one pixel)
  std::string codec;              ///< MP4: the encoder used (as Mp4Support::codec)
  double fps = 0;                 ///< the rate the file plays at: a GIF's is 100 / (its delay in 1/100 s)
};

/// Writes frames one at a time (an MP4 or a PNG sequence streams them; a GIF keeps them until finish()).
/// Not thread-safe; use from one thread. Destroying it before finish() removes what it wrote.
class AnimationWriter {
 public:
  /// Checks the destination up front (folder writable; for a PNG sequence: not a file, and not a folder that
  /// holds anything other than frame_NNNN.png) and the options; throws std::runtime_error or
  /// std::invalid_argument naming the path or the value.
  AnimationWriter(const std::string& path, const AnimationOptions& options = {});
  ~AnimationWriter();
  AnimationWriter(const AnimationWriter&) = delete;
  AnimationWriter& operator=(const AnimationWriter&) = delete;

  AnimationFormat format() const;
  /// Adds the next frame: uint8 [H, W, 3] or [H, W] on the CPU (copied). Throws std::invalid_argument naming
  /// the frame and its shape when it differs from the first.
  void add_frame(const at::Tensor& frame);
  int64_t frames() const;
  /// Completes the file or folder and moves it into place. Needs at least one frame.
  AnimationReport finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Fraction done in [0, 1].
using AnimationProgress = std::function<void(double)>;

/// Writes `count` ≥ 1 frames made by frame(k), k = 0..count−1 (called in order, on this thread), to `path`
/// in the format it asks for. progress after each frame (the last call, 1, after the file is in place); stop
/// is checked before each frame and throws Cancelled (nothing is left behind).
AnimationReport write_animation(const std::string& path, int64_t count, const std::function<at::Tensor(int64_t)>& frame,
                                const AnimationOptions& options = {}, const AnimationProgress& progress = {},
                                StopToken stop = {});

}  // namespace difflab
