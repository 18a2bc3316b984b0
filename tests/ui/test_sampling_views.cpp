// Sampling views (ui/views/generate_view, chain_player_view, sampler_comparison_view) on the exact
// 8-Gaussians mixture: the generate view's scatter fills with samples near the data and its PNG carries the
// recipe back; the player steps, rewinds and branches (the branch differs, the original stays); the
// comparison view's distance falls with NFE. With DIFFLAB_SCREENSHOT_DIR set, screenshots are written too.

// LibTorch first: <torch/torch.h> must precede every Qt header.
#include "data/dataset_catalog.h"
#include "model/imported_model.h"
#include "sampling/sampler.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include "session/dataset_state.h"
#include "session/model_opener.h"
#include "session/schedule_state.h"
#include "views/chain_player_view.h"
#include "views/generate_view.h"
#include "views/sampler_comparison_view.h"
#include "widgets/import_settings_dialog.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/sampler_options_form.h"
#include "workers/sampling_worker.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

constexpr int kTimeoutMs = 30000;

void saveScreenshot(QWidget& w, const QString& name) {
  const QString dir = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  QTest::qWait(100);  // let queued plot replots happen before grabbing
  QVERIFY(w.grab().save(QDir(dir).filePath(name)));
}

// The test MLP imported into `dir` with its sidecar's schedule family line replaced by `family` (e.g.
// "\"family\": \"cosine\""); the model's path, or empty if the files could not be written.
QString importedMlp(const QTemporaryDir& dir, const QByteArray& family) {
  const QString model = dir.filePath(QStringLiteral("mlp.safetensors"));
  if (!QFile::copy(QStringLiteral(DIFFLAB_SOURCE_DIR "/tests/data/import/mlp.safetensors"), model)) return {};
  QFile side(QStringLiteral(DIFFLAB_SOURCE_DIR "/tests/data/import/mlp.json"));
  if (!side.open(QIODevice::ReadOnly)) return {};
  QByteArray json = side.readAll();
  json.replace("\"family\": \"linear\"", family);
  QFile out(dir.filePath(QStringLiteral("mlp.json")));
  if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size()) return {};
  return model;
}

// Largest coordinate difference between two point sets of the same size.
double maxDifference(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class TestSamplingViews : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void generateFillsScatterWithSamplesNearTheData();
  void generateRestartsWhenAControlChanges();
  void generateSavesAndRestoresTheRecipe();
  void generateReportsTimestepsForTheScheduleLab();
  void playerStepsRewindsAndBranches();
  void comparisonDistanceFallsWithNfe();
  void comparisonOptimisesStepsAndComparesThem();
  void samplerFormFollowsTheRecommendedSpacingAndWarns();
  void modelOpenerReportsOnlyTheNewestOpen();
  void generateOpensAnImportedModel();
  void openAsksForTheSettingsAnImportLacks();
  void openAsksForTheScheduleADiffusersFolderLacks();
  void anEpsModelSaysWhereSamplingStarts();
  void samplerRowsAreNeverSqueezed();
  void aPresetOpenedAsAFileIsThePreset();
  void aComparisonWithoutDataSaysSoWhenDone();

 private:
  ScheduleState m_schedule;
};

void TestSamplingViews::initTestCase() {
  ScheduleState* s = &m_schedule;
  QVERIFY(s->error().isEmpty());
}

void TestSamplingViews::generateFillsScatterWithSamplesNearTheData() {
  GenerateView view(&m_schedule, nullptr);
  view.resize(1200, 800);
  view.show();
  QVERIFY(view.modelBox()->spec() == QStringLiteral("preset:8gaussians"));
  QSignalSpy generated(&view, &GenerateView::generated);
  view.samplerForm()->stepsBox()->setValue(40);
  QVERIFY(generated.wait(kTimeoutMs));
  QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));

  const at::Tensor samples = view.lastSamples();
  QCOMPARE(samples.size(0), static_cast<int64_t>(view.batchBox()->value()));
  QCOMPARE(view.scatterPlot()->graph(1)->dataCount(), view.batchBox()->value());
  QVERIFY(view.scatterPlot()->graph(0)->dataCount() > 100);  // the data behind, greyed
  QCOMPARE(view.progressBar()->value(), 40);
  // Every sample lies near one of the 8 modes: its distance to the nearest data point is small
  // compared with the spread of the data.
  const at::Tensor data = view.model()->dataPoints;
  const double spread = data.std(0).mean().item<double>();
  const at::Tensor nearest = std::get<0>(torch::cdist(samples, data).min(1));
  QVERIFY2(nearest.median().item<double>() < 0.1 * spread, "samples far from the mixture");
  saveScreenshot(view, QStringLiteral("generate-view.png"));
}

