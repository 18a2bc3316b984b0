// One application, not eight tabs (issue #18): the window's current model reaches every sampling view unless
// a view pins its own; a model brings its own data; a file that fails never enters a list and leaves the
// previous results alone; settings the schedule cannot take are refused before anything is drawn; plots
// smooth, fit and count as described in their headers; and at a laptop's 1366 × 768 every view's run
// buttons are on screen. With DIFFLAB_SCREENSHOT_DIR set, every tab is saved at 1366 × 768.

// LibTorch first: <torch/torch.h> must precede every Qt header.
#include "data/dataset_catalog.h"
#include "model/denoiser.h"
#include "model/network_classifier.h"
#include "sampling/sampler.h"
#include "train/trainer.h"

#include <torch/torch.h>

#include "main_window.h"
#include "lecture/lecture_mode.h"
#include "session/dataset_state.h"
#include "session/model_opener.h"
#include "session/model_session.h"
#include "session/schedule_state.h"
#include "views/chain_player_view.h"
#include "views/dataset_view.h"
#include "widgets/classifier_guidance_box.h"
#include "views/generate_view.h"
#include "views/ode_lab/ode_lab_view.h"
#include "views/sampler_comparison_view.h"
#include "views/training_view.h"
#include "workers/comparison_worker.h"
#include "widgets/equal_aspect.h"
#include "widgets/loss_plot.h"
#include "widgets/model_panel.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_legend.h"
#include "widgets/plot_view_bar.h"
#include "widgets/sample_pictures.h"
#include "widgets/sampler_options_form.h"
#include "widgets/timestep_loss_heatmap.h"
#include "widgets/wheel_guard.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QTableWidget>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QScrollArea>
#include <QSplitter>
#include <QtTest>

#include <algorithm>
#include <cmath>

namespace {

constexpr int kTimeoutMs = 30000;

}  // namespace

class TestOneApplication : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void currentModelReachesEveryViewUnlessPinned();
  void aModelBringsItsOwnData();
  void aFileThatFailsNeverEntersTheLists();
  void aCurrentFileThatStopsOpeningIsTakenOut();
  void tooManyStepsAreRefusedBeforeSampling();
  void aFinishedTrainingRunBecomesCurrent();
  void datasetLoadFailureKeepsTheShownSet();
  void lossSmoothingIsADebiasedEma();
  void perTimestepCurvesShowTheirData();
  void comparisonHasNoEmptyLegendBeforeARun();
  void comparisonOfALearnedModelHasADataFloor();
  void plotBarCountsSamplesOutsideTheView();
  void picturesFillTheirSpace();
  void legendsOutsideTheAxesCoverNoData();
  void everyViewFitsALaptopScreen();
  void lectureModeFitsALaptopScreen();
  void scrollingAPanelDoesNotChangeItsFields();
  void panelsRememberTheirSplit();
  void generateWithClassifierGuidance();
  void chainPlayerShowsTheClassifierPull();
  void theWindowOpensOnTheZoo();

 private:
  QTemporaryDir m_dir;
  QString m_moons;  ///< a two-moons MLP checkpoint trained here, naming its data "two-moons:2048"
  ScheduleState m_schedule;
};

void TestOneApplication::initTestCase() {
  QCoreApplication::setOrganizationName(QStringLiteral("difflab-tests"));
  QSettings().clear();  // no splitter sizes or window geometry from an earlier run
  const difflab::Dataset moons = difflab::load_dataset("two-moons:2048", 0);
  difflab::TrainerOptions o;
  o.batch_size = 256;
  o.total_steps = 150;
  o.lr = 2e-3;
  o.num_threads = 2;
  o.checkpoint_path = m_dir.filePath(QStringLiteral("moons.ckpt")).toStdString();
  difflab::ObjectiveOptions objective;
  objective.prediction = difflab::PredictionType::V;
  difflab::Trainer trainer(difflab::NetworkConfig::from_preset("mlp", "default", {2}), difflab::ScheduleOptions{},
                           objective, difflab::training_data_from(moons, "two-moons:2048"), o);
  trainer.run(o.total_steps);
  m_moons = QString::fromStdString(o.checkpoint_path);
  QVERIFY(QFile::exists(m_moons));
}

void TestOneApplication::currentModelReachesEveryViewUnlessPinned() {
  ModelSession session;
  GenerateView generate(&m_schedule, &session);
  ChainPlayerView chain(&m_schedule, &session);
  QCOMPARE(generate.modelBox()->spec(), ModelSession::defaultSpec());
  session.setCurrent(m_moons);
  QCOMPARE(generate.modelBox()->spec(), m_moons);
  QCOMPARE(chain.modelBox()->spec(), m_moons);
  QTRY_VERIFY_WITH_TIMEOUT(generate.model() && generate.model()->spec == m_moons, kTimeoutMs);
  QVERIFY(session.files().contains(m_moons));  // it opened, so it is listed
  // Both views sample the one open model: the file is read once, not once per view.
  QTRY_VERIFY_WITH_TIMEOUT(chain.modelPanel()->model() != nullptr, kTimeoutMs);
  QCOMPARE(chain.modelPanel()->model()->denoiser.get(), generate.model()->denoiser.get());
  QCOMPARE(chain.modelPanel()->model().get(), generate.modelPanel()->model().get());

  // A choice in one unpinned view is current in the others.
  generate.modelPanel()->choose(QStringLiteral("preset:swiss-roll"));
  QCOMPARE(session.current(), QStringLiteral("preset:swiss-roll"));
  QCOMPARE(chain.modelBox()->spec(), QStringLiteral("preset:swiss-roll"));

  // A pinned view keeps its model and says which one the others use.
  chain.modelPanel()->choose(m_moons);
  chain.modelPanel()->setPinned(true);
  QCOMPARE(session.current(), m_moons);
  generate.modelPanel()->choose(QStringLiteral("preset:8gaussians"));
  QCOMPARE(chain.modelBox()->spec(), m_moons);
  QVERIFY2(
      chain.modelPanel()->infoText().contains(QStringLiteral("Pinned: the other views use Exact mixture: 8gaussians")),
      qPrintable(chain.modelPanel()->infoText()));
  // Unpinned again, it follows.
  chain.modelPanel()->setPinned(false);
  QCOMPARE(chain.modelBox()->spec(), QStringLiteral("preset:8gaussians"));
}

