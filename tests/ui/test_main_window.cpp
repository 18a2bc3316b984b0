// The first window (ui/main_window, views/dataset_view, views/forward_chain_view, application/): the main
// window builds with its tabs; the forward chain's x_t statistics match their closed forms on Fashion-MNIST;
// the Markov/closed-form toggle keeps the seed and both agree at t = 1; the dataset's class filter filters;
// the German, Spanish and Simplified Chinese translations load; locales and --lang codes map to them; View ▸
// Language lists every language in its own name.

// LibTorch before Qt (the `slots` macro).
#include <torch/torch.h>

#include "data/dataset_catalog.h"

#include "application/difflab_application.h"
#include "application/screenshot_tour.h"
#include "main_window.h"
#include "lecture/lecture_mode.h"
#include "session/dataset_state.h"
#include "session/schedule_state.h"
#include "views/dataset_view.h"
#include "views/forward_chain_view.h"
#include "widgets/sampler_options_form.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <cmath>
#include <memory>
#include <utility>

namespace {

QStringList tabTitles(const MainWindow& window) {
  QStringList titles;
  for (int i = 0; i < window.tabs()->count(); ++i) titles << window.tabs()->tabText(i);
  return titles;
}

// Waits until the view shows a result of its newest request.
bool waitForChain(ForwardChainView* view) {
  return QTest::qWaitFor([view] { return !view->isBusy() && view->result() != nullptr; }, 30000);
}

// A tiny labelled image set: 6 images 1×4×4, labels 0 1 0 2 1 0.
DatasetPtr tinyImages() {
  auto d = std::make_shared<difflab::Dataset>();
  d->name = "tiny";
  d->kind = difflab::DataKind::Images;
  d->data = torch::arange(6 * 16, torch::kLong).remainder(256).to(torch::kUInt8).reshape({6, 1, 4, 4});
  d->labels = torch::tensor({0, 1, 0, 2, 1, 0}, torch::kLong);
  d->class_names = {"a", "b", "c"};
  return d;
}

DatasetPtr fashionMnistTest() {
  try {
    return std::make_shared<const difflab::Dataset>(difflab::load_dataset("fashion-mnist:test"));
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("DiffusionLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_ui_main_window"));
    DifflabApplication::installTranslators(QStringLiteral("en"));
  }

  void mainWindowHasItsTabs() {
    MainWindow window;
    const QStringList titles = tabTitles(window);
    QVERIFY2(titles.size() >= 3, qPrintable(titles.join(", ")));
    QCOMPARE(titles.at(0), QStringLiteral("Dataset"));
    QVERIFY(titles.contains(QStringLiteral("Schedule lab")));
    QVERIFY(titles.contains(QStringLiteral("Forward chain")));
    QVERIFY(window.findChild<DatasetView*>());
    QVERIFY(window.findChild<ForwardChainView*>());
    QVERIFY(!window.windowTitle().isEmpty());
    QCOMPARE(ScreenshotTour::viewId(window.findChild<ForwardChainView*>()), QStringLiteral("forward-chain"));
    QCOMPARE(ScreenshotTour::datasetId(QStringLiteral("fashion-mnist:train")), QStringLiteral("fashion-mnist"));
  }

