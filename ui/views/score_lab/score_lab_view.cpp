#include "base/error_text.h"
#include "io/animation_frames.h"
#include "score/langevin.h"
#include "score/score_field.h"
#include "score/score_matching.h"

#include "session/model_opener.h"
#include "session/sampling_model.h"
#include "session/schedule_state.h"
#include "views/score_lab/score_lab_plots.h"
#include "views/score_lab/score_lab_settings.h"
#include "views/score_lab/score_lab_view.h"
#include "widgets/animation_export_dialog.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/run_bar.h"
#include "widgets/side_panel.h"
#include "workers/animation_exporter.h"
#include "workers/intra_op_threads.h"
#include "workers/job_runner.h"

#include "lecture/lecture_equations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

using namespace difflab;

namespace {
constexpr int kParticleFramesMax = 200;  // frames kept for the export and shown in the animation
}  // namespace

ScoreLabView::ScoreLabView(ScheduleState* schedule, ModelSession* session, QWidget* parent)
    : QWidget(parent),
      m_schedule(schedule),
      m_session(session),
      m_lastDsm(std::numeric_limits<double>::quiet_NaN()),
      m_lastSsm(std::numeric_limits<double>::quiet_NaN()) {
  m_runner = new JobRunner(QStringLiteral("score lab"), this);
  // The model file the "model" sources follow: the window's current model unless pinned here. It is sampled
  // along the lab's schedule (model/rescheduled_denoiser.h), so its t is the reference's t.
  m_modelPanel = new ModelPanel(m_session, m_schedule, /*clipX0=*/false, /*loadImageData=*/false, this);
  m_modelPanel->opener()->setUseLabSchedule(true);
  m_modelPanel->labScheduleBox()->setVisible(false);
  m_settings = new ScoreLabSettings(m_schedule, m_modelPanel, this);
  // The lab draws fields in the plane: the shipped models and mixtures that are not 2-D are greyed out in its list
  // (the Fashion-MNIST U-Net, the 1-D mixture). A model counts as 2-D when its data are among the lab's data.
  const QList<ZooEntry> zoo = zooModels(QStringLiteral("diffusion"));
  m_modelPanel->disableUnusable([this, zoo](const QString& spec) {
    QString data;
    if (spec.startsWith(QStringLiteral("preset:"))) data = spec.mid(7);
    for (const ZooEntry& entry : zoo)
      if (entry.spec == spec) data = entry.data;
    if (data.isEmpty() && !isBuiltInSpec(spec)) return QString();  // a file: checked when it opens
    for (const QString& key : {QStringLiteral("toy:%1").arg(data), QStringLiteral("mix:%1").arg(data)})
      if (m_settings->dataBox()->findData(key) >= 0) return QString();
    return tr("Not a model of points in the plane: the score lab draws 2-D fields");
  });

  m_run = new RunBar({tr("Run particles"), tr("Train both")}, tr("Stop"), tr("no run yet"), this);
  m_run->progressBar()->setRange(0, 1000);
  m_status = m_run->statusLabel();
  m_plots = new ScoreLabPlots(this);
  sidepanel::install(this, QStringLiteral("scoreLab"), m_settings, m_run, m_plots);

  connect(m_runner, &JobRunner::progress, this, [this](quint64, double f) {
    if (m_barCounts) m_run->progressBar()->setValue(int(1000 * f));
  });
  connect(m_runner, &JobRunner::finished, this, [this](quint64) { setBusy(false, {}); });
  connect(m_runner, &JobRunner::cancelled, this, [this](quint64) { setBusy(false, tr("Stopped.")); });
  connect(m_runner, &JobRunner::failed, this, [this](quint64, const QString& message) { setBusy(false, message); });
  connect(m_schedule, &ScheduleState::changed, this, [this] { rebuildReference(); });
  connect(m_settings, &ScoreLabSettings::dataChanged, this, [this] { rebuildReference(); });
  connect(m_settings, &ScoreLabSettings::fieldChanged, this, [this] { refreshField(); });
  connect(m_settings, &ScoreLabSettings::lectureEquationChanged, this, &ScoreLabView::lectureEquationChanged);
  connect(m_settings, &ScoreLabSettings::dsmPredictionChanged, this, [this] {
    stop();
    clearRace();
  });
  connect(langevinButton(), &QPushButton::clicked, this, &ScoreLabView::runLangevin);
  connect(raceButton(), &QPushButton::clicked, this, &ScoreLabView::runRace);
  connect(m_settings->exportButton(), &QPushButton::clicked, this, &ScoreLabView::exportParticles);
  connect(m_run->cancelButton(), &QPushButton::clicked, this, &ScoreLabView::stop);
  connect(m_plots, &ScoreLabPlots::regionDragged, this, &ScoreLabView::setStartRegion);
  connect(m_modelPanel, &ModelPanel::opened, this, &ScoreLabView::onModelOpened);
  connect(m_modelPanel, &ModelPanel::modelChanged, this, [this] {
    // Particles that followed the previous model go, with their bar; the race and particles on the exact or the
    // trained networks' score don't depend on the model file and stay, with theirs.
    if (m_particlesFollowModel && !isBusy()) {
      m_particlesFollowModel = false;
      m_frames.clear();
      m_plots->clearParticles();
      m_settings->exportButton()->setEnabled(false);
      clearProgress();
      m_status->setText(tr("The particles followed the previous model: run them again for this one."));
      if (m_settings->fieldSettings().source != FieldSource::Model) refreshField();  // the caption was the particles'
    }
    if (m_settings->fieldSettings().source == FieldSource::Model) refreshField();
  });
  connect(m_modelPanel, &ModelPanel::failed, this, [this](const QString& message) { m_status->setText(message); });
  rebuildReference();
}