void TestOneApplication::aModelBringsItsOwnData() {
  // No DatasetState anywhere: the checkpoint names its data, and the view draws it behind the samples.
  ModelSession session;
  GenerateView view(&m_schedule, &session);
  view.resize(1200, 800);
  view.show();
  QSignalSpy generated(&view, &GenerateView::generated);
  session.setCurrent(m_moons);
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && view.model()->spec == m_moons, kTimeoutMs);
  QCOMPARE(view.model()->dataName, QStringLiteral("two-moons:2048"));
  QVERIFY(view.model()->dataPoints.defined());
  QVERIFY(generated.wait(kTimeoutMs));
  QVERIFY(view.scatterPlot()->graph(0)->dataCount() > 1000);
  QVERIFY(view.modelPanel()->infoText().contains(QStringLiteral("Data: two-moons:2048")));
  // The scatter's data are sorted by x, as QCPGraph needs to draw every point (unsorted data lose points).
  const auto* drawn = view.scatterPlot()->graph(1)->data().data();
  QVERIFY(std::is_sorted(drawn->constBegin(), drawn->constEnd(),
                         [](const QCPGraphData& a, const QCPGraphData& b) { return a.key < b.key; }));
  // The model's own schedule is named beside the lab's; with the lab on cosine they differ, and it says so.
  difflab::ScheduleOptions cosine;
  cosine.family = difflab::ScheduleFamily::Cosine;
  m_schedule.setOptions(cosine);
  QVERIFY2(view.modelPanel()->infoText().contains(QStringLiteral("which this model does not use")),
           qPrintable(view.modelPanel()->infoText()));
  // Sampling along the lab's schedule instead is an explicit choice, offered because they differ.
  QCheckBox* along = view.modelPanel()->labScheduleBox();
  QVERIFY(!along->isHidden());
  generated.clear();
  along->setChecked(true);
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && view.model()->rescheduled, kTimeoutMs);
  QVERIFY(sameSchedule(view.model()->denoiser->schedule(), m_schedule.schedule()));
  QVERIFY2(view.modelPanel()->infoText().contains(QStringLiteral("by matching log-SNR; trained on linear, T = 1000")),
           qPrintable(view.modelPanel()->infoText()));
  QVERIFY(generated.wait(kTimeoutMs));
  QVERIFY(torch::isfinite(view.lastSamples()).all().item<bool>());
  along->setChecked(false);
  QTRY_VERIFY_WITH_TIMEOUT(view.model() && !view.model()->rescheduled, kTimeoutMs);
  m_schedule.setOptions(difflab::ScheduleOptions{});
  QVERIFY(view.modelPanel()->infoText().contains(QStringLiteral("the same as the Schedule lab's")));
  QVERIFY(along->isHidden());
  // The axes frame the moons: every data point is in view.
  const QCPRange x = view.scatterPlot()->xAxis->range();
  QVERIFY(x.lower < -0.9 && x.upper > 1.9);
}

void TestOneApplication::aFileThatFailsNeverEntersTheLists() {
  ModelSession session;
  GenerateView view(&m_schedule, &session);
  view.resize(1200, 800);
  view.show();
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));
  const at::Tensor before = view.lastSamples();
  const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
  {
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("these are my notes, not a model\n");
  }
  Q_EMIT view.modelBox()->fileChosen(text);  // what Open… does with the chosen file
  QTRY_VERIFY_WITH_TIMEOUT(!view.modelPanel()->errorText().isEmpty(), kTimeoutMs);
  QVERIFY(view.modelPanel()->errorText().contains(QStringLiteral("notes.txt")));
  QVERIFY(view.modelPanel()->errorLabel()->wordWrap());
  QVERIFY(view.modelPanel()->errorLabel()->width() <= view.modelPanel()->width());
  QCOMPARE(view.modelBox()->spec(), ModelSession::defaultSpec());
  QCOMPARE(view.modelBox()->comboBox()->findData(text), -1);
  QVERIFY(!session.files().contains(text));
  QVERIFY(view.lastSamples().defined());
  QVERIFY(torch::equal(view.lastSamples(), before));  // the picture on screen is still the model's

  // A broken mixture file: one readable message (where in the file, not the JSON library's codes), said once.
  const QString broken = m_dir.filePath(QStringLiteral("broken-mixture.json"));
  {
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"weights": [1, 2], "means": [[0, 0], [1, 1]], "covariances": [[[1, 0], [0, 1]])");
  }
  Q_EMIT view.modelBox()->fileChosen(broken);
  QTRY_VERIFY_WITH_TIMEOUT(view.modelPanel()->errorText().contains(QStringLiteral("broken-mixture.json")), kTimeoutMs);
  QVERIFY2(view.modelPanel()->errorText().contains(QStringLiteral("line 1, column")),
           qPrintable(view.modelPanel()->errorText()));
  QVERIFY2(!view.modelPanel()->errorText().contains(QStringLiteral("json.exception")),
           qPrintable(view.modelPanel()->errorText()));
  int shown = 0;
  for (QLabel* label : view.findChildren<QLabel*>())
    if (label->isVisible() && label->text().contains(QStringLiteral("broken-mixture.json"))) ++shown;
  QCOMPARE(shown, 1);
  QCOMPARE(view.modelBox()->comboBox()->findData(broken), -1);
  // The next run with the open model puts the failed Open… behind it: its error line goes.
  generated.clear();
  view.regenerate();
  QVERIFY(generated.wait(kTimeoutMs));
  QVERIFY2(view.modelPanel()->errorText().isEmpty(), qPrintable(view.modelPanel()->errorText()));

  // A file that opens enters the list and becomes current.
  Q_EMIT view.modelBox()->fileChosen(m_moons);
  QTRY_COMPARE_WITH_TIMEOUT(session.current(), m_moons, kTimeoutMs);
  QVERIFY(view.modelBox()->comboBox()->findData(m_moons) >= 0);
  QVERIFY(view.modelPanel()->errorText().isEmpty());
  QVERIFY(generated.wait(kTimeoutMs));
}

