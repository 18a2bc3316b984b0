#include "io/mp4_writer.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>
}

#include <cmath>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace difflab {
namespace {

std::string av_error_text(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

// Library code does not print (ARCHITECTURE.md): FFmpeg's log (x264's banner, warnings) is switched off
// once; every failure reaches the caller as an exception with FFmpeg's error text.
void silence_ffmpeg() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_level(AV_LOG_QUIET); });
}

struct CodecContextDeleter {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;

std::string codec_label(const AVCodec* codec) {
  return std::string(codec->name) + (codec->id == AV_CODEC_ID_H264 ? " (H.264)" : " (MPEG-4 part 2)");
}

// The first encoder of H.264, then MPEG-4 part 2, that opens for this size and rate. `global_header`: the
// container wants codec headers out of band (mp4 does).
CodecContextPtr open_encoder(int width, int height, AVRational rate, bool global_header, std::string& reason) {
  reason.clear();
  for (const AVCodecID id : {AV_CODEC_ID_H264, AV_CODEC_ID_MPEG4}) {
    const AVCodec* codec = avcodec_find_encoder(id);
    if (!codec) {
      reason += std::string(reason.empty() ? "" : "; ") + avcodec_get_name(id) + ": no encoder in this libavcodec";
      continue;
    }
    CodecContextPtr c(avcodec_alloc_context3(codec));
    if (!c) throw std::runtime_error("FFmpeg: out of memory for an encoder");
    c->width = width;
    c->height = height;
    c->time_base = av_inv_q(rate);
    c->framerate = rate;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->gop_size = 12;
    if (global_header) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (id == AV_CODEC_ID_H264) {
      av_opt_set(c->priv_data, "preset", "medium", 0);  // options a codec does not know are ignored
      av_opt_set(c->priv_data, "crf", "18", 0);
    } else {
      c->flags |= AV_CODEC_FLAG_QSCALE;
      c->global_quality = FF_QP2LAMBDA * 3;
    }
    const int err = avcodec_open2(c.get(), codec, nullptr);
    if (err >= 0) return c;
    reason += std::string(reason.empty() ? "" : "; ") + codec->name + " does not open: " + av_error_text(err);
  }
  return nullptr;
}

}  // namespace

struct Mp4Writer::Impl {
  std::string path;
  int width = 0, height = 0;          // of the frames given
  int enc_width = 0, enc_height = 0;  // even
  AVFormatContext* format = nullptr;
  AVStream* stream = nullptr;
  CodecContextPtr codec;
  SwsContext* sws = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  std::vector<uint8_t> padded;  // RGB24 enc_width × enc_height
  int64_t next_pts = 0;
  bool finished = false;
  std::string codec_name;

  [[noreturn]] void fail(const std::string& what, int err) const {
    throw std::runtime_error("cannot write the MP4 '" + path + "': " + what + ": " + av_error_text(err));
  }

  // Sends `f` (null: flush) and writes every packet the encoder hands back.
  void encode(AVFrame* f) {
    int err = avcodec_send_frame(codec.get(), f);
    if (err < 0) fail("the encoder refused a frame", err);
    while (true) {
      err = avcodec_receive_packet(codec.get(), packet);
      if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return;
      if (err < 0) fail("encoding failed", err);
      av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
      packet->stream_index = stream->index;
      err = av_interleaved_write_frame(format, packet);  // takes the packet's data, unrefs it
      if (err < 0) fail("writing a packet failed", err);
    }
  }

  ~Impl() {
    av_packet_free(&packet);
    av_frame_free(&frame);
    sws_freeContext(sws);
    if (format) {
      if (format->pb) avio_closep(&format->pb);
      avformat_free_context(format);
    }
  }
};

