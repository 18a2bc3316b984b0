// Training dashboard (ui/views/training_view, ui/workers/training_worker): a tiny two-moons MLP trains from
// the view on its worker thread; pause holds the step count, resume continues, Stop writes a checkpoint that
// loads and resumes; the loss plot, the per-timestep loss and the sample preview fill; a bad data set is
// reported in the message area. With DIFFLAB_SCREENSHOT_DIR set, screenshots() trains longer (two moons, and
// Fashion-MNIST with DIFFLAB_SCREENSHOT_IMAGES=1) and writes training_*.png for a manual look.

// Core headers before Qt's (LibTorch uses `slots` as an identifier).
#include "model/checkpoint_metadata.h"

#include "session/schedule_state.h"
#include "views/training_view.h"
#include "widgets/loss_plot.h"
#include "workers/rate_window.h"
#include "widgets/sample_grid_widget.h"
#include "widgets/timestep_loss_heatmap.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

TrainingJob tinyJob(const QString& checkpoint) {
  TrainingJob j;
  j.datasetSpec = "two-moons:2048";
  j.networkKind = "mlp";
  j.networkPreset = "default";
  j.trainer.batch_size = 64;
  j.trainer.total_steps = 1'000'000;  // far more than the test lets it run: Stop ends it
  j.trainer.lr = 1e-3;
  j.trainer.ema_decay = 0.99;
  j.trainer.num_threads = 1;
  j.trainer.checkpoint_path = checkpoint.toStdString();
  j.trainer.checkpoint_every = 0;
  j.previewEvery = 50;
  j.previewCount = 200;
  j.previewSteps = 5;
  return j;
}

}  // namespace

class TestTrainingView : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void trainsPausesResumesStopsAndResumesFromTheCheckpoint();
  void theSpeedNeedsAQuarterSecondOfSteps();
  void badDatasetIsReported();
  void anEpsModelOnZeroTerminalSnrIsRefusedOnce();
  void trainsInTwoProcesses();
  void aRankThatFailsAsItStartsIsReportedAtOnce();
  void measuresTheFrechetDistanceDuringTraining();
  void screenshots();
};