  void datasetStateLoadsOnAWorkerAndNewestWins() {
    DatasetState state;
    QSignalSpy changed(&state, &DatasetState::datasetChanged);
    state.load(QStringLiteral("swiss-roll"));
    state.load(QStringLiteral("two-moons"));  // supersedes the first
    QVERIFY(changed.wait(20000));
    QTest::qWait(200);  // a stale result arriving late must not replace the newest
    QCOMPARE(changed.count(), 1);
    QCOMPARE(state.spec(), QStringLiteral("two-moons"));
    QVERIFY(state.dataset());
    QCOMPARE(state.dataset()->kind, difflab::DataKind::Points);

    QSignalSpy failed(&state, &DatasetState::loadFailed);
    state.load(QStringLiteral("idx:/nonexistent/images,/nonexistent/labels"));
    QVERIFY(failed.wait(20000));
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("nonexistent")));
    QCOMPARE(state.spec(), QStringLiteral("two-moons"));  // the last good dataset stays
  }

  void classFilterFiltersImages() {
    DatasetState state;
    state.setDataset(tinyImages(), QStringLiteral("tiny"));
    DatasetView view(&state);
    QCOMPARE(view.classBox()->count(), 4);  // all + a, b, c
    QCOMPARE(view.thumbnailModel()->rowCount(), 6);
    view.setClassFilter(0);
    QCOMPARE(view.thumbnailModel()->rowCount(), 3);
    QCOMPARE(view.thumbnailModel()->datasetIndex(1), int64_t{2});
    view.setClassFilter(2);
    QCOMPARE(view.thumbnailModel()->rowCount(), 1);
    QCOMPARE(view.thumbnailModel()->datasetIndex(0), int64_t{3});
    view.setClassFilter(-1);
    QCOMPARE(view.shownCount(), 6);
    // A thumbnail is the image: pixel (0, 0) of sample 3 is 3·16 = 48.
    view.setClassFilter(2);
    const QPixmap pixmap =
        view.thumbnailModel()->data(view.thumbnailModel()->index(0), Qt::DecorationRole).value<QPixmap>();
    QCOMPARE(qGray(pixmap.toImage().pixel(0, 0)), 48);
  }

  void classFilterFiltersPoints() {
    auto d = std::make_shared<difflab::Dataset>();
    d->name = "points";
    d->kind = difflab::DataKind::Points;
    d->data = torch::randn({10, 2});
    d->labels = torch::tensor({0, 1, 1, 0, 1, 1, 1, 0, 1, 1}, torch::kLong);
    d->class_names = {"inner", "outer"};
    DatasetState state;
    state.setDataset(d, QStringLiteral("points"));
    DatasetView view(&state);
    QCOMPARE(view.shownCount(), 10);
    QCOMPARE(view.scatter()->graphCount(), 2);
    view.setClassFilter(0);
    QCOMPARE(view.shownCount(), 3);
    QCOMPARE(view.scatter()->graphCount(), 1);
    QCOMPARE(view.scatter()->graph(0)->dataCount(), 3);
  }

  void forwardChainStatisticsMatchTheClosedForm() {
    const DatasetPtr fashion = fashionMnistTest();
    if (!fashion) QSKIP("Fashion-MNIST (dataset-fashion-mnist) is not installed");
    ScheduleState schedule;  // the default: linear, T = 1000
    DatasetState data;
    data.setDataset(fashion, QStringLiteral("fashion-mnist:test"));
    ForwardChainView view(&schedule, &data);
    view.setSource(ForwardChainView::Source::Batch);
    QVERIFY(waitForChain(&view));
    const ForwardChainResultPtr r = view.result();
    const int64_t T = schedule.schedule().timesteps();
    QCOMPARE(r->frames.size(0), T + 1);
    QCOMPARE(r->frames.size(1), int64_t{ForwardChainView::kBatchImages});

    // Expected values computed here from x₀ and the schedule (Ho et al. 2020, eq. 4), not taken from the view.
    const torch::Tensor x0 = r->frames[0].to(torch::kDouble);
    const double m0 = x0.mean().item<double>(), v0 = x0.var(false).item<double>();
    QVERIFY(m0 < -0.1);  // Fashion-MNIST is mostly black background: mean well below 0 in [-1, 1]
    for (int64_t t : {int64_t{1}, int64_t{50}, int64_t{200}, int64_t{500}, T}) {
      const double ab = schedule.schedule().alpha_bar(t);
      const double expectedMean = std::sqrt(ab) * m0, expectedStd = std::sqrt(ab * v0 + 1 - ab);
      const torch::Tensor xt = r->frames[t].to(torch::kDouble);
      // 16·784 values: the noise's sample mean and std are within ~0.01 of their expectation (3σ ≈ 0.03).
      QVERIFY2(std::abs(xt.mean().item<double>() - expectedMean) < 0.03, qPrintable(QString::number(t)));
      QVERIFY2(std::abs(xt.std(false).item<double>() - expectedStd) < 0.03, qPrintable(QString::number(t)));
      QVERIFY(std::abs(r->expectedMean[static_cast<size_t>(t)] - expectedMean) < 1e-3);
      QVERIFY(std::abs(r->expectedStd[static_cast<size_t>(t)] - expectedStd) < 1e-3);
      QVERIFY(std::abs(r->mean[static_cast<size_t>(t)] - xt.mean().item<double>()) < 1e-3);
    }
    // Near t = T, x_t is (close to) N(0, 1).
    QVERIFY(std::abs(r->mean.back()) < 0.03);
    QVERIFY(std::abs(r->std.back() - 1.0) < 0.03);
    // The plots hold the curves: 4 graphs over t = 0..T.
    QCOMPARE(view.statisticsPlot()->graph(0)->dataCount(), static_cast<int>(T + 1));
    QCOMPARE(view.statisticsPlot()->graph(1)->dataCount(), static_cast<int>(T + 1));

    // Changing the shared schedule recomputes without any "apply": T = 200 gives 201 frames.
    difflab::ScheduleOptions options = schedule.options();
    options.timesteps = 200;
    schedule.setOptions(options);
    QVERIFY(view.isBusy());
    QVERIFY(waitForChain(&view));
    QCOMPARE(view.result()->frames.size(0), int64_t{201});
    QVERIFY(view.t() <= 200);
  }

  void markovToggleKeepsTheSeed() {
    ScheduleState schedule;
    DatasetState data;
    data.setDataset(tinyImages(), QStringLiteral("tiny"));
    ForwardChainView view(&schedule, &data);
    view.setSeed(7);
    view.setMarkov(false);
    QVERIFY(waitForChain(&view));
    const ForwardChainResultPtr closed = view.result();
    QVERIFY(!closed->markov);

    view.setMarkov(true);
    QCOMPARE(view.seed(), quint64{7});
    QVERIFY(waitForChain(&view));
    const ForwardChainResultPtr markov = view.result();
    QVERIFY(markov->markov);
    QCOMPARE(markov->seed, quint64{7});
    // The same x₀ (same seed, same batch), and at t = 1 the same x_1: ε_1 is the closed form's ε.
    QVERIFY(torch::equal(markov->frames[0], closed->frames[0]));
    QVERIFY(torch::allclose(markov->frames[1].to(torch::kFloat), closed->frames[1].to(torch::kFloat), 1e-3, 1e-3));
    // Later the paths differ (fresh noise each step) ...
    const int64_t T = markov->frames.size(0) - 1;
    QVERIFY(!torch::allclose(markov->frames[T].to(torch::kFloat), closed->frames[T].to(torch::kFloat), 1e-2, 1e-2));
    // ... and the same seed reproduces the same chain.
    view.setMarkov(false);
    QVERIFY(waitForChain(&view));
    QVERIFY(torch::equal(view.result()->frames, closed->frames));
  }

  void playAdvancesTime() {
    ScheduleState schedule;
    DatasetState data;
    data.setDataset(tinyImages(), QStringLiteral("tiny"));
    ForwardChainView view(&schedule, &data);
    QVERIFY(waitForChain(&view));
    view.setT(0);
    view.setPlaying(true);
    QVERIFY(QTest::qWaitFor([&] { return view.t() > 5; }, 5000));
    view.setPlaying(false);
    const int stopped = view.t();
    QTest::qWait(100);
    QCOMPARE(view.t(), stopped);
  }

  void germanTranslationLoads() {
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("de")));
    QCOMPARE(QCoreApplication::translate("MainWindow", "Forward chain"), QStringLiteral("Vorwärtskette"));
    {
      MainWindow window;
      QVERIFY2(tabTitles(window).contains(QStringLiteral("Vorwärtskette")), qPrintable(tabTitles(window).join(", ")));
      QCOMPARE(tabTitles(window).at(0), QStringLiteral("Datensatz"));
    }
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("MainWindow", "Forward chain"), QStringLiteral("Forward chain"));
  }

  void everyLanguageFitsALaptopInLectureMode() {
    // Lecture mode's larger text in each translation (German words are the longest): every tab, and each page of
    // the ODE lab, fits a 1366 × 768 laptop less its panel, under the equation banner.
    QStringList tooBig;
    for (const QString code : {QStringLiteral("de"), QStringLiteral("es"), QStringLiteral("zh_CN")}) {
      QVERIFY(DifflabApplication::installTranslators(code));
      MainWindow window;
      window.resize(1366, 728);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      window.lectureMode()->setOn(true);
      for (int i = 0; i < window.tabs()->count(); ++i) {
        window.tabs()->setCurrentIndex(i);
        QTest::qWait(30);
        QWidget* view = window.tabs()->widget(i);
        QTabWidget* pages = view->findChild<QTabWidget*>(QStringLiteral("pages"));
        for (int p = 0; p < (pages ? pages->count() : 1); ++p) {
          if (pages) pages->setCurrentIndex(p);
          QTest::qWait(20);
          const QSize need = view->minimumSizeHint(), window_ = window.minimumSizeHint();
          if (window_.width() > 1366 || window_.height() > 728)
            tooBig << QStringLiteral("%1: %2%3 needs %4 × %5 (the window %6 × %7)")
                          .arg(code, window.tabs()->tabText(i), pages ? QStringLiteral(" ▸ ") + pages->tabText(p) : "")
                          .arg(need.width())
                          .arg(need.height())
                          .arg(window_.width())
                          .arg(window_.height());
        }
      }
      window.lectureMode()->setOn(false);
    }
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("en")));
    QVERIFY2(tooBig.isEmpty(), qPrintable(tooBig.join(QStringLiteral("; "))));
  }

  void spanishAndChineseTranslationsLoad() {
    const std::pair<QString, QString> forwardChain[] = {{QStringLiteral("es"), QStringLiteral("Cadena directa")},
                                                        {QStringLiteral("zh_CN"), QStringLiteral("前向链")}};
    for (const auto& [code, title] : forwardChain) {
      QVERIFY2(DifflabApplication::installTranslators(code), qPrintable(code));
      QCOMPARE(QCoreApplication::translate("MainWindow", "Forward chain"), title);
      MainWindow window;
      QVERIFY2(tabTitles(window).contains(title), qPrintable(tabTitles(window).join(", ")));
    }
    // Numerus forms: Spanish has a singular and a plural, Chinese one form for every count.
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("es")));
    QCOMPARE(QCoreApplication::translate("SamplerComparisonView", "%n step(s)", nullptr, 1), QStringLiteral("1 paso"));
    QCOMPARE(QCoreApplication::translate("SamplerComparisonView", "%n step(s)", nullptr, 3), QStringLiteral("3 pasos"));
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("zh_CN")));
    QCOMPARE(QCoreApplication::translate("SamplerComparisonView", "%n step(s)", nullptr, 3), QStringLiteral("3 步"));
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("en")));
  }

  // The sampler parameters' labels come from the core in English; the form translates them (a new parameter
  // without a QT_TRANSLATE_NOOP entry in sampler_options_form.cpp fails here). Symbols stay as they are.
  void samplerParameterLabelsAreTranslated() {
    for (const QString& code : {QStringLiteral("de"), QStringLiteral("es"), QStringLiteral("zh_CN")}) {
      QTranslator translator;  // an empty answer: no entry (QCoreApplication::translate would echo the source)
      QVERIFY(translator.load(QStringLiteral(":/i18n/difflab_%1.qm").arg(code)));
      for (const difflab::SamplerParameter& p : difflab::sampler_parameters())
        QVERIFY2(!translator.translate("SamplerOptionsForm", p.label.c_str()).isEmpty(),
                 qPrintable(code + QStringLiteral(": ") + QString::fromStdString(p.label)));
    }
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("de")));
    for (const difflab::SamplerParameter& p : difflab::sampler_parameters())
      if (p.key == "lower-order-final")
        QCOMPARE(SamplerOptionsForm::parameterLabel(p), QStringLiteral("Niedrigere Ordnung am Ende"));
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("en")));
  }

  void everyListedLanguageHasItsTranslation() {
    for (const DifflabApplication::Language& language : DifflabApplication::languages()) {
      QVERIFY2(DifflabApplication::installTranslators(language.code), qPrintable(language.code));
      const QString file = QCoreApplication::translate("MainWindow", "&File");
      QVERIFY2((language.code == QLatin1String("en")) == (file == QLatin1String("&File")), qPrintable(language.code));
    }
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("en")));
  }

  void localesAndCodesMapToTheTranslations() {
    // zh_TW is written in the Traditional script: the Simplified translation is not its language.
    const std::pair<const char*, const char*> locales[] = {{"de_AT", "de"},    {"es_MX", "es"},    {"en_US", "en"},
                                                           {"zh_CN", "zh_CN"}, {"zh_SG", "zh_CN"}, {"zh_TW", "zh_TW"},
                                                           {"fr_FR", "fr_FR"}};
    for (const auto& [locale, code] : locales)
      QCOMPARE(DifflabApplication::languageCode(QLocale(QString::fromLatin1(locale))), QString::fromLatin1(code));
    QCOMPARE(DifflabApplication::chooseLanguage(QStringLiteral("zh")), QStringLiteral("zh_CN"));
    QCOMPARE(DifflabApplication::chooseLanguage(QStringLiteral("zh-Hans")), QStringLiteral("zh_CN"));
    QCOMPARE(DifflabApplication::chooseLanguage(QStringLiteral("es_ES")), QStringLiteral("es"));
    QCOMPARE(DifflabApplication::chooseLanguage(QStringLiteral("de")), QStringLiteral("de"));
  }

  void languageMenuNamesEachLanguageInItself() {
    QVERIFY(DifflabApplication::installTranslators(QStringLiteral("en")));
    MainWindow window;
    QMenu* language = nullptr;
    for (QMenu* menu : window.menuBar()->findChildren<QMenu*>())
      if (menu->title() == QLatin1String("&Language")) language = menu;
    QVERIFY(language);
    QStringList names;
    for (const QAction* action : language->actions()) names << action->text();
    QCOMPARE(names, (QStringList{QStringLiteral("System"), QStringLiteral("English"), QStringLiteral("Deutsch"),
                                 QStringLiteral("Español"), QStringLiteral("简体中文")}));
  }

  void screenshotTourWritesOnePicturePerViewAndPage() {
    QTemporaryDir dir;
    MainWindow window;
    ScreenshotOptions options;
    options.directory = dir.path();
    options.datasetSpecs = {QStringLiteral("two-moons")};
    options.width = 900;
    options.height = 600;
    const QStringList files = ScreenshotTour(&window).render(options);
    // One per view, and the ODE lab's four other pages (its first is the view's own picture).
    QCOMPARE(files.size(), window.tabs()->count() + 4);
    for (const QString& file : files) QVERIFY2(QFileInfo(file).size() > 1000, qPrintable(file));
    QVERIFY(files.contains(QDir(dir.path()).filePath(QStringLiteral("forward-chain-two-moons.png"))));
    for (const char* page : {"interpolation", "likelihood", "vlb", "edit"})
      QVERIFY2(files.contains(QDir(dir.path()).filePath(QStringLiteral("ode-lab-%1.png").arg(QLatin1String(page)))),
               page);
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
