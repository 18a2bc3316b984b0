#pragma once
// Edits the control points (u, λ) of a custom log-SNR schedule directly on a plot whose key axis is the
// training step t = u·T and whose value axis is λ: drag a point (press, move, release), double-click to add
// one, right-click a point to remove it. The first and last points stay at u = 0 and u = 1; inner points
// keep their order in u. λ is not constrained: a point dragged above its left neighbour makes the schedule
// non-monotone, which the core rejects with a message the owner shows. GUI-thread only.

#include <QObject>
#include <QPointF>

#include <cstdint>
#include <utility>
#include <vector>

class QCPGraph;
class QCustomPlot;
class QMouseEvent;

class ScheduleControlPointEditor : public QObject {
  Q_OBJECT
 public:
  using Points = std::vector<std::pair<double, double>>;

  /// Draws on `plot`'s xAxis / yAxis; `plot` must outlive the editor.
  explicit ScheduleControlPointEditor(QCustomPlot* plot, QObject* parent = nullptr);

  /// Shows `points` (u in [0, 1], λ) for a schedule of `timesteps` steps; emits nothing.
  void setPoints(const Points& points, int64_t timesteps);
  const Points& points() const { return m_points; }
  /// A disabled editor hides its points and ignores the mouse.
  void setEnabled(bool enabled);
  bool isEnabled() const { return m_enabled; }
  bool isDragging() const { return m_drag >= 0; }

  // Edits, as the mouse makes them; each emits pointsEdited().
  void movePoint(int index, double u, double lambda);
  void addPoint(double u, double lambda);
  bool removePoint(int index);

  /// Where point `index` is drawn, in the plot's widget pixels.
  QPointF pixelOf(int index) const;
  /// The point within a few pixels of `pixel`, or −1.
  int pointAt(const QPointF& pixel) const;

 Q_SIGNALS:
  void pointsEdited(const ScheduleControlPointEditor::Points& points);
  /// A drag ended (the owner may now rescale the axes it kept still during the drag).
  void dragFinished();

 private:
  void onPress(QMouseEvent* event);
  void onMove(QMouseEvent* event);
  void onRelease(QMouseEvent* event);
  void onDoubleClick(QMouseEvent* event);
  void redraw();
  std::pair<double, double> toPoint(const QPointF& pixel) const;

  QCustomPlot* m_plot;
  QCPGraph* m_graph;
  Points m_points;
  int64_t m_timesteps = 1;
  int m_drag = -1;
  bool m_enabled = true;
};
