// Core headers first: <torch/torch.h> must precede every Qt header.
#include "data/dataset.h"
#include "model/denoiser.h"
#include "model/gaussian_mixture_denoiser.h"
#include "ode/interpolation.h"
#include "ode/inversion.h"
#include "ode/likelihood_report.h"
#include "ode/partial_noising.h"
#include "process/variational_bound.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "views/ode_lab_view.h"

#include "session/dataset_state.h"
#include "session/model_opener.h"
#include "session/schedule_state.h"
#include "widgets/model_source_box.h"
#include "widgets/sample_pictures.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

namespace {

const QSize kPictureSize(300, 300);
const QColor kDataColor(31, 119, 180);
const QColor kLatentColor(148, 103, 189);
const QColor kResultColor(214, 39, 40);

QLabel* pictureLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setAlignment(Qt::AlignCenter);
  label->setMinimumSize(kPictureSize + QSize(6, 6));
  label->setFrameShape(QFrame::StyledPanel);
  return label;
}

QLabel* captioned(QGridLayout* grid, int column, const QString& caption, QWidget* parent) {
  auto* title = new QLabel(caption, parent);
  title->setAlignment(Qt::AlignHCenter | Qt::AlignBottom);
  auto* picture = pictureLabel(parent);
  grid->addWidget(title, 0, column);
  grid->addWidget(picture, 1, column);
  grid->setRowStretch(0, 0);
  grid->setRowStretch(1, 1);
  return picture;
}

QLabel* readoutLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

// Black → red → yellow → white, for |difference| heat maps.
QColor heat(double v) {
  v = std::clamp(v, 0.0, 1.0);
  const double r = std::clamp(3.0 * v, 0.0, 1.0), g = std::clamp(3.0 * v - 1.0, 0.0, 1.0), b = std::clamp(3.0 * v - 2.0, 0.0, 1.0);
  return QColor::fromRgbF(static_cast<float>(r), static_cast<float>(g), static_cast<float>(b));
}

// Difference maps [B, H, W] as heat-map tiles, 4 per row, normalised by the largest value.
QImage heatGrid(const at::Tensor& maps) {
  const at::Tensor m = maps.to(torch::kCPU, torch::kFloat64).contiguous();
  const int64_t B = m.size(0), H = m.size(1), W = m.size(2), cols = std::min<int64_t>(B, 4), rows = (B + cols - 1) / cols;
  const double top = std::max(m.max().item<double>(), 1e-12);
  QImage img(static_cast<int>(cols * (W + 2) + 2), static_cast<int>(rows * (H + 2) + 2), QImage::Format_RGB32);
  img.fill(Qt::black);
  const auto a = m.accessor<double, 3>();
  for (int64_t b = 0; b < B; ++b)
    for (int64_t y = 0; y < H; ++y)
      for (int64_t x = 0; x < W; ++x)
        img.setPixelColor(static_cast<int>(2 + (b % cols) * (W + 2) + x), static_cast<int>(2 + (b / cols) * (H + 2) + y),
                          heat(a[b][y][x] / top));
  return img;
}

// 2-D points: each original joined to its edit, the edit coloured by how far it moved.
QImage displacementImage(const at::Tensor& from, const at::Tensor& to, const at::Tensor& background, const QSize& size) {
  const at::Tensor both = torch::cat({from, to}).to(torch::kFloat64);
  const QRectF r = samplepictures::pointBounds(background.defined() ? torch::cat({both, background.to(torch::kFloat64)}) : both);
  QImage img = samplepictures::scatterImage(at::Tensor(), background, r, size, Qt::black);
  QPainter p(&img);
  p.setRenderHint(QPainter::Antialiasing);
  auto map = [&](double x, double y) {
    return QPointF((x - r.left()) / r.width() * size.width(), (1.0 - (y - r.top()) / r.height()) * size.height());
  };
  const at::Tensor a = from.to(torch::kFloat64).contiguous(), b = to.to(torch::kFloat64).contiguous();
  const at::Tensor d = (b - a).norm(2, 1);
  const double top = std::max(d.max().item<double>(), 1e-12);
  for (int64_t i = 0; i < a.size(0); ++i) {
    const QPointF p0 = map(a[i][0].item<double>(), a[i][1].item<double>());
    const QPointF p1 = map(b[i][0].item<double>(), b[i][1].item<double>());
    const QColor c = heat(0.2 + 0.6 * d[i].item<double>() / top);  // dark red (small) to yellow (large)
    p.setPen(QPen(QColor(c.red(), c.green(), c.blue(), 120), 1.0));
    p.drawLine(p0, p1);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawEllipse(p1, 2.5, 2.5);
  }
  return img;
}

QCustomPlot* makePlot(QWidget* parent, const QString& x, const QString& y, bool logX, bool logY) {
  auto* plot = new QCustomPlot(parent);
  plot->setMinimumHeight(220);
  plot->xAxis->setLabel(x);
  plot->yAxis->setLabel(y);
  if (logX) {
    plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  }
  if (logY) {
    plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  }
  if (logX) plot->xAxis->setRange(1, 1000);  // until the first results arrive: a step-count-like scale
  // The legend shows once there is something in it (an empty frame reads as a glitch before the first run).
  plot->legend->setVisible(false);
  QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { plot->legend->setVisible(plot->legend->itemCount() > 0); });
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  return plot;
}

QVector<double> toVector(const at::Tensor& t) {
  const at::Tensor c = t.to(torch::kCPU, torch::kFloat64).contiguous();
  return QVector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

void fillClassBox(QComboBox* box, const QStringList& names, const QString& none) {
  const int keep = box->currentData().isValid() ? box->currentData().toInt() : -1;
  QSignalBlocker block(box);
  box->clear();
  box->addItem(none, -1);
  for (int i = 0; i < names.size(); ++i) box->addItem(names[i], i);
  box->setEnabled(!names.isEmpty());
  const int index = box->findData(keep);
  box->setCurrentIndex(index >= 0 ? index : 0);
}

}  // namespace

