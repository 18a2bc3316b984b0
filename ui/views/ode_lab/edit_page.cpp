// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "model/denoiser.h"
#include "ode/ode_lab_reports.h"
#include "ode/partial_noising.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "views/ode_lab/edit_page.h"

#include "session/sampling_model.h"
#include "views/ode_lab/ode_lab_pictures.h"
#include "views/ode_lab/ode_lab_view.h"
#include "views/ode_lab/result_view.h"

#include "lecture/lecture_equations.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

using namespace odelab;

EditPage::EditPage(OdeLabView* lab) : QWidget(lab), m_lab(lab) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  m_t0 = new QSlider(Qt::Horizontal, this);
  m_t0->setObjectName(QStringLiteral("edit_t0"));
  m_t0->setRange(1, 1000);
  m_t0->setValue(500);
  m_t0Label = new QLabel(this);
  m_class = new QComboBox(this);
  m_class->setObjectName(QStringLiteral("edit_class"));
  m_guidance = new QDoubleSpinBox(this);
  m_guidance->setObjectName(QStringLiteral("edit_guidance"));
  m_guidance->setRange(0.0, 20.0);
  m_guidance->setSingleStep(0.5);
  m_guidance->setValue(1.0);
  m_sampler = new QComboBox(this);
  m_sampler->setObjectName(QStringLiteral("edit_sampler"));
  // It takes the rest of its row and may shrink below its longest title (a longer translation, lecture mode).
  m_sampler->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_sampler->setMinimumContentsLength(10);
  for (const char* name : {"ddim", "ddpm", "dpmpp-2m", "heun", "euler-maruyama"}) {  // titled as everywhere else
    const difflab::SamplerInfo& info = difflab::sampler_info(name);
    m_sampler->addItem(QString::fromStdString(info.title), QString::fromLatin1(name));
    m_sampler->setItemData(m_sampler->count() - 1, QString::fromStdString(info.reference), Qt::ToolTipRole);
  }
  auto* run = new QPushButton(tr("Edit"), this);
  connect(run, &QPushButton::clicked, this, &EditPage::run);
  connect(m_t0, &QSlider::valueChanged, this, &EditPage::updateT0Label);
  connect(m_t0, &QSlider::valueChanged, lab, &OdeLabView::lectureEquationChanged);
  connect(m_sampler, &QComboBox::currentIndexChanged, lab, &OdeLabView::lectureEquationChanged);
  // Two rows, narrow enough for the pages beside the settings column (also in lecture mode's larger text): the
  // noise level with the button, then how to denoise.
  controls->addWidget(new QLabel(tr("Noise level"), this));
  controls->addWidget(m_t0, 1);
  controls->addWidget(m_t0Label);
  controls->addWidget(run);
  auto* denoise = new QHBoxLayout;
  denoise->addWidget(new QLabel(tr("Denoise as class"), this));
  denoise->addWidget(m_class);
  denoise->addWidget(new QLabel(tr("Guidance"), this));
  denoise->addWidget(m_guidance);
  denoise->addWidget(new QLabel(tr("Sampler"), this));
  denoise->addWidget(m_sampler, 1);
  layout->addLayout(controls);
  layout->addLayout(denoise);
  auto* grid = new QGridLayout;
  m_original = captionedResult(grid, 0, tr("Original"), this);
  m_result = captionedResult(grid, 1, tr("Result"), this);
  m_difference = captionedResult(grid, 2, tr("|Result − original|"), this, &m_differenceTitle);
  layout->addLayout(grid, 1);
  m_text = readoutLabel(this);
  layout->addWidget(m_text);
  connect(lab, &OdeLabView::modelOpened, this, &EditPage::refresh);
  connect(lab, &OdeLabView::modelChanged, this, &EditPage::clear);
  refresh();
}

EditPage::~EditPage() = default;

void EditPage::refresh() {
  const auto& model = m_lab->model();
  fillClassBox(m_class, model ? model->classNames : QStringList(), tr("unconditional"));
  m_guidance->setEnabled(model && !model->classNames.isEmpty());
  if (model) m_t0->setMaximum(static_cast<int>(model->denoiser->schedule().timesteps()));
  updateT0Label();
  updateDifferenceTitle();
}