ScoreLabView::~ScoreLabView() {
  // Stop and join the worker before the members its job reads (the live settings) are destroyed.
  delete m_runner;
  m_runner = nullptr;
}

bool ScoreLabView::isBusy() const { return m_runner->isRunning(); }
QComboBox* ScoreLabView::dataBox() const { return m_settings->dataBox(); }
QSpinBox* ScoreLabView::tBox() const { return m_settings->tBox(); }
QComboBox* ScoreLabView::fieldBox() const { return m_settings->fieldBox(); }
QComboBox* ScoreLabView::heatBox() const { return m_settings->heatBox(); }
QCheckBox* ScoreLabView::annealedBox() const { return m_settings->annealedBox(); }
QComboBox* ScoreLabView::langevinSourceBox() const { return m_settings->langevinSourceBox(); }
QSpinBox* ScoreLabView::raceStepsBox() const { return m_settings->raceStepsBox(); }
QPushButton* ScoreLabView::langevinButton() const { return m_run->action(0); }
QPushButton* ScoreLabView::raceButton() const { return m_run->action(1); }
QLabel* ScoreLabView::statusLabel() const { return m_status; }
QLabel* ScoreLabView::captionLabel() const { return m_plots->captionLabel(); }
QCustomPlot* ScoreLabView::fieldPlot() const { return m_plots->fieldPlot(); }
QCustomPlot* ScoreLabView::histogramPlot() const { return m_plots->histogramPlot(); }
std::vector<double> ScoreLabView::modeFractions() const { return m_plots->modeFractions(); }

void ScoreLabView::clearProgress() {
  m_run->clearProgress();
  m_run->progressBar()->setRange(0, 1000);  // the lab's runs report in thousandths
}

void ScoreLabView::clearRace() {
  m_race.reset();
  m_plots->clearRace();
}

void ScoreLabView::rebuildReference() {
  stop();
  clearRace();
  clearProgress();
  m_frames.clear();
  m_plots->clearParticles();
  m_particlesFollowModel = false;
  m_settings->exportButton()->setEnabled(false);
  try {
    ScoreLabData d = ScoreLabData::load(m_settings->dataKey(), m_schedule->schedule());
    m_reference = d.reference;
    m_train = d.train;
    std::copy(d.extent.begin(), d.extent.end(), m_extent);
  } catch (const std::exception& e) {
    m_reference.reset();
    m_status->setText(tr("Cannot use this data set: %1").arg(QString::fromStdString(difflab::user_message(e.what()))));
    return;
  }
  m_plots->setExtent(m_extent);
  const double w = m_extent[1] - m_extent[0], h = m_extent[3] - m_extent[2];
  setStartRegion(m_extent[1] - 0.3 * w, m_extent[3] - 0.3 * h, m_extent[1] - 0.15 * w, m_extent[3] - 0.15 * h);
  m_plots->setModes(m_reference->mode_names(), m_reference->mode_weights());
  m_status->setText(QString::fromStdString(m_reference->description()));
  m_plots->clearField(tr("Drawing the field of %1…").arg(m_settings->dataBox()->currentText()));
  refreshField();
}

