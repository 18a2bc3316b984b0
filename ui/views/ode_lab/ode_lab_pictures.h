#pragma once
// Pictures, plots and labels the ODE lab's pages share. GUI thread only.

#include <ATen/core/Tensor.h>

#include <QColor>
#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

class QComboBox;
class QCustomPlot;
class QGridLayout;
class QLabel;
class QWidget;
struct SamplingModel;

namespace odelab {

inline const QSize kPictureSize(300, 300);
inline const QColor kDataColor(31, 119, 180);
inline const QColor kLatentColor(148, 103, 189);
inline const QColor kResultColor(214, 39, 40);

/// A framed, centred label for a picture drawn at kPictureSize; the picture is shown scaled to the label's
/// size (setPicture), which may be smaller on a small screen (at least 150 px) or larger.
QLabel* pictureLabel(QWidget* parent);
/// Shows `picture` in a label made by pictureLabel(), fitted to its size now and after every resize.
void setPicture(QLabel* label, const QImage& picture);
/// A caption over a result view (a picture for images, an interactive scatter for 2-D points) in column
/// `column` of `grid`, in its grid rows 2·row (the caption) and 2·row + 1 (the view, which stretches); returns the
/// view, and the caption's label in `title` when given.
class ResultView;
ResultView* captionedResult(QGridLayout* grid, int column, const QString& caption, QWidget* parent,
                            QLabel** title = nullptr, int row = 0);
/// Samples x (model scale) in a result view as the model's data look: an interactive scatter over the model's
/// data for points, the tiled image grid (modelPicture) for images.
void showModelResult(ResultView* view, const SamplingModel& model, const at::Tensor& x, const QColor& color);
/// A wrapping, selectable label for results.
QLabel* readoutLabel(QWidget* parent);
/// A plot with axis titles, optional log axes, drag/zoom, and a legend shown once it has entries.
QCustomPlot* makePlot(QWidget* parent, const QString& x, const QString& y, bool logX, bool logY);
/// Empties a plot made by makePlot and returns its axes to the ranges it started with (results of another model
/// must not leave their ranges behind).
void clearPlot(QCustomPlot* plot);
QVector<double> toVector(const at::Tensor& t);
QVector<double> toVector(const std::vector<double>& v);
/// Fills a class box with "none" (−1) and the class names, keeping the current class where it still exists.
void fillClassBox(QComboBox* box, const QStringList& names, const QString& none);

/// Samples x (model scale) as the model's data look: a scatter over the model's data for points, a tiled
/// grid for images, scaled to `size`.
QImage modelPicture(const SamplingModel& model, const at::Tensor& x, const QSize& size, const QColor& color);
/// Difference maps [B, H, W] as heat-map tiles (black → red → yellow → white), 4 per row.
QImage heatGrid(const at::Tensor& maps);

}  // namespace odelab