void TestTrainingView::trainsPausesResumesStopsAndResumesFromTheCheckpoint() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString ckpt = dir.filePath(QStringLiteral("moons.ckpt"));
  ScheduleState schedule;
  TrainingView view(&schedule);
  view.resize(1300, 800);
  view.show();
  view.setJob(tinyJob(ckpt));
  QCOMPARE(view.job().datasetSpec, std::string("two-moons:2048"));
  QCOMPARE(view.job().networkKind, std::string("mlp"));
  QSignalSpy started(&view, &TrainingView::trainingStarted);
  QSignalSpy finished(&view, &TrainingView::trainingFinished);
  QSignalSpy failed(&view, &TrainingView::trainingFailed);

  QTest::mouseClick(view.startButton(), Qt::LeftButton);
  QVERIFY(view.isRunning());
  QVERIFY(!view.startButton()->isEnabled());
  QTRY_VERIFY_WITH_TIMEOUT(view.lastStep() >= 60, 30000);
  QCOMPARE(started.count(), 1);
  QVERIFY(started.at(0).at(0).toString().contains(QStringLiteral("mlp:default")));

  // Pause: the step count holds still while paused.
  view.setPaused(true);
  QVERIFY(view.pauseButton()->isChecked());
  QTRY_VERIFY_WITH_TIMEOUT(view.statusText().startsWith(QStringLiteral("Paused")), 10000);
  QTest::qWait(100);
  const qint64 pausedAt = view.lastStep();
  QTest::qWait(400);
  QCOMPARE(view.lastStep(), pausedAt);
  QVERIFY(view.isRunning());

  // Resume, then stop: the worker writes the checkpoint.
  view.setPaused(false);
  QTRY_VERIFY_WITH_TIMEOUT(view.lastStep() > pausedAt + 20, 30000);
  view.stop();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
  QCOMPARE(failed.count(), 0);
  const qint64 stoppedAt = finished.at(0).at(0).toLongLong();
  QVERIFY(finished.at(0).at(1).toBool());
  QCOMPARE(finished.at(0).at(2).toString(), ckpt);
  QVERIFY(!view.isRunning());
  QVERIFY(view.startButton()->isEnabled());
  QVERIFY(view.messageLabel()->isVisible());
  QVERIFY(view.messageLabel()->text().contains(ckpt));

  // Every step reached the loss plot; the per-timestep loss and the samples have data.
  QCOMPARE(view.lossPlot()->rawGraph()->dataCount(), static_cast<int>(stoppedAt));
  QCOMPARE(view.lossPlot()->smoothedGraph()->dataCount(), static_cast<int>(stoppedAt));
  QVERIFY(view.timestepLoss()->snapshotCount() > 0);
  QCOMPARE(view.timestepLoss()->bucketCount(), 10);
  QVERIFY(view.timestepLoss()->finiteCellCount() > 0);
  QCOMPARE(view.samples()->pointCount(), 200);
  // Previews come every 50 steps and none after a Stop: a caption drawn earlier says that the run went on.
  if (stoppedAt % 50 != 0)
    QVERIFY2(
        view.samples()->caption().contains(
            QStringLiteral("(drawn at step %1; the run stopped at step %2)").arg(stoppedAt / 50 * 50).arg(stoppedAt)),
        qPrintable(view.samples()->caption()));
  view.logScaleCheck()->setChecked(true);
  QCOMPARE(view.lossPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
  // Within two decades the log axis is labelled at 1-2-5 steps, down to the lowest losses.
  view.lossPlot()->yAxis->setRange(0.15, 1.2);
  view.lossPlot()->replot();
  QCOMPARE(view.lossPlot()->yAxis->tickVector(), (QVector<double>{0.2, 0.5, 1.0}));
  view.timestepModeCombo()->setCurrentIndex(1);
  QCOMPARE(view.timestepLoss()->mode(), TimestepLossHeatmap::Mode::Curves);
  QCOMPARE(view.timestepLoss()->graphCount(), 10);

  // The checkpoint verifies (magic, lengths, CRC) and records the step Stop ended at.
  const difflab::ModelCheckpoint c = difflab::read_model_checkpoint(ckpt.toStdString());
  QCOMPARE(static_cast<qint64>(c.metadata.step), stoppedAt);
  QCOMPARE(c.metadata.network.kind, std::string("mlp"));
  QVERIFY(c.sections.count("ema") == 1);

  // Resume from it for 30 more steps: the run continues at the stored step and ends normally.
  TrainingJob more = tinyJob(ckpt);
  more.resumePath = ckpt.toStdString();
  more.trainer.total_steps = stoppedAt + 30;
  view.setJob(more);
  view.start();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
  QCOMPARE(finished.at(1).at(0).toLongLong(), stoppedAt + 30);
  QVERIFY(!finished.at(1).at(1).toBool());
  QCOMPARE(view.lossPlot()->rawGraph()->dataCount(), 30);
  QCOMPARE(view.lossPlot()->rawGraph()->data()->begin()->key, static_cast<double>(stoppedAt + 1));
  QCOMPARE(difflab::read_checkpoint(ckpt.toStdString()).metadata.at("step").get<qint64>(), stoppedAt + 30);
}

// Processes = 2: the view's worker is rank 0 and starts a difflab-cli rank; the run feeds the same plots,
// cannot pause, and its checkpoint is the one-process run's (core/test_distributed checks the weights).
void TestTrainingView::trainsInTwoProcesses() {
  qputenv("DIFFLAB_CLI", DIFFLAB_CLI);
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString ckpt = dir.filePath(QStringLiteral("two.ckpt"));
  ScheduleState schedule;
  TrainingView view(&schedule);
  view.resize(1500, 900);
  view.show();
  TrainingJob job = tinyJob(ckpt);
  job.datasetSpec = "two-moons";
  job.trainer.batch_size = 256;
  job.trainer.total_steps = 600;
  job.previewEvery = 200;
  job.previewCount = 1000;
  job.previewSteps = 25;
  job.processes = 2;
  view.setJob(job);
  QCOMPARE(view.processesBox()->value(), 2);
  QCOMPARE(view.job().processes, 2);
  QSignalSpy started(&view, &TrainingView::trainingStarted);
  QSignalSpy finished(&view, &TrainingView::trainingFinished);
  QSignalSpy failed(&view, &TrainingView::trainingFailed);
  view.start();
  QVERIFY(!view.pauseButton()->isEnabled());  // the other rank cannot wait for a pause
  QVERIFY(!view.processesBox()->isEnabled());
  QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, 120000);
  QCOMPARE(failed.count(), 0);
  QCOMPARE(started.count(), 1);
  const QString description = started.at(0).at(0).toString();
  QVERIFY2(description.contains(QStringLiteral("2 processes")) && description.contains(QStringLiteral("gloo")),
           qPrintable(description));
  QCOMPARE(finished.at(0).at(0).toLongLong(), 600);
  QVERIFY(!finished.at(0).at(1).toBool());
  QCOMPARE(view.lossPlot()->rawGraph()->dataCount(), 600);
  QCOMPARE(view.samples()->pointCount(), 1000);
  const difflab::ModelCheckpoint c = difflab::read_model_checkpoint(ckpt.toStdString());
  QCOMPARE(static_cast<qint64>(c.metadata.step), 600);
  QVERIFY(view.processesBox()->isEnabled());
  const QString out = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  if (!out.isEmpty()) {
    QDir().mkpath(out);
    QTest::qWait(200);
    QVERIFY(view.grab().save(QDir(out).filePath(QStringLiteral("training-two-processes.png"))));
  }
}