OdeLabView::OdeLabView(ScheduleState* schedule, DatasetState* dataset, QWidget* parent)
    : QWidget(parent), m_schedule(schedule), m_dataset(dataset) {
  m_worker = new OdeLabWorker(this);
  m_opener = new ModelOpener(this);
  auto* layout = new QVBoxLayout(this);

  // Shared controls: model, solver, steps, batch, seed, class; progress and cancel.
  auto* top = new QGroupBox(tr("Model and solver"), this);
  auto* form = new QHBoxLayout(top);
  m_modelBox = new ModelSourceBox(top);
  m_modelInfo = new QLabel(top);
  // Any deterministic sampler of the catalog inverts (ode/inversion.h); the default pair measured best.
  m_solver = new QComboBox(top);
  for (const std::string& name : difflab::ode_solver_names()) {
    const auto& info = difflab::sampler_info(name);
    m_solver->addItem(QString::fromStdString(info.title), QString::fromStdString(name));
    m_solver->setItemData(m_solver->count() - 1, QString::fromStdString(info.reference), Qt::ToolTipRole);
  }
  const difflab::OdeTransportOptions defaults;
  m_solver->setCurrentIndex(std::max(0, m_solver->findData(QString::fromStdString(defaults.solver))));
  m_spacing = new QComboBox(top);
  for (difflab::TimestepSpacing sp : difflab::timestep_spacings()) {
    if (sp == difflab::TimestepSpacing::Custom) continue;
    m_spacing->addItem(QString::fromStdString(difflab::timestep_spacing_name(sp)), static_cast<int>(sp));
  }
  m_spacing->setCurrentIndex(std::max(0, m_spacing->findData(static_cast<int>(defaults.spacing))));
  m_spacing->setToolTip(tr("Spacing of the inversion grid; the default pair (%1, %2) measured best at 50 steps")
                            .arg(QString::fromStdString(defaults.solver),
                                 QString::fromStdString(difflab::timestep_spacing_name(defaults.spacing))));
  m_steps = new QSpinBox(top);
  m_steps->setRange(1, 1000);
  m_steps->setValue(50);
  m_batch = new QSpinBox(top);
  m_batch->setRange(1, 4096);
  m_batch->setValue(256);
  m_seed = new QSpinBox(top);
  m_seed->setRange(0, 1000000);
  m_class = new QComboBox(top);
  form->addWidget(new QLabel(tr("Model"), top));
  form->addWidget(m_modelBox, 2);
  form->addWidget(new QLabel(tr("Solver"), top));
  form->addWidget(m_solver);
  form->addWidget(m_spacing);
  form->addWidget(new QLabel(tr("Steps"), top));
  form->addWidget(m_steps);
  form->addWidget(new QLabel(tr("Samples"), top));
  form->addWidget(m_batch);
  form->addWidget(new QLabel(tr("Seed"), top));
  form->addWidget(m_seed);
  form->addWidget(new QLabel(tr("Class"), top));
  form->addWidget(m_class);
  layout->addWidget(top);
  layout->addWidget(m_modelInfo);

  m_pages = new QTabWidget(this);
  m_pages->addTab(buildInversionPage(), tr("Inversion"));
  m_pages->addTab(buildInterpolationPage(), tr("Interpolation"));
  m_pages->addTab(buildLikelihoodPage(), tr("Likelihood"));
  m_pages->addTab(buildVlbPage(), tr("Variational bound"));
  m_pages->addTab(buildEditPage(), tr("Editing (SDEdit)"));
  layout->addWidget(m_pages, 1);

  auto* bottom = new QHBoxLayout;
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 1000);
  m_cancel = new QPushButton(tr("Cancel"), this);
  m_cancel->setEnabled(false);
  m_status = readoutLabel(this);
  bottom->addWidget(m_progress, 1);
  bottom->addWidget(m_cancel);
  layout->addLayout(bottom);
  layout->addWidget(m_status);

  connect(m_cancel, &QPushButton::clicked, m_worker, &OdeLabWorker::requestStop);
  m_opener->setSource(m_modelBox, m_schedule, m_dataset, /*clipX0=*/false);  // its maps must stay invertible
  // The model opens off the GUI thread as soon as it is chosen (its classes fill the class boxes); an action
  // asked for meanwhile runs once it is open.
  connect(m_modelBox, &ModelSourceBox::specChanged, this, [this] {
    m_opener->invalidate();
    m_curvePlot->clearGraphs();  // overlaid reconstruction curves belong to the previous model
    m_curvePlot->replot();
    ensureModel({});
  });
  connect(m_schedule, &ScheduleState::changed, this, [this] {
    if (m_model && m_model->usesSharedSchedule) m_opener->invalidate();
  });
  connect(m_opener, &ModelOpener::openingStarted, this, [this](const QString& spec) {
    m_status->setStyleSheet(QString());
    m_status->setText(ModelOpener::openingText(spec));
    m_modelInfo->setText(ModelOpener::openingText(spec));  // not the previous model's line
  });
  connect(m_opener, &ModelOpener::opened, this, &OdeLabView::onModelOpened);
  connect(m_opener, &ModelOpener::failed, this, [this](const QString& message) {
    m_model.reset();
    m_modelInfo->setText(QString());
    showError(tr("Cannot open the model: %1").arg(message));
  });
  connect(m_worker, &OdeLabWorker::started, this, [this](const QString& kind) {
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Running %1…").arg(kind));
  });
  connect(m_worker, &OdeLabWorker::progress, this,
          [this](const QString&, double f) { m_progress->setValue(static_cast<int>(std::lround(f * 1000))); });
  connect(m_worker, &OdeLabWorker::finished, this, &OdeLabView::onFinished);
  connect(m_worker, &OdeLabWorker::failed, this, [this](const QString&, const QString& message) {
    m_cancel->setEnabled(false);
    showError(message);
  });
  connect(m_worker, &OdeLabWorker::cancelled, this, [this](const QString&) {
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelled."));
  });
  ensureModel({});
}

OdeLabView::~OdeLabView() = default;

std::optional<OdeLabResult> OdeLabView::result(const QString& kind) const {
  if (!m_results.contains(kind)) return std::nullopt;
  return m_results.value(kind);
}

// --- pages ---------------------------------------------------------------------------------------------

