#include "widgets/schedule_plot.h"
#include "widgets/plot_export.h"

#include <algorithm>
#include <cmath>

namespace {

// The data point of a graph whose key is nearest to `key`; end() when the graph is empty.
QCPGraphDataContainer::const_iterator nearestPoint(const QCPGraph* graph, double key) {
  const auto data = graph->data();
  if (data->isEmpty()) return data->constEnd();
  auto it = data->findBegin(key, false);  // first point with key >= `key`
  if (it == data->constEnd()) return data->constEnd() - 1;
  if (it != data->constBegin()) {
    auto before = it - 1;
    if (key - before->key < it->key - key) return before;
  }
  return it;
}

QString formatValue(double v) { return QString::number(v, 'g', 4); }

QString formatKey(double t) {
  return std::abs(t - std::round(t)) < 1e-9 ? QString::number(static_cast<qlonglong>(std::llround(t)))
                                            : QString::number(t, 'f', 2);
}

}  // namespace

SchedulePlot::SchedulePlot(const QString& title, const QString& leftLabel, QWidget* parent) : QCustomPlot(parent) {
  plotexport::installPlotExportMenu(this);
  setMouseTracking(true);
  setMinimumSize(240, 200);
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.9);

  plotLayout()->insertRow(0);
  QFont titleFont = font();
  titleFont.setBold(true);
  m_title = new QCPTextElement(this, title, titleFont);
  plotLayout()->addElement(0, 0, m_title);

  xAxis->setLabel(tr("training step t"));
  yAxis->setLabel(leftLabel);
  for (QCPAxis* axis : {xAxis, yAxis, yAxis2}) {
    axis->setTickLabelFont(small);
    axis->setLabelFont(font());
  }
  // σ_t spans several decades (≈0.01 at t = 1 to ≈150 at t = T for DDPM's linear schedule): a log axis.
  yAxis2->setScaleType(QCPAxis::stLogarithmic);
  yAxis2->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  yAxis2->setNumberFormat("eb");
  yAxis2->setNumberPrecision(0);

  legend->setVisible(false);
  legend->setFont(small);
  legend->setBrush(QColor(255, 255, 255, 225));
  legend->setBorderPen(QPen(QColor(170, 170, 170)));
  legend->setRowSpacing(0);
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

  // Markers are impulses on a hidden [0, 1] axis, so that they span the plot's height whatever the data.
  m_markerAxis = axisRect()->addAxis(QCPAxis::atRight);
  m_markerAxis->setVisible(false);
  m_markerAxis->setRange(0.0, 1.0);
  m_markers = addGraph(xAxis, m_markerAxis);
  m_markers->setLineStyle(QCPGraph::lsImpulse);
  m_markers->setPen(QPen(QColor(230, 120, 0, 120), 1.0));
  m_markers->setName(tr("sampler's steps"));
  m_markers->removeFromLegend();  // listed (see updateLegend) only while there are markers

  m_tracer = new QCPItemTracer(this);
  m_tracer->setStyle(QCPItemTracer::tsCircle);
  m_tracer->setSize(8);
  m_tracer->setPen(QPen(Qt::black, 1.5));
  m_tracer->setBrush(QColor(255, 255, 255, 180));
  m_tracer->setInterpolating(false);
  m_tracer->setVisible(false);

  m_readout = new QCPItemText(this);
  m_readout->position->setType(QCPItemPosition::ptAbsolute);
  m_readout->setFont(small);
  m_readout->setPadding(QMargins(5, 3, 5, 3));
  m_readout->setBrush(QColor(255, 255, 240, 235));
  m_readout->setPen(QPen(QColor(120, 120, 120)));
  m_readout->setTextAlignment(Qt::AlignLeft);
  m_readout->setClipToAxisRect(false);
  m_readout->setVisible(false);
  // Above the axes' tick labels, which the label may cover near the plot's edge.
  m_tracer->setLayer(QStringLiteral("overlay"));
  m_readout->setLayer(QStringLiteral("overlay"));

  connect(this, &QCustomPlot::mouseMove, this, &SchedulePlot::onHover);
}

int SchedulePlot::addCurve(const QString& name, const QColor& color, ValueAxis axis) {
  QCPAxis* valueAxis = axis == ValueAxis::RightLog ? yAxis2 : yAxis;
  if (axis == ValueAxis::RightLog) yAxis2->setVisible(true);
  Curve c;
  c.name = name;
  c.a = addGraph(xAxis, valueAxis);
  c.a->setPen(QPen(color, 2.0));
  c.b = addGraph(xAxis, valueAxis);
  QPen dashed(color.darker(135), 2.0, Qt::DashLine);
  c.b->setPen(dashed);
  c.b->setVisible(m_comparison);
  m_curves.push_back(c);
  updateLegend();
  return static_cast<int>(m_curves.size()) - 1;
}

void SchedulePlot::setRightLabel(const QString& label) { yAxis2->setLabel(label); }

void SchedulePlot::setCurveData(int curve, bool comparison, const QVector<double>& t, const QVector<double>& values) {
  QCPGraph* graph = curveGraph(curve, comparison);
  if (!graph) return;
  const bool allFinite = std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
  if (allFinite) {
    graph->setData(t, values, true);
    return;
  }
  QVector<double> keys, kept;
  keys.reserve(t.size());
  kept.reserve(t.size());
  for (int i = 0; i < t.size() && i < values.size(); ++i) {
    if (!std::isfinite(values[i])) continue;
    keys.push_back(t[i]);
    kept.push_back(values[i]);
  }
  graph->setData(keys, kept, true);
}

