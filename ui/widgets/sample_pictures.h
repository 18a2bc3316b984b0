#pragma once
// Pictures of sample batches for the sampling views: image batches tiled into a grid, and 2-D point sets
// drawn as a scatter over greyed data (small thumbnails for the comparison grid, where one QCustomPlot per
// cell would be too heavy). Pure functions, any thread (QImage and QPainter on a QImage are thread-safe).

#include <ATen/core/Tensor.h>

#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QRectF>
#include <QSize>

namespace samplepictures {

/// A batch [B, C, H, W] (C = 1 or 3) already in data scale [0, 255] tiled `nrow` per row (0: about square)
/// with 2-pixel padding, as difflab::make_image_grid does. Empty image for an undefined tensor.
QImage imageGrid(const at::Tensor& batch, int nrow = 0);

/// `picture` scaled to fill `room` at its aspect ratio: by a whole factor when it fits at least twice (crisp
/// pixels), smoothly otherwise (also down). Null pixmap for a null picture.
QPixmap fitPixmap(const QImage& picture, const QSize& room);

/// Symmetric signed maps for ε̂ and other zero-centred tensors: values in [−limit, limit] → [0, 255].
at::Tensor signedToDataScale(const at::Tensor& x, double limit);

/// Points as drawn in a plane, float64 on the CPU: [N, ≥2] → the first two coordinates; 1-D points [N, 1] →
/// (x, jitter) with a fixed jitter in [−1, 1] per row index (a strip plot: point i keeps its height through a chain,
/// so its path is a horizontal trail). Undefined for anything else.
at::Tensor toPlane(const at::Tensor& points);
/// The bounding rectangle of toPlane(points) (data coordinates), padded by 8 % on every side.
QRectF pointBounds(const at::Tensor& points);

/// `range` grown along one axis, about its centre, to the shape of `size`: one data unit spans as many pixels
/// across as up (equal aspect, as the interactive plots keep it: widgets/equal_aspect.h).
QRectF equalAspectRange(const QRectF& range, const QSize& size);

/// Points [N, 2] (x right, y up) drawn as dots of `color` on a white picture of `size`, over `background`
/// points [M, 2] in light grey (may be undefined), in the data rectangle `range` at equal aspect
/// (equalAspectRange: all of `range` is shown, the longer axis shows more).
QImage scatterImage(const at::Tensor& points, const at::Tensor& background, const QRectF& range, const QSize& size,
                    const QColor& color);

}  // namespace samplepictures