void TestSamplingViews::generateRestartsWhenAControlChanges() {
  GenerateView view(&m_schedule, nullptr);
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));  // the first preview, once the model has opened
  generated.clear();
  QSignalSpy started(view.worker(), &SamplingWorker::started);
  // Two edits in quick succession: the debounce folds them, a newer run supersedes the older one, and the
  // result that arrives is the one of the last settings.
  view.samplerForm()->stepsBox()->setValue(200);
  view.regenerate();
  view.samplerForm()->seedBox()->setValue(5);
  view.regenerate();
  QVERIFY(generated.wait(kTimeoutMs));
  QTest::qWait(300);
  QCOMPARE(generated.count(), 1);
  QVERIFY(started.count() >= 2);
  QCOMPARE(view.recipe().sampler.seed, uint64_t(5));
  QVERIFY(!view.cancelButton()->isEnabled());
}

void TestSamplingViews::generateSavesAndRestoresTheRecipe() {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("s.png"));
  {
    GenerateView view(&m_schedule, nullptr);
    QSignalSpy generated(&view, &GenerateView::generated);
    view.regenerate();  // opens the model (off the GUI thread), so that its classes fill the class box
    QTRY_VERIFY_WITH_TIMEOUT(view.model().has_value(), kTimeoutMs);
    QComboBox* sampler = view.samplerForm()->samplerBox();
    sampler->setCurrentIndex(sampler->findData(QStringLiteral("heun")));
    view.samplerForm()->stepsBox()->setValue(13);
    view.samplerForm()->seedBox()->setValue(42);
    view.batchBox()->setValue(100);
    view.classBox()->setCurrentIndex(view.classBox()->findText(QStringLiteral("2")));  // class "2" of the mixture
    view.guidanceBox()->setValue(2.5);
    QVERIFY(generated.wait(kTimeoutMs));
    QString error;
    QVERIFY2(view.savePng(path, &error), qPrintable(error));
  }
  GenerateView restored(&m_schedule, nullptr);
  QSignalSpy generated(&restored, &GenerateView::generated);
  QString error;
  QVERIFY2(restored.openPng(path, &error), qPrintable(error));
  QVERIFY(generated.wait(kTimeoutMs));  // the class is chosen once the model is open, before the run
  const difflab::SamplingRecipe r = restored.recipe();
  QCOMPARE(QString::fromStdString(r.sampler.name), QStringLiteral("heun"));
  QCOMPARE(r.sampler.steps, int64_t(13));
  QCOMPARE(r.sampler.seed, uint64_t(42));
  QCOMPARE(r.batch, int64_t(100));
  QCOMPARE(QString::fromStdString(r.class_name), QStringLiteral("2"));
  QCOMPARE(r.guidance, 2.5);
  QCOMPARE(restored.lastSamples().size(0), int64_t(100));

  QVERIFY(!restored.openPng(dir.filePath(QStringLiteral("missing.png")), &error));
  QVERIFY(error.contains(QStringLiteral("missing.png")));
}

void TestSamplingViews::generateReportsTimestepsForTheScheduleLab() {
  GenerateView view(&m_schedule, nullptr);
  QSignalSpy times(&view, &GenerateView::samplingTimesChanged);
  view.samplerForm()->stepsBox()->setValue(7);
  QVERIFY(!times.isEmpty());
  const auto t = times.last().at(0).value<std::vector<double>>();
  QCOMPARE(t.size(), size_t(7));
  for (size_t i = 1; i < t.size(); ++i) QVERIFY(t[i] < t[i - 1]);
}