QWidget* OdeLabView::buildInversionPage() {
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  auto* run = new QPushButton(tr("Invert and reconstruct"), page);
  connect(run, &QPushButton::clicked, this, &OdeLabView::runInversion);
  layout->addWidget(run, 0, Qt::AlignLeft);
  auto* grid = new QGridLayout;
  m_original = captioned(grid, 0, tr("Original x₀"), page);
  m_latent = captioned(grid, 1, tr("Latent x_T"), page);
  m_reconstruction = captioned(grid, 2, tr("Reconstruction"), page);
  m_curvePlot = makePlot(page, tr("steps"), tr("mean relative error"), true, true);
  grid->addWidget(new QLabel(tr("Reconstruction error against steps"), page), 0, 3);
  grid->addWidget(m_curvePlot, 1, 3);
  grid->setColumnStretch(3, 1);
  layout->addLayout(grid, 1);
  m_inversionText = readoutLabel(page);
  layout->addWidget(m_inversionText);
  return page;
}

QWidget* OdeLabView::buildInterpolationPage() {
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  auto* controls = new QHBoxLayout;
  m_seedA = new QSpinBox(page);
  m_seedA->setRange(0, 1000000);
  m_seedA->setValue(1);
  m_seedB = new QSpinBox(page);
  m_seedB->setRange(0, 1000000);
  m_seedB->setValue(2);
  m_frames = new QSpinBox(page);
  m_frames->setRange(2, 32);
  m_frames->setValue(8);
  m_path = new QComboBox(page);
  m_path->addItem(tr("slerp"), QStringLiteral("slerp"));
  m_path->addItem(tr("lerp"), QStringLiteral("lerp"));
  m_classA = new QComboBox(page);
  m_classB = new QComboBox(page);
  m_guidanceA = new QDoubleSpinBox(page);
  m_guidanceB = new QDoubleSpinBox(page);
  for (auto* g : {m_guidanceA, m_guidanceB}) {
    g->setRange(0.0, 20.0);
    g->setSingleStep(0.5);
    g->setValue(1.0);
  }
  auto* run = new QPushButton(tr("Interpolate"), page);
  connect(run, &QPushButton::clicked, this, &OdeLabView::runInterpolation);
  m_play = new QPushButton(tr("Play"), page);
  m_play->setCheckable(true);
  m_play->setEnabled(false);
  const std::pair<QString, QWidget*> items[] = {
      {tr("Seed A"), m_seedA}, {tr("Seed B"), m_seedB},   {tr("Frames"), m_frames},      {tr("Path"), m_path},
      {tr("Class A"), m_classA}, {tr("Class B"), m_classB}, {tr("Guidance A"), m_guidanceA}, {tr("Guidance B"), m_guidanceB}};
  for (const auto& [label, widget] : items) {
    controls->addWidget(new QLabel(label, page));
    controls->addWidget(widget);
  }
  controls->addWidget(run);
  controls->addWidget(m_play);
  controls->addStretch(1);
  layout->addLayout(controls);
  m_strip = pictureLabel(page);
  m_strip->setMinimumSize(200, 160);
  layout->addWidget(m_strip);
  auto* lower = new QHBoxLayout;
  m_animation = pictureLabel(page);
  m_normPlot = makePlot(page, tr("frame weight w"), tr("latent norm ‖z‖"), false, false);
  lower->addWidget(m_animation);
  lower->addWidget(m_normPlot, 1);
  layout->addLayout(lower, 1);
  m_animationTimer = new QTimer(this);
  m_animationTimer->setInterval(150);
  connect(m_animationTimer, &QTimer::timeout, this, &OdeLabView::advanceAnimation);
  connect(m_play, &QPushButton::toggled, this, [this](bool on) {
    m_play->setText(on ? tr("Pause") : tr("Play"));
    if (on) m_animationTimer->start();
    else m_animationTimer->stop();
  });
  return page;
}

QWidget* OdeLabView::buildLikelihoodPage() {
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  auto* controls = new QHBoxLayout;
  m_divergence = new QComboBox(page);
  m_divergence->addItem(tr("exact divergence"), static_cast<int>(difflab::DivergenceMethod::Exact));
  m_divergence->addItem(tr("Hutchinson, Rademacher probes"), static_cast<int>(difflab::DivergenceMethod::HutchinsonRademacher));
  m_divergence->addItem(tr("Hutchinson, Gaussian probes"), static_cast<int>(difflab::DivergenceMethod::HutchinsonGaussian));
  m_probes = new QSpinBox(page);
  m_probes->setRange(1, 64);
  m_probeSeeds = new QSpinBox(page);
  m_probeSeeds->setRange(1, 64);
  m_probeSeeds->setValue(4);
  auto* run = new QPushButton(tr("Compute likelihood"), page);
  connect(run, &QPushButton::clicked, this, &OdeLabView::runLikelihood);
  controls->addWidget(m_divergence);
  controls->addWidget(new QLabel(tr("Probes per estimate"), page));
  controls->addWidget(m_probes);
  controls->addWidget(new QLabel(tr("Probe seeds P"), page));
  controls->addWidget(m_probeSeeds);
  controls->addWidget(run);
  controls->addStretch(1);
  layout->addLayout(controls);
  m_likelihoodText = readoutLabel(page);
  QFont big = m_likelihoodText->font();
  big.setPointSizeF(big.pointSizeF() * 1.3);
  m_likelihoodText->setFont(big);
  layout->addWidget(m_likelihoodText);
  m_likelihoodPlot = makePlot(page, tr("probe seed"), tr("mean log-likelihood (nats)"), false, false);
  layout->addWidget(m_likelihoodPlot, 1);
  return page;
}

QWidget* OdeLabView::buildVlbPage() {
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  auto* run = new QPushButton(tr("Compute the bound"), page);
  connect(run, &QPushButton::clicked, this, &OdeLabView::runVlb);
  layout->addWidget(run, 0, Qt::AlignLeft);
  m_vlbText = readoutLabel(page);
  layout->addWidget(m_vlbText);
  m_vlbPlot = makePlot(page, tr("timestep t"), tr("term (nats per sample)"), false, true);
  layout->addWidget(m_vlbPlot, 1);
  return page;
}