void TestOneApplication::aCurrentFileThatStopsOpeningIsTakenOut() {
  ModelSession session;
  GenerateView view(&m_schedule, &session);
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));
  const QString gone = m_dir.filePath(QStringLiteral("moved-away.ckpt"));
  session.setCurrent(gone);  // as `difflab --model` does
  QTRY_VERIFY_WITH_TIMEOUT(!view.modelPanel()->errorText().isEmpty(), kTimeoutMs);
  QVERIFY(view.modelPanel()->errorText().contains(QStringLiteral("moved-away.ckpt")));
  QCOMPARE(session.current(), ModelSession::defaultSpec());
  QCOMPARE(view.modelBox()->spec(), ModelSession::defaultSpec());
  QCOMPARE(view.modelBox()->comboBox()->findData(gone), -1);
  QVERIFY(generated.wait(kTimeoutMs));  // and the previous model samples again
}

void TestOneApplication::tooManyStepsAreRefusedBeforeSampling() {
  difflab::ScheduleOptions shortSchedule;
  shortSchedule.timesteps = 300;
  m_schedule.setOptions(shortSchedule);
  ModelSession session;
  GenerateView view(&m_schedule, &session);
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));
  // Trailing spacing places the steps on the integer training grid: more steps than T cannot be placed.
  SamplerOptionsForm* form = view.samplerForm();
  form->spacingBox()->setCurrentIndex(
      form->spacingBox()->findData(static_cast<int>(difflab::TimestepSpacing::Trailing)));
  form->stepsBox()->setValue(500);
  QTRY_VERIFY_WITH_TIMEOUT(!view.errorText().isEmpty(), kTimeoutMs);
  QVERIFY2(view.errorText().contains(QStringLiteral("300")), qPrintable(view.errorText()));
  QCOMPARE(view.progressBar()->value(), 0);
  QVERIFY2(!view.progressBar()->text().contains(QStringLiteral("/")),  // no "step 0 / 10" of the last run
           qPrintable(view.progressBar()->text()));
  QVERIFY(!view.lastSamples().defined());  // no partial picture beside the message
  QVERIFY(!view.worker()->isRunning());
  m_schedule.setOptions(difflab::ScheduleOptions{});
}

void TestOneApplication::aFinishedTrainingRunBecomesCurrent() {
  MainWindow window;
  auto* training = window.findChild<TrainingView*>();
  QVERIFY(training);
  Q_EMIT training->trainingFinished(150, false, m_moons);
  QCOMPARE(window.modelSession()->current(), m_moons);
  for (auto* panel : window.findChildren<ModelPanel*>()) QCOMPARE(panel->spec(), m_moons);
  QCOMPARE(window.findChildren<ModelPanel*>().size(), 5);  // Generate, Reverse chain, Compare, ODE lab, Score lab
}

void TestOneApplication::datasetLoadFailureKeepsTheShownSet() {
  DatasetState state;
  DatasetView view(&state);
  auto moons = std::make_shared<const difflab::Dataset>(difflab::load_dataset("two-moons", 0));
  state.setDataset(moons, QStringLiteral("two-moons"));
  QSignalSpy failed(&state, &DatasetState::loadFailed);
  state.load(QStringLiteral("idx:/no/such/file-images-idx3-ubyte"));
  QVERIFY(failed.wait(kTimeoutMs));
  QCOMPARE(state.spec(), QStringLiteral("two-moons"));
  QVERIFY2(view.bannerText().contains(QStringLiteral("Still showing")), qPrintable(view.bannerText()));
  QVERIFY(view.scatter()->isVisibleTo(&view));
  QCOMPARE(view.datasetBox()->currentData().toString(), QStringLiteral("two-moons"));
  // A broken mixture file: where in the file it breaks, the path said once, no JSON library codes.
  const QString broken = m_dir.filePath(QStringLiteral("broken-data.json"));
  {
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"weights": [1, 2], "means": [[0, 0], [1, 1]], "covariances": [[[1, 0], [0, 1]])");
  }
  state.load(QStringLiteral("gmm:") + broken);
  QVERIFY(failed.wait(kTimeoutMs));
  const QString banner = view.bannerText();
  QCOMPARE(banner.count(QStringLiteral("broken-data.json")), 1);
  QVERIFY2(banner.contains(QStringLiteral("line 1, column")) && !banner.contains(QStringLiteral("json.exception")),
           qPrintable(banner));
  QVERIFY2(banner.contains(QStringLiteral("Still showing")), qPrintable(banner));
}

