#pragma once
// The bar under a 2-D scatter (Generate, Reverse chain): "Fit to data", "Fit to samples" and how many
// samples lie outside the view, so that exploded samples never vanish unnoticed. The plot itself pans by
// dragging and zooms with the wheel; the fits keep equal aspect (widgets/equal_aspect.h). "Fit to samples"
// frames the 0.5–99.5 % range of each axis, so a few wild points do not shrink the rest to a dot; the count
// then says how many are left out. GUI-thread only.

#include <QRectF>
#include <QWidget>

class QBoxLayout;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QPushButton;

class PlotViewBar : public QWidget {
  Q_OBJECT
 public:
  /// `data` (may be null) and `samples` are graphs of `plot`; the bar counts the points of `samples`.
  PlotViewBar(QCustomPlot* plot, QCPGraph* data, QCPGraph* samples, QWidget* parent = nullptr);

  /// Samples outside the visible axis ranges, as of the last replot.
  int outsideCount() const { return m_outside; }
  QLabel* countLabel() const { return m_count; }
  QPushButton* fitDataButton() const { return m_fitData; }
  QPushButton* fitSamplesButton() const { return m_fitSamples; }

  /// One row of buttons where they fit, else stacked (the count then under them): the minimum width is one button's.
  bool hasHeightForWidth() const override;
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

  /// The bounding rectangle of a graph's points (empty when it has none); `robust`: 0.5–99.5 % per axis.
  static QRectF graphBounds(const QCPGraph* graph, bool robust);

 public Q_SLOTS:
  void fitToData();
  void fitToSamples();
  /// Recounts the samples outside the view (after each replot).
  void updateCount();

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  int rowWidth() const;  ///< the width the two buttons need side by side

  QCustomPlot* m_plot;
  QCPGraph* m_data;
  QCPGraph* m_samples;
  QBoxLayout* m_layout = nullptr;
  QPushButton* m_fitData = nullptr;
  QPushButton* m_fitSamples = nullptr;
  QLabel* m_count = nullptr;
  int m_outside = 0;
  bool m_robustFit = false;  ///< the view was last fitted to 99 % of the samples: the rest are outliers
  QRectF m_robustRect;       ///< the rectangle fitToSamples framed
};
