// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "model/denoiser.h"
#include "ode/ode_lab_reports.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "views/ode_lab/interpolation_page.h"

#include "session/sampling_model.h"
#include "views/ode_lab/ode_lab_pictures.h"
#include "views/ode_lab/ode_lab_view.h"
#include "widgets/plot_legend.h"
#include "widgets/animation_export_dialog.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <exception>

using namespace odelab;

InterpolationPage::InterpolationPage(OdeLabView* lab) : QWidget(lab), m_lab(lab) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QGridLayout;
  m_seedA = new QSpinBox(this);
  m_seedA->setObjectName(QStringLiteral("interpolation_seed_a"));
  m_seedA->setRange(0, 1000000);
  m_seedA->setValue(1);
  m_seedB = new QSpinBox(this);
  m_seedB->setObjectName(QStringLiteral("interpolation_seed_b"));
  m_seedB->setRange(0, 1000000);
  m_seedB->setValue(2);
  m_frames = new QSpinBox(this);
  m_frames->setObjectName(QStringLiteral("interpolation_frames"));
  m_frames->setRange(2, 32);
  m_frames->setValue(8);
  m_path = new QComboBox(this);
  m_path->setObjectName(QStringLiteral("interpolation_path"));
  m_path->addItem(tr("slerp"), QStringLiteral("slerp"));
  m_path->addItem(tr("lerp"), QStringLiteral("lerp"));
  m_classA = new QComboBox(this);
  m_classA->setObjectName(QStringLiteral("interpolation_class_a"));
  m_classB = new QComboBox(this);
  m_classB->setObjectName(QStringLiteral("interpolation_class_b"));
  m_guidanceA = new QDoubleSpinBox(this);
  m_guidanceA->setObjectName(QStringLiteral("interpolation_guidance_a"));
  m_guidanceB = new QDoubleSpinBox(this);
  m_guidanceB->setObjectName(QStringLiteral("interpolation_guidance_b"));
  for (auto* g : {m_guidanceA, m_guidanceB}) {
    g->setRange(0.0, 20.0);
    g->setSingleStep(0.5);
    g->setValue(1.0);
  }
  auto* run = new QPushButton(tr("Interpolate"), this);
  connect(run, &QPushButton::clicked, this, &InterpolationPage::run);
  m_play = new QPushButton(tr("Play"), this);
  m_play->setCheckable(true);
  m_play->setEnabled(false);
  m_export = new QPushButton(tr("Export animation…"), this);
  m_export->setObjectName(QStringLiteral("exportAnimation"));
  m_export->setToolTip(tr("Save the interpolation as an animated GIF, an MP4 video or PNG frames"));
  m_export->setEnabled(false);
  connect(m_export, &QPushButton::clicked, this, [this] { exportAnimation(this, animationSource()); });
  // Three rows, narrow enough for the pages beside the settings column (also in lecture mode's larger text): end A
  // and end B (seed, class, guidance), then the path's frames and kind with the buttons.
  const std::pair<QString, QWidget*> rows[2][3] = {
      {{tr("Seed A"), m_seedA}, {tr("Class A"), m_classA}, {tr("Guidance A"), m_guidanceA}},
      {{tr("Seed B"), m_seedB}, {tr("Class B"), m_classB}, {tr("Guidance B"), m_guidanceB}}};
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c) {
      controls->addWidget(new QLabel(rows[r][c].first, this), r, 2 * c);
      controls->addWidget(rows[r][c].second, r, 2 * c + 1);
    }
  controls->setColumnStretch(6, 1);
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(new QLabel(tr("Frames"), this));
  pathRow->addWidget(m_frames);
  pathRow->addWidget(new QLabel(tr("Path"), this));
  pathRow->addWidget(m_path);
  pathRow->addWidget(run);
  pathRow->addWidget(m_play);
  pathRow->addWidget(m_export);
  pathRow->addStretch(1);
  controls->addLayout(pathRow, 2, 0, 1, 7);
  layout->addLayout(controls);
  m_strip = pictureLabel(this);
  m_strip->setMinimumSize(200, 80);
  layout->addWidget(m_strip);
  auto* lower = new QHBoxLayout;
  m_animation = pictureLabel(this);
  // A short y title and few ticks: on a laptop the plot is ~120 px tall, and "latent norm ‖z‖" with eight tick
  // labels overlapped. The legend stands right of the axes (the plot is wide and low), not over the curves.
  m_normPlot = makePlot(this, tr("frame weight w"), tr("‖z‖"), false, false);
  m_normPlot->setToolTip(tr("Latent norm ‖z‖ of each frame: slerp keeps it, lerp dips midway"));
  m_normPlot->yAxis->ticker()->setTickCount(3);
  plotlegend::besideAxes(m_normPlot);
  lower->addWidget(m_animation);
  lower->addWidget(m_normPlot, 1);
  layout->addLayout(lower, 1);
  m_timer = new QTimer(this);
  m_timer->setInterval(150);
  connect(m_timer, &QTimer::timeout, this, &InterpolationPage::advanceAnimation);
  connect(m_play, &QPushButton::toggled, this, [this](bool on) {
    m_play->setText(on ? tr("Pause") : tr("Play"));
    if (on)
      m_timer->start();
    else
      m_timer->stop();
  });
  connect(lab, &OdeLabView::modelOpened, this, &InterpolationPage::refreshClasses);
  connect(lab, &OdeLabView::modelChanged, this, &InterpolationPage::clear);
  refreshClasses();
}