void TestOneApplication::lossSmoothingIsADebiasedEma() {
  LossPlot plot;
  plot.setSmoothing(0.5);
  plot.appendPoints({1, 2, 3, 4}, {4.0, 2.0, 1.0, 1.0});
  // s_n = m_n / (1 − wⁿ), m_n = w m_{n−1} + (1 − w) x_n (Kingma & Ba 2015, §3).
  double m = 0, p = 1;
  std::vector<double> expected;
  for (double x : {4.0, 2.0, 1.0, 1.0}) {
    m = 0.5 * m + 0.5 * x;
    p *= 0.5;
    expected.push_back(m / (1 - p));
  }
  QCOMPARE(plot.smoothedGraph()->dataCount(), 4);
  int i = 0;
  for (auto it = plot.smoothedGraph()->data()->constBegin(); it != plot.smoothedGraph()->data()->constEnd(); ++it)
    QVERIFY(std::abs(it->value - expected[static_cast<size_t>(i++)]) < 1e-12);
  QCOMPARE(plot.smoothedGraph()->data()->constBegin()->value, 4.0);  // starts on the first loss …
  QVERIFY(plot.lastSmoothed() < 1.5);  // … and follows the fall, not lagging near 4 (the old undebiased 0.98 EMA: 3.8)
  // No smoothing: the curve is the losses; a NaN loss is drawn but not averaged in.
  plot.setSmoothing(0.0);
  QCOMPARE(plot.lastSmoothed(), 1.0);
  plot.setSmoothing(0.9);
  plot.appendPoints({5}, {std::nan("")});
  QVERIFY(std::isfinite(plot.lastSmoothed()));
}

void TestOneApplication::perTimestepCurvesShowTheirData() {
  TimestepLossHeatmap map;
  map.resize(600, 400);
  // Before any run: no dark map and no colour bar that would read as data, the t axis over 0…T.
  QVERIFY(!map.colorMap()->visible());
  QVERIFY(!map.colorMap()->colorScale()->visible());
  map.setTimesteps(1000);
  QCOMPARE(map.yAxis->range().upper, 1000.0);
  for (int step = 100; step <= 500; step += 100) map.appendSnapshot(step, std::vector<double>(10, 0.5 / step * 100));
  map.setMode(TimestepLossHeatmap::Mode::Curves);
  QVERIFY(map.graphCount() > 0);
  QVERIFY(map.xAxis->range().contains(100) && map.xAxis->range().contains(500));
  QVERIFY(map.yAxis->range().contains(0.1) && map.yAxis->range().contains(0.5));
  QVERIFY(map.yAxis->range().upper < 1.0);  // fitted to the curves, not to the hidden colour map
}

void TestOneApplication::comparisonHasNoEmptyLegendBeforeARun() {
  SamplerComparisonView view(&m_schedule, nullptr);
  auto* plot = view.findChild<QCustomPlot*>();
  QVERIFY(plot);
  QVERIFY(!plot->legend->visible());
  QVERIFY(plot->xAxis->range().lower >= 1.0);
  // The model opens at once: its description is there before the first run, and the bar makes no promises.
  QTRY_VERIFY_WITH_TIMEOUT(
      !view.modelPanel()->infoText().isEmpty() && !view.modelPanel()->infoText().startsWith(QStringLiteral("Opening")),
      kTimeoutMs);
  QCOMPARE(view.findChild<QProgressBar*>()->text(), QStringLiteral("no run yet"));
  // More steps than T on the integer (trailing) grid: refused before the run, with the sampler and the count.
  difflab::ScheduleOptions shortSchedule;
  shortSchedule.timesteps = 100;
  m_schedule.setOptions(shortSchedule);
  QTRY_VERIFY_WITH_TIMEOUT(view.modelPanel()->model() != nullptr, kTimeoutMs);
  auto* spacing = view.findChildren<QComboBox*>().last();
  for (QComboBox* box : view.findChildren<QComboBox*>())
    if (box->findText(QStringLiteral("trailing")) >= 0) spacing = box;
  spacing->setCurrentIndex(spacing->findText(QStringLiteral("trailing")));
  auto* steps = view.findChild<QLineEdit*>();
  steps->setText(QStringLiteral("10, 500"));
  view.run();
  QTRY_VERIFY_WITH_TIMEOUT(view.findChildren<QLabel*>().size() > 0, kTimeoutMs);
  bool refused = false;
  for (QLabel* label : view.findChildren<QLabel*>())
    refused = refused || label->text().contains(QStringLiteral("at 500 steps"));
  QVERIFY(refused);
  QVERIFY(!view.findChild<ComparisonWorker*>() || !view.findChild<ComparisonWorker*>()->isRunning());
  m_schedule.setOptions(difflab::ScheduleOptions{});

  // A model switch during a run stops it and says so (also once the new model has opened), and the axes go back
  // to their start ranges.
  QTRY_VERIFY_WITH_TIMEOUT(view.modelPanel()->model() != nullptr, kTimeoutMs);
  steps->setText(QStringLiteral("5, 10, 20, 50, 100, 200, 400"));
  view.run();
  QTRY_VERIFY_WITH_TIMEOUT(view.findChild<ComparisonWorker*>()->isRunning(), kTimeoutMs);
  view.modelPanel()->choose(QStringLiteral("preset:two-gaussians"));
  QTRY_VERIFY_WITH_TIMEOUT(view.modelPanel()->model() != nullptr && !view.findChild<ComparisonWorker*>()->isRunning(),
                           kTimeoutMs);
  QTest::qWait(100);
  QVERIFY2(view.statusLabel()->text().contains(QStringLiteral("stopped")), qPrintable(view.statusLabel()->text()));
  QCOMPARE(plot->xAxis->range().lower, 1.0);
  QCOMPARE(plot->xAxis->range().upper, 1000.0);
}

