#pragma once
// MP4 video from RGB frames through FFmpeg (libavformat's mp4 muxer, libavcodec's encoders, libswscale for
// RGB → YUV 4:2:0). Compiled only when the build found FFmpeg (DIFFLAB_HAVE_FFMPEG); animation_writer.h is the
// interface the rest of the program uses.
//
// The encoder is the first of H.264 (whatever libavcodec registers for AV_CODEC_ID_H264: libx264 in Debian's
// build; hardware encoders that cannot open here are skipped) and MPEG-4 part 2 ("mpeg4", built into every
// libavcodec) that opens. Quality is near-transparent for the pictures of this program: H.264 at CRF 18,
// MPEG-4 at a fixed quantiser of 3. FFmpeg's own log is silenced: errors arrive as exceptions.

#include <cstdint>
#include <memory>
#include <string>

namespace difflab {

class Mp4Writer {
 public:
  /// Opens `path` (written as it is; the caller handles atomicity) for frames of width × height (an odd size
  /// is padded by repeating the last column or row: YUV 4:2:0 needs even sizes) at `fps` frames per second.
  /// Throws std::runtime_error naming the path and FFmpeg's reason.
  Mp4Writer(const std::string& path, int width, int height, double fps);
  ~Mp4Writer();
  Mp4Writer(const Mp4Writer&) = delete;
  Mp4Writer& operator=(const Mp4Writer&) = delete;

  /// One frame of packed RGB24, width × height × 3 bytes, rows top to bottom.
  void add_frame(const uint8_t* rgb);
  /// Flushes the encoder and writes the trailer; the file is complete afterwards.
  void finish();
  /// e.g. "libx264 (H.264)".
  const std::string& codec() const;

  /// The encoder this machine would use, or empty when none opens; `reason` gets why not.
  static std::string probe_codec(std::string& reason);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace difflab