void ScoreLabView::setStartRegion(double x0, double y0, double x1, double y1) {
  m_region[0] = std::min(x0, x1);
  m_region[1] = std::min(y0, y1);
  m_region[2] = std::max(x0, x1);
  m_region[3] = std::max(y0, y1);
  m_plots->setRegion(m_region);
}

void ScoreLabView::refreshField() {
  if (!m_reference) return;
  const ScoreFieldSettings s = m_settings->fieldSettings();
  if (m_raceRunning) {  // the race's job redraws the field with these settings
    std::lock_guard<std::mutex> lock(m_settingsMutex);
    m_liveSettings = s;
    return;
  }
  if ((s.source == FieldSource::Dsm || s.source == FieldSource::Ssm) && !m_race) {
    m_status->setText(tr("Train the networks first (Score matching ▸ Train both); showing the exact score."));
  }
  const std::shared_ptr<Denoiser> fileModel = s.source == FieldSource::Model && ensureModel([this] {
                                                if (m_settings->fieldSettings().source == FieldSource::Model)
                                                  refreshField();
                                              })
                                                  ? modelDenoiser()
                                                  : nullptr;
  // A model compared with other data than its own: say so, or its error reads as the model's fault.
  QString otherData;
  if (fileModel) {
    QString name = m_modelPanel->model()->dataName;
    name.remove(QStringLiteral(" (exact mixture)"));
    const QString key = m_settings->dataKey();
    if (!name.isEmpty() && key != QStringLiteral("toy:%1").arg(name) && key != QStringLiteral("mix:%1").arg(name))
      otherData = tr(" The model was trained on %1, the reference is %2: the error includes the difference between "
                     "the two data sets.")
                      .arg(name, m_settings->dataBox()->currentText());
  }
  auto reference = m_reference;
  auto race = m_race;
  const std::array<double, 4> extent{m_extent[0], m_extent[1], m_extent[2], m_extent[3]};
  setBusy(true, {}, /*countsSteps=*/false);  // a field is quick: the bar keeps showing the last run
  m_runner->start([this, reference, race, fileModel, extent, s,
                   otherData](const JobRunner::Context& ctx) -> std::function<void()> {
    ScoreFieldPicture f = ScoreFieldPicture::compute(*reference, race.get(), fileModel.get(), extent.data(), s, ctx);
    return [this, f, s, otherData] {
      m_plots->showField(f.points, f.exact, f.learned, f.heat, s.grid, f.heatLabel, f.caption + otherData);
      emit resultShown(QStringLiteral("field"));
    };
  });
}

void ScoreLabView::setBusy(bool busy, const QString& what, bool countsSteps) {
  if (busy) m_barCounts = countsSteps;
  if (!busy || countsSteps) m_run->setRunning(busy);
  if (!busy) {
    if (m_barCounts) m_run->progressBar()->setValue(m_run->progressBar()->maximum());
    m_barCounts = false;
    if (m_raceRunning) {
      m_raceRunning = false;
      raceButton()->setText(tr("Train both"));
      if (!what.isEmpty()) m_status->setText(what);
      refreshField();  // the final field of the trained networks
      return;
    }
  }
  if (!what.isEmpty()) m_status->setText(what);
}

bool ScoreLabView::ensureModel(std::function<void()> retry) {
  if (!m_modelPanel->ensure(std::move(retry))) {
    m_status->setText(ModelOpener::openingText(m_modelPanel->spec()));
    return false;
  }
  if (!modelDenoiser()) {
    m_status->setText(tr("%1 is not a 2-D model: the score lab needs a model of points (a two-moons or mixture "
                         "checkpoint, or a mixture).")
                          .arg(ModelSourceBox::displayName(m_modelPanel->spec())));
    return false;
  }
  return true;
}

std::shared_ptr<Denoiser> ScoreLabView::modelDenoiser() const {
  const std::shared_ptr<const SamplingModel> model = m_modelPanel->model();
  // Points in the plane only: a 1-D model's field has no second coordinate to draw.
  return model && model->sampleShape() == std::vector<int64_t>{2} ? model->denoiser : nullptr;
}