QWidget* OdeLabView::buildEditPage() {
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  auto* controls = new QHBoxLayout;
  m_t0 = new QSlider(Qt::Horizontal, page);
  m_t0->setRange(1, 1000);
  m_t0->setValue(500);
  m_t0Label = new QLabel(page);
  m_editClass = new QComboBox(page);
  m_editGuidance = new QDoubleSpinBox(page);
  m_editGuidance->setRange(0.0, 20.0);
  m_editGuidance->setSingleStep(0.5);
  m_editGuidance->setValue(1.0);
  m_editSampler = new QComboBox(page);
  for (const char* name : {"ddim", "ddpm", "dpmpp-2m", "heun", "euler-maruyama"})
    m_editSampler->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
  auto* run = new QPushButton(tr("Edit"), page);
  connect(run, &QPushButton::clicked, this, &OdeLabView::runEdit);
  auto updateT0 = [this] {
    const double T = static_cast<double>(m_schedule->schedule().timesteps());
    m_t0Label->setText(tr("t₀ = %1 (ᾱ = %2)").arg(m_t0->value()).arg(m_schedule->schedule().alpha_bar(std::min<int64_t>(m_t0->value(), static_cast<int64_t>(T))), 0, 'g', 3));
  };
  connect(m_t0, &QSlider::valueChanged, this, updateT0);
  updateT0();
  controls->addWidget(new QLabel(tr("Noise level"), page));
  controls->addWidget(m_t0, 1);
  controls->addWidget(m_t0Label);
  controls->addWidget(new QLabel(tr("Denoise as class"), page));
  controls->addWidget(m_editClass);
  controls->addWidget(new QLabel(tr("Guidance"), page));
  controls->addWidget(m_editGuidance);
  controls->addWidget(new QLabel(tr("Sampler"), page));
  controls->addWidget(m_editSampler);
  controls->addWidget(run);
  layout->addLayout(controls);
  auto* grid = new QGridLayout;
  m_editOriginal = captioned(grid, 0, tr("Original"), page);
  m_editResult = captioned(grid, 1, tr("Result"), page);
  m_editDifference = captioned(grid, 2, tr("|Result − original|"), page);
  layout->addLayout(grid, 1);
  m_editText = readoutLabel(page);
  layout->addWidget(m_editText);
  return page;
}

// --- model and data ------------------------------------------------------------------------------------

bool OdeLabView::ensureModel(std::function<void()> retry) {
  return m_opener->ensure(std::move(retry));
}

void OdeLabView::onModelOpened(const std::shared_ptr<const SamplingModel>& model) {
  m_model = *model;
  m_modelInfo->setText(m_model->description);
  m_status->setStyleSheet(QString());
  m_status->setText(QString());
  const int T = static_cast<int>(m_model->denoiser->schedule().timesteps());
  m_t0->setMaximum(T);
  m_steps->setMaximum(T);
  if (!m_model->isPoints() && m_batch->value() > 64) m_batch->setValue(16);
  updateClassBoxes();
}

void OdeLabView::updateClassBoxes() {
  const QStringList names = m_model ? m_model->classNames : QStringList();
  fillClassBox(m_class, names, tr("unconditional"));
  fillClassBox(m_classA, names, tr("unconditional"));
  fillClassBox(m_classB, names, tr("unconditional"));
  fillClassBox(m_editClass, names, tr("unconditional"));
  for (auto* g : {m_guidanceA, m_guidanceB, m_editGuidance}) g->setEnabled(!names.isEmpty());
}

at::Tensor OdeLabView::dataBatch(int64_t n) const {
  const difflab::DataScale scale = m_model->denoiser->data_scale();
  if (m_model->isPoints() && m_model->dataPoints.defined()) {
    const at::Tensor p = m_model->dataPoints.narrow(0, 0, std::min<int64_t>(n, m_model->dataPoints.size(0)));
    return (p.to(torch::kFloat64) - scale.offset) / scale.scale;
  }
  const auto data = m_dataset ? m_dataset->dataset() : nullptr;
  if (data && data->sample_shape() == m_model->sampleShape() && data->size() > 0)
    return data->normalized().narrow(0, 0, std::min<int64_t>(n, data->size())).to(torch::kFloat64);
  return {};  // the job generates model samples instead
}

QImage OdeLabView::picture(const at::Tensor& x, const QSize& size, const QColor& color) const {
  if (!x.defined()) return {};
  const at::Tensor data = toDataScale(*m_model, x);
  if (m_model->isPoints()) {
    const QRectF range = samplepictures::pointBounds(m_model->dataPoints.defined() ? m_model->dataPoints : data);
    return samplepictures::scatterImage(data, m_model->dataPoints, range, size, color);
  }
  return samplepictures::imageGrid(data).scaled(size, Qt::KeepAspectRatio, Qt::FastTransformation);
}

// --- jobs ----------------------------------------------------------------------------------------------

namespace {

difflab::OdeTransportOptions transportOptions(const QComboBox* solver, const QComboBox* spacing, const QSpinBox* steps) {
  difflab::OdeTransportOptions o;
  o.solver = difflab::parse_ode_solver(solver->currentData().toString().toStdString());
  o.spacing = static_cast<difflab::TimestepSpacing>(spacing->currentData().toInt());
  o.steps = steps->value();
  return o;
}

// Data for a job: the given batch, or (images without a matching data set) samples decoded from noise.
at::Tensor dataOrSamples(difflab::Denoiser& den, const at::Tensor& data, int64_t n, uint64_t seed, const at::Tensor& y) {
  if (data.defined()) return data;
  std::vector<int64_t> shape = den.sample_shape();
  shape.insert(shape.begin(), n);
  difflab::OdeTransportOptions o;
  o.steps = 25;
  return difflab::decode_pf_ode(den, difflab::initial_noise(shape, seed + 1000).to(torch::kFloat64), y, o).x;
}

}  // namespace