void TestSamplingViews::playerStepsRewindsAndBranches() {
  ChainPlayerView player(&m_schedule, nullptr);
  player.resize(1500, 900);
  player.show();
  QSignalSpy complete(&player, &ChainPlayerView::chainComplete);
  player.batchBox()->setValue(64);
  player.samplerForm()->stepsBox()->setValue(20);
  QVERIFY(complete.wait(kTimeoutMs));
  const ChainPlayerView::Chain& chain = player.original();
  QCOMPARE(chain.totalSteps, 20);
  QCOMPARE(static_cast<int>(chain.frames.size()), 21);  // x_T and 20 steps
  QVERIFY(chain.frames.back().state);

  player.rewind();
  QCOMPARE(player.currentStep(), 0);
  QVERIFY(player.numbersLabel()->text().contains(QStringLiteral("NFE = 0")));
  player.stepForward();
  player.stepForward();
  QCOMPARE(player.currentStep(), 2);
  QVERIFY(player.numbersLabel()->text().contains(QStringLiteral("step 2 / 20")));
  QCOMPARE(player.plot(0)->graph(1)->dataCount(), 64);
  // Each 2-D panel names its coordinates: x for x_t and x̂₀, ε for ε̂.
  QCOMPARE(player.plot(0)->xAxis->label(), QStringLiteral("x₁"));
  QCOMPARE(player.plot(1)->yAxis->label(), QStringLiteral("x₂"));
  QCOMPARE(player.plot(2)->xAxis->label(), QStringLiteral("ε₁"));
  player.stepBack();
  QCOMPARE(player.currentStep(), 1);
  player.seek(8);

  // Branch at step 8 with a stochastic DDIM (η = 1) and another seed.
  const at::Tensor originalEnd = chain.frames.back().xt.clone();
  difflab::SamplerOptions b = player.branchForm()->options();
  b.name = "ddim";
  b.eta = 1.0;
  b.seed = 99;
  player.branchForm()->setOptions(b);
  QSignalSpy branchDone(&player, &ChainPlayerView::branchComplete);
  player.branchHere();
  QVERIFY(branchDone.wait(kTimeoutMs));
  QVERIFY(player.branch().has_value());
  const ChainPlayerView::Chain& branch = *player.branch();
  QCOMPARE(branch.firstStep, 8);
  QCOMPARE(branch.lastStep(), 20);
  // The branch starts from the original's state at step 8 ...
  QCOMPARE(maxDifference(branch.frames.front().xt, chain.at(8)->xt), 0.0);
  // ... ends elsewhere, while the original chain is untouched.
  QVERIFY(maxDifference(branch.frames.back().xt, originalEnd) > 1e-3);
  QCOMPARE(maxDifference(player.original().frames.back().xt, originalEnd), 0.0);
  QCOMPARE(static_cast<int>(player.original().frames.size()), 21);
  // NFE carries over from the original at the branch point.
  QCOMPARE(branch.frames.back().nfe, chain.at(8)->nfe + 12);

  player.seek(14);
  QCOMPARE(player.plot(0)->graph(2)->dataCount(), 64);  // both chains drawn
  QVERIFY(player.branchNumbersLabel()->text().contains(QStringLiteral("step 14 / 20")));
  saveScreenshot(player, QStringLiteral("chain-player.png"));

  // Playing walks to the end and stops.
  player.rewind();
  player.play();
  QTRY_COMPARE_WITH_TIMEOUT(player.currentStep(), 20, kTimeoutMs);
  QTRY_VERIFY(!player.isPlaying());
}

void TestSamplingViews::comparisonDistanceFallsWithNfe() {
  SamplerComparisonView view(&m_schedule, nullptr);
  view.resize(1400, 900);
  view.show();
  view.setSamplers({QStringLiteral("ddim"), QStringLiteral("heun")});
  view.stepsEdit()->setText(QStringLiteral("1, 3, 10, 30"));
  view.batchBox()->setValue(600);
  QSignalSpy done(&view, &SamplerComparisonView::comparisonFinished);
  view.run();
  QVERIFY(done.wait(kTimeoutMs));
  QCOMPARE(static_cast<int>(view.cells().size()), 8);
  QVERIFY(view.floorDistance() > 0);
  for (int s = 0; s < 2; ++s) {
    QCPGraph* curve = view.plot()->graph(s);
    QCOMPARE(curve->dataCount(), 4);
    const double first = curve->data()->at(0)->value, last = curve->data()->at(3)->value;
    QVERIFY2(last < 0.25 * first, qPrintable(QStringLiteral("sampler %1: %2 -> %3").arg(s).arg(first).arg(last)));
    QVERIFY(curve->data()->at(0)->key < curve->data()->at(3)->key);
  }
  QVERIFY(view.grid()->item(1, 3) && !view.grid()->item(1, 3)->icon().isNull());
  saveScreenshot(view, QStringLiteral("sampler-comparison.png"));
}

