// Core headers first: <torch/torch.h> must precede every Qt header.
#include "data/dataset_catalog.h"
#include "data/gaussian_mixture.h"
#include "model/gaussian_mixture_denoiser.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "views/comparison/comparison_pictures.h"

#include "session/sampling_model.h"
#include "widgets/plot_export.h"
#include "widgets/plot_legend.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

namespace {

const QColor kPalette[] = {QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
                           QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
                           QColor(188, 189, 34),  QColor(23, 190, 207)};

// The same fixed seed as the model's reference set, offset: an independent draw of the same distribution.
constexpr uint64_t kFloorSeed = 977;

// `n` points drawn independently of a learned 2-D model's reference points, from the same data: its toy recipe
// with another seed, or, for data read from a file (which ignores the seed), points the reference does not
// hold. Undefined when there are none to spare or the data set cannot be read again.
at::Tensor independentDraw(const SamplingModel& model, int64_t n) {
  try {
    const difflab::Dataset other = difflab::load_dataset(model.dataName.toStdString(), kFloorSeed);
    const at::Tensor& same = model.data->data;
    if (other.data.sizes() != same.sizes() || !other.data.equal(same))
      return other.data.narrow(0, 0, std::min<int64_t>(n, other.size())).to(torch::kFloat32);
    const int64_t used = model.dataPoints.size(0);
    if (same.size(0) - used < n) return {};
    return same.narrow(0, used, n).to(torch::kFloat32);
  } catch (const std::exception&) {
    return {};
  }
}

// Before any run the axes show the usual span of a comparison: 1–1000 evaluations, distances 1e-3–1.
void showStartRange(QCustomPlot* plot) {
  plot->xAxis->setRange(1, 1000);
  plot->yAxis->setRange(1e-3, 1);
}

}  // namespace

QCustomPlot* ComparisonPictures::makePlot(QWidget* parent) {
  auto* plot = new QCustomPlot(parent);
  plotexport::installPlotExportMenu(plot);
  plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
  plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
  plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  plot->xAxis->setLabel(tr("network evaluations (NFE)"));
  plot->yAxis->setLabel(tr("distance to the data"));
  plot->legend->setVisible(false);  // shown once there are curves: never an empty box
  showStartRange(plot);
  // Beside the axes, not over them: with half a dozen samplers a legend inside covers the curves' right ends.
  plotlegend::besideAxes(plot);
  plot->setMinimumHeight(260);
  return plot;
}

QColor ComparisonPictures::color(int i) { return kPalette[i % static_cast<int>(std::size(kPalette))]; }

QString ComparisonPictures::samplerTitle(const std::string& name) {
  return QString::fromStdString(difflab::sampler_info(name).title);
}

double ComparisonPictures::floorDistance(const SamplingModel& model, int64_t batch, SampleMetric metric) {
  if (!model.dataPoints.defined()) return 0.0;
  if (auto* mixture = dynamic_cast<difflab::GaussianMixtureDenoiser*>(model.denoiser.get()))
    return ComparisonWorker::distance(difflab::sample_gaussian_mixture(mixture->mixture(), batch, kFloorSeed),
                                      model.dataPoints, metric);
  if (model.isPoints() && model.data)
    if (const at::Tensor draw = independentDraw(model, batch); draw.defined() && draw.size(0) == batch)
      return ComparisonWorker::distance(draw, model.dataPoints, metric);
  return 0.0;
}

void ComparisonPictures::showCurves(QCustomPlot* plot, const ComparisonRequest& request,
                                    const std::vector<ComparisonCell>& cells, double floor) {
  plot->clearGraphs();
  double lo = std::numeric_limits<double>::infinity(), hi = 0, nfeMax = 1;
  for (size_t s = 0; s < request.samplers.size(); ++s) {
    QVector<double> nfe, distance;
    for (const ComparisonCell& c : cells)
      if (c.sampler == static_cast<int>(s) && c.error.isEmpty() && std::isfinite(c.distance) && c.distance > 0) {
        nfe << static_cast<double>(c.nfe);
        distance << c.distance;
        lo = std::min(lo, c.distance);
        hi = std::max(hi, c.distance);
        nfeMax = std::max(nfeMax, static_cast<double>(c.nfe));
      }
    QCPGraph* g = plot->addGraph();
    const auto& options = request.samplers[s];
    g->setName(
        options.spacing == difflab::TimestepSpacing::Custom
            ? tr("%1 (optimised)").arg(samplerTitle(options.name))
            : QStringLiteral("%1 · %2").arg(samplerTitle(options.name),
                                            QString::fromStdString(difflab::timestep_spacing_name(options.spacing))));
    if (options.spacing == difflab::TimestepSpacing::Custom)
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, 12));
    g->setPen(QPen(color(static_cast<int>(s)), 2));
    if (options.spacing != difflab::TimestepSpacing::Custom)
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    g->setData(nfe, distance);
  }
  if (floor > 0) {
    QCPGraph* floorGraph = plot->addGraph();
    floorGraph->setName(tr("data vs data"));
    floorGraph->setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
    floorGraph->setData({1.0, std::max(2.0, nfeMax * 1.5)}, {floor, floor});
    lo = std::min(lo, floor);
    hi = std::max(hi, floor);
  }
  if (hi > 0) {
    plot->xAxis->setRange(0.8, std::max(2.0, nfeMax * 1.5));
    plot->yAxis->setRange(lo / 2, hi * 2);
  } else {
    showStartRange(plot);  // nothing measured (yet): not the previous model's ranges
  }
  plot->legend->setVisible(plot->graphCount() > 0);
  plot->replot(QCustomPlot::rpQueuedReplot);
}
