#include "views/score_lab/score_lab_plots.h"
#include "widgets/equal_aspect.h"
#include "widgets/empty_plot_note.h"
#include "widgets/plot_export.h"
#include "widgets/plot_legend.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr int kTrailParticles = 60, kTrailLength = 14;

QVector<double> column(const at::Tensor& t, int64_t c) {
  const at::Tensor col = t.select(1, c).to(at::kDouble).contiguous();
  return QVector<double>(col.data_ptr<double>(), col.data_ptr<double>() + col.numel());
}

// Arrows as one curve: shaft p → tip, then a "V" head, each piece ended by NaN (a gap in QCPCurve). `scale` is
// the field length drawn as 0.9 grid cells; longer arrows are capped at 1.3 cells.
void setArrows(QCPCurve* curve, const at::Tensor& points, const at::Tensor& field, double cell, double scale) {
  QVector<double> xs, ys;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (field.defined()) {
    const auto p = points.to(at::kDouble).contiguous(), f = field.to(at::kDouble).contiguous();
    const double* pp = p.data_ptr<double>();
    const double* fp = f.data_ptr<double>();
    for (int64_t i = 0; i < p.size(0); ++i) {
      double dx = fp[2 * i] / scale * 0.9 * cell, dy = fp[2 * i + 1] / scale * 0.9 * cell;
      const double len = std::hypot(dx, dy);
      if (!std::isfinite(len)) continue;
      if (len > 1.3 * cell) dx *= 1.3 * cell / len, dy *= 1.3 * cell / len;
      const double x0 = pp[2 * i], y0 = pp[2 * i + 1], x1 = x0 + dx, y1 = y0 + dy;
      const double h = 0.3 * std::min(std::hypot(dx, dy), cell), a = std::atan2(dy, dx);
      xs << x0 << x1 << nan << x1 - h * std::cos(a - 0.45) << x1 << x1 - h * std::cos(a + 0.45) << nan;
      ys << y0 << y1 << nan << y1 - h * std::sin(a - 0.45) << y1 << y1 - h * std::sin(a + 0.45) << nan;
    }
  }
  curve->setData(xs, ys);
}

QCustomPlot* curvePlot(QWidget* parent, const QString& x, const QString& y) {
  auto* plot = new QCustomPlot(parent);
  plot->setMinimumSize(240, 115);
  plot->xAxis->setLabel(x);
  plot->yAxis->setLabel(y);
  plot->legend->setVisible(true);
  plot->legend->setBrush(QColor(255, 255, 255, 200));
  plotexport::installPlotExportMenu(plot);
  emptyplot::install(plot, ScoreLabPlots::tr("no run yet"));
  return plot;
}

// The race's two curves, DSM red and SSM green; `markers` for the sparse evaluations.
void addRaceGraphs(QCustomPlot* plot, const QString& dsm, const QString& ssm, bool markers) {
  const QColor colours[2] = {QColor(214, 39, 40), QColor(44, 160, 44)};
  const QString names[2] = {dsm, ssm};
  for (int g = 0; g < 2; ++g) {
    QCPGraph* graph = plot->addGraph();
    graph->setName(names[g]);
    graph->setPen(QPen(colours[g], 1.5));
    if (markers) graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  }
}

}  // namespace