Mp4Writer::Mp4Writer(const std::string& path, int width, int height, double fps) : impl_(std::make_unique<Impl>()) {
  silence_ffmpeg();
  Impl& m = *impl_;
  m.path = path;
  if (width < 1 || height < 1 || width > 16384 || height > 16384)
    throw std::invalid_argument("MP4 frames must be 1..16384 pixels wide and high, got " + std::to_string(width) +
                                " × " + std::to_string(height));
  if (!(fps > 0 && fps <= 1000))
    throw std::invalid_argument("MP4 frame rate must lie in (0, 1000], got " + std::to_string(fps));
  m.width = width;
  m.height = height;
  m.enc_width = width + (width % 2);
  m.enc_height = height + (height % 2);
  const AVRational rate = av_d2q(fps, 100000);

  int err = avformat_alloc_output_context2(&m.format, nullptr, "mp4", path.c_str());
  if (err < 0 || !m.format) m.fail("no mp4 muxer", err);
  std::string reason;
  m.codec = open_encoder(m.enc_width, m.enc_height, rate, (m.format->oformat->flags & AVFMT_GLOBALHEADER) != 0, reason);
  if (!m.codec)
    throw std::runtime_error("cannot write the MP4 '" + path + "': no video encoder opens (" + reason + ")");
  m.codec_name = codec_label(m.codec->codec);
  m.stream = avformat_new_stream(m.format, nullptr);
  if (!m.stream) throw std::runtime_error("cannot write the MP4 '" + path + "': no stream");
  m.stream->time_base = m.codec->time_base;
  m.stream->avg_frame_rate = rate;
  err = avcodec_parameters_from_context(m.stream->codecpar, m.codec.get());
  if (err < 0) m.fail("stream parameters", err);
  err = avio_open(&m.format->pb, path.c_str(), AVIO_FLAG_WRITE);
  if (err < 0) m.fail("cannot open the file", err);
  err = avformat_write_header(m.format, nullptr);
  if (err < 0) m.fail("cannot write the header", err);

  m.frame = av_frame_alloc();
  m.packet = av_packet_alloc();
  if (!m.frame || !m.packet) throw std::runtime_error("FFmpeg: out of memory for a frame");
  m.frame->format = AV_PIX_FMT_YUV420P;
  m.frame->width = m.enc_width;
  m.frame->height = m.enc_height;
  err = av_frame_get_buffer(m.frame, 0);
  if (err < 0) m.fail("no frame buffer", err);
  m.sws = sws_getContext(m.enc_width, m.enc_height, AV_PIX_FMT_RGB24, m.enc_width, m.enc_height, AV_PIX_FMT_YUV420P,
                         SWS_BICUBIC, nullptr, nullptr, nullptr);
  if (!m.sws) throw std::runtime_error("cannot write the MP4 '" + path + "': no RGB → YUV converter");
  m.padded.resize(static_cast<size_t>(m.enc_width) * static_cast<size_t>(m.enc_height) * 3);
}

Mp4Writer::~Mp4Writer() = default;

const std::string& Mp4Writer::codec() const { return impl_->codec_name; }

void Mp4Writer::add_frame(const uint8_t* rgb) {
  Impl& m = *impl_;
  if (m.finished) throw std::logic_error("Mp4Writer::add_frame after finish");
  // Pad to the even encoder size by repeating the last column and row.
  const size_t row_in = static_cast<size_t>(m.width) * 3, row_out = static_cast<size_t>(m.enc_width) * 3;
  for (int y = 0; y < m.enc_height; ++y) {
    const uint8_t* src = rgb + static_cast<size_t>(std::min(y, m.height - 1)) * row_in;
    uint8_t* dst = m.padded.data() + static_cast<size_t>(y) * row_out;
    std::memcpy(dst, src, row_in);
    if (m.enc_width > m.width) std::memcpy(dst + row_in, src + row_in - 3, 3);
  }
  int err = av_frame_make_writable(m.frame);
  if (err < 0) m.fail("frame buffer", err);
  const uint8_t* planes[1] = {m.padded.data()};
  const int strides[1] = {static_cast<int>(row_out)};
  sws_scale(m.sws, planes, strides, 0, m.enc_height, m.frame->data, m.frame->linesize);
  m.frame->pts = m.next_pts++;
  m.encode(m.frame);
}

void Mp4Writer::finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  m.encode(nullptr);
  const int err = av_write_trailer(m.format);
  if (err < 0) m.fail("cannot write the trailer", err);
  m.finished = true;
  avio_closep(&m.format->pb);
}

std::string Mp4Writer::probe_codec(std::string& reason) {
  silence_ffmpeg();
  const CodecContextPtr c = open_encoder(64, 64, AVRational{10, 1}, true, reason);
  return c ? codec_label(c->codec) : std::string();
}

}  // namespace difflab
