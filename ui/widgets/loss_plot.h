#pragma once
// The training loss against the step: every batch's loss (light, thin) and its exponential moving average
// (bold), with a logarithmic value axis on request. Data are appended in bulk by the dashboard's timer;
// appendPoints() does not replot, refresh() does (once per timer tick). GUI-thread only.

#include <qcustomplot.h>

#include <QVector>

class LossPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit LossPlot(QWidget* parent = nullptr);

  /// Appends losses at the given steps (keys increase). Non-finite or (on the log axis) non-positive values
  /// are kept but not drawn by QCustomPlot's log axis.
  void appendPoints(const QVector<double>& steps, const QVector<double>& raw, const QVector<double>& smoothed);
  void clearPoints();
  /// Rescales the axes to the data and queues a replot.
  void refresh();

  void setLogScale(bool on);
  bool isLogScale() const { return m_log; }

  QCPGraph* rawGraph() const { return m_raw; }
  QCPGraph* smoothedGraph() const { return m_smoothed; }

 private:
  QCPGraph* m_raw;
  QCPGraph* m_smoothed;
  bool m_log = false;
};
