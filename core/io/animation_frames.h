#pragma once
// Pictures for animation frames (animation_writer.h) drawn without Qt, so the headless CLI makes the same
// kinds of frames as the GUI: a batch of images tiled into a grid, or a 2-D point cloud rasterised onto a
// square canvas (white, the data in light grey behind, the points as coloured discs). All return uint8
// [H, W, 3] RGB on the CPU.
//
// Only <ATen/core/Tensor.h> is included, so ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace difflab {

/// Images [B, C, H, W] (C = 1 or 3) in data scale 0..255 (float or uint8, rounded and clamped) tiled about
/// square with 2-pixel padding (make_image_grid) and enlarged by the largest whole factor that keeps both
/// sides within `max_side` pixels (at least 1: crisp pixels). Throws std::invalid_argument naming the shape.
at::Tensor image_grid_frame(const at::Tensor& images, int64_t max_side = 512);

/// The data rectangle a point frame shows (x right, y up).
struct PointView {
  double x_min = -1, x_max = 1, y_min = -1, y_max = 1;
};

/// A square view that holds `points` ([N, 2], or [K, N, 2] for every frame at once): the box from the 0.5 %
/// to the 99.5 % quantile of each coordinate (a few stray points do not shrink the rest), padded by 8 % on
/// every side and widened to a square. Non-finite values are ignored. Throws std::invalid_argument on a shape
/// without a last dimension of 2.
PointView point_view(const at::Tensor& points);

struct PointFrameStyle {
  int64_t size = 384;                       ///< side of the square picture in pixels, 16..4096
  int64_t radius = 2;                       ///< of a point's disc in pixels, 0..16
  uint8_t colour[3] = {31, 119, 180};       ///< of the points
  uint8_t background[3] = {200, 200, 200};  ///< of the background points (radius 1)
};

/// Points [N, 2] drawn over `background` points [M, 2] (may be undefined) on a white square canvas showing
/// `view`, with the axes x = 0 and y = 0 in a faint grey where they are in view. Points outside are left out.
at::Tensor point_frame(const at::Tensor& points, const PointView& view, const at::Tensor& background = {},
                       const PointFrameStyle& style = {});

}  // namespace difflab