void TestSamplingViews::comparisonOptimisesStepsAndComparesThem() {
  SamplerComparisonView view(&m_schedule, nullptr);
  view.resize(1400, 900);
  view.show();
  view.setSamplers({QStringLiteral("ddim"), QStringLiteral("dpmpp-2m"), QStringLiteral("unipc"),
                    QStringLiteral("dpmpp-2s-ancestral"), QStringLiteral("restart")});
  view.stepsEdit()->setText(QStringLiteral("5, 10, 20"));
  view.batchBox()->setValue(600);
  QCOMPARE(view.spacingBox()->currentData().toInt(), -1);  // each sampler on its recommended spacing
  view.optimiseStepsBox()->setValue(10);
  QSignalSpy optimised(&view, &SamplerComparisonView::optimisationFinished);
  QSignalSpy times(&view, &SamplerComparisonView::samplingTimesChanged);
  view.optimiseSteps();  // opens the model off the GUI thread first, then searches on a worker thread
  QVERIFY(optimised.wait(kTimeoutMs * 4));
  QCOMPARE(view.optimisedSampler(), QStringLiteral("dpmpp-2m"));  // the first checked deterministic sampler
  const std::vector<double>& t = view.optimisedTimesteps();
  QCOMPARE(static_cast<int>(t.size()), 11);
  QCOMPARE(t.front(), 1000.0);
  QCOMPARE(t.back(), 0.0);
  for (size_t i = 1; i < t.size(); ++i) QVERIFY(t[i] < t[i - 1]);
  QCOMPARE(times.count(), 1);  // drawn on the schedule lab's plots
  QTemporaryDir dir;
  const QString file = dir.filePath(QStringLiteral("steps.json"));
  QVERIFY(view.saveOptimisedSteps(file));
  QFile saved(file);
  QVERIFY(saved.open(QIODevice::ReadOnly));
  QVERIFY(saved.readAll().contains("\"timesteps\""));

  QSignalSpy done(&view, &SamplerComparisonView::comparisonFinished);
  view.run();
  QVERIFY(done.wait(kTimeoutMs * 4));
  QCOMPARE(static_cast<int>(view.cells().size()), 5 * 3 + 1);  // the optimised grid is one more cell
  QCOMPARE(view.grid()->rowCount(), 6);
  QVERIFY(view.grid()->verticalHeaderItem(5)->text().contains(QStringLiteral("optimised")));
  const ComparisonCell& last = view.cells().back();
  QVERIFY(last.error.isEmpty());
  QVERIFY(std::isfinite(last.distance));
  QCOMPARE(static_cast<int>(last.nfe), 10);
  QVERIFY(view.plot()->graph(5)->name().contains(QStringLiteral("optimised")));
  saveScreenshot(view, QStringLiteral("sampler-comparison-optimised.png"));
}

void TestSamplingViews::samplerFormFollowsTheRecommendedSpacingAndWarns() {
  SamplerOptionsForm form;
  form.samplerBox()->setCurrentIndex(form.samplerBox()->findData(QStringLiteral("dpmpp-2m")));
  const auto recommended = difflab::sampler_info("dpmpp-2m").recommended_spacing;
  QCOMPARE(form.options().spacing, recommended);
  QVERIFY(form.spacingBox()->currentText().contains(QStringLiteral("(recommended)")));
  // η follows the sampler: 1 for the ancestral samplers, 0 for DDIM.
  form.samplerBox()->setCurrentIndex(form.samplerBox()->findData(QStringLiteral("euler-ancestral")));
  QCOMPARE(form.options().eta, 1.0);
  form.samplerBox()->setCurrentIndex(form.samplerBox()->findData(QStringLiteral("ddim")));
  QCOMPARE(form.options().eta, 0.0);
  // A combination that measures badly shows its warning; a good one hides it.
  form.samplerBox()->setCurrentIndex(form.samplerBox()->findData(QStringLiteral("euler-maruyama")));
  form.spacingBox()->setCurrentIndex(form.spacingBox()->findData(static_cast<int>(difflab::TimestepSpacing::Leading)));
  form.stepsBox()->setValue(10);
  QVERIFY(!form.warningLabel()->isHidden());
  QVERIFY(form.warningLabel()->text().contains(QStringLiteral("DDIM")));
  form.samplerBox()->setCurrentIndex(form.samplerBox()->findData(QStringLiteral("ddim")));
  QVERIFY(form.warningLabel()->isHidden());
  // Every sampler parameter of the table has an editor, shown only for the samplers that read it.
  QVERIFY(form.parameterEditor("restart-k") != nullptr);
  QVERIFY(form.parameterEditor("pc-snr") != nullptr);
}