void TestOneApplication::comparisonOfALearnedModelHasADataFloor() {
  // A network trained on two moons: the floor is a second draw of two moons (another seed of the recipe)
  // against the model's reference points, scored like a sampler's output; the legend names samplers by title.
  ModelSession session;
  session.setCurrent(m_moons);
  SamplerComparisonView view(&m_schedule, &session);
  view.setSamplers({QStringLiteral("ddim")});
  view.stepsEdit()->setText(QStringLiteral("5"));
  view.batchBox()->setValue(500);
  QSignalSpy done(&view, &SamplerComparisonView::comparisonFinished);
  view.run();
  QVERIFY(done.wait(kTimeoutMs));
  QVERIFY2(view.floorDistance() > 0 && view.floorDistance() < 0.05, qPrintable(QString::number(view.floorDistance())));
  QCOMPARE(view.plot()->graph(0)->name(), QStringLiteral("DDIM · beta"));
  QCOMPARE(view.plot()->graph(1)->name(), QStringLiteral("data vs data"));
  QCOMPARE(view.grid()->verticalHeaderItem(0)->text(), QStringLiteral("DDIM"));
  // The samples of a 150-step network are further from the data than the data from itself.
  QVERIFY(view.cells().front().distance > view.floorDistance());
}

void TestOneApplication::plotBarCountsSamplesOutsideTheView() {
  QCustomPlot plot;
  plot.resize(400, 400);
  QCPGraph* data = plot.addGraph();
  QCPGraph* samples = plot.addGraph();
  QVector<double> x, y;
  for (int i = 0; i < 400; ++i) {
    x << std::cos(i * 0.1);
    y << std::sin(i * 0.1);
  }
  data->setData(x, y);
  x << 60.0;
  y << -45.0;  // one exploded sample
  samples->setData(x, y);
  PlotViewBar bar(&plot, data, samples);
  bar.fitToData();
  QCOMPARE(bar.outsideCount(), 1);
  QVERIFY(bar.countLabel()->text().contains(QStringLiteral("1 of 401")));
  bar.fitToSamples();  // 0.5–99.5 %: the circle, not the outlier
  QCOMPARE(bar.outsideCount(), 1);
  QVERIFY(plot.xAxis->range().upper < 5);
  plotaspect::showEqualAspect(&plot, QRectF(-100, -100, 200, 200));  // zoomed far out
  plot.replot();
  QCOMPARE(bar.outsideCount(), 0);
  QVERIFY(bar.countLabel()->text().isEmpty());
  // A zoom that widens the tick labels ("−100" to "−0.0125") shrinks the axis rectangle: the zoom stays, it is
  // not taken for a resize and refitted away.
  plot.xAxis->setRange(-0.05, 0.05);
  plot.yAxis->setRange(-0.05, 0.05);
  plot.replot();
  QCoreApplication::processEvents();  // the queued replot of a refit, if any
  QCOMPARE(plot.xAxis->range().size(), 0.1);
  QVERIFY(bar.outsideCount() > 350);
  // A new size refits at equal aspect to the rectangle shown.
  plot.resize(500, 300);
  plot.replot();
  QVERIFY(plot.xAxis->range().size() >= 200);
  QCOMPARE(bar.outsideCount(), 0);
}

void TestOneApplication::legendsOutsideTheAxesCoverNoData() {
  // The helpers that move a legend out of the axes (the forward chain's and the score lab's histograms, the ODE
  // lab's norm plot, Compare samplers): the legend's frame lies outside the axis rectangle and inside the widget,
  // clear of its edges.
  for (const bool under : {true, false}) {
    QCustomPlot plot;
    plot.resize(420, 260);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    for (const char* name : {"histogram of xₜ", "N(0, 1) density"}) plot.addGraph()->setName(QString::fromUtf8(name));
    plot.legend->setVisible(true);
    if (under)
      plotlegend::underAxes(&plot, 2);
    else
      plotlegend::besideAxes(&plot);
    plot.replot();
    const QRect legend = plot.legend->outerRect(), axes = plot.axisRect()->outerRect();
    QVERIFY2(!legend.intersects(plot.axisRect()->rect()), under ? "under" : "beside");
    QVERIFY2(plot.rect().adjusted(2, 2, -2, -2).contains(legend),
             qPrintable(QStringLiteral("%1: legend %2,%3 %4×%5 in %6×%7")
                            .arg(under ? "under" : "beside")
                            .arg(legend.x())
                            .arg(legend.y())
                            .arg(legend.width())
                            .arg(legend.height())
                            .arg(plot.width())
                            .arg(plot.height())));
    if (under) {
      QVERIFY(legend.top() >= axes.bottom());
      QVERIFY(std::abs(legend.center().x() - plot.rect().center().x()) <= 2);  // centred at its own width
      QVERIFY(legend.width() < plot.width() / 2 + 100);
      QCOMPARE(plot.legend->columnCount(), 2);  // both entries in one row
    } else {
      QVERIFY(legend.left() >= axes.right());
      QVERIFY(legend.top() <= axes.top() + 8);  // at the top of its column
    }
  }
}

