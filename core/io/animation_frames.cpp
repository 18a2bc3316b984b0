#include "io/animation_frames.h"

#include "io/png_writer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace difflab {

at::Tensor image_grid_frame(const at::Tensor& images, int64_t max_side) {
  if (!images.defined() || images.dim() != 4 || (images.size(1) != 1 && images.size(1) != 3) || images.size(0) < 1)
    throw std::invalid_argument("an image frame needs images [B, C, H, W] with C = 1 or 3, got " +
                                (images.defined() ? c10::str(images.sizes()) : std::string("none")));
  const int64_t nrow = static_cast<int64_t>(std::ceil(std::sqrt(static_cast<double>(images.size(0)))));
  at::Tensor grid = make_image_grid(images, nrow);  // uint8 [H, W, C]
  if (grid.size(2) == 1) grid = grid.expand({-1, -1, 3});
  const int64_t zoom = std::max<int64_t>(1, max_side / std::max(grid.size(0), grid.size(1)));
  if (zoom > 1) grid = grid.repeat_interleave(zoom, 0).repeat_interleave(zoom, 1);
  return grid.contiguous();
}

PointView point_view(const at::Tensor& points) {
  if (!points.defined() || points.dim() < 2 || points.size(-1) != 2)
    throw std::invalid_argument("a point view needs points [..., 2], got " +
                                (points.defined() ? c10::str(points.sizes()) : std::string("none")));
  const at::Tensor flat = points.reshape({-1, 2}).to(torch::kCPU, torch::kFloat64);
  const at::Tensor finite = flat.isfinite().all(1);
  at::Tensor p = flat.index({finite});
  // quantile() sorts a copy: a stride keeps a long chain of large clouds cheap (and within its size limit).
  if (p.size(0) > 1'000'000) p = p.slice(0, 0, p.size(0), p.size(0) / 1'000'000 + 1);
  PointView v;
  if (p.size(0) == 0) return v;
  const at::Tensor q = torch::tensor({0.005, 0.995}, torch::kFloat64);
  const at::Tensor lo_hi = torch::quantile(p, q, /*dim=*/0);  // [2, 2]: rows quantiles, columns coordinates
  double x0 = lo_hi[0][0].item<double>(), x1 = lo_hi[1][0].item<double>();
  double y0 = lo_hi[0][1].item<double>(), y1 = lo_hi[1][1].item<double>();
  const double side = std::max({x1 - x0, y1 - y0, 1e-6}) * 1.16;
  const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  v.x_min = cx - side / 2;
  v.x_max = cx + side / 2;
  v.y_min = cy - side / 2;
  v.y_max = cy + side / 2;
  return v;
}

namespace {

void draw_discs(const at::Tensor& points, const PointView& view, int64_t size, int64_t radius, const uint8_t colour[3],
                at::TensorAccessor<uint8_t, 3> canvas) {
  if (!points.defined() || points.numel() == 0) return;
  const at::Tensor p = points.reshape({-1, 2}).to(torch::kCPU, torch::kFloat64).contiguous();
  const auto a = p.accessor<double, 2>();
  const double sx = (size - 1) / (view.x_max - view.x_min), sy = (size - 1) / (view.y_max - view.y_min);
  for (int64_t i = 0; i < p.size(0); ++i) {
    const double fx = (a[i][0] - view.x_min) * sx, fy = (view.y_max - a[i][1]) * sy;
    if (!std::isfinite(fx) || !std::isfinite(fy) || fx < -radius || fy < -radius || fx > size + radius ||
        fy > size + radius)
      continue;
    const int64_t cx = std::lround(fx), cy = std::lround(fy);
    for (int64_t dy = -radius; dy <= radius; ++dy)
      for (int64_t dx = -radius; dx <= radius; ++dx) {
        const int64_t x = cx + dx, y = cy + dy;
        if (dx * dx + dy * dy > radius * radius + radius || x < 0 || y < 0 || x >= size || y >= size) continue;
        for (int c = 0; c < 3; ++c) canvas[y][x][c] = colour[c];
      }
  }
}

}  // namespace

at::Tensor point_frame(const at::Tensor& points, const PointView& view, const at::Tensor& background,
                       const PointFrameStyle& style) {
  if (style.size < 16 || style.size > 4096)
    throw std::invalid_argument("a point frame is 16..4096 pixels wide, got " + std::to_string(style.size));
  if (style.radius < 0 || style.radius > 16)
    throw std::invalid_argument("a point's radius must lie in [0, 16] pixels, got " + std::to_string(style.radius));
  if (!(view.x_max > view.x_min && view.y_max > view.y_min))
    throw std::invalid_argument("a point view needs x_min < x_max and y_min < y_max");
  for (const at::Tensor* t : {&points, &background})
    if (t->defined() && (t->dim() != 2 || t->size(1) != 2))
      throw std::invalid_argument("a point frame needs points [N, 2], got " + c10::str(t->sizes()));
  const int64_t n = style.size;
  at::Tensor canvas = torch::full({n, n, 3}, 255, torch::kUInt8);
  auto c = canvas.accessor<uint8_t, 3>();
  // The axes, faint, where they cross the view.
  const int64_t ax = std::lround((0 - view.x_min) / (view.x_max - view.x_min) * (n - 1));
  const int64_t ay = std::lround((view.y_max - 0) / (view.y_max - view.y_min) * (n - 1));
  for (int64_t i = 0; i < n; ++i)
    for (int k = 0; k < 3; ++k) {
      if (ax >= 0 && ax < n) c[i][ax][k] = 235;
      if (ay >= 0 && ay < n) c[ay][i][k] = 235;
    }
  draw_discs(background, view, n, 1, style.background, c);
  draw_discs(points, view, n, style.radius, style.colour, c);
  return canvas;
}

}  // namespace difflab