void TestSamplingViews::modelOpenerReportsOnlyTheNewestOpen() {
  ModelOpener opener;
  QStringList openedSpecs;
  connect(&opener, &ModelOpener::opened, this,
          [&openedSpecs](const std::shared_ptr<const SamplingModel>& m) { openedSpecs << m->spec; });
  QSignalSpy failed(&opener, &ModelOpener::failed);
  int retries = 0;
  SamplingModelRequest bad;
  bad.spec = QStringLiteral("/nonexistent/folder/model.ckpt");
  bad.schedule = m_schedule.options();
  // A file that cannot be opened: the message names it, and the action waiting for it does not run.
  QVERIFY(!opener.ensure(bad, [&retries] { ++retries; }));
  QVERIFY(opener.isOpening());
  QVERIFY(failed.wait(kTimeoutMs));
  QVERIFY2(failed.last().at(0).toString().contains(QStringLiteral("model.ckpt")),
           qPrintable(failed.last().at(0).toString()));
  QCOMPARE(retries, 0);
  QVERIFY(!opener.isCurrent() && !opener.isOpening());

  // Settings change while a file opens: the old open's outcome is dropped, only the newest is reported, and
  // the stored action runs once, after it.
  QVERIFY(!opener.ensure(bad, [&retries] { retries += 100; }));
  opener.invalidate();
  SamplingModelRequest good = bad;
  good.spec = QStringLiteral("preset:8gaussians");
  QVERIFY(!opener.ensure(good, [&retries] { ++retries; }));
  QVERIFY(!opener.ensure(good, [&retries] { ++retries; }));  // asked again while opening: no second open
  QTRY_COMPARE_WITH_TIMEOUT(openedSpecs.size(), 1, kTimeoutMs);
  QTest::qWait(200);  // the stale open has finished by now; it must not be reported
  QCOMPARE(openedSpecs, QStringList{good.spec});
  QCOMPARE(failed.count(), 1);
  QCOMPARE(retries, 1);
  QVERIFY(opener.isCurrent());
  QVERIFY(opener.ensure(good, [&retries] { ++retries; }));  // open: answered at once, nothing stored
  QCOMPARE(retries, 1);

  // The one schedule rule of every view: a mixture lives on the lab's schedule, so a schedule change drops it...
  difflab::ScheduleOptions cosine = good.schedule;
  cosine.family = difflab::ScheduleFamily::Cosine;
  QVERIFY(opener.setSchedule(cosine));
  QVERIFY(!opener.isCurrent() && opener.model() == nullptr);
  QVERIFY(opener.request().schedule.family == difflab::ScheduleFamily::Cosine);
  // ... while a trained model keeps its own schedule and stays open, unless it is sampled along the lab's.
  SamplingModelRequest trained = good;
  trained.spec = QStringLiteral(DIFFLAB_SOURCE_DIR "/models/8gaussians.ckpt");
  QVERIFY(!opener.ensure(trained, {}));
  QTRY_VERIFY_WITH_TIMEOUT(opener.isCurrent(), kTimeoutMs);
  QVERIFY(!opener.setSchedule(cosine));
  QVERIFY(opener.isCurrent() && opener.model() != nullptr);
  opener.setUseLabSchedule(true);
  QVERIFY(!opener.isCurrent());
  QVERIFY(!opener.ensure(std::function<void()>()));
  QTRY_VERIFY_WITH_TIMEOUT(opener.isCurrent(), kTimeoutMs);
  QVERIFY(opener.model()->rescheduled);
  QVERIFY(opener.setSchedule(good.schedule));
  QVERIFY(!opener.isCurrent());
}

// A model from outside (docs/import.md): a two-moons MLP trained here, exported as safetensors with its sidecar,
// opens in Generate like a checkpoint, says where it came from, and its samples lie on the moons.
void TestSamplingViews::generateOpensAnImportedModel() {
  QTemporaryDir dir;
  const difflab::Dataset moons = difflab::load_dataset("two-moons:2048", 0);
  difflab::TrainerOptions o;
  o.batch_size = 256;
  o.total_steps = 600;
  o.lr = 2e-3;
  o.ema_decay = 0.99;
  o.num_threads = 2;
  o.checkpoint_path = dir.filePath(QStringLiteral("moons.ckpt")).toStdString();
  difflab::ObjectiveOptions objective;
  objective.prediction = difflab::PredictionType::V;
  difflab::Trainer trainer(difflab::NetworkConfig::from_preset("mlp", "default", {2}), difflab::ScheduleOptions{},
                           objective, difflab::training_data_from(moons, "two-moons:2048"), o);
  trainer.run(o.total_steps);
  const QString weights = dir.filePath(QStringLiteral("moons.safetensors"));
  difflab::export_safetensors(o.checkpoint_path, weights.toStdString());

  GenerateView view(&m_schedule, nullptr);
  view.resize(1200, 800);
  view.show();
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));  // the default mixture first
  view.samplerForm()->stepsBox()->setValue(30);
  view.modelBox()->setSpec(weights);
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && view.model()->description.contains(QStringLiteral("safetensors")),
                           kTimeoutMs);
  QVERIFY(view.model()->description.contains(QStringLiteral("sidecar moons.json")));
  generated.clear();
  view.regenerate();
  QVERIFY(generated.wait(kTimeoutMs));
  QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
  const at::Tensor samples = view.lastSamples();
  QVERIFY(torch::isfinite(samples).all().item<bool>());
  // Most samples lie near the two moons: the median distance to the data is small against its spread.
  const at::Tensor data = moons.data.to(torch::kFloat32);
  const at::Tensor nearest = std::get<0>(torch::cdist(samples.to(torch::kFloat32), data).min(1));
  QVERIFY2(nearest.median().item<double>() < 0.15 * data.std(0).mean().item<double>(), "samples far from the moons");
  saveScreenshot(view, QStringLiteral("generate-imported.png"));
}