// The other rank's program fails at once: the run fails within seconds (not after the 300 s rendezvous
// timeout), with the rank's own last words, and the view is ready for another start.
void TestTrainingView::aRankThatFailsAsItStartsIsReportedAtOnce() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString fake = dir.filePath(QStringLiteral("broken-cli"));
  {
    QFile f(fake);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\necho 'this rank cannot start' >&2\nexit 3\n");
  }
  QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
  qputenv("DIFFLAB_CLI", fake.toLocal8Bit());
  ScheduleState schedule;
  TrainingView view(&schedule);
  view.show();
  TrainingJob job = tinyJob(dir.filePath(QStringLiteral("x.ckpt")));
  job.processes = 2;
  view.setJob(job);
  QSignalSpy failed(&view, &TrainingView::trainingFailed);
  QElapsedTimer clock;
  clock.start();
  view.start();
  QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
  QVERIFY(clock.elapsed() < 30000);
  const QString message = failed.at(0).at(0).toString();
  QVERIFY2(message.contains(QStringLiteral("rank 1 exited with status 3: this rank cannot start")),
           qPrintable(message));
  QVERIFY(!view.isRunning());
  QVERIFY(view.startButton()->isEnabled());
  qputenv("DIFFLAB_CLI", DIFFLAB_CLI);
}

void TestTrainingView::theSpeedNeedsAQuarterSecondOfSteps() {
  // A run's last steps right after a preview used to read 19582 img/s: two reports microseconds apart after the
  // window was reset. Now no figure comes until the window spans 250 ms, and then it is the true rate.
  using namespace std::chrono_literals;
  RateWindow w;
  const auto t0 = RateWindow::Clock::now();
  w.add(t0, 100);
  QVERIFY(!w.stepsPerSecond());
  w.add(t0 + 50us, 101);  // a burst of reports
  QVERIFY(!w.stepsPerSecond());
  for (int k = 1; k <= 10; ++k) w.add(t0 + k * 100ms, 100 + 5 * k);  // 50 steps a second
  QVERIFY(w.stepsPerSecond().has_value());
  QCOMPARE(qRound(*w.stepsPerSecond()), 50);
  // The window keeps the last 3 s: a slower phase shows within it.
  for (int k = 11; k <= 60; ++k) w.add(t0 + k * 100ms, 150 + (k - 10));  // 10 steps a second from 1 s on
  QCOMPARE(qRound(*w.stepsPerSecond()), 10);
  w.reset();
  w.add(t0 + 7s, 500);
  w.add(t0 + 7s + 1ms, 501);
  QVERIFY(!w.stepsPerSecond());
}

