#include "widgets/timestep_loss_heatmap.h"
#include "widgets/empty_plot_note.h"
#include "widgets/plot_export.h"

#include <algorithm>
#include <cmath>
#include <limits>

TimestepLossHeatmap::TimestepLossHeatmap(QWidget* parent) : QCustomPlot(parent) {
  plotexport::installPlotExportMenu(this);
  m_map = new QCPColorMap(xAxis, yAxis);
  m_map->setInterpolate(false);
  m_scale = new QCPColorScale(this);
  m_scale->setType(QCPAxis::atRight);
  m_scale->axis()->setLabel(tr("loss"));  // short: it runs along the bar, which is as tall as a short plot
  m_scale->setDataScaleType(QCPAxis::stLogarithmic);
  m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  plotLayout()->addElement(0, 1, m_scale);
  m_map->setColorScale(m_scale);
  m_map->setGradient(QCPColorGradient::gpThermal);
  auto* margins = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  xAxis->setLabel(tr("training step"));
  yAxis->setLabel(tr("timestep t"));
  legend->setFont(QFont(font().family(), 7));
  // Ten buckets: two columns of five, so the legend never runs past the plot.
  legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
  legend->setWrap(5);
  emptyplot::install(this, tr("no run yet"));  // a note over the empty axes, as on the loss plot beside it
  refresh();  // before any run: empty axes over 0…T, no dark map or colour bar that would read as data
}

void TimestepLossHeatmap::setTimesteps(int64_t timesteps) {
  m_timesteps = std::max<int64_t>(1, timesteps);
  refresh();
}

void TimestepLossHeatmap::appendSnapshot(double step, const std::vector<double>& bucketLoss) {
  if (bucketLoss.empty()) return;
  if (m_buckets != static_cast<int>(bucketLoss.size())) {
    clearSnapshots();
    m_buckets = static_cast<int>(bucketLoss.size());
  }
  m_steps.push_back(step);
  m_rows.push_back(bucketLoss);
}

void TimestepLossHeatmap::clearSnapshots() {
  m_steps.clear();
  m_rows.clear();
  m_map->data()->clear();
  clearGraphs();
  replot(QCustomPlot::rpQueuedReplot);
}

void TimestepLossHeatmap::setMode(Mode mode) {
  m_mode = mode;
  refresh();
}

int TimestepLossHeatmap::finiteCellCount() const {
  int n = 0;
  QCPColorMapData* d = m_map->data();  // QCPColorMapData::cell() is not const
  for (int x = 0; x < d->keySize(); ++x)
    for (int y = 0; y < d->valueSize(); ++y) n += std::isfinite(d->cell(x, y)) ? 1 : 0;
  return n;
}

void TimestepLossHeatmap::refresh() {
  if (m_mode == Mode::Heatmap)
    rebuildHeatmap();
  else
    rebuildCurves();
  replot(QCustomPlot::rpQueuedReplot);
}

void TimestepLossHeatmap::rebuildHeatmap() {
  clearGraphs();
  legend->setVisible(false);
  // Before the first snapshot there is nothing to colour: an empty plot, not a dark map that reads as data.
  m_map->setVisible(!m_steps.empty());
  m_scale->setVisible(!m_steps.empty());
  yAxis->setLabel(tr("timestep t"));
  if (m_steps.empty() || m_buckets == 0) {
    yAxis->setRange(0, static_cast<double>(m_timesteps));
    return;
  }
  // Columns resample the snapshots (nearest earlier snapshot) so a long run keeps a bounded cost.
  const int columns = std::min<int>(kMaxColumns, static_cast<int>(m_steps.size()));
  const double first = m_steps.front(), last = std::max(m_steps.back(), first + 1);
  const double bucketWidth = static_cast<double>(m_timesteps) / m_buckets;
  m_map->data()->setSize(columns, m_buckets);
  // Cell centres: steps spread over [first, last]; bucket b at t = (b + ½) T / n.
  m_map->data()->setRange(QCPRange(first, last), QCPRange(0.5 * bucketWidth, m_timesteps - 0.5 * bucketWidth));
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  size_t snapshot = 0;
  for (int c = 0; c < columns; ++c) {
    const double key = columns == 1 ? first : first + (last - first) * c / (columns - 1);
    while (snapshot + 1 < m_steps.size() && m_steps[snapshot + 1] <= key) ++snapshot;
    for (int b = 0; b < m_buckets; ++b) {
      const double v = m_rows[snapshot][static_cast<size_t>(b)];
      const bool ok = std::isfinite(v) && v > 0;
      m_map->data()->setCell(c, b, ok ? v : std::nan(""));
      if (ok) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  if (hi > 0) m_map->setDataRange(QCPRange(lo, std::max(hi, lo * 1.01)));
  xAxis->setRange(first, last);
  yAxis->setRange(0, static_cast<double>(m_timesteps));
}

void TimestepLossHeatmap::rebuildCurves() {
  m_map->setVisible(false);
  m_scale->setVisible(false);
  clearGraphs();
  yAxis->setLabel(tr("loss (unweighted)"));
  legend->setVisible(m_buckets > 0);
  if (m_buckets == 0) return;
  const double bucketWidth = static_cast<double>(m_timesteps) / m_buckets;
  QCPColorGradient gradient(QCPColorGradient::gpSpectrum);
  for (int b = 0; b < m_buckets; ++b) {
    QCPGraph* g = addGraph();
    g->setPen(QPen(QColor::fromRgb(gradient.color(b, QCPRange(0, std::max(1, m_buckets - 1)))), 1.5));
    g->setName(tr("t %1–%2").arg(std::lround(b * bucketWidth)).arg(std::lround((b + 1) * bucketWidth)));
    QVector<double> keys, values;
    keys.reserve(static_cast<int>(m_steps.size()));
    values.reserve(static_cast<int>(m_steps.size()));
    for (size_t i = 0; i < m_steps.size(); ++i) {
      const double v = m_rows[i][static_cast<size_t>(b)];
      if (!std::isfinite(v)) continue;
      keys.push_back(m_steps[i]);
      values.push_back(v);
    }
    g->setData(keys, values, true);
  }
  // The axes follow the curves only: rescaleAxes() would also count the hidden colour map (and its empty
  // range), which left the plot blank.
  bool any = false;
  QCPRange keys, values;
  for (int i = 0; i < graphCount(); ++i) {
    bool found = false;
    const QCPRange k = graph(i)->data()->keyRange(found);
    if (!found) continue;
    const QCPRange v = graph(i)->data()->valueRange(found);
    if (!found) continue;
    keys = any ? QCPRange(std::min(keys.lower, k.lower), std::max(keys.upper, k.upper)) : k;
    values = any ? QCPRange(std::min(values.lower, v.lower), std::max(values.upper, v.upper)) : v;
    any = true;
  }
  if (!any) return;
  xAxis->setRange(keys.lower, std::max(keys.upper, keys.lower + 1));
  yAxis->setRange(0, values.upper > 0 ? values.upper * 1.05 : 1.0);
}