void OdeLabView::runInversion() {
  if (!ensureModel([this] { runInversion(); })) return;
  try {
    auto den = m_model->denoiser;
    const auto options = transportOptions(m_solver, m_spacing, m_steps);
    const int64_t n = m_batch->value();
    const at::Tensor data = dataBatch(n);
    const at::Tensor y = batchLabels(n, m_class->currentData().toInt());
    const uint64_t seed = static_cast<uint64_t>(m_seed->value());
    const int maxSteps = m_steps->maximum();
    m_worker->start(QStringLiteral("inversion"), [=](const OdeLabJobContext& c) {
      const at::Tensor x0 = dataOrSamples(*den, data, n, seed, y);
      const at::Tensor labels = y.defined() ? y.narrow(0, 0, x0.size(0)) : y;
      auto part = [&](double base, double share) { return [&c, base, share](double f) { c.progress(base + share * f); }; };
      const auto enc = difflab::encode_pf_ode(*den, x0, labels, options, part(0.0, 0.2), c.stop);
      const auto dec = difflab::decode_pf_ode(*den, enc.x, labels, options, part(0.2, 0.2), c.stop);
      const auto err = difflab::reconstruction_error(x0, dec.x);
      std::vector<int64_t> counts;
      for (int64_t s : {2, 5, 10, 20, 50, 100, 200})
        if (s <= maxSteps) counts.push_back(s);
      difflab::OdeTransportOptions curveOptions = options;
      if (curveOptions.solver == "rk45") curveOptions.solver = difflab::OdeTransportOptions().solver;  // fixed steps
      const auto curve = difflab::reconstruction_curve(*den, x0.narrow(0, 0, std::min<int64_t>(x0.size(0), 64)), labels.defined() ? labels.narrow(0, 0, std::min<int64_t>(x0.size(0), 64)) : labels, counts, curveOptions, part(0.4, 0.6), c.stop);
      OdeLabResult r;
      r.tensors[QStringLiteral("x0")] = x0;
      r.tensors[QStringLiteral("latent")] = enc.x;
      r.tensors[QStringLiteral("reconstruction")] = dec.x;
      r.tensors[QStringLiteral("relative")] = err.relative;
      r.tensors[QStringLiteral("mse")] = err.mse;
      at::Tensor table = torch::zeros({static_cast<int64_t>(curve.size()), 3}, torch::kFloat64);
      for (size_t i = 0; i < curve.size(); ++i) {
        table[static_cast<int64_t>(i)][0] = static_cast<double>(curve[i].steps);
        table[static_cast<int64_t>(i)][1] = curve[i].relative;
        table[static_cast<int64_t>(i)][2] = curve[i].mse;
      }
      r.tensors[QStringLiteral("curve")] = table;
      r.numbers[QStringLiteral("nfe")] = static_cast<double>(enc.nfe + dec.nfe);
      r.numbers[QStringLiteral("t_top")] = enc.t_top;
      r.text = QString::fromStdString(options.solver);
      r.text += QStringLiteral("|") + QString::fromStdString(curveOptions.solver + " / " +
                                                             difflab::timestep_spacing_name(curveOptions.spacing));
      return r;
    });
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
  }
}

void OdeLabView::runInterpolation() {
  if (!ensureModel([this] { runInterpolation(); })) return;
  try {
    auto den = m_model->denoiser;
    difflab::InterpolationOptions o;
    o.frames = m_frames->value();
    o.path = difflab::parse_interpolation_path(m_path->currentData().toString().toStdString());
    o.decode = transportOptions(m_solver, m_spacing, m_steps);
    o.condition.class_a = m_classA->currentData().toInt();
    o.condition.class_b = m_classB->currentData().toInt();
    o.condition.guidance_a = m_guidanceA->value();
    o.condition.guidance_b = m_guidanceB->value();
    const bool points = m_model->isPoints();
    // Points: a whole cloud of seed-A latents walks to the seed-B cloud; images: one latent each.
    const int64_t n = points ? m_batch->value() : 1;
    std::vector<int64_t> shape = m_model->sampleShape();
    shape.insert(shape.begin(), n);
    const at::Tensor za = difflab::initial_noise(shape, static_cast<uint64_t>(m_seedA->value())).to(torch::kFloat64);
    const at::Tensor zb = difflab::initial_noise(shape, static_cast<uint64_t>(m_seedB->value())).to(torch::kFloat64);
    m_worker->start(QStringLiteral("interpolation"), [=](const OdeLabJobContext& c) {
      OdeLabResult r;
      const auto weights = difflab::interpolation_weights(o.frames);
      if (points) {
        std::vector<at::Tensor> frames;
        for (size_t k = 0; k < weights.size(); ++k) {
          const double w = weights[k];
          const at::Tensor z = o.path == difflab::InterpolationPath::Slerp ? difflab::slerp_latents(za, zb, w) : difflab::lerp_latents(za, zb, w);
          difflab::ConditionPathDenoiser pathDen(*den, o.condition, std::vector<double>(static_cast<size_t>(n), w));
          const double base = static_cast<double>(k) / static_cast<double>(weights.size());
          frames.push_back(difflab::decode_pf_ode(pathDen, z, at::Tensor(), o.decode,
                                                  [&](double f) { c.progress(base + f / static_cast<double>(weights.size())); }, c.stop).x);
        }
        r.tensors[QStringLiteral("frames")] = torch::stack(frames);  // [K, N, 2]
      } else {
        const auto res = difflab::interpolate_and_decode(*den, za[0], zb[0], o, c.progress, c.stop);
        r.tensors[QStringLiteral("frames")] = res.frames;  // [K, C, H, W]
      }
      // Latent norms along both paths (of the first latent): slerp keeps them, lerp dips midway.
      std::vector<double> slerpNorms, lerpNorms;
      for (double w : weights) {
        slerpNorms.push_back(difflab::slerp_latents(za[0], zb[0], w).norm().item<double>());
        lerpNorms.push_back(difflab::lerp_latents(za[0], zb[0], w).norm().item<double>());
      }
      r.tensors[QStringLiteral("weights")] = torch::tensor(weights, torch::kFloat64);
      r.tensors[QStringLiteral("slerp_norms")] = torch::tensor(slerpNorms, torch::kFloat64);
      r.tensors[QStringLiteral("lerp_norms")] = torch::tensor(lerpNorms, torch::kFloat64);
      r.text = QString::fromStdString(difflab::interpolation_path_name(o.path));
      return r;
    });
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
  }
}