void ScoreLabView::onModelOpened(const std::shared_ptr<const SamplingModel>& model) {
  if (m_status->text() == ModelOpener::openingText(m_modelPanel->spec())) m_status->clear();
  if (!model || !model->isPoints() || m_settings->fieldSettings().source != FieldSource::Model) return;
  // The reference is the data the model was trained on (a mixture is its own data), when the lab offers them.
  QString name = model->dataName;
  name.remove(QStringLiteral(" (exact mixture)"));
  for (const QString& key : {QStringLiteral("toy:%1").arg(name), QStringLiteral("mix:%1").arg(name)})
    if (key == m_settings->dataKey() || m_settings->selectData(key)) return;
}

void ScoreLabView::stop() {
  if (m_runner && m_runner->isRunning()) m_runner->requestStop();
}

void ScoreLabView::runLangevin() {
  if (!m_reference) return;
  const FieldSource source = m_settings->langevinSource();
  if ((source == FieldSource::Dsm || source == FieldSource::Ssm) && !m_race) {
    m_status->setText(tr("Train the networks first (Score matching ▸ Train both), or run on the exact score."));
    return;
  }
  if (source == FieldSource::Model && !ensureModel([this] { runLangevin(); })) return;  // runs once it is open
  const std::shared_ptr<Denoiser> fileModel = source == FieldSource::Model ? modelDenoiser() : nullptr;
  LangevinOptions o = m_settings->langevinOptions();
  o.seed = 1;
  const int64_t n = m_settings->particleCount();
  at::Tensor lo = at::tensor({m_region[0], m_region[1]}, at::kDouble),
             hi = at::tensor({m_region[2], m_region[3]}, at::kDouble);
  at::Generator gen = at::detail::createCPUGenerator(7);
  const at::Tensor start = lo + (hi - lo) * at::rand({n, 2}, gen, at::kDouble);
  auto reference = m_reference;
  auto race = m_race;
  const NoiseSchedule schedule = m_schedule->schedule();
  m_frames.clear();
  m_plots->clearParticles();
  m_particlesFollowModel = source == FieldSource::Model;
  m_settings->exportButton()->setEnabled(false);
  setBusy(true, tr("Langevin particles…"), /*countsSteps=*/true);
  m_runner->start([this, reference, race, fileModel, schedule, start, o,
                   source](const JobRunner::Context& ctx) -> std::function<void()> {
    ScoreFunction score =
        source == FieldSource::Exact ? score_function(*reference)
        : source == FieldSource::Model
            ? score_function(*fileModel)
            : score_function(source == FieldSource::Dsm ? race->dsm_denoiser() : race->ssm_denoiser());
    auto show = [this, &ctx](const LangevinFrame& f) {
      ctx.post([this, f] {
        if (int(m_frames.size()) < kParticleFramesMax) m_frames.push_back(f.positions);
        m_plots->showParticles(f.positions, f.fractions, f.caption);
      });
    };
    LangevinFrame::run(score, *reference, schedule, start, o, show, ctx);
    return [this] {
      m_settings->exportButton()->setEnabled(!m_frames.empty());
      m_status->setText(tr("Particles done: the bars show where they ended, the grey ones the true weights."));
      emit resultShown(QStringLiteral("langevin"));
    };
  });
}

void ScoreLabView::exportParticles() {
  if (m_frames.empty()) return;
  const std::vector<at::Tensor> frames = m_frames;
  const at::Tensor background = m_train;
  PointView view{m_extent[0], m_extent[1], m_extent[2], m_extent[3]};
  const double side = std::max(view.x_max - view.x_min, view.y_max - view.y_min);
  view.x_max = view.x_min + side;
  view.y_max = view.y_min + side;
  AnimationSource source;
  source.count = int(frames.size());
  source.fps = 25;
  source.name = QStringLiteral("langevin-particles");
  source.description = tr("%1 frames of %2 particles").arg(frames.size()).arg(frames.front().size(0));
  source.frame = [frames, background, view](int k) {
    const at::Tensor rgb = point_frame(frames[size_t(k)], view, background).contiguous();
    const QImage image(rgb.data_ptr<uint8_t>(), int(rgb.size(1)), int(rgb.size(0)), int(rgb.size(1) * 3),
                       QImage::Format_RGB888);
    return image.copy();
  };
  exportAnimation(this, source);
}