void TestTrainingView::anEpsModelOnZeroTerminalSnrIsRefusedOnce() {
  // Lin et al. 2024, sec. 3.3: at zero terminal SNR an ε-model cannot give x̂₀ at t = T. The first Start says so
  // and starts nothing; a second Start with the same settings trains it anyway (the CLI's --force).
  ScheduleState schedule;
  difflab::ScheduleOptions zero;
  zero.zero_terminal_snr = true;
  schedule.setOptions(zero);  // training uses the Schedule lab's schedule
  TrainingView view(&schedule);
  view.show();
  TrainingJob j = tinyJob(QString());
  j.objective.prediction = difflab::PredictionType::Epsilon;
  view.setJob(j);
  view.start();
  QVERIFY(!view.isRunning());
  QVERIFY(view.messageLabel()->isVisible());
  const QString refusal = view.messageLabel()->text();
  QVERIFY2(refusal.startsWith(QStringLiteral("Not started:")), qPrintable(refusal));
  QVERIFY2(refusal.contains(QStringLiteral("Press Start again")), qPrintable(refusal));
  QVERIFY2(refusal.contains(QStringLiteral("v-prediction")), qPrintable(refusal));
  view.start();
  QVERIFY(view.isRunning());
  QSignalSpy finished(&view, &TrainingView::trainingFinished);
  view.stop();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
  // v-prediction on the same schedule starts at once.
  j.objective.prediction = difflab::PredictionType::V;
  view.setJob(j);
  view.start();
  QVERIFY(view.isRunning());
  view.stop();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
}

void TestTrainingView::badDatasetIsReported() {
  ScheduleState schedule;
  TrainingView view(&schedule);
  view.show();
  QCOMPARE(view.progressBar()->text(), QStringLiteral("no run yet"));  // not "0 / 1 steps"
  // Both empty plots say so, with no legend box over the note.
  for (QCustomPlot* plot : std::initializer_list<QCustomPlot*>{view.lossPlot(), view.timestepLoss()}) {
    plot->replot();
    const auto* note = plot->findChild<QCPItemText*>(QStringLiteral("emptyPlotNote"));
    QVERIFY(note != nullptr && note->visible());
    QVERIFY(!plot->legend->visible());
  }
  // A first run that works: its curves are on screen.
  TrainingJob good = tinyJob(QString());
  good.trainer.total_steps = 40;
  view.setJob(good);
  QSignalSpy finished(&view, &TrainingView::trainingFinished);
  view.start();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
  const int points = view.lossPlot()->rawGraph()->dataCount();
  QCOMPARE(points, 40);
  view.lossPlot()->replot();
  QVERIFY(!view.lossPlot()->findChild<QCPItemText*>(QStringLiteral("emptyPlotNote"))->visible());
  QVERIFY(view.lossPlot()->legend->visible());  // back with the curves
  // The header says how it ended, the banner at which step (once, not in both).
  QCOMPARE(view.statusText(), QStringLiteral("Finished"));
  QVERIFY(view.messageLabel()->text().contains(QStringLiteral("Finished at step 40")));

  // A start that fails leaves them alone, says why, and is not running.
  TrainingJob j = tinyJob(QString());
  j.datasetSpec = "no-such-data";
  view.setJob(j);
  QSignalSpy failed(&view, &TrainingView::trainingFailed);
  view.start();
  QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
  QVERIFY(!view.isRunning());
  QVERIFY(view.messageLabel()->isVisible());
  QVERIFY(view.messageLabel()->text().contains(QStringLiteral("no-such-data")));
  QVERIFY2(view.messageLabel()->text().startsWith(QStringLiteral("Training did not start")),
           qPrintable(view.messageLabel()->text()));
  // Not "Starting …" under the error, and the figures left on screen are marked as the previous run's.
  QCOMPARE(view.statusText(), QStringLiteral("Not started; the figures are the previous run's"));
  QCOMPARE(view.lossPlot()->rawGraph()->dataCount(), points);
  QCOMPARE(view.lossPlot()->smoothedGraph()->dataCount(), points);
}