ScoreLabPlots::ScoreLabPlots(QWidget* parent) : QWidget(parent) {
  auto* ml = new QHBoxLayout(this);
  ml->setContentsMargins(0, 0, 0, 0);
  auto* left = new QVBoxLayout;
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(320, 320);
  m_plot->setInteraction(QCP::iRangeZoom, true);
  m_plot->setSelectionRectMode(QCP::srmCustom);
  m_heatMap = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  auto* scale = new QCPColorScale(m_plot);
  m_plot->plotLayout()->addElement(0, 1, scale);
  scale->setBarWidth(10);
  m_heatMap->setColorScale(scale);
  m_heatMap->setGradient(QCPColorGradient(QCPColorGradient::gpThermal).inverted());
  m_heatMap->setInterpolate(true);
  m_exactArrows = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_exactArrows->setPen(QPen(QColor(40, 40, 40), 1.2));
  m_exactArrows->setName(tr("exact score"));
  m_learnedArrows = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_learnedArrows->setPen(QPen(QColor(214, 39, 40), 1.4));
  m_learnedArrows->setName(tr("learned score"));
  m_trails = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_trails->setPen(QPen(QColor(31, 119, 180, 110), 1.0));
  m_trails->removeFromLegend();
  m_particleGraph = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
  m_particleGraph->setLineStyle(QCPGraph::lsNone);
  m_particleGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180), 4));
  m_particleGraph->setName(tr("particles"));
  m_regionItem = new QCPItemRect(m_plot);
  m_regionItem->setPen(QPen(QColor(31, 119, 180), 1.5, Qt::DashLine));
  m_plot->xAxis->setLabel(QStringLiteral("x₁"));
  m_plot->yAxis->setLabel(QStringLiteral("x₂"));
  // The key is a line under the plot, not a legend box inside it: the box covered the upper modes, and in lecture
  // mode's larger text a third of the plot. It wraps with the window and names only what is drawn (updateKey).
  m_plot->legend->setVisible(false);
  plotexport::installPlotExportMenu(m_plot);
  connect(m_plot->selectionRect(), &QCPSelectionRect::accepted, this, [this](const QRect& r, QMouseEvent*) {
    emit regionDragged(m_plot->xAxis->pixelToCoord(r.left()), m_plot->yAxis->pixelToCoord(r.bottom()),
                       m_plot->xAxis->pixelToCoord(r.right()), m_plot->yAxis->pixelToCoord(r.top()));
  });
  left->addWidget(m_plot, 1);
  m_key = new QLabel(this);
  m_key->setObjectName(QStringLiteral("fieldKey"));
  m_key->setWordWrap(true);
  m_key->setTextFormat(Qt::RichText);
  left->addWidget(m_key);
  updateKey();
  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);
  m_caption->setTextFormat(Qt::RichText);
  left->addWidget(m_caption);
  ml->addLayout(left, 3);

  auto* right = new QVBoxLayout;
  // A short axis title: "fraction per mode" was cut off on the short plot in lecture mode; the mode is on the x axis.
  m_histPlot = curvePlot(this, QString(), tr("fraction"));
  m_histPlot->setToolTip(tr("Fraction of the particles per mode, beside the mixture's true weights"));
  m_histPlot->setMinimumSize(240, 130);
  m_particleBars = new QCPBars(m_histPlot->xAxis, m_histPlot->yAxis);
  m_trueBars = new QCPBars(m_histPlot->xAxis, m_histPlot->yAxis);
  m_particleBars->setName(tr("particles"));
  m_particleBars->setBrush(QColor(31, 119, 180, 200));
  m_particleBars->setPen(Qt::NoPen);
  m_trueBars->setName(tr("true weight"));
  m_trueBars->setBrush(QColor(150, 150, 150, 200));
  m_trueBars->setPen(Qt::NoPen);
  auto* group = new QCPBarsGroup(m_histPlot);
  m_particleBars->setBarsGroup(group);
  m_trueBars->setBarsGroup(group);
  m_histPlot->yAxis->setRange(0, 1);
  // Its legend is a row under the axes: inside, it stood over the bars of the upper modes.
  plotlegend::underAxes(m_histPlot, 2);
  m_particleBars->removeFromLegend();  // until there are particles
  m_histPlot->legend->simplify();
  right->addWidget(m_histPlot, 1);

  m_lossPlot = curvePlot(this, tr("step"), QString());
  addRaceGraphs(m_lossPlot, tr("DSM loss"), tr("SSM loss + 1"), false);
  right->addWidget(m_lossPlot, 1);

  // A short axis label (the formula was clipped on the small plot in lecture mode); the formula is the tooltip.
  m_errorPlot = curvePlot(this, tr("step"), tr("relative error"));
  m_errorPlot->setToolTip(tr("Field error E‖s_θ − s*‖² / E‖s*‖² over the grid, averaged over t"));
  addRaceGraphs(m_errorPlot, tr("DSM field error"), tr("SSM field error"), true);
  m_errorPlot->yAxis->setScaleType(QCPAxis::stLogarithmic);
  m_errorPlot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  right->addWidget(m_errorPlot, 1);
  ml->addLayout(right, 2);
}

