// Core headers first: <torch/torch.h> must precede every Qt header.
#include "io/animation_writer.h"

#include <ATen/ops/empty.h>

#include "workers/animation_exporter.h"
#include "workers/job_runner.h"

#include <QFont>
#include <QPainter>

#include <cstring>
#include <stdexcept>

at::Tensor animationFrame(const QImage& image) {
  if (image.isNull()) throw std::invalid_argument("an animation frame is empty");
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  at::Tensor t = at::empty({rgb.height(), rgb.width(), 3}, at::kByte);
  uint8_t* out = t.data_ptr<uint8_t>();
  const size_t row = static_cast<size_t>(rgb.width()) * 3;
  for (int y = 0; y < rgb.height(); ++y) std::memcpy(out + static_cast<size_t>(y) * row, rgb.constScanLine(y), row);
  return t;
}

QImage captionedFrame(const QImage& picture, const QString& caption) {
  const int band = 22;
  QImage out(picture.width(), picture.height() + band, QImage::Format_RGB32);
  out.fill(Qt::white);
  QPainter p(&out);
  p.drawImage(0, band, picture);
  QFont font;
  font.setPixelSize(14);
  p.setFont(font);
  p.setPen(Qt::black);
  p.drawText(QRect(6, 0, out.width() - 12, band), Qt::AlignVCenter | Qt::AlignLeft, caption);
  return out;
}

namespace {

QString summaryOf(const difflab::AnimationReport& r) {
  QString text = AnimationExporter::tr("Wrote %1: %2 frames of %3 × %4 pixels")
                     .arg(QString::fromStdString(r.path))
                     .arg(r.frames)
                     .arg(r.width)
                     .arg(r.height);
  if (r.format == difflab::AnimationFormat::PngSequence) text += AnimationExporter::tr(", as PNG files");
  if (!r.codec.empty()) text += AnimationExporter::tr(", video codec %1").arg(QString::fromStdString(r.codec));
  return text + QLatin1Char('.');
}

}  // namespace

AnimationExporter::AnimationExporter(QObject* parent) : QObject(parent) {
  m_runner = new JobRunner(QStringLiteral("animation export"), this);
  connect(m_runner, &JobRunner::progress, this, [this](quint64, double f) { Q_EMIT progress(f); });
  connect(m_runner, &JobRunner::failed, this, [this](quint64, const QString& message) { Q_EMIT failed(message); });
  connect(m_runner, &JobRunner::cancelled, this, [this](quint64) { Q_EMIT cancelled(); });
}

AnimationExporter::~AnimationExporter() = default;

void AnimationExporter::start(const QString& path, const AnimationSource& source, double fps) {
  const std::string target = path.toStdString();
  m_runner->start([this, target, source, fps](const JobRunner::Context& c) -> std::function<void()> {
    difflab::AnimationOptions options;
    options.fps = fps;
    const difflab::AnimationReport report = difflab::write_animation(
        target, source.count, [&](int64_t k) { return animationFrame(source.frame(static_cast<int>(k))); }, options,
        c.progress, c.stop);
    const QString path = QString::fromStdString(report.path), summary = summaryOf(report);
    return [this, path, summary] { Q_EMIT finished(path, summary); };
  });
}

void AnimationExporter::requestStop() { m_runner->requestStop(); }

bool AnimationExporter::isRunning() const { return m_runner->isRunning(); }
