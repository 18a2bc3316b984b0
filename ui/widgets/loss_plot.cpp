#include "widgets/loss_plot.h"
#include "widgets/empty_plot_note.h"
#include "widgets/plot_export.h"

#include <algorithm>
#include <cmath>

namespace {

/// Log-axis ticks at 1, 2 and 5 times powers of ten while the axis spans less than two decades (QCustomPlot's
/// log ticker then falls back to a few linear ticks and leaves the lower part of a loss curve unlabelled);
/// the usual decades beyond that.
class LossLogTicker : public QCPAxisTickerLog {
 protected:
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
    if (!(range.lower > 0) || range.upper / range.lower > 100)
      return QCPAxisTickerLog::createTickVector(tickStep, range);
    QVector<double> ticks;
    for (int e = static_cast<int>(std::floor(std::log10(range.lower)));
         e <= static_cast<int>(std::ceil(std::log10(range.upper))); ++e)
      for (const double m : {1.0, 2.0, 5.0}) {
        const double v = m * std::pow(10.0, e);
        if (v >= range.lower && v <= range.upper) ticks.push_back(v);
      }
    return ticks.size() >= 2 ? ticks : QCPAxisTickerLog::createTickVector(tickStep, range);
  }
  int getSubTickCount(double) override { return 0; }
};

}  // namespace

LossPlot::LossPlot(QWidget* parent) : QCustomPlot(parent) {
  plotexport::installPlotExportMenu(this);
  setNoAntialiasingOnDrag(true);
  m_raw = addGraph();
  m_raw->setName(tr("batch loss"));
  m_raw->setPen(QPen(QColor(31, 119, 180, 90), 1));
  m_raw->setAdaptiveSampling(true);  // many thousand steps stay cheap to draw
  m_smoothed = addGraph();
  m_smoothed->setName(tr("smoothed (debiased EMA, w = %1)").arg(m_weight));
  m_smoothed->setPen(QPen(QColor(214, 39, 40), 2));
  m_smoothed->setAdaptiveSampling(true);
  xAxis->setLabel(tr("training step"));
  yAxis->setLabel(tr("loss"));
  legend->setVisible(true);
  legend->setFont(QFont(font().family(), 8));
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  emptyplot::install(this, tr("no run yet"));  // and no legend box until the first loss arrives
}

double LossPlot::smoothedNext(double loss) {
  if (!std::isfinite(loss)) return m_power < 1.0 ? m_biased / (1.0 - m_power) : loss;
  m_biased = m_weight * m_biased + (1.0 - m_weight) * loss;
  m_power *= m_weight;
  return m_weight == 0.0 ? loss : m_biased / (1.0 - m_power);
}

void LossPlot::appendPoints(const QVector<double>& steps, const QVector<double>& raw) {
  QVector<double> smoothed;
  smoothed.reserve(raw.size());
  for (double loss : raw) smoothed.push_back(smoothedNext(loss));
  m_raw->addData(steps, raw, true);
  m_smoothed->addData(steps, smoothed, true);
}

void LossPlot::addQuality(double step, double frechet, double floor) {
  if (!m_quality) {
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("Fréchet distance (classifier features)"));
    m_quality = addGraph(xAxis, yAxis2);
    m_quality->setName(tr("Fréchet distance of samples"));
    m_quality->setPen(QPen(QColor(44, 160, 44), 2));
    m_quality->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    m_floor = addGraph(xAxis, yAxis2);
    m_floor->setName(tr("its floor (train vs test images)"));
    m_floor->setPen(QPen(QColor(44, 160, 44), 1, Qt::DashLine));
  }
  m_quality->addData(step, frechet);
  m_floor->data()->clear();
  bool found = false;
  const QCPRange steps = m_quality->data()->keyRange(found);
  m_floor->addData(QVector<double>{0.0, std::max(steps.upper, 1.0)}, QVector<double>{floor, floor}, true);
}

void LossPlot::clearPoints() {
  m_raw->data()->clear();
  m_smoothed->data()->clear();
  if (m_quality) {
    removeGraph(m_quality);
    removeGraph(m_floor);
    m_quality = m_floor = nullptr;
    yAxis2->setVisible(false);
  }
  m_biased = 0.0;
  m_power = 1.0;
  replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::setSmoothing(double weight) {
  m_weight = std::clamp(weight, 0.0, 0.999);
  m_smoothed->setName(tr("smoothed (debiased EMA, w = %1)").arg(m_weight));
  m_biased = 0.0;
  m_power = 1.0;
  QVector<double> steps, smoothed;
  for (auto it = m_raw->data()->constBegin(); it != m_raw->data()->constEnd(); ++it) {
    steps.push_back(it->key);
    smoothed.push_back(smoothedNext(it->value));
  }
  m_smoothed->setData(steps, smoothed, true);
  replot(QCustomPlot::rpQueuedReplot);
}

double LossPlot::lastSmoothed() const {
  return m_smoothed->data()->isEmpty() ? std::nan("") : (m_smoothed->data()->constEnd() - 1)->value;
}

void LossPlot::refresh() {
  bool found = false;
  const QCPRange keys = m_raw->data()->keyRange(found);
  if (found) xAxis->setRange(0, std::max(1.0, keys.upper));
  // The value range covers every raw loss (on the log axis, the positive ones); the linear axis starts at 0.
  found = false;
  const QCPRange values = m_raw->data()->valueRange(found, QCP::sdBoth, QCPRange());
  if (found) {
    double lower = values.lower, upper = values.upper;
    if (m_log) {
      bool positive = false;
      const QCPRange p = m_raw->data()->valueRange(positive, QCP::sdPositive, QCPRange());
      if (positive) {
        lower = p.lower * 0.8;
        upper = p.upper * 1.25;
      }
    } else {
      lower = std::min(0.0, lower);
      upper = upper + 0.05 * (upper - lower);
    }
    if (upper > lower) yAxis->setRange(lower, upper);
  }
  if (m_quality) {
    bool any = false;
    const QCPRange q = m_quality->data()->valueRange(any);
    bool anyFloor = false;
    const QCPRange f = m_floor->data()->valueRange(anyFloor);
    if (any) yAxis2->setRange(0, 1.1 * std::max(q.upper, anyFloor ? f.upper : 0.0));
  }
  replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::setLogScale(bool on) {
  m_log = on;
  yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on) {
    QSharedPointer<QCPAxisTickerLog> ticker(new LossLogTicker);
    yAxis->setTicker(ticker);
  } else {
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  }
  refresh();
}