// One entry per thing drawn, in its colour and stroke: the exact arrows, the learned ones (when shown), the
// particles (when there are any) and the start region.
void ScoreLabPlots::updateKey() {
  const auto entry = [](const QColor& colour, const QString& symbol, const QString& name) {
    return QStringLiteral("<span style=\"color:%1\"><b>%2</b></span>&nbsp;%3")
        .arg(colour.name(), symbol, name.toHtmlEscaped());
  };
  // The colours are the drawn items' own, so the key follows any change to their pens.
  QStringList entries{entry(m_exactArrows->pen().color(), QStringLiteral("→"), tr("exact score"))};
  if (m_learnedArrows->visible())
    entries << entry(m_learnedArrows->pen().color(), QStringLiteral("→"), tr("learned score"));
  if (!m_particleGraph->data()->isEmpty())
    entries << entry(m_particleGraph->scatterStyle().pen().color(), QStringLiteral("●"), tr("particles"));
  entries << entry(m_regionItem->pen().color(), QStringLiteral("┅"), tr("start region (drag to move)"));
  m_key->setText(entries.join(QStringLiteral(" &nbsp;&nbsp; ")));
}

void ScoreLabPlots::setExtent(const double extent[4]) {
  std::copy(extent, extent + 4, m_extent);
  plotaspect::showEqualAspect(m_plot, QRectF(QPointF(m_extent[0], m_extent[2]), QPointF(m_extent[1], m_extent[3])));
}

void ScoreLabPlots::setRegion(const double region[4]) {
  m_regionItem->topLeft->setCoords(region[0], region[3]);
  m_regionItem->bottomRight->setCoords(region[2], region[1]);
  m_plot->replot();
}

void ScoreLabPlots::setModes(const std::vector<std::string>& names, const at::Tensor& weights) {
  const int M = int(names.size());
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  if (M <= 12)
    for (int m = 0; m < M; ++m) ticker->addTick(m, QString::fromStdString(names[size_t(m)]));
  else
    for (int m = 0; m < M; m += std::max(1, M / 8)) ticker->addTick(m, QString::number(m));
  m_histPlot->xAxis->setTicker(ticker);
  m_histPlot->xAxis->setRange(-0.9, M - 0.1);  // the pair of bars of the last mode whole
  m_histPlot->xAxis->setLabel(M > 12 ? tr("mode") : QString());
  QVector<double> keys, truth;
  for (int m = 0; m < M; ++m) keys << m, truth << weights[m].item<double>();
  m_trueBars->setData(keys, truth);
  m_particleBars->data()->clear();
  const double top = truth.isEmpty() ? 1.0 : *std::max_element(truth.begin(), truth.end());
  m_histTop = std::min(1.0, 1.4 * top + 0.05);
  m_histPlot->yAxis->setRange(0, m_histTop);
  m_histPlot->replot();
}

void ScoreLabPlots::showField(const at::Tensor& points, const at::Tensor& exact, const at::Tensor& learned,
                              const at::Tensor& heat, int grid, const QString& heatLabel, const QString& caption) {
  const double cell = std::min(m_extent[1] - m_extent[0], m_extent[3] - m_extent[2]) / (grid - 1);
  // One length scale for both fields (the exact field's median), so their lengths compare; longer arrows are capped.
  const at::Tensor norms = exact.pow(2).sum(1).sqrt();
  const double scale = std::max(1e-12, norms.quantile(0.5).item<double>());
  setArrows(m_exactArrows, points, exact, cell, scale);
  setArrows(m_learnedArrows, points, learned, cell, scale);
  m_learnedArrows->setVisible(learned.defined());
  updateKey();
  if (heat.defined()) {
    m_heatMap->data()->setSize(grid, grid);
    m_heatMap->data()->setRange(QCPRange(m_extent[0], m_extent[1]), QCPRange(m_extent[2], m_extent[3]));
    const at::Tensor h = heat.to(at::kDouble).contiguous();
    const double* hp = h.data_ptr<double>();
    for (int iy = 0; iy < grid; ++iy)
      for (int ix = 0; ix < grid; ++ix) m_heatMap->data()->setCell(ix, iy, hp[iy * grid + ix]);
    m_heatMap->rescaleDataRange(true);
    m_heatMap->setVisible(true);
    m_heatMap->colorScale()->setVisible(true);
    m_heatMap->colorScale()->axis()->setLabel(heatLabel);
  } else {
    m_heatMap->setVisible(false);
  }
  m_caption->setText(caption);
  m_plot->replot();
}