void TestOneApplication::picturesFillTheirSpace() {
  QImage grid(28, 28, QImage::Format_RGB888);
  grid.fill(Qt::gray);
  const QPixmap big = samplepictures::fitPixmap(grid, QSize(200, 150));
  QCOMPARE(big.size(), QSize(140, 140));  // 5× whole pixels: fills the height of 150 to within one pixel step
  const QPixmap small = samplepictures::fitPixmap(QImage(300, 100, QImage::Format_RGB888), QSize(150, 150));
  QCOMPARE(small.size(), QSize(150, 50));
  // Thumbnails of 2-D points (Compare samplers' grid, the ODE lab's frames) are at equal aspect: a wide range in
  // a square picture grows in y about its centre, a tall one in x.
  QCOMPARE(samplepictures::equalAspectRange(QRectF(-4, -1, 8, 2), QSize(100, 100)), QRectF(-4, -4, 8, 8));
  QCOMPARE(samplepictures::equalAspectRange(QRectF(0, 0, 1, 4), QSize(200, 100)), QRectF(-3.5, 0, 8, 4));
  // Two points on a circle of radius 1 land 1:1 in pixels: (1, 0) and (0, 1) are as far from the centre.
  const at::Tensor ring = torch::tensor({1.0, 0.0, 0.0, 1.0, -1.0, 0.0, 0.0, -1.0}).view({4, 2});
  const QImage picture =
      samplepictures::scatterImage(ring, at::Tensor(), QRectF(-3, -1.5, 6, 3), QSize(120, 120), Qt::black);
  auto darkAt = [&](int x, int y) { return qGray(picture.pixel(x, y)) < 128; };
  QVERIFY(darkAt(60 + 20, 60) && darkAt(60, 60 - 20) && darkAt(60 - 20, 60) && darkAt(60, 60 + 20));
}

void TestOneApplication::everyViewFitsALaptopScreen() {
  MainWindow window;
  window.resize(1366, 768 - 40);  // a 1366 × 768 laptop less the panel
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  // Every view's minimum fits: the window keeps the size asked for, here and on a 1920 × 1080 projector at
  // 150 % (1280 × 720 logical pixels, less the panel).
  QCOMPARE(window.size(), QSize(1366, 768 - 40));
  for (int i = 0; i < window.tabs()->count(); ++i) {
    const QSize need = window.tabs()->widget(i)->minimumSizeHint();
    QVERIFY2(
        need.width() <= 1280 - 20 && need.height() <= 720 - 40 - 90,
        qPrintable(
            QStringLiteral("%1 needs %2 × %3").arg(window.tabs()->tabText(i)).arg(need.width()).arg(need.height())));
  }
  const QString dir = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  const QStringList runButtons = {QStringLiteral("Start"), QStringLiteral("Generate"), QStringLiteral("Run"),
                                  QStringLiteral("Run particles"), QStringLiteral("Train both")};
  for (int i = 0; i < window.tabs()->count(); ++i) {
    window.tabs()->setCurrentIndex(i);
    QTest::qWait(150);
    QWidget* page = window.tabs()->widget(i);
    // The settings column is never narrower than its settings: nothing cut at its edge.
    if (auto* splitter = page->findChild<QSplitter*>(QStringLiteral("sidePanelSplitter"))) {
      auto* scroll = splitter->widget(0)->findChild<QScrollArea*>();
      QVERIFY2(scroll->viewport()->width() >= scroll->widget()->minimumSizeHint().width(),
               qPrintable(window.tabs()->tabText(i)));
    }
    for (QPushButton* button : page->findChildren<QPushButton*>()) {
      if (!runButtons.contains(button->text())) continue;
      QVERIFY2(button->isVisible(), qPrintable(button->text()));
      // Inside the window, not scrolled below the fold.
      const QRect r(button->mapTo(&window, QPoint(0, 0)), button->size());
      QVERIFY2(window.rect().contains(r), qPrintable(window.tabs()->tabText(i) + ": " + button->text()));
    }
    // No model panel is cut at the left column's edge.
    for (ModelPanel* panel : page->findChildren<ModelPanel*>()) {
      QWidget* column = panel->parentWidget();
      QVERIFY(panel->width() <= column->width());
      QVERIFY(panel->sourceBox()->width() <= panel->width());
    }
    if (!dir.isEmpty()) {
      QDir().mkpath(dir);
      QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("laptop-%1.png").arg(i))));
    }
  }
  // A 2-D checkpoint in the Reverse chain (three "N of M samples outside the view" counts, the lab-schedule
  // box): the window keeps its width.
  window.modelSession()->setCurrent(m_moons);
  for (int i = 0; i < window.tabs()->count(); ++i)
    if (window.tabs()->tabText(i) == QStringLiteral("Reverse chain")) window.tabs()->setCurrentIndex(i);
  auto* chain = window.findChild<ChainPlayerView*>();
  QTRY_VERIFY_WITH_TIMEOUT(chain->modelPanel()->model() != nullptr, kTimeoutMs);
  QTest::qWait(500);
  QCOMPARE(window.width(), 1366);
  QVERIFY(window.findChild<QTabWidget*>()->minimumSizeHint().width() <= 1366);
}