// The third panel's caption names what it shows for the current model's kind (not for the last result's).
void EditPage::updateDifferenceTitle() {
  const auto& model = m_lab->model();
  m_differenceTitle->setText(model && model->isPoints() ? tr("Moves: each original joined to its result")
                                                        : tr("|Result − original|"));
}

// ᾱ at t₀ of the model's own schedule (the one the edit runs under), once a model is open.
void EditPage::updateT0Label() {
  const auto& model = m_lab->model();
  if (!model) {
    m_t0Label->setText(tr("t₀ = %1").arg(m_t0->value()));
    return;
  }
  const difflab::NoiseSchedule& s = model->denoiser->schedule();
  m_t0Label->setText(tr("t₀ = %1 (ᾱ = %2)")
                         .arg(m_t0->value())
                         .arg(s.alpha_bar(std::min<int64_t>(m_t0->value(), s.timesteps())), 0, 'g', 3));
}

QString EditPage::lectureEquation() const {
  const auto& model = m_lab->model();
  const int t0 = m_t0->value();
  const double alphaBar =
      model ? model->denoiser->schedule().alpha_bar(std::min<int64_t>(t0, model->denoiser->schedule().timesteps()))
            : std::nan("");
  return lecture::partialNoising(m_sampler->currentText(), t0, alphaBar, m_lab->steps());
}

void EditPage::clear() {
  m_report.reset();
  m_x0 = at::Tensor();
  for (ResultView* v : {m_original, m_result, m_difference}) v->clear();
  m_text->clear();
}

void EditPage::run() {
  if (!m_lab->ensureModel([this] { run(); })) return;
  try {
    const SamplingModel& model = *m_lab->model();
    auto den = model.denoiser;
    difflab::PartialNoisingOptions o;
    o.t0 = m_t0->value();
    o.sampler.name = m_sampler->currentData().toString().toStdString();
    o.sampler.steps = m_lab->steps();
    o.sampler.seed = m_lab->seed();
    o.noise_seed = m_lab->seed();
    o.target_class = m_class->currentData().toInt();
    o.guidance = o.target_class >= 0 ? m_guidance->value() : 1.0;
    const int64_t n = model.isPoints() ? m_lab->batchSize() : std::min<int64_t>(m_lab->batchSize(), 16);
    const at::Tensor data = m_lab->dataBatch(n);
    const uint64_t seed = m_lab->seed();
    m_lab->start(QStringLiteral("edit"), [=](const OdeLabJobContext& c) -> std::function<void()> {
      const at::Tensor x = difflab::data_or_model_samples(*den, data, n, seed, at::Tensor());
      auto report = std::make_shared<const difflab::PartialNoisingResult>(
          difflab::edit_by_partial_noising(*den, x, o, c.progress, c.stop));
      return [this, report, x, t0 = o.t0] {
        m_x0 = x;
        show(report, t0);
      };
    });
  } catch (const std::exception& e) {
    m_lab->showError(QString::fromStdString(difflab::user_message(e.what())));
  }
}

void EditPage::show(std::shared_ptr<const difflab::PartialNoisingResult> report, int64_t t0) {
  m_report = std::move(report);
  const difflab::PartialNoisingResult& r = *m_report;
  const SamplingModel& model = *m_lab->model();
  showModelResult(m_original, model, m_x0, kDataColor);
  showModelResult(m_result, model, r.result, kResultColor);
  updateDifferenceTitle();
  if (model.isPoints())  // each point joined to its edit
    m_difference->showMoves(toDataScale(model, m_x0), toDataScale(model, r.result), model.dataPoints, kResultColor);
  else
    m_difference->showImage(
        heatGrid(r.difference_map).scaled(kPictureSize, Qt::KeepAspectRatio, Qt::FastTransformation));
  m_text->setText(tr("Noised to t₀ = %1 and denoised with %2 (%3 network evaluations). Mean |difference| %4.")
                      .arg(t0)
                      .arg(m_sampler->currentText())
                      .arg(r.nfe)
                      .arg(r.difference_map.mean().item<double>(), 0, 'g', 3));
}
