// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "data/data_scale.h"
#include "model/denoiser.h"
#include "ode/likelihood_report.h"
#include "ode/ode_lab_reports.h"

#include <torch/torch.h>

#include "views/ode_lab/likelihood_page.h"

#include "session/sampling_model.h"
#include "views/ode_lab/ode_lab_pictures.h"
#include "views/ode_lab/ode_lab_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

using namespace odelab;

LikelihoodPage::LikelihoodPage(OdeLabView* lab) : QWidget(lab), m_lab(lab) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  m_divergence = new QComboBox(this);
  m_divergence->setObjectName(QStringLiteral("likelihood_divergence"));
  m_divergence->addItem(tr("exact divergence"), static_cast<int>(difflab::DivergenceMethod::Exact));
  m_divergence->addItem(tr("Hutchinson, Rademacher probes"),
                        static_cast<int>(difflab::DivergenceMethod::HutchinsonRademacher));
  m_divergence->addItem(tr("Hutchinson, Gaussian probes"),
                        static_cast<int>(difflab::DivergenceMethod::HutchinsonGaussian));
  m_probes = new QSpinBox(this);
  m_probes->setObjectName(QStringLiteral("likelihood_probes"));
  m_probes->setRange(1, 64);
  m_probeSeeds = new QSpinBox(this);
  m_probeSeeds->setObjectName(QStringLiteral("likelihood_probe_seeds"));
  m_probeSeeds->setRange(1, 64);
  m_probeSeeds->setValue(4);
  auto* run = new QPushButton(tr("Compute likelihood"), this);
  connect(run, &QPushButton::clicked, this, &LikelihoodPage::run);
  // The exact divergence takes no probes: their settings are greyed out for it (they were ignored).
  const auto followDivergence = [this] {
    const bool probes = m_divergence->currentData().toInt() != static_cast<int>(difflab::DivergenceMethod::Exact);
    m_probes->setEnabled(probes);
    m_probeSeeds->setEnabled(probes);
  };
  connect(m_divergence, &QComboBox::currentIndexChanged, this, followDivergence);
  followDivergence();
  // Two rows, narrow enough for the pages beside the settings column (also in lecture mode's larger text): the
  // divergence with the button, then its probes.
  controls->addWidget(m_divergence);
  controls->addWidget(run);
  controls->addStretch(1);
  auto* probes = new QHBoxLayout;
  probes->addWidget(new QLabel(tr("Probes per estimate"), this));
  probes->addWidget(m_probes);
  probes->addWidget(new QLabel(tr("Probe seeds P"), this));
  probes->addWidget(m_probeSeeds);
  probes->addStretch(1);
  layout->addLayout(controls);
  layout->addLayout(probes);
  m_text = readoutLabel(this);
  QFont big = m_text->font();
  big.setPointSizeF(big.pointSizeF() * 1.3);
  m_text->setFont(big);
  layout->addWidget(m_text);
  m_plot = makePlot(this, tr("probe seed"), tr("log p (nats)"), false, false);  // short: lecture mode's text
  m_plot->setToolTip(tr("Mean log-likelihood of the batch in nats, one point per probe seed"));
  QSharedPointer<QCPAxisTickerFixed> seeds(new QCPAxisTickerFixed);  // probe seeds are whole numbers
  seeds->setTickStep(1.0);
  seeds->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  m_plot->xAxis->setTicker(seeds);
  layout->addWidget(m_plot, 1);
  connect(lab, &OdeLabView::modelChanged, this, &LikelihoodPage::clear);
}

LikelihoodPage::~LikelihoodPage() = default;

void LikelihoodPage::clear() {
  m_report.reset();
  m_text->clear();
  clearPlot(m_plot);
}

double LikelihoodPage::tolerance() const {
  const auto& model = m_lab->model();
  return model && !model->isPoints() ? 1e-4 : difflab::OdeLikelihoodOptions().rtol;
}

