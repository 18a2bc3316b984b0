#include "widgets/schedule_control_points.h"
#include "widgets/plot_export.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace {
// Inner points keep at least this gap in u so that the core sees strictly increasing u.
constexpr double kMinGap = 1e-4;
// |λ| beyond this makes ᾱ round to 0 or 1 in double precision: no schedule can use it.
constexpr double kMaxAbsLambda = 35.0;
constexpr double kMinLambdaGap = 1e-3;
constexpr double kHitRadius = 9.0;
}  // namespace

ScheduleControlPointEditor::ScheduleControlPointEditor(QCustomPlot* plot, QObject* parent)
    : QObject(parent), m_plot(plot) {
  m_graph = plot->addGraph(plot->xAxis, plot->yAxis);
  m_graph->setName(tr("control points"));
  m_graph->removeFromLegend();
  m_graph->setLineStyle(QCPGraph::lsNone);
  m_graph->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(20, 20, 20), 1.5), QBrush(QColor(255, 210, 0)), 10));
  connect(plot, &QCustomPlot::mousePress, this, &ScheduleControlPointEditor::onPress);
  connect(plot, &QCustomPlot::mouseMove, this, &ScheduleControlPointEditor::onMove);
  connect(plot, &QCustomPlot::mouseRelease, this, &ScheduleControlPointEditor::onRelease);
  connect(plot, &QCustomPlot::mouseDoubleClick, this, &ScheduleControlPointEditor::onDoubleClick);
}

void ScheduleControlPointEditor::setPoints(const Points& points, int64_t timesteps) {
  m_points = points;
  m_timesteps = std::max<int64_t>(timesteps, 1);
  redraw();
}

void ScheduleControlPointEditor::setEnabled(bool enabled) {
  m_enabled = enabled;
  m_drag = -1;
  m_graph->setVisible(enabled);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScheduleControlPointEditor::movePoint(int index, double u, double lambda) {
  if (index < 0 || index >= static_cast<int>(m_points.size())) return;
  const int last = static_cast<int>(m_points.size()) - 1;
  if (index == 0)
    u = 0.0;
  else if (index == last)
    u = 1.0;
  else
    u = std::clamp(u, m_points[index - 1].first + kMinGap, m_points[index + 1].first - kMinGap);
  // The log-SNR decreases strictly along u (noise_schedule.cpp refuses anything else): a dragged point stays
  // between its neighbours' λ too, so points never pass each other in either direction.
  double hiLambda = kMaxAbsLambda, loLambda = -kMaxAbsLambda;
  if (index > 0) hiLambda = std::min(hiLambda, m_points[index - 1].second - kMinLambdaGap);
  if (index < last) loLambda = std::max(loLambda, m_points[index + 1].second + kMinLambdaGap);
  if (loLambda > hiLambda) return;  // no room: the point stays where it is
  m_points[index] = {u, std::clamp(lambda, loLambda, hiLambda)};
  redraw();
  Q_EMIT pointsEdited(m_points);
}

void ScheduleControlPointEditor::addPoint(double u, double lambda) {
  u = std::clamp(u, kMinGap, 1.0 - kMinGap);
  auto at = std::lower_bound(m_points.begin(), m_points.end(), u,
                             [](const std::pair<double, double>& p, double key) { return p.first < key; });
  if ((at != m_points.end() && at->first - u < kMinGap) || (at != m_points.begin() && u - (at - 1)->first < kMinGap))
    return;
  m_points.insert(at, {u, std::clamp(lambda, -kMaxAbsLambda, kMaxAbsLambda)});
  redraw();
  Q_EMIT pointsEdited(m_points);
}

bool ScheduleControlPointEditor::removePoint(int index) {
  // The end points anchor u = 0 and u = 1; only inner points can go.
  if (index <= 0 || index >= static_cast<int>(m_points.size()) - 1) return false;
  m_points.erase(m_points.begin() + index);
  redraw();
  Q_EMIT pointsEdited(m_points);
  return true;
}

QPointF ScheduleControlPointEditor::pixelOf(int index) const {
  const auto& p = m_points.at(static_cast<size_t>(index));
  return {m_plot->xAxis->coordToPixel(p.first * static_cast<double>(m_timesteps)),
          m_plot->yAxis->coordToPixel(p.second)};
}

int ScheduleControlPointEditor::pointAt(const QPointF& pixel) const {
  int best = -1;
  double bestDistance = kHitRadius;
  for (int i = 0; i < static_cast<int>(m_points.size()); ++i) {
    const QPointF d = pixelOf(i) - pixel;
    const double distance = std::hypot(d.x(), d.y());
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

std::pair<double, double> ScheduleControlPointEditor::toPoint(const QPointF& pixel) const {
  return {m_plot->xAxis->pixelToCoord(pixel.x()) / static_cast<double>(m_timesteps),
          m_plot->yAxis->pixelToCoord(pixel.y())};
}

void ScheduleControlPointEditor::onPress(QMouseEvent* event) {
  if (!m_enabled) return;
  const int hit = pointAt(event->position());
  if (event->button() == Qt::LeftButton)
    m_drag = hit;
  else if (event->button() == Qt::RightButton && hit >= 0) {
    removePoint(hit);
    plotexport::suppressNextContextMenu(m_plot);  // this right-click removed a point: no Export… menu too
  }
}

void ScheduleControlPointEditor::onMove(QMouseEvent* event) {
  if (!m_enabled || m_drag < 0 || !(event->buttons() & Qt::LeftButton)) return;
  const auto [u, lambda] = toPoint(event->position());
  movePoint(m_drag, u, lambda);
}

void ScheduleControlPointEditor::onRelease(QMouseEvent* event) {
  if (m_drag < 0) return;
  m_drag = -1;
  Q_EMIT dragFinished();
}

void ScheduleControlPointEditor::onDoubleClick(QMouseEvent* event) {
  if (!m_enabled || event->button() != Qt::LeftButton || pointAt(event->position()) >= 0) return;
  if (!m_plot->axisRect()->rect().contains(event->position().toPoint())) return;
  const auto [u, lambda] = toPoint(event->position());
  addPoint(u, lambda);
}

void ScheduleControlPointEditor::redraw() {
  QVector<double> keys, values;
  keys.reserve(static_cast<int>(m_points.size()));
  values.reserve(static_cast<int>(m_points.size()));
  for (const auto& [u, lambda] : m_points) {
    keys.push_back(u * static_cast<double>(m_timesteps));
    values.push_back(lambda);
  }
  m_graph->setData(keys, values, true);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}
