// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "model/denoiser.h"
#include "ode/ode_lab_reports.h"

#include <torch/torch.h>

#include "views/ode_lab/inversion_page.h"

#include "session/sampling_model.h"
#include "views/ode_lab/ode_lab_pictures.h"
#include "views/ode_lab/ode_lab_view.h"
#include "views/ode_lab/result_view.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <exception>

using namespace odelab;

InversionPage::InversionPage(OdeLabView* lab) : QWidget(lab), m_lab(lab) {
  auto* layout = new QVBoxLayout(this);
  auto* run = new QPushButton(tr("Invert and reconstruct"), this);
  connect(run, &QPushButton::clicked, this, &InversionPage::run);
  layout->addWidget(run, 0, Qt::AlignLeft);
  // Two by two, for the page's shape beside the settings column (taller than wide): x₀ and its latent, then the
  // reconstruction beside the error curve, so that x₀ and its reconstruction are in one column.
  auto* grid = new QGridLayout;
  m_original = captionedResult(grid, 0, tr("Original x₀"), this);
  m_latent = captionedResult(grid, 1, tr("Latent x_T"), this);
  m_reconstruction = captionedResult(grid, 0, tr("Reconstruction"), this, nullptr, 1);
  m_curvePlot = makePlot(this, tr("steps"), tr("relative error"), true, true);
  // The errors fall to the lower right: the legend sits in the empty lower left, not over the curves' start.
  m_curvePlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
  auto* curveTitle = new QLabel(tr("Reconstruction error against steps"), this);
  curveTitle->setAlignment(Qt::AlignHCenter | Qt::AlignBottom);
  grid->addWidget(curveTitle, 2, 1);
  grid->addWidget(m_curvePlot, 3, 1);
  layout->addLayout(grid, 1);
  m_text = readoutLabel(this);
  layout->addWidget(m_text);
  connect(lab, &OdeLabView::modelChanged, this, &InversionPage::clear);
}

InversionPage::~InversionPage() = default;

void InversionPage::clear() {
  m_report.reset();
  for (ResultView* v : {m_original, m_latent, m_reconstruction}) v->clear();
  m_text->clear();
  clearPlot(m_curvePlot);
}

void InversionPage::run() {
  if (!m_lab->ensureModel([this] { run(); })) return;
  try {
    auto den = m_lab->model()->denoiser;
    const auto options = m_lab->transportOptions();
    const int64_t n = m_lab->batchSize();
    const at::Tensor data = m_lab->dataBatch(n);
    const at::Tensor y = batchLabels(n, m_lab->classIndex());
    const uint64_t seed = m_lab->seed();
    const int64_t maxSteps = m_lab->stepsBox()->maximum();
    m_lab->start(QStringLiteral("inversion"), [=](const OdeLabJobContext& c) -> std::function<void()> {
      const at::Tensor x0 = difflab::data_or_model_samples(*den, data, n, seed, y);
      auto report = std::make_shared<const difflab::InversionReport>(
          difflab::inversion_report(*den, x0, y, options, maxSteps, c.progress, c.stop));
      return [this, report] { show(report); };
    });
  } catch (const std::exception& e) {
    m_lab->showError(QString::fromStdString(difflab::user_message(e.what())));
  }
}

void InversionPage::show(std::shared_ptr<const difflab::InversionReport> report) {
  m_report = std::move(report);
  const difflab::InversionReport& r = *m_report;
  const SamplingModel& model = *m_lab->model();
  showModelResult(m_original, model, r.x0, kDataColor);
  if (model.isPoints()) {
    m_latent->showPoints(r.latent.to(torch::kFloat64), at::Tensor(), kLatentColor);  // the latent: N(0, I)-like
  } else {
    m_latent->showImage(samplepictures::imageGrid(samplepictures::signedToDataScale(r.latent, 3.0))
                            .scaled(kPictureSize, Qt::KeepAspectRatio, Qt::FastTransformation));
  }
  showModelResult(m_reconstruction, model, r.reconstruction, kResultColor);
  const at::Tensor& rel = r.error.relative;
  const QString solver = QString::fromStdString(r.solver);
  const QString walk = r.solver == "rk45" ? tr("%1 with adaptive steps").arg(solver)
                       : r.exact_steps    ? tr("%1, exact steps, with %2 steps").arg(solver).arg(m_lab->steps())
                                          : tr("%1 with %2 steps").arg(solver).arg(m_lab->steps());
  m_text->setText(tr("%1 to t = %2: %3 network evaluations. Reconstruction error per sample: "
                     "relative mean %4, max %5; MSE per dimension %6.")
                      .arg(walk)
                      .arg(r.t_top)
                      .arg(r.nfe)
                      .arg(rel.mean().item<double>(), 0, 'g', 3)
                      .arg(rel.max().item<double>(), 0, 'g', 3)
                      .arg(r.error.mse.mean().item<double>(), 0, 'g', 3));
  // Curves of earlier runs stay for comparison (one per solver / spacing pair, the last five).
  // The curve walks the plain grid even when the round trip above took exact steps (ode_lab_reports.h).
  const QString name = tr("%1, plain walk").arg(QString::fromStdString(r.curve_label));
  for (int i = m_curvePlot->graphCount() - 1; i >= 0; --i)
    if (m_curvePlot->graph(i)->name() == name) m_curvePlot->removeGraph(i);
  while (m_curvePlot->graphCount() >= 5) m_curvePlot->removeGraph(0);
  static const QColor kCurveColors[] = {QColor(0xd6, 0x27, 0x28), QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c),
                                        QColor(0x94, 0x67, 0xbd), QColor(0xff, 0x7f, 0x0e), QColor(0x8c, 0x56, 0x4b)};
  QVector<double> steps, errors;
  for (const auto& p : r.curve) {
    steps << static_cast<double>(p.steps);
    errors << std::max(p.relative, 1e-12);
  }
  QCPGraph* g = m_curvePlot->addGraph();
  g->setName(name);
  g->setPen(QPen(kCurveColors[m_curveRuns++ % 6], 2));
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
  g->setData(steps, errors);
  m_curvePlot->rescaleAxes();
  m_curvePlot->xAxis->scaleRange(1.3);
  m_curvePlot->yAxis->scaleRange(1.5);
  m_curvePlot->replot();
}