void LikelihoodPage::run() {
  if (!m_lab->ensureModel([this] { run(); })) return;
  try {
    const SamplingModel& model = *m_lab->model();
    auto den = model.denoiser;
    difflab::LikelihoodReportOptions o;
    o.ode.divergence = static_cast<difflab::DivergenceMethod>(m_divergence->currentData().toInt());
    o.ode.probes = m_probes->value();
    o.ode.probe_seeds = m_probeSeeds->value();
    o.ode.seed = m_lab->seed();
    o.ode.rtol = o.ode.atol = tolerance();
    const int64_t n = model.isPoints() ? m_lab->batchSize() : std::min<int64_t>(m_lab->batchSize(), 8);
    const at::Tensor data = m_lab->dataBatch(n);
    const at::Tensor y = batchLabels(n, m_lab->classIndex());
    const uint64_t seed = m_lab->seed();
    const bool images = !model.isPoints();
    m_lab->start(QStringLiteral("likelihood"), [=](const OdeLabJobContext& c) -> std::function<void()> {
      at::Tensor x = difflab::data_or_model_samples(*den, data, n, seed, y);
      if (images)  // 8-bit data: quantise to the grid and let the report dequantise it uniformly
        x = den->data_scale().quantize_8bit(x);
      auto report = std::make_shared<const difflab::LikelihoodReport>(
          difflab::likelihood_report(*den, x, y, o, c.progress, c.stop));
      return [this, report, tolerance = o.ode.rtol] { show(report, tolerance); };
    });
  } catch (const std::exception& e) {
    m_lab->showError(QString::fromStdString(difflab::user_message(e.what())));
  }
}

void LikelihoodPage::show(std::shared_ptr<const difflab::LikelihoodReport> report, double tolerance) {
  m_report = std::move(report);
  const difflab::LikelihoodReport& r = *m_report;
  QString text = tr("log p = %1 nats per sample").arg(r.mean_nats, 0, 'f', 4);
  if (r.seed_std_nats > 0) text += tr(" ± %1 across probe seeds").arg(r.seed_std_nats, 0, 'g', 3);
  text += tr("\n%1 bits/dim").arg(r.mean_bits_per_dim, 0, 'f', 4);
  if (r.seed_std_bits_per_dim > 0) text += tr(" ± %1").arg(r.seed_std_bits_per_dim, 0, 'g', 3);
  if (r.eight_bit) text += tr(" (8-bit data, uniformly dequantised)");
  if (r.has_exact)
    text += tr("\nexact mixture log-density %1 nats; mean |ODE − exact| = %2 nats")
                .arg(r.exact_nats, 0, 'f', 4)
                .arg(r.exact_mean_abs_error, 0, 'g', 3);
  // The solver is named: the shared Solver and Steps don't apply to the likelihood (OdeLabView::followPage).
  text += tr("\nprior: %1; adaptive RK45 (Dormand–Prince, rtol = atol = %2), %3 velocity evaluations")
              .arg(QString::fromStdString(r.prior))
              .arg(tolerance, 0, 'g', 2)
              .arg(r.nfe);
  m_text->setText(text);

  m_plot->clearGraphs();
  const at::Tensor seedMeans = r.log_prob_per_seed.mean(1);
  QVector<double> xs;
  for (int64_t k = 0; k < seedMeans.size(0); ++k) xs << static_cast<double>(k);
  QCPGraph* g = m_plot->addGraph();
  g->setName(tr("estimate per probe seed"));
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kDataColor, 8));
  g->setData(xs, toVector(seedMeans));
  const double x1 = std::max(1.0, static_cast<double>(seedMeans.size(0) - 1));
  auto line = [&](double y, const QString& name, const QPen& pen) {
    QCPGraph* h = m_plot->addGraph();
    h->setName(name);
    h->setPen(pen);
    h->setData(QVector<double>{0.0, x1}, QVector<double>{y, y});
  };
  line(r.mean_nats, tr("mean"), QPen(kDataColor, 2));
  if (r.seed_std_nats > 0) {
    line(r.mean_nats + r.seed_std_nats, tr("± std"), QPen(kDataColor, 1, Qt::DashLine));
    line(r.mean_nats - r.seed_std_nats, QString(), QPen(kDataColor, 1, Qt::DashLine));
    m_plot->legend->removeItem(m_plot->legend->itemCount() - 1);
  }
  if (r.has_exact) line(r.exact_nats, tr("exact"), QPen(kResultColor, 2, Qt::DotLine));
  m_plot->rescaleAxes();
  const double pad = std::max(0.05, 3 * r.seed_std_nats);
  m_plot->yAxis->setRange(m_plot->yAxis->range().lower - pad, m_plot->yAxis->range().upper + pad);
  m_plot->xAxis->setRange(-0.5, x1 + 0.5);
  m_plot->replot();
}