void ScoreLabView::runRace() {
  if (!m_reference) return;
  if (m_raceRunning) return;
  try {
    if (!m_race) {
      ScoreRaceOptions o;
      o.network = MlpDenoiserOptions{2, 64, 2, 32, 0};
      o.batch_size = 256;
      o.learning_rate = 3e-3;
      o.eval_samples = 512;
      o.seed = 7;
      const double T = double(m_schedule->schedule().timesteps());  // the evaluation times scale with T
      for (double& t : o.eval_t) t = std::clamp(std::round(t * T / 1000.0), 1.0, T);
      o.dsm_prediction = m_settings->dsmPrediction();
      m_race = std::make_shared<ScoreMatchingRace>(m_train, m_schedule->schedule(), *m_reference, o);
      m_plots->clearRace();
    }
  } catch (const std::exception& e) {
    m_status->setText(QString::fromStdString(difflab::user_message(e.what())));
    return;
  }
  {
    std::lock_guard<std::mutex> lock(m_settingsMutex);
    m_liveSettings = m_settings->fieldSettings();
  }
  m_raceRunning = true;
  raceButton()->setText(tr("Training…"));
  setBusy(true, tr("Training DSM and SSM…"), /*countsSteps=*/true);
  auto race = m_race;
  auto reference = m_reference;
  const std::shared_ptr<Denoiser> fileModel = modelDenoiser();  // for arrows that follow the model meanwhile
  const std::array<double, 4> extent{m_extent[0], m_extent[1], m_extent[2], m_extent[3]};
  const int64_t steps = m_settings->raceSteps();
  m_runner->start([this, race, reference, fileModel, extent,
                   steps](const JobRunner::Context& ctx) -> std::function<void()> {
    // The race's small networks (batch 256, width 64) run faster on one intra-op thread: 1000 steps in 5.2 s
    // against 17.9 s on two (bench/bench_score_race.cpp, docs/performance.md), and the other core stays with the GUI.
    const IntraOpThreads oneThread(1);
    auto post_evaluation = [&] {
      const ScoreRaceEvaluation e = race->evaluate();
      ScoreFieldSettings s;
      {
        std::lock_guard<std::mutex> lock(m_settingsMutex);
        s = m_liveSettings;
      }
      if (s.heat == Heat::ModelLogDensity) s.heat = Heat::ExactLogDensity;  // the ODE likelihood waits for the end
      ScoreFieldPicture f = ScoreFieldPicture::compute(*reference, race.get(), fileModel.get(), extent.data(), s, ctx);
      ctx.post([this, e, f, s] {
        m_lastDsm = e.dsm_error;
        m_lastSsm = e.ssm_error;
        m_plots->addFieldError(double(e.step), e.dsm_error, e.ssm_error);
        m_plots->showField(f.points, f.exact, f.learned, f.heat, s.grid, f.heatLabel, f.caption);
      });
    };
    if (race->steps_done() == 0) post_evaluation();
    double dsm = 0, ssm = 0;
    int count = 0;
    for (int64_t i = 0; i < steps; ++i) {
      ctx.stop.throw_if_stopped();
      const ScoreRaceStep s = race->step();
      dsm += s.dsm_loss;
      ssm += s.ssm_loss;
      if (++count == 25 || i + 1 == steps) {
        const double step = double(s.step), d = dsm / count, m = ssm / count + 1.0;
        ctx.post([this, step, d, m] { m_plots->addRaceLoss(step, d, m); });
        dsm = ssm = 0;
        count = 0;
      }
      if ((i + 1) % 100 == 0 || i + 1 == steps) post_evaluation();
      ctx.progress(double(i + 1) / double(steps));
    }
    return [this] {
      m_status->setText(tr("Trained %1 steps. Field error (relative, mean over t): DSM %2, SSM %3.")
                            .arg(m_race ? m_race->steps_done() : 0)
                            .arg(m_lastDsm, 0, 'g', 3)
                            .arg(m_lastSsm, 0, 'g', 3));
      emit resultShown(QStringLiteral("race"));
    };
  });
}

QString ScoreLabView::lectureEquation() const {
  const NoiseSchedule& s = m_schedule->schedule();
  const double t = m_settings->tBox()->value(), ab = s.alpha_bar(static_cast<int64_t>(t));
  if (!m_settings->annealed()) return lecture::langevin(m_settings->stepSize(), t, std::sqrt((1.0 - ab) / ab));
  return lecture::annealedLangevin(m_settings->stepRatio(), m_settings->levels(), m_settings->sigmaMax(),
                                   std::sqrt((1.0 - ab) / ab));
}

QAbstractSlider* ScoreLabView::lectureSlider() const { return m_settings->tSlider(); }
QAbstractButton* ScoreLabView::lecturePlayButton() const { return isBusy() ? m_run->cancelButton() : langevinButton(); }