void TestSamplingViews::openAsksForTheSettingsAnImportLacks() {
  // The notebook-style SimpleUnet of tests/data/import as torch.save(state_dict), with no sidecar: Open… reads
  // what it is, asks for the image size, schedule and parameterisation in one dialog, writes them as the
  // sidecar and opens the model; the next time the file opens without asking.
  QTemporaryDir dir;
  const QString model = dir.filePath(QStringLiteral("unet.pt"));
  QVERIFY(QFile::copy(QStringLiteral(DIFFLAB_SOURCE_DIR "/tests/data/import/notebook_sd.pt"), model));
  GenerateView view(&m_schedule, nullptr);
  view.resize(1200, 800);
  view.show();
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));
  ModelPanel* panel = view.findChild<ModelPanel*>();
  QVERIFY(panel);
  Q_EMIT panel->sourceBox()->fileChosen(model);
  ImportSettingsDialog* dialog = nullptr;
  QTRY_VERIFY_WITH_TIMEOUT((dialog = view.findChild<ImportSettingsDialog*>()) != nullptr, kTimeoutMs);
  QVERIFY(dialog->canImport());
  QVERIFY(dialog->heightBox());
  QVERIFY2(dialog->findChildren<QLabel*>().size() > 2, "the dialog says what it recognised");
  bool saysWhat = false;
  for (const QLabel* label : dialog->findChildren<QLabel*>())
    saysWhat = saysWhat || label->text().contains(QStringLiteral("simple-unet"));
  QVERIFY2(saysWhat, "the recognised architecture is shown");
  QCOMPARE(dialog->scheduleBox()->currentIndex(), 0);  // the notebook's schedule for its SimpleUnet
  QCOMPARE(dialog->timestepsBox()->value(), 300);
  dialog->heightBox()->setValue(16);
  dialog->widthBox()->setValue(16);
  saveScreenshot(*dialog, QStringLiteral("import-settings.png"));
  const QString sidecar = dialog->sidecarPath();
  dialog->accept();
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && view.model()->spec == model, kTimeoutMs);
  QVERIFY(view.model()->description.contains(QStringLiteral("PyTorch state_dict")));
  QVERIFY(QFile::exists(sidecar));
  QFile written(sidecar);
  QVERIFY(written.open(QIODevice::ReadOnly));
  const QByteArray json = written.readAll();
  QVERIFY2(json.contains("\"sample_shape\": [\n    3,\n    16,\n    16\n  ]"), json.constData());
  // Opened again, it asks nothing: the sidecar remembers.
  panel->choose(QStringLiteral("preset:8gaussians"));
  Q_EMIT panel->sourceBox()->fileChosen(model);
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && view.model()->spec == model, kTimeoutMs);
  QCOMPARE(view.findChildren<ImportSettingsDialog*>().size(), 0);
}