void OdeLabView::runLikelihood() {
  if (!ensureModel([this] { runLikelihood(); })) return;
  try {
    auto den = m_model->denoiser;
    difflab::LikelihoodReportOptions o;
    o.ode.divergence = static_cast<difflab::DivergenceMethod>(m_divergence->currentData().toInt());
    o.ode.probes = m_probes->value();
    o.ode.probe_seeds = m_probeSeeds->value();
    o.ode.seed = static_cast<uint64_t>(m_seed->value());
    if (!m_model->isPoints()) o.ode.rtol = o.ode.atol = 1e-4;
    const int64_t n = m_model->isPoints() ? m_batch->value() : std::min(m_batch->value(), 8);
    const at::Tensor data = dataBatch(n);
    const at::Tensor y = batchLabels(n, m_class->currentData().toInt());
    const uint64_t seed = static_cast<uint64_t>(m_seed->value());
    const bool images = !m_model->isPoints();
    m_worker->start(QStringLiteral("likelihood"), [=](const OdeLabJobContext& c) {
      at::Tensor x = dataOrSamples(*den, data, n, seed, y);
      if (images)  // 8-bit data: quantise to the grid and let the report dequantise it uniformly
        x = difflab::DataScale::images().quantize_8bit(x);
      const auto rep = difflab::likelihood_report(*den, x, y, o, c.progress, c.stop);
      OdeLabResult r;
      r.tensors[QStringLiteral("log_prob")] = rep.log_prob;
      r.tensors[QStringLiteral("per_seed")] = rep.log_prob_per_seed;
      r.numbers[QStringLiteral("mean_nats")] = rep.mean_nats;
      r.numbers[QStringLiteral("seed_std_nats")] = rep.seed_std_nats;
      r.numbers[QStringLiteral("bpd")] = rep.mean_bits_per_dim;
      r.numbers[QStringLiteral("seed_std_bpd")] = rep.seed_std_bits_per_dim;
      r.numbers[QStringLiteral("nfe")] = static_cast<double>(rep.nfe);
      r.numbers[QStringLiteral("dims")] = static_cast<double>(rep.dims);
      if (auto* mixture = dynamic_cast<difflab::GaussianMixtureDenoiser*>(den.get())) {
        const at::Tensor exact = mixture->log_density(x, torch::zeros({x.size(0)}, torch::kFloat64), y);
        r.numbers[QStringLiteral("exact_nats")] = exact.mean().item<double>();
        r.numbers[QStringLiteral("exact_mae")] = (rep.log_prob - exact).abs().mean().item<double>();
      }
      r.text = QString::fromStdString(rep.prior) + (rep.eight_bit ? QStringLiteral("|8-bit") : QString());
      return r;
    });
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
  }
}

void OdeLabView::runVlb() {
  if (!ensureModel([this] { runVlb(); })) return;
  try {
    auto den = m_model->denoiser;
    const int64_t n = m_model->isPoints() ? m_batch->value() : std::min(m_batch->value(), 16);
    const at::Tensor data = dataBatch(n);
    const at::Tensor y = batchLabels(n, m_class->currentData().toInt());
    const uint64_t seed = static_cast<uint64_t>(m_seed->value());
    difflab::VariationalBoundOptions o;
    o.decoder = m_model->isPoints() ? difflab::DecoderLikelihood::Gaussian : difflab::DecoderLikelihood::Discretized8Bit;
    o.seed = seed;
    const bool images = !m_model->isPoints();
    m_worker->start(QStringLiteral("vlb"), [=](const OdeLabJobContext& c) {
      at::Tensor x = dataOrSamples(*den, data, n, seed, y);
      if (images) x = difflab::DataScale::images().on_8bit_grid(x);
      const at::Tensor labels = y.defined() ? y.narrow(0, 0, x.size(0)) : y;
      auto eps = [&](const at::Tensor& xt, const at::Tensor& t) { return den->predict(xt, t, labels).eps; };
      const auto vb = difflab::variational_bound(difflab::ForwardProcess(den->schedule()), x, eps, o, c.progress, c.stop);
      OdeLabResult r;
      r.tensors[QStringLiteral("terms")] = vb.terms.mean(0);
      r.numbers[QStringLiteral("prior")] = vb.prior.mean().item<double>();
      r.numbers[QStringLiteral("total")] = vb.total.mean().item<double>();
      r.numbers[QStringLiteral("bpd")] = vb.bits_per_dim.mean().item<double>();
      r.numbers[QStringLiteral("dims")] = static_cast<double>(x[0].numel());
      r.text = QString::fromStdString(difflab::decoder_likelihood_name(o.decoder));
      return r;
    });
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
  }
}

void OdeLabView::runEdit() {
  if (!ensureModel([this] { runEdit(); })) return;
  try {
    auto den = m_model->denoiser;
    difflab::PartialNoisingOptions o;
    o.t0 = m_t0->value();
    o.sampler.name = m_editSampler->currentData().toString().toStdString();
    o.sampler.steps = m_steps->value();
    o.sampler.seed = static_cast<uint64_t>(m_seed->value());
    o.noise_seed = static_cast<uint64_t>(m_seed->value());
    o.target_class = m_editClass->currentData().toInt();
    o.guidance = o.target_class >= 0 ? m_editGuidance->value() : 1.0;
    const int64_t n = m_model->isPoints() ? m_batch->value() : std::min(m_batch->value(), 16);
    const at::Tensor data = dataBatch(n);
    const uint64_t seed = static_cast<uint64_t>(m_seed->value());
    m_worker->start(QStringLiteral("edit"), [=](const OdeLabJobContext& c) {
      const at::Tensor x = dataOrSamples(*den, data, n, seed, at::Tensor());
      const auto e = difflab::edit_by_partial_noising(*den, x, o, c.progress, c.stop);
      OdeLabResult r;
      r.tensors[QStringLiteral("x0")] = x;
      r.tensors[QStringLiteral("noised")] = e.noised;
      r.tensors[QStringLiteral("result")] = e.result;
      r.tensors[QStringLiteral("difference_map")] = e.difference_map;
      r.numbers[QStringLiteral("nfe")] = static_cast<double>(e.nfe);
      r.numbers[QStringLiteral("t0")] = static_cast<double>(o.t0);
      return r;
    });
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
  }
}

// --- results -------------------------------------------------------------------------------------------

void OdeLabView::onFinished(const OdeLabResult& r) {
  m_cancel->setEnabled(false);
  m_error.clear();
  m_results[r.kind] = r;
  try {
    if (r.kind == QLatin1String("inversion")) showInversion(r);
    else if (r.kind == QLatin1String("interpolation")) showInterpolation(r);
    else if (r.kind == QLatin1String("likelihood")) showLikelihood(r);
    else if (r.kind == QLatin1String("vlb")) showVlb(r);
    else if (r.kind == QLatin1String("edit")) showEdit(r);
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
    return;
  }
  m_status->setText(tr("%1 finished in %2 s.").arg(r.kind).arg(r.seconds, 0, 'f', 2));
  Q_EMIT resultShown(r.kind);
}

