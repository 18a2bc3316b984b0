#include "views/forward_chain/marginal_plots.h"

#include "widgets/plot_export.h"
#include "widgets/plot_legend.h"

#include <qcustomplot.h>

#include <QHBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

constexpr double kHistogramRange = 4.0;  // histogram over [-4, 4]
constexpr int kHistogramBins = 64;

QPen dashed(const QColor& color) {
  QPen pen(color, 1.5);
  pen.setStyle(Qt::DashLine);
  return pen;
}

}  // namespace

MarginalPlots::MarginalPlots(QWidget* parent) : QWidget(parent) {
  m_statsPlot = new QCustomPlot(this);
  const QColor meanColor(0x4e79a7), stdColor(0xe15759);
  const struct {
    QString name;
    QPen pen;
  } curves[] = {{tr("mean of xₜ"), QPen(meanColor, 2)},
                {tr("expected mean √ᾱₜ·mean(x₀)"), dashed(meanColor.darker(130))},
                {tr("std of xₜ"), QPen(stdColor, 2)},
                {tr("expected std √(ᾱₜ·Var(x₀) + 1 − ᾱₜ)"), dashed(stdColor.darker(130))}};
  for (const auto& c : curves) {
    QCPGraph* g = m_statsPlot->addGraph();
    g->setName(c.name);
    g->setPen(c.pen);
  }
  m_statsPlot->xAxis->setLabel(tr("t"));
  // A short title: the long one ("value over all pixels / coordinates") was cut on the short plot in lecture mode.
  m_statsPlot->yAxis->setLabel(tr("value"));
  m_statsPlot->setToolTip(
      tr("Mean and standard deviation of x_t over all pixels / coordinates of the batch, "
         "against their closed forms"));
  // Legend names write x_t as xₜ: the legend's small font cut the underscore off ("x t").
  m_statsPlot->legend->setVisible(true);
  m_statsPlot->legend->setFont(QFont(font().family(), 8));
  // Between the mean (≤ 0 for most data) and the std (→ 1) curves.
  m_statsPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignVCenter | Qt::AlignRight);
  plotexport::installPlotExportMenu(m_statsPlot);
  m_tMarker = new QCPItemStraightLine(m_statsPlot);
  m_tMarker->setPen(QPen(QColor(80, 80, 80), 1, Qt::DotLine));

  // --- histogram of x_t against N(0, 1) ---------------------------------------------------------------
  m_histPlot = new QCustomPlot(this);
  m_histBars = new QCPBars(m_histPlot->xAxis, m_histPlot->yAxis);
  m_histBars->setName(tr("histogram of xₜ"));
  m_histBars->setWidth(2 * kHistogramRange / kHistogramBins);
  m_histBars->setPen(Qt::NoPen);
  m_histBars->setBrush(QColor(0x4e, 0x79, 0xa7, 150));
  QCPGraph* normal = m_histPlot->addGraph();
  normal->setName(tr("N(0, 1) density"));
  normal->setPen(QPen(QColor(0xe15759), 2));
  QVector<double> nx, ny;
  for (int i = 0; i <= 200; ++i) {
    const double x = -kHistogramRange + 2 * kHistogramRange * i / 200.0;
    nx << x;
    ny << std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI);
  }
  normal->setData(nx, ny, true);
  m_histPlot->xAxis->setRange(-kHistogramRange, kHistogramRange);
  m_histPlot->xAxis->setLabel(tr("value of x_t"));
  m_histPlot->yAxis->setLabel(tr("density"));
  m_histPlot->legend->setVisible(true);
  m_histPlot->legend->setFont(QFont(font().family(), 8));
  plotlegend::underAxes(m_histPlot, 2);  // inside, it covered the histogram's top on the small plot
  plotexport::installPlotExportMenu(m_histPlot);

  auto* plots = new QHBoxLayout(this);
  plots->setContentsMargins(0, 0, 0, 0);
  plots->addWidget(m_statsPlot, 3);
  plots->addWidget(m_histPlot, 2);
}

void MarginalPlots::setStatistics(const std::vector<double>& mean, const std::vector<double>& expectedMean,
                                  const std::vector<double>& std, const std::vector<double>& expectedStd) {
  QVector<double> ts;
  for (size_t i = 0; i < mean.size(); ++i) ts << static_cast<double>(i);
  const std::vector<double>* series[] = {&mean, &expectedMean, &std, &expectedStd};
  for (int k = 0; k < 4; ++k)
    m_statsPlot->graph(k)->setData(ts, QVector<double>(series[k]->begin(), series[k]->end()), true);
  m_statsPlot->rescaleAxes();
  m_statsPlot->yAxis->setRange(std::min(m_statsPlot->yAxis->range().lower, -0.1) - 0.05,
                               std::max(m_statsPlot->yAxis->range().upper, 1.0) + 0.05);
  m_statsPlot->replot(QCustomPlot::rpQueuedReplot);
}

void MarginalPlots::showStep(int64_t t, const float* values, int64_t count) {
  m_tMarker->point1->setCoords(static_cast<double>(t), 0);
  m_tMarker->point2->setCoords(static_cast<double>(t), 1);
  m_statsPlot->replot(QCustomPlot::rpQueuedReplot);
  std::vector<double> counts(kHistogramBins, 0.0);
  const float* p = values;
  const int64_t n = count;
  const double width = 2 * kHistogramRange / kHistogramBins;
  for (int64_t i = 0; i < n; ++i) {
    const int bin = static_cast<int>(std::floor((p[i] + kHistogramRange) / width));
    if (bin >= 0 && bin < kHistogramBins) counts[static_cast<size_t>(bin)] += 1;
  }
  QVector<double> centres, density;
  double peak = 0.45;
  for (int b = 0; b < kHistogramBins; ++b) {
    centres << -kHistogramRange + (b + 0.5) * width;
    density << counts[static_cast<size_t>(b)] / (static_cast<double>(n) * width);
    peak = std::max(peak, density.back());
  }
  m_histBars->setData(centres, density, true);
  m_histPlot->yAxis->setRange(0, std::min(peak, 3.0) * 1.08);
  m_histPlot->replot(QCustomPlot::rpQueuedReplot);
}
