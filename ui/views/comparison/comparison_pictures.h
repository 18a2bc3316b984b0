#pragma once
// Compare samplers' pictures and the floor they are read against: the log-log plot of the distance to the data
// against the network evaluations (NFE), one curve per sampler and spacing, the optimised grid as stars, and the
// data-vs-data floor (an independent draw of the same data scored like a sampler's output, so that a curve at
// the floor means "as good as data"). GUI-thread only (floorDistance: any thread).

#include "workers/comparison_worker.h"

#include <QColor>
#include <QCoreApplication>

#include <vector>

class QCustomPlot;
struct SamplingModel;

class ComparisonPictures {
  Q_DECLARE_TR_FUNCTIONS(ComparisonPictures)

 public:
  /// The plot before any run: log axes over the usual span (1–1000 NFE, distances 1e-3–1), no legend box.
  static QCustomPlot* makePlot(QWidget* parent);
  /// Redraws the curves of `cells` (the results so far of `request`) and the floor (0: none).
  static void showCurves(QCustomPlot* plot, const ComparisonRequest& request, const std::vector<ComparisonCell>& cells,
                         double floor);
  /// The i-th sampler's colour (curve and thumbnails).
  static QColor color(int i);
  /// The legend's and the grid's name of a sampler: its title ("DPM-Solver++(2M)").
  static QString samplerTitle(const std::string& name);
  /// The floor for a batch of `batch` points: the distance of an independent draw of the model's data (a
  /// mixture's own samples, or the learned model's data set drawn again) to its reference points; 0 when there is
  /// none (image models, data that cannot be drawn again).
  static double floorDistance(const SamplingModel& model, int64_t batch, SampleMetric metric);
};
