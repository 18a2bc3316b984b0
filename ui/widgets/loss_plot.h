#pragma once
// The training loss against the step: every batch's loss (light, thin) and its smoothed curve (bold), with a
// logarithmic value axis on request. Smoothing is TensorBoard's: an exponential moving average with weight w
// (0: none, 0.999: heavy), debiased as in Adam (Kingma & Ba 2015, §3), s_n = m_n / (1 − wⁿ) with
// m_n = w·m_{n−1} + (1 − w)·x_n, so the curve follows the losses from the first step instead of starting at
// the first value and lagging above the batch losses. Non-finite losses are drawn but not averaged. Data are
// appended in bulk by the dashboard's timer; appendPoints() does not replot, refresh() does (once per timer
// tick). The Fréchet distance of samples measured every N steps (eval/sample_quality.h), when the run asks
// for it, shares the step axis on a second value axis. GUI-thread only.

#include <qcustomplot.h>

#include <QVector>

class LossPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit LossPlot(QWidget* parent = nullptr);

  /// Appends losses at the given steps (keys increase). Non-finite or (on the log axis) non-positive values
  /// are kept but not drawn by QCustomPlot's log axis.
  void appendPoints(const QVector<double>& steps, const QVector<double>& raw);
  void clearPoints();
  /// The smoothing weight w in [0, 1); recomputes the whole smoothed curve.
  void setSmoothing(double weight);
  double smoothing() const { return m_weight; }
  /// The newest smoothed loss (NaN before the first finite loss).
  double lastSmoothed() const;
  /// Rescales the axes to the data and queues a replot.
  void refresh();

  void setLogScale(bool on);
  bool isLogScale() const { return m_log; }

  /// Sample quality during training on the right-hand axis: the Fréchet distance at `step` (points joined by
  /// lines) and its train-vs-test floor (dashed). The axis appears with the first point.
  void addQuality(double step, double frechet, double floor);
  QCPGraph* qualityGraph() const { return m_quality; }

  QCPGraph* rawGraph() const { return m_raw; }
  QCPGraph* smoothedGraph() const { return m_smoothed; }

 private:
  QCPGraph* m_raw;
  QCPGraph* m_smoothed;
  QCPGraph* m_quality = nullptr;
  QCPGraph* m_floor = nullptr;
  bool m_log = false;
  double m_weight = 0.95;
  double m_biased = 0.0;  ///< m_n
  double m_power = 1.0;   ///< wⁿ over the finite losses so far
  double smoothedNext(double loss);
};
