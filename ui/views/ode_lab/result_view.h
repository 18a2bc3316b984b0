#pragma once
// One result of an ODE lab page (original, latent, reconstruction, SDEdit result): images as a picture fitted
// to the panel; 2-D points as a scatter that pans by dragging and zooms with the wheel, over the model's data
// (grey), with "Fit to data", "Fit to samples" and the count of points outside the view (widgets/plot_view_bar.h),
// at equal aspect. GUI thread only.

#include <ATen/core/Tensor.h>

#include <QColor>
#include <QImage>
#include <QWidget>

class QCPCurve;
class QCustomPlot;
class QLabel;
class QStackedLayout;
class PlotViewBar;

namespace odelab {

class ResultView : public QWidget {
  Q_OBJECT
 public:
  explicit ResultView(QWidget* parent = nullptr);

  /// An image result (a grid of samples, a heat map), fitted to the panel.
  void showImage(const QImage& picture);
  /// 2-D points [N, ≥ 2] (data scale; the first two coordinates) over `data` [M, ≥ 2] (grey; may be undefined),
  /// framed to the data when there are data, else to the points.
  void showPoints(const at::Tensor& points, const at::Tensor& data, const QColor& color);
  /// 2-D moves: each `from` point joined to its `to` point, the `to` points coloured, over `data`.
  void showMoves(const at::Tensor& from, const at::Tensor& to, const at::Tensor& data, const QColor& color);
  void clear();

  bool showsPoints() const;
  QCustomPlot* plot() const { return m_plot; }
  PlotViewBar* viewBar() const { return m_bar; }
  QLabel* pictureLabel() const { return m_picture; }

 private:
  void setScatter(const at::Tensor& points, const at::Tensor& data, const QColor& color);

  QStackedLayout* m_stack = nullptr;
  QLabel* m_picture = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPCurve* m_moves = nullptr;
  PlotViewBar* m_bar = nullptr;
};

}  // namespace odelab
