#pragma once
// The loss per timestep bucket over training (from difflab::TrainProgress::bucket_loss): either a heatmap
// (x: training step, y: t, colour: loss, log colour scale) or one curve per bucket against the step, so a
// user sees which noise levels are learned late. Snapshots are appended by the dashboard's timer; refresh()
// redraws once per tick. GUI-thread only.

#include <qcustomplot.h>

#include <vector>

class TimestepLossHeatmap : public QCustomPlot {
  Q_OBJECT
 public:
  enum class Mode { Heatmap, Curves };

  explicit TimestepLossHeatmap(QWidget* parent = nullptr);

  /// T of the schedule: bucket b of n covers t in (bT/n, (b+1)T/n].
  void setTimesteps(int64_t timesteps);
  /// One snapshot of every bucket's loss at a step (NaN: not seen yet). Steps increase.
  void appendSnapshot(double step, const std::vector<double>& bucketLoss);
  void clearSnapshots();
  void refresh();

  void setMode(Mode mode);
  Mode mode() const { return m_mode; }

  int snapshotCount() const { return static_cast<int>(m_steps.size()); }
  int bucketCount() const { return m_buckets; }
  QCPColorMap* colorMap() const { return m_map; }
  /// Finite cells of the colour map as last drawn.
  int finiteCellCount() const;

  /// Most columns the heatmap draws (snapshots are resampled to this many).
  static constexpr int kMaxColumns = 300;

 private:
  void rebuildHeatmap();
  void rebuildCurves();

  Mode m_mode = Mode::Heatmap;
  int64_t m_timesteps = 1000;
  int m_buckets = 0;
  std::vector<double> m_steps;
  std::vector<std::vector<double>> m_rows;
  QCPColorMap* m_map;
  QCPColorScale* m_scale;
};