void OdeLabView::showInversion(const OdeLabResult& r) {
  const QStringList solvers = r.text.split(QLatin1Char('|'));
  m_original->setPixmap(QPixmap::fromImage(picture(r.tensors.value(QStringLiteral("x0")), kPictureSize, kDataColor)));
  const at::Tensor latent = r.tensors.value(QStringLiteral("latent"));
  if (m_model->isPoints()) {
    const at::Tensor z = latent.to(torch::kFloat64);
    m_latent->setPixmap(QPixmap::fromImage(
        samplepictures::scatterImage(z, at::Tensor(), QRectF(-3.5, -3.5, 7.0, 7.0), kPictureSize, kLatentColor)));
  } else {
    m_latent->setPixmap(QPixmap::fromImage(samplepictures::imageGrid(samplepictures::signedToDataScale(latent, 3.0))
                                               .scaled(kPictureSize, Qt::KeepAspectRatio, Qt::FastTransformation)));
  }
  m_reconstruction->setPixmap(QPixmap::fromImage(picture(r.tensors.value(QStringLiteral("reconstruction")), kPictureSize, kResultColor)));
  const at::Tensor rel = r.tensors.value(QStringLiteral("relative"));
  m_inversionText->setText(tr("%1 with %2 steps to t = %3: %4 network evaluations. Reconstruction error per sample: "
                              "relative mean %5, max %6; MSE per dimension %7.")
                               .arg(solvers.value(0))
                               .arg(m_steps->value())
                               .arg(r.numbers.value(QStringLiteral("t_top")))
                               .arg(r.numbers.value(QStringLiteral("nfe")))
                               .arg(rel.mean().item<double>(), 0, 'g', 3)
                               .arg(rel.max().item<double>(), 0, 'g', 3)
                               .arg(r.tensors.value(QStringLiteral("mse")).mean().item<double>(), 0, 'g', 3));
  // Curves of earlier runs stay for comparison (one per solver / spacing pair, the last five).
  const at::Tensor curve = r.tensors.value(QStringLiteral("curve"));
  const QString name = tr("%1 round trip").arg(solvers.value(1));
  for (int i = m_curvePlot->graphCount() - 1; i >= 0; --i)
    if (m_curvePlot->graph(i)->name() == name) m_curvePlot->removeGraph(i);
  while (m_curvePlot->graphCount() >= 5) m_curvePlot->removeGraph(0);
  static const QColor kCurveColors[] = {QColor(0xd6, 0x27, 0x28), QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c),
                                        QColor(0x94, 0x67, 0xbd), QColor(0xff, 0x7f, 0x0e), QColor(0x8c, 0x56, 0x4b)};
  QCPGraph* g = m_curvePlot->addGraph();
  g->setName(name);
  g->setPen(QPen(kCurveColors[m_curveRuns++ % 6], 2));
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
  g->setData(toVector(curve.select(1, 0)), toVector(curve.select(1, 1).clamp_min(1e-12)));
  m_curvePlot->rescaleAxes();
  m_curvePlot->xAxis->scaleRange(1.3);
  m_curvePlot->yAxis->scaleRange(1.5);
  m_curvePlot->replot();
}

void OdeLabView::showInterpolation(const OdeLabResult& r) {
  const at::Tensor frames = r.tensors.value(QStringLiteral("frames"));
  const int64_t K = frames.size(0);
  m_animationFrames.clear();
  const QSize tile = m_model->isPoints() ? QSize(150, 150) : QSize(112, 112);
  for (int64_t k = 0; k < K; ++k)
    m_animationFrames << picture(m_model->isPoints() ? frames[k] : frames.narrow(0, k, 1), tile, kResultColor);
  QImage strip(static_cast<int>(K) * (tile.width() + 4), tile.height(), QImage::Format_RGB32);
  strip.fill(Qt::white);
  QPainter p(&strip);
  for (int64_t k = 0; k < K; ++k) p.drawImage(static_cast<int>(k) * (tile.width() + 4), 0, m_animationFrames[static_cast<int>(k)]);
  p.end();
  m_strip->setPixmap(QPixmap::fromImage(strip));
  m_animationIndex = 0;
  m_animation->setPixmap(QPixmap::fromImage(m_animationFrames.first().scaled(kPictureSize, Qt::KeepAspectRatio)));
  m_play->setEnabled(true);

  m_normPlot->clearGraphs();
  const QVector<double> w = toVector(r.tensors.value(QStringLiteral("weights")));
  QCPGraph* s = m_normPlot->addGraph();
  s->setName(tr("slerp"));
  s->setPen(QPen(kDataColor, 2));
  s->setData(w, toVector(r.tensors.value(QStringLiteral("slerp_norms"))));
  QCPGraph* l = m_normPlot->addGraph();
  l->setName(tr("lerp"));
  l->setPen(QPen(kResultColor, 2, Qt::DashLine));
  l->setData(w, toVector(r.tensors.value(QStringLiteral("lerp_norms"))));
  m_normPlot->rescaleAxes();
  m_normPlot->yAxis->setRangeLower(0.0);
  m_normPlot->replot();
}

void OdeLabView::advanceAnimation() {
  if (m_animationFrames.isEmpty()) return;
  m_animationIndex = (m_animationIndex + 1) % m_animationFrames.size();
  m_animation->setPixmap(QPixmap::fromImage(m_animationFrames[m_animationIndex].scaled(kPictureSize, Qt::KeepAspectRatio)));
}