void TestOneApplication::lectureModeFitsALaptopScreen() {
  // Lecture mode's 1.6× text on a 1366 × 768 laptop (less the panel): the window keeps its size and every
  // view's minimum fits under the equation banner.
  MainWindow window;
  window.resize(1366, 768 - 40);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  window.lectureMode()->setOn(true);
  // With a data set shown (the Dataset tab's summary line is the widest text of the window).
  window.datasetState()->setDataset(
      std::make_shared<const difflab::Dataset>(difflab::load_dataset("fashion-mnist:train", 0)),
      QStringLiteral("fashion-mnist:train"));
  QTest::qWait(100);
  QStringList tooBig;
  for (int i = 0; i < window.tabs()->count(); ++i) {
    const QSize need = window.tabs()->widget(i)->minimumSizeHint();
    if (need.width() > 1366 - 20 || need.height() > 728 - 180)
      tooBig << QStringLiteral("%1 needs %2 × %3").arg(window.tabs()->tabText(i)).arg(need.width()).arg(need.height());
  }
  // Each tab's equation in the banner: the window's own minimum (banner, tabs, menu) fits too.
  for (int i = 0; i < window.tabs()->count(); ++i) {
    window.tabs()->setCurrentIndex(i);
    QTest::qWait(50);
    const QSize need = window.minimumSizeHint();
    if (need.width() > 1366 || need.height() > 728)
      tooBig << QStringLiteral("the window on %1 needs %2 × %3")
                    .arg(window.tabs()->tabText(i))
                    .arg(need.width())
                    .arg(need.height());
  }
  // The ODE lab's pages, each with its own equation and note line: their controls wrap into rows beside the
  // settings column, and the window still fits.
  auto* lab = window.findChild<OdeLabView*>();
  QVERIFY(lab);
  window.tabs()->setCurrentWidget(lab);
  QTabWidget* pages = lab->pages();
  for (int p = 0; p < pages->count(); ++p) {
    pages->setCurrentIndex(p);
    QTest::qWait(50);
    const QSize page = pages->widget(p)->minimumSizeHint(), need = window.minimumSizeHint();
    if (page.width() > 1366 - 20 - 400 || need.width() > 1366 || need.height() > 728)
      tooBig << QStringLiteral("the ODE lab's page %1 needs %2 × %3 (the window %4 × %5)")
                    .arg(pages->tabText(p))
                    .arg(page.width())
                    .arg(page.height())
                    .arg(need.width())
                    .arg(need.height());
  }
  QVERIFY2(tooBig.isEmpty(), qPrintable(tooBig.join(QStringLiteral("; "))));
  QCOMPARE(window.size(), QSize(1366, 768 - 40));
  window.lectureMode()->setOn(false);
}

