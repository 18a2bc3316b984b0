#pragma once
// Generate's picture of a batch: an image grid scaled to fill the panel (integer scaling where it fits), or for
// 2-D models a scatter of the samples over the model's own data in grey, at equal aspect, with the pan/zoom bar
// (fit to data, fit to samples, the count outside the view). GUI-thread only.

#include <ATen/core/Tensor.h>

#include <QImage>
#include <QStackedWidget>

class PlotViewBar;
class QCustomPlot;
class QLabel;
struct SamplingModel;

class SampleDisplay : public QStackedWidget {
  Q_OBJECT
 public:
  explicit SampleDisplay(QWidget* parent = nullptr);

  /// Shows the page of the model's kind; a 2-D model's data (when it has some) are drawn and framed.
  void setModel(const SamplingModel& model);
  /// Samples in data scale: images [B, C, H, W] in [0, 255] or points [B, 2]. Undefined: nothing is drawn.
  void showSamples(const SamplingModel& model, const at::Tensor& dataScale);
  /// A finished batch: like showSamples, and a model without data (an import) frames its samples.
  void showResult(const SamplingModel& model, const at::Tensor& dataScale);
  /// Removes the samples (the data stay).
  void clear();
  /// What Save PNG writes: the 800×800 scatter, or the image grid of `dataScale` at its own size.
  QImage picture(const SamplingModel& model, const at::Tensor& dataScale) const;

  QCustomPlot* scatterPlot() const { return m_scatter; }
  QLabel* imageLabel() const { return m_image; }
  PlotViewBar* plotBar() const { return m_plotBar; }

 private:
  QLabel* m_image = nullptr;
  QCustomPlot* m_scatter = nullptr;
  PlotViewBar* m_plotBar = nullptr;
};