void TestTrainingView::measuresTheFrechetDistanceDuringTraining() {
  // The zoo's Fashion-MNIST classifier is found for Fashion-MNIST data (and only for it).
  const QByteArray previousZoo = qgetenv("DIFFLAB_MODELS_DIR");
  qputenv("DIFFLAB_MODELS_DIR", QByteArray(DIFFLAB_SOURCE_DIR "/models"));
  ScheduleState schedule;
  TrainingView view(&schedule);
  view.show();
  TrainingJob j = tinyJob(QString());
  view.setJob(j);
  QVERIFY(!view.qualityEveryBox()->isEnabled());  // two moons: no classifier of that data
  QCOMPARE(view.job().qualityEvery, int64_t(0));
  j.datasetSpec = "fashion-mnist:train";
  j.networkKind = "ddpm-unet";
  j.networkPreset = "small";
  j.conditional = true;
  j.trainer.batch_size = 4;
  j.trainer.total_steps = 3;
  j.previewEvery = 0;
  j.qualityEvery = 2;
  j.qualityNum = 50;
  view.setJob(j);
  QVERIFY(view.qualityEveryBox()->isEnabled());
  const TrainingJob asked = view.job();
  QCOMPARE(QString::fromStdString(asked.qualityClassifier), QStringLiteral("zoo:fashion-mnist-classifier"));
  QCOMPARE(asked.qualityEvery, int64_t(2));
  QCOMPARE(asked.qualityNum, int64_t(50));
  QSignalSpy finished(&view, &TrainingView::trainingFinished);
  view.start();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
  // Step 2 and the end (step 3): two points on the right-hand axis, the floor dashed beside them.
  QCPGraph* quality = view.lossPlot()->qualityGraph();
  QVERIFY(quality != nullptr);
  QCOMPARE(quality->dataCount(), 2);
  QCOMPARE(quality->data()->at(0)->key, 2.0);
  QCOMPARE(quality->data()->at(1)->key, 3.0);
  // An untrained network's samples are far from the data: far above the floor of real images.
  QVERIFY(quality->data()->at(1)->value > 3 * view.lossPlot()->graph(3)->data()->at(0)->value);
  QVERIFY(view.lossPlot()->yAxis2->visible());
  QVERIFY(view.qualityLabel()->text().contains(QStringLiteral("Step 3: Fréchet distance")));
  if (const QString out = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR"); !out.isEmpty()) {
    QDir().mkpath(out);
    view.resize(1500, 900);
    QTest::qWait(200);
    QVERIFY(view.grab().save(QDir(out).filePath(QStringLiteral("training_quality.png"))));
  }
  if (previousZoo.isEmpty())
    qunsetenv("DIFFLAB_MODELS_DIR");
  else
    qputenv("DIFFLAB_MODELS_DIR", previousZoo);
}

void TestTrainingView::screenshots() {
  const QString out = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  if (out.isEmpty()) QSKIP("set DIFFLAB_SCREENSHOT_DIR to write screenshots");
  QDir().mkpath(out);
  QTemporaryDir dir;
  ScheduleState schedule;
  struct Shot {
    const char* file;
    TrainingJob job;
  };
  std::vector<Shot> shots;
  TrainingJob moons = tinyJob(dir.filePath(QStringLiteral("moons.ckpt")));
  moons.datasetSpec = "two-moons";
  moons.trainer.batch_size = 256;
  moons.trainer.total_steps = 1200;
  moons.trainer.num_threads = 2;
  moons.previewEvery = 400;
  moons.previewCount = 1000;
  moons.previewSteps = 50;
  shots.push_back({"training_two_moons.png", moons});
  if (qEnvironmentVariableIsSet("DIFFLAB_SCREENSHOT_IMAGES")) {
    TrainingJob fashion = moons;
    fashion.datasetSpec = "fashion-mnist:train";
    fashion.networkKind = "ddpm-unet";
    fashion.networkPreset = "small";
    fashion.trainer.batch_size = 32;
    fashion.trainer.lr = 5e-4;
    fashion.trainer.ema_decay = 0.995;
    fashion.trainer.total_steps = qEnvironmentVariableIntValue("DIFFLAB_SCREENSHOT_IMAGE_STEPS");
    if (fashion.trainer.total_steps <= 0) fashion.trainer.total_steps = 400;
    fashion.previewEvery = fashion.trainer.total_steps / 4;
    fashion.previewCount = 40;
    fashion.previewSteps = 25;
    fashion.trainer.checkpoint_path = dir.filePath(QStringLiteral("fashion.ckpt")).toStdString();
    shots.push_back({"training_fashion_mnist.png", fashion});
  }
  for (const Shot& shot : shots) {
    TrainingView view(&schedule);
    view.resize(1500, 900);
    view.show();
    view.setJob(shot.job);
    QSignalSpy finished(&view, &TrainingView::trainingFinished);
    view.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 3'600'000);
    view.logScaleCheck()->setChecked(true);
    QTest::qWait(200);
    QVERIFY(view.grab().save(QDir(out).filePath(QString::fromLatin1(shot.file))));
  }
}

QTEST_MAIN(TestTrainingView)
#include "test_training_view.moc"