void ScoreLabPlots::showParticles(const at::Tensor& positions, const at::Tensor& fractions, const QString& caption) {
  m_particleGraph->setData(column(positions, 0), column(positions, 1));
  m_trail.push_back(positions.narrow(0, 0, std::min<int64_t>(kTrailParticles, positions.size(0))));
  if (int(m_trail.size()) > kTrailLength) m_trail.erase(m_trail.begin());
  QVector<double> xs, ys;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (m_trail.size() > 1)
    for (int64_t i = 0; i < m_trail.front().size(0); ++i) {
      for (const at::Tensor& p : m_trail) xs << p[i][0].item<double>(), ys << p[i][1].item<double>();
      xs << nan, ys << nan;
    }
  m_trails->setData(xs, ys);
  QVector<double> keys, values;
  m_fractions.clear();
  for (int64_t m = 0; m < fractions.size(0); ++m) {
    keys << double(m);
    values << fractions[m].item<double>();
    m_fractions.push_back(values.back());
  }
  m_particleBars->setData(keys, values);
  if (!m_histPlot->legend->hasItemWithPlottable(m_particleBars)) {
    m_particleBars->addToLegend();
    m_histPlot->legend->simplify();
  }
  updateKey();
  if (!values.isEmpty()) {
    const double top =
        std::max(m_histPlot->yAxis->range().upper, *std::max_element(values.begin(), values.end()) + 0.05);
    m_histPlot->yAxis->setRange(0, std::min(1.05, top));
  }
  m_histPlot->replot();
  m_caption->setText(caption);
  m_plot->replot();
}

void ScoreLabPlots::clearParticles() {
  m_trail.clear();
  m_fractions.clear();
  m_particleGraph->data()->clear();
  m_trails->data()->clear();
  m_particleBars->data()->clear();
  // The histogram as before any run: no "particles" entry and the true weights' range, not the last run's.
  m_particleBars->removeFromLegend();
  m_histPlot->legend->simplify();
  m_histPlot->yAxis->setRange(0, m_histTop);
  updateKey();
  m_histPlot->replot();
  m_plot->replot();
}

void ScoreLabPlots::clearField(const QString& caption) {
  m_exactArrows->data()->clear();
  m_learnedArrows->data()->clear();
  m_heatMap->setVisible(false);
  m_caption->setText(caption);
  m_plot->replot();
}

void ScoreLabPlots::clearRace() {
  // The axes go back to their neutral ranges too: an emptied plot kept the last run's, which read as data.
  for (QCustomPlot* p : {m_lossPlot, m_errorPlot}) {
    for (int g = 0; g < p->graphCount(); ++g) p->graph(g)->data()->clear();
    p->xAxis->setRange(0, 1000);
    p->yAxis->setRange(p == m_errorPlot ? QCPRange(0.01, 1.0) : QCPRange(0.0, 1.0));
    p->replot();
  }
}

void ScoreLabPlots::addRaceLoss(double step, double dsm, double ssmPlusOne) {
  m_lossPlot->graph(0)->addData(step, dsm);
  m_lossPlot->graph(1)->addData(step, ssmPlusOne);
  m_lossPlot->rescaleAxes();
  m_lossPlot->replot();
}

void ScoreLabPlots::addFieldError(double step, double dsm, double ssm) {
  m_errorPlot->graph(0)->addData(step, dsm);
  m_errorPlot->graph(1)->addData(step, ssm);
  m_errorPlot->rescaleAxes();
  m_errorPlot->replot();
}