void TestOneApplication::scrollingAPanelDoesNotChangeItsFields() {
  WheelGuard::install();
  QWidget window;
  auto* spin = new QSpinBox(&window);
  spin->setRange(0, 10);
  spin->setValue(5);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  // Qt's WheelFocus would let the wheel itself focus the field before any filter sees the event.
  QCOMPARE(spin->focusPolicy(), Qt::StrongFocus);
  auto wheel = [&] {
    QWheelEvent event(QPointF(5, 5), spin->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(spin, &event);
  };
  spin->clearFocus();
  wheel();
  QCOMPARE(spin->value(), 5);  // passing under the pointer while scrolling: unchanged
  spin->setFocus();
  QTRY_VERIFY(spin->hasFocus());
  wheel();
  QCOMPARE(spin->value(), 4);  // clicked into: the wheel edits it
}

void TestOneApplication::panelsRememberTheirSplit() {
  QList<int> moved;
  {
    GenerateView view(&m_schedule, nullptr);
    view.resize(1300, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* splitter = view.findChild<QSplitter*>(QStringLiteral("sidePanelSplitter"));
    QVERIFY(splitter);
    splitter->setSizes({520, 780});
    moved = splitter->sizes();
    Q_EMIT splitter->splitterMoved(moved[0], 1);  // what a drag of the handle emits
  }
  GenerateView again(&m_schedule, nullptr);
  again.resize(1300, 700);
  again.show();
  QVERIFY(QTest::qWaitForWindowExposed(&again));
  QCOMPARE(again.findChild<QSplitter*>(QStringLiteral("sidePanelSplitter"))->sizes().at(0), moved.at(0));
}

void TestOneApplication::generateWithClassifierGuidance() {
  // The exact mixture classifier at s = 1, the model asked unconditionally (w = 0): every sample comes from the
  // chosen component (Dhariwal & Nichol 2021, Alg. 2); without the classifier, w = 0 spreads over all eight.
  ModelSession session;
  GenerateView view(&m_schedule, &session);
  view.resize(1300, 760);
  view.show();
  QSignalSpy generated(&view, &GenerateView::generated);
  QVERIFY(generated.wait(kTimeoutMs));
  view.classBox()->setCurrentIndex(view.classBox()->findText(QStringLiteral("2")));
  view.guidanceBox()->setValue(0.0);
  generated.clear();
  QVERIFY(generated.wait(kTimeoutMs));
  const double centreY = 2 * std::sqrt(2.0);  // component 2 of 8gaussians sits at 90°
  auto nearComponent2 = [&] {
    const at::Tensor x = view.lastSamples();
    const at::Tensor d = (x - torch::tensor({0.0, centreY}).to(x.dtype())).norm(2, 1);
    return d.lt(1.5).to(torch::kFloat64).mean().item<double>();
  };
  QVERIFY(nearComponent2() < 0.3);  // unconditional: about 1/8 there
  const int exact = view.classifierBox()->findData(QStringLiteral("exact"));
  QVERIFY(exact > 0);
  view.classifierBox()->setCurrentIndex(exact);
  view.regenerate();
  generated.clear();
  QVERIFY(generated.wait(kTimeoutMs));
  QVERIFY2(nearComponent2() > 0.97, qPrintable(QString::number(nearComponent2())));
  const QString dir = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  if (!dir.isEmpty()) {
    QDir().mkpath(dir);
    QTest::qWait(100);
    QVERIFY(view.grab().save(QDir(dir).filePath(QStringLiteral("generate-classifier-guidance.png"))));
  }
  // A file that is not a classifier is refused with the file's name.
  QString error;
  QVERIFY(!view.openClassifier(m_moons, &error));
  QVERIFY2(error.contains(QStringLiteral("not a classifier")), qPrintable(error));
}

void TestOneApplication::chainPlayerShowsTheClassifierPull() {
  ChainPlayerView view(&m_schedule, nullptr);
  view.resize(1300, 760);
  view.show();
  QSignalSpy complete(&view, &ChainPlayerView::chainComplete);
  QVERIFY(complete.wait(kTimeoutMs));
  auto* classBox = view.findChildren<QComboBox*>().at(0);
  for (QComboBox* box : view.findChildren<QComboBox*>())
    if (box->findText(QStringLiteral("(unconditional)")) >= 0) classBox = box;
  classBox->setCurrentIndex(classBox->findText(QStringLiteral("2")));
  QComboBox* classifier = view.classifierGuidance()->box();
  classifier->setCurrentIndex(classifier->findData(QStringLiteral("exact")));
  Q_EMIT classifier->activated(classifier->currentIndex());  // as a click does: w goes to 0, the chain reruns
  complete.clear();
  QVERIFY(complete.wait(kTimeoutMs));
  view.stepBack();  // a step with a prediction
  QString numbers;
  for (QLabel* label : view.findChildren<QLabel*>())
    if (label->text().contains(QStringLiteral("NFE"))) numbers += label->text();
  QVERIFY2(numbers.contains(QStringLiteral("‖s ∇ log p(y | x<sub>t</sub>)‖ = ")), qPrintable(numbers));
}

void TestOneApplication::theWindowOpensOnTheZoo() {
  // With the shipped zoo (models/zoo.json), a new window's sampling views open the Fashion-MNIST model and
  // Generate draws a grid of every class at once, guided at w = 2, with DPM-Solver++(2M) at 10 steps; the model
  // box names the zoo's models beside the exact mixtures, the classifier box the zoo's classifier.
  const QByteArray previousZoo = qgetenv("DIFFLAB_MODELS_DIR");
  qputenv("DIFFLAB_MODELS_DIR", QByteArray(DIFFLAB_SOURCE_DIR "/models"));
  QCOMPARE(ModelSession::defaultSpec(), QStringLiteral("zoo:fashion-mnist"));
  {
    ModelSession session;
    GenerateView generate(&m_schedule, &session);
    QSignalSpy generated(&generate, &GenerateView::generated);
    generate.resize(1366, 768);
    generate.show();
    QCOMPARE(generate.modelBox()->spec(), QStringLiteral("zoo:fashion-mnist"));
    QComboBox* box = generate.modelBox()->comboBox();
    QCOMPARE(box->currentText(), QStringLiteral("Fashion-MNIST (U-Net, class-conditional)"));
    for (const char* spec : {"zoo:two-moons", "zoo:8gaussians", "preset:8gaussians"})
      QVERIFY2(box->findData(QString::fromLatin1(spec)) >= 0, spec);
    QVERIFY(generate.classifierBox()->findData(QStringLiteral("zoo:fashion-mnist-classifier")) >= 0);
    QVERIFY(generated.wait(120000));
    QCOMPARE(generate.lastSamples().size(0), int64_t(16));
    QCOMPARE(generate.lastSamples().size(2), int64_t(28));
    QCOMPARE(QString::fromStdString(generate.samplerForm()->options().name), QStringLiteral("dpmpp-2m"));
    QCOMPARE(generate.samplerForm()->options().steps, int64_t(10));
    QCOMPARE(generate.classBox()->currentData().toInt(), kEveryClass);
    QCOMPARE(generate.guidanceBox()->value(), 2.0);
    QCOMPARE(generate.recipe().class_name, std::string("all"));
    // Garments, not noise: the shipped classifier finds the class asked for in most of the 16 cells.
    auto classifier = difflab::NetworkClassifier::load("zoo:fashion-mnist-classifier");
    const at::Tensor images = generate.lastSamples().div(127.5).sub(1.0);  // data scale 0..255 → model scale
    const at::Tensor asked = torch::arange(16, torch::kLong).remainder(10);
    const double accuracy = classifier->predict_clean(images).eq(asked).to(torch::kFloat64).mean().item<double>();
    QVERIFY2(accuracy >= 0.75, qPrintable(QStringLiteral("class accuracy %1").arg(accuracy)));
    qInfo("first grid: %s", qPrintable(generate.statusLabel()->text()));
    for (int seed = 1; seed <= 3; ++seed) {  // warm runs, for docs/performance.md (no timing is asserted)
      generate.samplerForm()->seedBox()->setValue(seed);
      QVERIFY(generated.wait(120000));
      qInfo("seed %d: %s", seed, qPrintable(generate.statusLabel()->text()));
    }
    if (const QString out = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR"); !out.isEmpty()) {
      QDir().mkpath(out);
      QVERIFY(generate.grab().save(QDir(out).filePath(QStringLiteral("generate-zoo-default.png"))));
    }
    // A learned 2-D model of the zoo, beside the exact one.
    generate.modelPanel()->choose(QStringLiteral("zoo:8gaussians"));
    QVERIFY(generated.wait(120000));
    QVERIFY(generate.model()->isPoints());
    QVERIFY(generate.model()->dataPoints.defined());  // its own data drawn behind the samples
  }
  if (previousZoo.isEmpty())
    qunsetenv("DIFFLAB_MODELS_DIR");
  else
    qputenv("DIFFLAB_MODELS_DIR", previousZoo);
}

QTEST_MAIN(TestOneApplication)
#include "test_one_application.moc"