void SchedulePlot::setComparison(bool visible, const QString& nameA, const QString& nameB) {
  m_comparison = visible;
  m_nameA = nameA;
  m_nameB = nameB;
  for (auto& c : m_curves) c.b->setVisible(visible);
  updateLegend();
}

QCPGraph* SchedulePlot::curveGraph(int curve, bool comparison) const {
  if (curve < 0 || curve >= curveCount()) return nullptr;
  return comparison ? m_curves[curve].b : m_curves[curve].a;
}

void SchedulePlot::setMarkers(const std::vector<double>& t) {
  QVector<double> keys(t.begin(), t.end());
  std::sort(keys.begin(), keys.end());
  m_markers->setData(keys, QVector<double>(keys.size(), 1.0), true);
  updateLegend();
  replot(rpQueuedReplot);
}

int SchedulePlot::markerCount() const { return m_markers->dataCount(); }

void SchedulePlot::setLegendCorner(Qt::Alignment corner) { axisRect()->insetLayout()->setInsetAlignment(0, corner); }

void SchedulePlot::updateLegend() {
  legend->clearItems();
  int entries = 0;
  for (auto& c : m_curves) {
    c.a->setName(m_comparison ? tr("%1 — A: %2").arg(c.name, m_nameA) : c.name);
    c.a->addToLegend();
    ++entries;
    c.b->setName(tr("%1 — B: %2").arg(c.name, m_nameB));
    if (m_comparison) {
      c.b->addToLegend();
      ++entries;
    }
  }
  // The orange lines say what they are: the steps the Generate view's sampler visits.
  const bool markers = m_markers->dataCount() > 0;
  if (markers) m_markers->addToLegend();
  legend->setVisible(entries > 1 || markers);
}

void SchedulePlot::rescaleAxis(QCPAxis* axis, bool logarithmic) {
  axis->rescale(true);
  QCPRange r = axis->range();
  if (logarithmic) {
    axis->setRange(r.lower / 1.6, r.upper * 1.6);
    return;
  }
  const double span = r.size() > 0 ? r.size() : std::max(std::abs(r.upper), 1e-6);
  axis->setRange(r.lower - 0.06 * span, r.upper + 0.06 * span);
}

void SchedulePlot::refresh(int64_t timesteps, bool rescaleValues) {
  const double T = static_cast<double>(std::max<int64_t>(timesteps, 1));
  xAxis->setRange(-m_keyPadding * T, (1.0 + m_keyPadding) * T);
  if (rescaleValues) {
    rescaleAxis(yAxis, false);
    if (yAxis2->visible()) rescaleAxis(yAxis2, true);
  }
  // A read-out left on screen follows the new data.
  if (m_readout->visible()) showReadoutAt(m_hoverPixel);
  replot(rpQueuedReplot);
}

bool SchedulePlot::showReadoutAt(const QPointF& pixel) {
  if (m_curves.empty() || !axisRect()->rect().contains(pixel.toPoint())) {
    hideReadout();
    return false;
  }
  QCPGraph* reference = m_curves.front().a;
  const auto ref = nearestPoint(reference, xAxis->pixelToCoord(pixel.x()));
  if (ref == reference->data()->constEnd()) {
    hideReadout();
    return false;
  }
  m_hoverPixel = pixel;
  const double key = ref->key;
  QStringList lines{tr("t = %1").arg(formatKey(key))};
  for (const auto& c : m_curves) {
    for (QCPGraph* g : {c.a, c.b}) {
      if (!g->visible()) continue;
      const auto p = nearestPoint(g, key);
      if (p == g->data()->constEnd()) continue;
      const QString name = !m_comparison ? c.name : g == c.a ? tr("%1 (A)").arg(c.name) : tr("%1 (B)").arg(c.name);
      lines << tr("%1 = %2").arg(name, formatValue(p->value));
    }
  }
  const QString text = lines.join(QLatin1Char('\n'));
  m_tracer->setGraph(reference);
  m_tracer->setGraphKey(key);
  m_tracer->setVisible(true);

  // Place the label beside the point, towards the middle of the plot, and keep it inside the axis rect.
  const QPointF at(xAxis->coordToPixel(key), reference->valueAxis()->coordToPixel(ref->value));
  const QRect rect = axisRect()->rect();
  const QMargins pad = m_readout->padding();
  const QSize size = QFontMetrics(m_readout->font()).boundingRect(QRect(), Qt::AlignLeft, text).size() +
                     QSize(pad.left() + pad.right() + 2, pad.top() + pad.bottom() + 2);
  const bool right = at.x() > rect.center().x();
  const bool below = at.y() < rect.center().y();
  double left = right ? at.x() - 12 - size.width() : at.x() + 12;
  double top = below ? at.y() + 12 : at.y() - 12 - size.height();
  left = std::clamp(left, static_cast<double>(rect.left() + 2),
                    std::max<double>(rect.left() + 2, rect.right() - 2 - size.width()));
  top = std::clamp(top, static_cast<double>(rect.top() + 2),
                   std::max<double>(rect.top() + 2, rect.bottom() - 2 - size.height()));
  m_readout->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  m_readout->position->setCoords(left, top);
  m_readout->setText(text);
  m_readout->setVisible(true);
  replot(rpQueuedReplot);
  return true;
}

void SchedulePlot::hideReadout() {
  if (!m_readout->visible() && !m_tracer->visible()) return;
  m_readout->setVisible(false);
  m_tracer->setVisible(false);
  replot(rpQueuedReplot);
}

QString SchedulePlot::readoutText() const { return m_readout->visible() ? m_readout->text() : QString(); }

void SchedulePlot::onHover(QMouseEvent* event) { showReadoutAt(event->position()); }

void SchedulePlot::leaveEvent(QEvent* event) {
  hideReadout();
  QCustomPlot::leaveEvent(event);
}
