// Core headers first: <torch/torch.h> must precede every Qt header.
#include "data/data_scale.h"
#include "io/png_writer.h"

#include <torch/torch.h>

#include "widgets/sample_pictures.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace samplepictures {

QImage imageGrid(const at::Tensor& batch, int nrow) {
  if (!batch.defined() || batch.dim() != 4 || batch.size(0) == 0) return {};
  const int64_t count = batch.size(0);
  const int64_t perRow = nrow > 0 ? nrow : static_cast<int64_t>(std::ceil(std::sqrt(static_cast<double>(count))));
  at::Tensor grid = difflab::make_image_grid(batch.detach().to(torch::kCPU, torch::kFloat32), perRow, 2, 255);
  if (grid.size(2) == 1) grid = grid.expand({grid.size(0), grid.size(1), 3});
  grid = grid.contiguous();
  const int h = static_cast<int>(grid.size(0)), w = static_cast<int>(grid.size(1));
  QImage image(grid.data_ptr<uint8_t>(), w, h, 3 * w, QImage::Format_RGB888);
  return image.copy();  // detach from the tensor's storage
}

at::Tensor signedToDataScale(const at::Tensor& x, double limit) {
  return difflab::DataScale::images().to_data((x.to(torch::kFloat32) / limit).clamp(-1.0, 1.0));
}

at::Tensor toPlane(const at::Tensor& points) {
  if (!points.defined() || points.dim() != 2 || points.size(1) < 1) return {};
  const at::Tensor p = points.detach().to(torch::kCPU, torch::kFloat64);
  if (p.size(1) >= 2) return p.narrow(1, 0, 2).contiguous();
  // Knuth's multiplicative hash of the row index: a fixed, evenly spread height per point.
  const at::Tensor index = torch::arange(p.size(0), torch::kInt64);
  const at::Tensor jitter =
      (index * static_cast<int64_t>(2654435761)).remainder(static_cast<int64_t>(4294967296)).to(torch::kFloat64) /
          4294967296.0 * 2 -
      1;
  return torch::stack({p.select(1, 0), jitter}, 1).contiguous();
}

QRectF pointBounds(const at::Tensor& points) {
  at::Tensor p = toPlane(points);
  if (!p.defined() || p.size(0) == 0) return {-1, -1, 2, 2};
  p = p.masked_select(torch::isfinite(p).all(1, true)).view({-1, 2});
  if (p.size(0) == 0) return {-1, -1, 2, 2};
  const double x0 = p.select(1, 0).min().item<double>(), x1 = p.select(1, 0).max().item<double>();
  const double y0 = p.select(1, 1).min().item<double>(), y1 = p.select(1, 1).max().item<double>();
  const double padX = std::max(0.08 * (x1 - x0), 1e-3), padY = std::max(0.08 * (y1 - y0), 1e-3);
  return QRectF(x0 - padX, y0 - padY, x1 - x0 + 2 * padX, y1 - y0 + 2 * padY);
}

namespace {

void drawPoints(QPainter& painter, const at::Tensor& points, const QRectF& range, const QSize& size, double radius) {
  const at::Tensor p = toPlane(points);
  if (!p.defined()) return;
  const auto a = p.accessor<double, 2>();
  for (int64_t i = 0; i < p.size(0); ++i) {
    const double px = (a[i][0] - range.left()) / range.width() * size.width();
    const double py = (1.0 - (a[i][1] - range.top()) / range.height()) * size.height();
    if (std::isfinite(px) && std::isfinite(py)) painter.drawEllipse(QPointF(px, py), radius, radius);
  }
}

}  // namespace

QRectF equalAspectRange(const QRectF& range, const QSize& size) {
  if (range.width() <= 0 || range.height() <= 0 || size.isEmpty()) return range;
  const double perPixel = std::max(range.width() / size.width(), range.height() / size.height());
  const QSizeF shown(perPixel * size.width(), perPixel * size.height());
  return QRectF(range.center() - QPointF(shown.width() / 2, shown.height() / 2), shown);
}

QImage scatterImage(const at::Tensor& points, const at::Tensor& background, const QRectF& requested, const QSize& size,
                    const QColor& color) {
  const QRectF range = equalAspectRange(requested, size);  // a circle of modes stays round in any picture shape
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(200, 200, 200));
  drawPoints(painter, background, range, size, 1.2);
  painter.setBrush(color);
  drawPoints(painter, points, range, size, 1.6);
  painter.setPen(QColor(160, 160, 160));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(QRect(QPoint(0, 0), size - QSize(1, 1)));
  return image;
}

QPixmap fitPixmap(const QImage& picture, const QSize& room) {
  if (picture.isNull() || room.width() <= 0 || room.height() <= 0) return QPixmap::fromImage(picture);
  const double ratio = std::min(static_cast<double>(room.width()) / picture.width(),
                                static_cast<double>(room.height()) / picture.height());
  if (ratio >= 2.0) {
    const int k = static_cast<int>(std::floor(ratio));
    return QPixmap::fromImage(picture.scaled(picture.size() * k, Qt::IgnoreAspectRatio, Qt::FastTransformation));
  }
  return QPixmap::fromImage(picture.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

}  // namespace samplepictures