void TestSamplingViews::openAsksForTheScheduleADiffusersFolderLacks() {
  // A diffusers UNet2DModel folder with config.json and weights but no scheduler_config.json: the open fails
  // on the missing schedule, so the same dialog asks for it and writes a scheduler_config.json as diffusers does.
  QTemporaryDir dir;
  const QString source = QStringLiteral(DIFFLAB_SOURCE_DIR "/tests/data/import/diffusers/ddpm-like/");
  for (const char* file : {"config.json", "diffusion_pytorch_model.safetensors"})
    QVERIFY(QFile::copy(source + QLatin1String(file), dir.filePath(QLatin1String(file))));
  GenerateView view(&m_schedule, nullptr);
  view.resize(1200, 800);
  view.show();
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));
  ModelPanel* panel = view.findChild<ModelPanel*>();
  QVERIFY(panel);
  Q_EMIT panel->sourceBox()->fileChosen(dir.filePath(QStringLiteral("config.json")));
  ImportSettingsDialog* dialog = nullptr;
  QTRY_VERIFY_WITH_TIMEOUT((dialog = view.findChild<ImportSettingsDialog*>()) != nullptr, kTimeoutMs);
  QVERIFY(dialog->canImport());
  QVERIFY(!dialog->heightBox());  // config.json gives the image size
  QCOMPARE(QFileInfo(dialog->sidecarPath()).fileName(), QStringLiteral("scheduler_config.json"));
  bool saysWhat = false;
  for (const QLabel* label : dialog->findChildren<QLabel*>())
    saysWhat = saysWhat || label->text().contains(QStringLiteral("scheduler_config.json"));
  QVERIFY2(saysWhat, "the dialog says what is missing");
  dialog->scheduleBox()->setCurrentIndex(3);  // cosine
  dialog->predictionBox()->setCurrentIndex(dialog->predictionBox()->findData(QStringLiteral("v")));
  saveScreenshot(*dialog, QStringLiteral("import-settings-diffusers.png"));
  dialog->accept();
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && view.model()->description.contains(QStringLiteral("diffusers")), kTimeoutMs);
  QFile written(dir.filePath(QStringLiteral("scheduler_config.json")));
  QVERIFY(written.open(QIODevice::ReadOnly));
  const QByteArray json = written.readAll();
  QVERIFY2(json.contains("\"beta_schedule\": \"squaredcos_cap_v2\""), json.constData());
  QVERIFY2(json.contains("\"prediction_type\": \"v_prediction\""), json.constData());
  QVERIFY(view.model()->description.contains(QStringLiteral("predicts v")));
}

void TestSamplingViews::anEpsModelSaysWhereSamplingStarts() {
  // An ε-prediction model on the cosine schedule cannot start at t = T (x̂₀ would multiply its error by σ_VE(T)):
  // the note under the model says where sampling starts, in the GUI's symbols, and follows the spacing.
  QTemporaryDir dir;
  const QString model = importedMlp(dir, "\"family\": \"cosine\"");
  QVERIFY(!model.isEmpty());
  GenerateView view(&m_schedule, nullptr);
  view.resize(1200, 800);
  view.show();
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));
  QComboBox* spacing = view.samplerForm()->spacingBox();
  spacing->setCurrentIndex(spacing->findData(static_cast<int>(difflab::TimestepSpacing::Karras)));
  view.modelPanel()->choose(model);
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && view.model()->spec == model, kTimeoutMs);
  // The note is written when the model opens and again when a run starts; waiting for `generated` here would
  // race with a run that finished while the model was being opened (CI, 2 busy cores).
  QTRY_VERIFY_WITH_TIMEOUT(view.modelPanel()->infoText().contains(QStringLiteral("Sampling starts at σ_VE = 160")),
                           kTimeoutMs);
  const QString info = view.modelPanel()->infoText();
  QVERIFY2(info.contains(QStringLiteral("ε-prediction")), qPrintable(info));
  QVERIFY2(!info.contains(QStringLiteral("sigma_VE")), qPrintable(info));
  // Leading spacing starts at t = 981, below the limit: no note.
  spacing->setCurrentIndex(spacing->findData(static_cast<int>(difflab::TimestepSpacing::Leading)));
  QTRY_VERIFY2_WITH_TIMEOUT(!view.modelPanel()->infoText().contains(QStringLiteral("Sampling starts")),
                            qPrintable(view.modelPanel()->infoText()), kTimeoutMs);

  // ᾱ_T = 0: an ε-model's x̂₀ at t = T is undefined (Lin et al. 2024, sec. 3.3). The panel warns, says where
  // sampling starts instead, and advises v-prediction.
  QTemporaryDir zeroDir;
  const QString zero = importedMlp(zeroDir, "\"family\": \"linear\", \"zero_terminal_snr\": true");
  QVERIFY(!zero.isEmpty());
  spacing->setCurrentIndex(spacing->findData(static_cast<int>(difflab::TimestepSpacing::Trailing)));
  view.modelPanel()->choose(zero);
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && view.model()->spec == zero, kTimeoutMs);
  QTRY_VERIFY2_WITH_TIMEOUT(
      view.modelPanel()->infoText().contains(QStringLiteral("Warning: an ε-prediction model on a zero-terminal-SNR")),
      qPrintable(view.modelPanel()->infoText()), kTimeoutMs);
  const QString warning = view.modelPanel()->infoText();
  QVERIFY2(warning.contains(QStringLiteral("Sampling starts at σ_VE = 160")), qPrintable(warning));
  QVERIFY2(warning.contains(QStringLiteral("v-prediction")), qPrintable(warning));
}