InterpolationPage::~InterpolationPage() = default;

void InterpolationPage::refreshClasses() {
  const QStringList names = m_lab->model() ? m_lab->model()->classNames : QStringList();
  fillClassBox(m_classA, names, tr("unconditional"));
  fillClassBox(m_classB, names, tr("unconditional"));
  for (auto* g : {m_guidanceA, m_guidanceB}) g->setEnabled(!names.isEmpty());
}

void InterpolationPage::clear() {
  m_report.reset();
  m_play->setChecked(false);
  m_play->setEnabled(false);
  m_export->setEnabled(false);
  m_frameImages.clear();
  m_strip->clear();
  m_animation->clear();
  clearPlot(m_normPlot);
}

void InterpolationPage::run() {
  if (!m_lab->ensureModel([this] { run(); })) return;
  try {
    auto den = m_lab->model()->denoiser;
    difflab::InterpolationOptions o;
    o.frames = m_frames->value();
    o.path = difflab::parse_interpolation_path(m_path->currentData().toString().toStdString());
    o.decode = m_lab->transportOptions();
    o.condition.class_a = m_classA->currentData().toInt();
    o.condition.class_b = m_classB->currentData().toInt();
    o.condition.guidance_a = m_guidanceA->value();
    o.condition.guidance_b = m_guidanceB->value();
    // Points: a whole cloud of seed-A latents walks to the seed-B cloud; images: one latent each.
    const int64_t n = m_lab->model()->isPoints() ? m_lab->batchSize() : 1;
    std::vector<int64_t> shape = m_lab->model()->sampleShape();
    shape.insert(shape.begin(), n);
    const at::Tensor za = difflab::initial_noise(shape, static_cast<uint64_t>(m_seedA->value())).to(torch::kFloat64);
    const at::Tensor zb = difflab::initial_noise(shape, static_cast<uint64_t>(m_seedB->value())).to(torch::kFloat64);
    m_lab->start(QStringLiteral("interpolation"), [=](const OdeLabJobContext& c) -> std::function<void()> {
      auto report = std::make_shared<const difflab::InterpolationReport>(
          difflab::interpolation_report(*den, za, zb, o, c.progress, c.stop));
      return [this, report] { show(report); };
    });
  } catch (const std::exception& e) {
    m_lab->showError(QString::fromStdString(difflab::user_message(e.what())));
  }
}

void InterpolationPage::show(std::shared_ptr<const difflab::InterpolationReport> report) {
  m_report = std::move(report);
  const difflab::InterpolationReport& r = *m_report;
  const SamplingModel& model = *m_lab->model();
  const int64_t K = r.frames.size(0);
  m_frameImages.clear();
  const QSize tile = model.isPoints() ? QSize(150, 150) : QSize(112, 112);
  for (int64_t k = 0; k < K; ++k) m_frameImages << modelPicture(model, r.frames[k], tile, kResultColor);
  QImage strip(static_cast<int>(K) * (tile.width() + 4), tile.height(), QImage::Format_RGB32);
  strip.fill(Qt::white);
  QPainter p(&strip);
  for (int64_t k = 0; k < K; ++k)
    p.drawImage(static_cast<int>(k) * (tile.width() + 4), 0, m_frameImages[static_cast<int>(k)]);
  p.end();
  odelab::setPicture(m_strip, strip);
  m_index = 0;
  odelab::setPicture(m_animation, m_frameImages.first().scaled(kPictureSize, Qt::KeepAspectRatio));
  m_play->setEnabled(true);
  m_export->setEnabled(true);

  m_normPlot->clearGraphs();
  const QVector<double> w = toVector(r.weights);
  QCPGraph* s = m_normPlot->addGraph();
  s->setName(tr("slerp"));
  s->setPen(QPen(kDataColor, 2));
  s->setData(w, toVector(r.slerp_norms));
  QCPGraph* l = m_normPlot->addGraph();
  l->setName(tr("lerp"));
  l->setPen(QPen(kResultColor, 2, Qt::DashLine));
  l->setData(w, toVector(r.lerp_norms));
  m_normPlot->rescaleAxes();
  m_normPlot->yAxis->scaleRange(1.3);  // the lerp dip stands out from the slerp line
  m_normPlot->replot();
}

void InterpolationPage::advanceAnimation() {
  if (m_frameImages.isEmpty()) return;
  m_index = (m_index + 1) % m_frameImages.size();
  odelab::setPicture(m_animation, m_frameImages[m_index].scaled(kPictureSize, Qt::KeepAspectRatio));
}

AnimationSource InterpolationPage::animationSource() const {
  AnimationSource source;
  if (!m_report || m_frameImages.isEmpty()) return source;
  QVector<QImage> frames;
  for (const QImage& f : m_frameImages) frames << f.scaled(kPictureSize, Qt::KeepAspectRatio, Qt::FastTransformation);
  const std::vector<double> weights = m_report->weights;
  source.frame = [frames, weights](int k) {
    return captionedFrame(frames[k], tr("w = %1").arg(weights[static_cast<size_t>(k)], 0, 'f', 3));
  };
  source.count = static_cast<int>(frames.size());
  source.fps = 1000.0 / m_timer->interval();
  source.name = QStringLiteral("interpolation");
  source.description = tr("The %1 interpolation: %2 decoded frames, from w = 0 to 1.")
                           .arg(QString::fromStdString(difflab::interpolation_path_name(m_report->path)))
                           .arg(source.count);
  return source;
}
