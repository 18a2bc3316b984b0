// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "model/denoiser.h"
#include "ode/ode_lab_reports.h"

#include <torch/torch.h>

#include "views/ode_lab/vlb_page.h"

#include "session/sampling_model.h"
#include "views/ode_lab/ode_lab_pictures.h"
#include "views/ode_lab/ode_lab_view.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

using namespace odelab;

VlbPage::VlbPage(OdeLabView* lab) : QWidget(lab), m_lab(lab) {
  auto* layout = new QVBoxLayout(this);
  auto* run = new QPushButton(tr("Compute the bound"), this);
  connect(run, &QPushButton::clicked, this, &VlbPage::run);
  layout->addWidget(run, 0, Qt::AlignLeft);
  m_text = readoutLabel(this);
  layout->addWidget(m_text);
  // Short axis titles (longer ones were cut on the short plot in lecture mode); the unit is in the read-out.
  m_plot = makePlot(this, tr("timestep t"), tr("term (nats)"), false, true);
  m_plot->setToolTip(tr("Each term of the bound in nats per sample, on a log axis"));
  // Until the first result: the model's timesteps, not QCustomPlot's 0…5.
  const auto followModel = [this] {
    if (m_report) return;
    const double T = m_lab->model() ? static_cast<double>(m_lab->model()->denoiser->schedule().timesteps()) : 1000.0;
    m_plot->xAxis->setRange(0, T * 1.04 + 2);
    m_plot->setProperty("startX", QPointF(0, T * 1.04 + 2));
    m_plot->replot();
  };
  followModel();
  connect(lab, &OdeLabView::modelOpened, this, followModel);
  layout->addWidget(m_plot, 1);
  connect(lab, &OdeLabView::modelChanged, this, &VlbPage::clear);
}

VlbPage::~VlbPage() = default;

void VlbPage::clear() {
  m_report.reset();
  m_text->clear();
  clearPlot(m_plot);
}

void VlbPage::run() {
  if (!m_lab->ensureModel([this] { run(); })) return;
  try {
    const SamplingModel& model = *m_lab->model();
    auto den = model.denoiser;
    const int64_t n = model.isPoints() ? m_lab->batchSize() : std::min<int64_t>(m_lab->batchSize(), 16);
    const at::Tensor data = m_lab->dataBatch(n);
    const at::Tensor y = batchLabels(n, m_lab->classIndex());
    const uint64_t seed = m_lab->seed();
    const bool images = !model.isPoints();
    m_lab->start(QStringLiteral("vlb"), [=](const OdeLabJobContext& c) -> std::function<void()> {
      const at::Tensor x = difflab::data_or_model_samples(*den, data, n, seed, y);
      auto report = std::make_shared<const difflab::VlbReport>(
          difflab::vlb_report(*den, x, y, difflab::default_vlb_options(images, seed), c.progress, c.stop));
      return [this, report] { show(report); };
    });
  } catch (const std::exception& e) {
    m_lab->showError(QString::fromStdString(difflab::user_message(e.what())));
  }
}

void VlbPage::show(std::shared_ptr<const difflab::VlbReport> report) {
  m_report = std::move(report);
  const difflab::VlbReport& r = *m_report;
  const at::Tensor& terms = r.terms;  // [T]: L_0, L_1, …, L_{T−1}
  const int64_t T = terms.size(0);
  const double l0 = terms[0].item<double>(), middle = terms.narrow(0, 1, T - 1).sum().item<double>();
  const int64_t peak = terms.narrow(0, 1, T - 1).argmax().item<int64_t>() + 2;
  m_text->setText(
      tr("Total %1 nats per sample = %2 bits/dim.   L_T = %3,   Σ L_{t−1} = %4 (t = 2..%5),   L₀ = %6 (%7 decoder).   "
         "The largest L_{t−1} is at t = %8.")
          .arg(r.total, 0, 'f', 4)
          .arg(r.bits_per_dim, 0, 'f', 4)
          .arg(r.prior, 0, 'g', 4)
          .arg(middle, 0, 'f', 4)
          .arg(T)
          .arg(l0, 0, 'f', 4)
          .arg(QString::fromStdString(difflab::decoder_likelihood_name(r.decoder)))
          .arg(peak));
  m_plot->clearPlottables();
  auto bars = [&](const QString& name, const QColor& color, const QVector<double>& x, const QVector<double>& y) {
    auto* b = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    b->setName(name);
    b->setPen(Qt::NoPen);
    b->setBrush(color);
    b->setWidth(std::max(1.0, static_cast<double>(T) / 400.0));
    b->setBaseValue(1e-12);
    b->setData(x, y);
  };
  QVector<double> ts, vs;
  for (int64_t t = 2; t <= T; ++t) {
    ts << static_cast<double>(t);
    vs << std::max(terms[t - 1].item<double>(), 1e-10);
  }
  bars(tr("L_{t−1}"), kDataColor, ts, vs);
  // L₀ of continuous data is a negative log-density and may be negative: its magnitude is drawn.
  bars(l0 < 0 ? tr("|L₀| (t = 1, negative)") : tr("L₀ (t = 1)"), kResultColor, {1.0}, {std::max(std::abs(l0), 1e-10)});
  bars(tr("L_T (prior)"), kLatentColor, {static_cast<double>(T) + std::max(2.0, T / 100.0)},
       {std::max(r.prior, 1e-10)});
  m_plot->rescaleAxes();
  const double smallest = *std::min_element(vs.begin(), vs.end());
  m_plot->yAxis->setRange(std::max(1e-12, smallest / 3.0), m_plot->yAxis->range().upper * 3.0);
  m_plot->xAxis->setRange(0, static_cast<double>(T) * 1.04 + 2);
  m_plot->replot();
}