void TestSamplingViews::samplerRowsAreNeverSqueezed() {
  // Heun at 3 steps (a wrapped warning), PC, then annealed Langevin (a warning again, two new rows): the first new
  // row was squeezed to 0 px when the warning sat inside the QFormLayout (#18 trial).
  GenerateView view(&m_schedule, nullptr);
  view.resize(1366, 700);
  view.show();
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));
  SamplerOptionsForm* form = view.samplerForm();
  for (const auto& [name, steps] : {std::pair{"heun", 3}, {"pc", 10}, {"annealed-langevin", 10}, {"heun", 3}}) {
    form->samplerBox()->setCurrentIndex(form->samplerBox()->findData(QString::fromLatin1(name)));
    form->stepsBox()->setValue(steps);
    QTest::qWait(50);
    QApplication::processEvents();
    for (QWidget* child : form->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly))
      if (child->isVisible())
        QVERIFY2(child->height() >= child->minimumSizeHint().height(),
                 qPrintable(QStringLiteral("%1: %2 '%3' is %4 px high, needs %5")
                                .arg(QString::fromLatin1(name), QString::fromLatin1(child->metaObject()->className()),
                                     child->property("text").toString().left(30))
                                .arg(child->height())
                                .arg(child->minimumSizeHint().height())));
  }
  QVERIFY(form->parameterEditor("langevin-step-size") != nullptr);
}

void TestSamplingViews::aPresetOpenedAsAFileIsThePreset() {
  // Open… on resources/mixtures/8gaussians.json selects the preset, not a second entry beside it (#18 trial).
  ModelSourceBox box;
  const int entries = box.comboBox()->count();
  box.setSpec(QStringLiteral(DIFFLAB_SOURCE_DIR "/resources/mixtures/../mixtures/8gaussians.json"));
  QCOMPARE(box.spec(), QStringLiteral("preset:8gaussians"));
  QCOMPARE(box.comboBox()->count(), entries);
  // The closed box's tooltip has the whole name (a narrow column elides it).
  QVERIFY2(box.comboBox()->toolTip().startsWith(QStringLiteral("Exact mixture: 8gaussians")),
           qPrintable(box.comboBox()->toolTip()));
  // Another file is added as itself.
  QTemporaryDir dir;
  const QString copy = dir.filePath(QStringLiteral("mine.json"));
  QVERIFY(QFile::copy(QStringLiteral(DIFFLAB_SOURCE_DIR "/resources/mixtures/8gaussians.json"), copy));
  box.setSpec(copy);
  QCOMPARE(box.spec(), copy);
  QCOMPARE(box.comboBox()->count(), entries + 1);
}

void TestSamplingViews::aComparisonWithoutDataSaysSoWhenDone() {
  // An imported model without its data: the samples fill the grid, the distance plot stays empty, and the status
  // says why after the run too, not only while it runs (#18 trial, Fashion-MNIST).
  QTemporaryDir dir;
  const QString model = dir.filePath(QStringLiteral("mlp.safetensors"));
  QVERIFY(QFile::copy(QStringLiteral(DIFFLAB_SOURCE_DIR "/tests/data/import/mlp.safetensors"), model));
  QVERIFY(QFile::copy(QStringLiteral(DIFFLAB_SOURCE_DIR "/tests/data/import/mlp.json"),
                      dir.filePath(QStringLiteral("mlp.json"))));
  SamplerComparisonView view(&m_schedule, nullptr);
  view.resize(1400, 900);
  view.show();
  view.modelPanel()->choose(model);
  QTRY_VERIFY_WITH_TIMEOUT(view.modelPanel()->model() && view.modelPanel()->model()->spec == model, kTimeoutMs);
  if (view.modelPanel()->model()->dataPoints.defined()) QSKIP("this model carries its data");
  view.setSamplers({QStringLiteral("ddim")});
  view.stepsEdit()->setText(QStringLiteral("2, 4"));
  view.batchBox()->setValue(50);
  QSignalSpy done(&view, &SamplerComparisonView::comparisonFinished);
  view.run();
  QVERIFY(done.wait(kTimeoutMs));
  QVERIFY2(view.statusLabel()->text().contains(QStringLiteral("no 2-D data to measure distances against")),
           qPrintable(view.statusLabel()->text()));
}

QTEST_MAIN(TestSamplingViews)
#include "test_sampling_views.moc"