void OdeLabView::showLikelihood(const OdeLabResult& r) {
  const auto& n = r.numbers;
  const QStringList parts = r.text.split(QLatin1Char('|'));
  QString text = tr("log p = %1 nats per sample").arg(n.value(QStringLiteral("mean_nats")), 0, 'f', 4);
  if (n.value(QStringLiteral("seed_std_nats")) > 0)
    text += tr(" ± %1 across probe seeds").arg(n.value(QStringLiteral("seed_std_nats")), 0, 'g', 3);
  text += tr("\n%1 bits/dim").arg(n.value(QStringLiteral("bpd")), 0, 'f', 4);
  if (n.value(QStringLiteral("seed_std_bpd")) > 0)
    text += tr(" ± %1").arg(n.value(QStringLiteral("seed_std_bpd")), 0, 'g', 3);
  if (parts.size() > 1) text += tr(" (8-bit data, uniformly dequantised)");
  if (n.contains(QStringLiteral("exact_nats")))
    text += tr("\nexact mixture log-density %1 nats; mean |ODE − exact| = %2 nats")
                .arg(n.value(QStringLiteral("exact_nats")), 0, 'f', 4)
                .arg(n.value(QStringLiteral("exact_mae")), 0, 'g', 3);
  text += tr("\nprior: %1; %2 velocity evaluations").arg(parts.value(0)).arg(n.value(QStringLiteral("nfe")));
  m_likelihoodText->setText(text);

  m_likelihoodPlot->clearGraphs();
  const at::Tensor seedMeans = r.tensors.value(QStringLiteral("per_seed")).mean(1);
  QVector<double> xs;
  for (int64_t k = 0; k < seedMeans.size(0); ++k) xs << static_cast<double>(k);
  QCPGraph* g = m_likelihoodPlot->addGraph();
  g->setName(tr("estimate per probe seed"));
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kDataColor, 8));
  g->setData(xs, toVector(seedMeans));
  const double mean = n.value(QStringLiteral("mean_nats")), sd = n.value(QStringLiteral("seed_std_nats"));
  const double x1 = std::max(1.0, static_cast<double>(seedMeans.size(0) - 1));
  auto line = [&](double y, const QString& name, const QPen& pen) {
    QCPGraph* h = m_likelihoodPlot->addGraph();
    h->setName(name);
    h->setPen(pen);
    h->setData(QVector<double>{0.0, x1}, QVector<double>{y, y});
  };
  line(mean, tr("mean"), QPen(kDataColor, 2));
  if (sd > 0) {
    line(mean + sd, tr("± std"), QPen(kDataColor, 1, Qt::DashLine));
    line(mean - sd, QString(), QPen(kDataColor, 1, Qt::DashLine));
    m_likelihoodPlot->legend->removeItem(m_likelihoodPlot->legend->itemCount() - 1);
  }
  if (n.contains(QStringLiteral("exact_nats"))) line(n.value(QStringLiteral("exact_nats")), tr("exact"), QPen(kResultColor, 2, Qt::DotLine));
  m_likelihoodPlot->rescaleAxes();
  const double pad = std::max(0.05, 3 * sd);
  m_likelihoodPlot->yAxis->setRange(m_likelihoodPlot->yAxis->range().lower - pad, m_likelihoodPlot->yAxis->range().upper + pad);
  m_likelihoodPlot->xAxis->setRange(-0.5, x1 + 0.5);
  m_likelihoodPlot->replot();
}

void OdeLabView::showVlb(const OdeLabResult& r) {
  const at::Tensor terms = r.tensors.value(QStringLiteral("terms"));  // [T]: L_0, L_1, …, L_{T−1}
  const int64_t T = terms.size(0);
  const double prior = r.numbers.value(QStringLiteral("prior")), total = r.numbers.value(QStringLiteral("total"));
  const double l0 = terms[0].item<double>(), middle = terms.narrow(0, 1, T - 1).sum().item<double>();
  const double D = r.numbers.value(QStringLiteral("dims")), ln2 = std::log(2.0);
  const int64_t peak = terms.narrow(0, 1, T - 1).argmax().item<int64_t>() + 2;
  m_vlbText->setText(tr("Total %1 nats per sample = %2 bits/dim.   L_T = %3,   Σ L_{t−1} = %4 (t = 2..%5),   L₀ = %6 (%7 decoder).   "
                        "The largest L_{t−1} is at t = %8.")
                         .arg(total, 0, 'f', 4)
                         .arg(r.numbers.value(QStringLiteral("bpd")), 0, 'f', 4)
                         .arg(prior, 0, 'g', 4)
                         .arg(middle, 0, 'f', 4)
                         .arg(T)
                         .arg(l0, 0, 'f', 4)
                         .arg(r.text)
                         .arg(peak));
  Q_UNUSED(D);
  Q_UNUSED(ln2);
  m_vlbPlot->clearPlottables();
  auto bars = [&](const QString& name, const QColor& color, const QVector<double>& x, const QVector<double>& y) {
    auto* b = new QCPBars(m_vlbPlot->xAxis, m_vlbPlot->yAxis);
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
  bars(tr("L_T (prior)"), kLatentColor, {static_cast<double>(T) + std::max(2.0, T / 100.0)}, {std::max(prior, 1e-10)});
  m_vlbPlot->rescaleAxes();
  const double smallest = *std::min_element(vs.begin(), vs.end());
  m_vlbPlot->yAxis->setRange(std::max(1e-12, smallest / 3.0), m_vlbPlot->yAxis->range().upper * 3.0);
  m_vlbPlot->xAxis->setRange(0, static_cast<double>(T) * 1.04 + 2);
  m_vlbPlot->replot();
}

void OdeLabView::showEdit(const OdeLabResult& r) {
  const at::Tensor x0 = r.tensors.value(QStringLiteral("x0")), result = r.tensors.value(QStringLiteral("result"));
  m_editOriginal->setPixmap(QPixmap::fromImage(picture(x0, kPictureSize, kDataColor)));
  m_editResult->setPixmap(QPixmap::fromImage(picture(result, kPictureSize, kResultColor)));
  const at::Tensor map = r.tensors.value(QStringLiteral("difference_map"));
  QImage diff = m_model->isPoints()
                    ? displacementImage(toDataScale(*m_model, x0), toDataScale(*m_model, result), m_model->dataPoints, kPictureSize)
                    : heatGrid(map).scaled(kPictureSize, Qt::KeepAspectRatio, Qt::FastTransformation);
  m_editDifference->setPixmap(QPixmap::fromImage(diff));
  m_editText->setText(tr("Noised to t₀ = %1 and denoised with %2 (%3 network evaluations). Mean |difference| %4.")
                          .arg(r.numbers.value(QStringLiteral("t0")))
                          .arg(m_editSampler->currentText())
                          .arg(r.numbers.value(QStringLiteral("nfe")))
                          .arg(map.mean().item<double>(), 0, 'g', 3));
}

void OdeLabView::showError(const QString& message) {
  m_error = message;
  m_status->setText(tr("Error: %1").arg(message));
}
