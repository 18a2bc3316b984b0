// Session files (ui/session/lab_session, ui/session/window_session): a session saved from one window and
// opened in another restores the data set and sample, schedules A and B, the current and pinned models, the
// views' sampler settings, seeds, guidance, the reverse chain's step, the score lab's and ODE lab's inputs and
// the tab; saving it again writes the same bytes. Files of a newer version, foreign files and malformed JSON
// are refused with one line naming the file; wrong fields are named and skipped; a model that moved, changed
// or vanished is reported.

#include "main_window.h"
#include "schedule/noise_schedule.h"
#include "session/dataset_state.h"
#include "session/lab_session.h"
#include "session/model_session.h"
#include "session/sampling_model.h"
#include "session/schedule_state.h"
#include "views/chain_player_view.h"
#include "views/forward_chain_view.h"
#include "views/generate_view.h"
#include "views/ode_lab/ode_lab_view.h"
#include "views/sampler_comparison_view.h"
#include "views/schedule_lab_view.h"
#include "views/score_lab/score_lab_view.h"
#include "widgets/model_panel.h"
#include "widgets/sampler_options_form.h"
#include "widgets/schedule_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

namespace {

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QString mixture(const char* name) {
  return QStringLiteral(DIFFLAB_SOURCE_DIR "/resources/mixtures/%1.json").arg(QLatin1String(name));
}

/// Waits until nothing the session restores is still on its way: the data set, the chain, the previews.
bool settle(MainWindow& window, int expectedStep) {
  auto* chain = window.findChild<ChainPlayerView*>();
  auto* generate = window.findChild<GenerateView*>();
  auto* forward = window.findChild<ForwardChainView*>();
  return QTest::qWaitFor(
      [&] {
        return !window.datasetState()->isLoading() && window.datasetState()->dataset() != nullptr &&
               chain->original().complete && chain->currentStep() == expectedStep && !generate->isBusy() &&
               !forward->isBusy();
      },
      60000);
}

void selectByData(QComboBox* box, const QVariant& data) {
  const int row = box->findData(data);
  QVERIFY2(row >= 0, qPrintable(data.toString()));
  box->setCurrentIndex(row);
}

}  // namespace

class TestSession : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("DiffusionLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_ui_session"));
    QSettings().clear();
  }

  // Two schedules that differ only in a parameter must not be described alike (#18 trial: "its own, linear,
  // T = 1000; the Schedule lab shows linear, T = 1000, which this model does not use").
  void scheduleSummariesNameTheParameters() {
    difflab::ScheduleOptions a, b;
    b.beta_end = 0.002;
    const auto sa = difflab::NoiseSchedule::from_options(a), sb = difflab::NoiseSchedule::from_options(b);
    QVERIFY(!sameSchedule(sa, sb));
    QVERIFY(scheduleSummary(sa) != scheduleSummary(sb));
    QVERIFY2(scheduleSummary(sb).contains(QStringLiteral("0.002")), qPrintable(scheduleSummary(sb)));
    difflab::ScheduleOptions cosine;
    cosine.family = difflab::ScheduleFamily::Cosine;
    QVERIFY(scheduleSummary(difflab::NoiseSchedule::from_options(cosine)).contains(QStringLiteral("s = 0.008")));
  }

  void aSessionRoundTrips() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A model file of the user's own (a mixture JSON copied next to the session).
    const QString model = dir.filePath(QStringLiteral("my-mixture.json"));
    QVERIFY(QFile::copy(mixture("two-gaussians"), model));
    const QString first = dir.filePath(QStringLiteral("lecture.difflab"));
    const QString second = dir.filePath(QStringLiteral("again.difflab"));

    {
      MainWindow window;
      window.resize(1400, 900);
      window.datasetState()->load(QStringLiteral("two-moons"));
      QVERIFY(QTest::qWaitFor([&] { return window.datasetState()->spec() == QLatin1String("two-moons"); }, 30000));
      window.datasetState()->setSelectedIndex(17);

      difflab::ScheduleOptions a;
      a.family = difflab::ScheduleFamily::Cosine;
      a.timesteps = 500;
      window.scheduleState()->setOptions(a);
      difflab::ScheduleOptions b;
      b.timesteps = 200;
      b.beta_end = 0.03;
      window.findChild<ScheduleLabView*>()->setComparison(b);

      auto* forward = window.findChild<ForwardChainView*>();
      forward->setSeed(7);
      forward->setMarkov(false);
      forward->setT(123);

      window.modelSession()->setCurrent(model);

      auto* generate = window.findChild<GenerateView*>();
      difflab::SamplerOptions sampler = generate->samplerForm()->options();
      sampler.name = "dpmpp-2m";
      sampler.steps = 12;
      sampler.seed = 5;
      sampler.spacing = difflab::TimestepSpacing::Linspace;
      generate->samplerForm()->setOptions(sampler);
      generate->batchBox()->setValue(48);

      auto* comparison = window.findChild<SamplerComparisonView*>();
      comparison->modelPanel()->setPinned(true);
      comparison->modelPanel()->choose(QStringLiteral("preset:rings"));
      comparison->setSamplers({QStringLiteral("heun"), QStringLiteral("dpmpp-3m")});
      comparison->stepsEdit()->setText(QStringLiteral("3, 6"));
      comparison->seedBox()->setValue(11);

      auto* chain = window.findChild<ChainPlayerView*>();
      chain->samplerForm()->stepsBox()->setValue(20);
      QVERIFY(QTest::qWaitFor([&] { return chain->original().complete && chain->original().totalSteps == 20; }, 60000));
      chain->seek(6);

      auto* score = window.findChild<ScoreLabView*>();
      selectByData(score->dataBox(), QStringLiteral("mix:rings"));
      score->tBox()->setValue(200);
      score->annealedBox()->setChecked(true);

      auto* ode = window.findChild<OdeLabView*>();
      ode->stepsBox()->setValue(33);
      ode->pages()->setCurrentIndex(2);

      window.tabs()->setCurrentWidget(score);
      QVERIFY(settle(window, 6));
      QString error;
      QVERIFY2(window.saveSession(first, &error), qPrintable(error));
    }

    const QByteArray saved = readAll(first);
    if (const QString out = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR"); !out.isEmpty())  // an example file
      QFile::copy(first, QDir(out).filePath(QStringLiteral("example.difflab")));
    QVERIFY(saved.contains("\"format\": \"difflab-session\""));
    QVERIFY(saved.contains("my-mixture.json"));
    QVERIFY(saved.contains("\"sha256\""));

    MainWindow window;
    window.resize(1400, 900);
    QStringList warnings;
    QString error;
    QVERIFY2(window.openSession(first, &warnings, &error), qPrintable(error));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY(settle(window, 6));

    QCOMPARE(window.datasetState()->spec(), QStringLiteral("two-moons"));
    QCOMPARE(window.datasetState()->selectedIndex(), int64_t{17});
    QCOMPARE(window.scheduleState()->options().family, difflab::ScheduleFamily::Cosine);
    QCOMPARE(window.scheduleState()->options().timesteps, int64_t{500});
    auto* lab = window.findChild<ScheduleLabView*>();
    QVERIFY(lab->isComparisonEnabled());
    QCOMPARE(lab->comparisonControls()->options().timesteps, int64_t{200});
    QCOMPARE(lab->comparisonControls()->options().beta_end, 0.03);
    auto* forward = window.findChild<ForwardChainView*>();
    QCOMPARE(forward->t(), 123);
    QCOMPARE(forward->seed(), quint64{7});
    QVERIFY(!forward->isMarkov());
    QCOMPARE(QFileInfo(window.modelSession()->current()).fileName(), QStringLiteral("my-mixture.json"));
    auto* generate = window.findChild<GenerateView*>();
    const difflab::SamplerOptions sampler = generate->samplerForm()->options();
    QCOMPARE(QString::fromStdString(sampler.name), QStringLiteral("dpmpp-2m"));
    QCOMPARE(sampler.steps, int64_t{12});
    QCOMPARE(sampler.seed, uint64_t{5});
    QCOMPARE(sampler.spacing, difflab::TimestepSpacing::Linspace);
    QCOMPARE(generate->batchBox()->value(), 48);
    auto* comparison = window.findChild<SamplerComparisonView*>();
    QVERIFY(comparison->modelPanel()->isPinned());
    QCOMPARE(comparison->modelPanel()->spec(), QStringLiteral("preset:rings"));
    QCOMPARE(comparison->checkedSamplers(), (QStringList{QStringLiteral("heun"), QStringLiteral("dpmpp-3m")}));
    QCOMPARE(comparison->stepsEdit()->text(), QStringLiteral("3, 6"));
    QCOMPARE(comparison->seedBox()->value(), 11);
    auto* chain = window.findChild<ChainPlayerView*>();
    QCOMPARE(chain->original().totalSteps, 20);
    QCOMPARE(chain->currentStep(), 6);
    auto* score = window.findChild<ScoreLabView*>();
    QCOMPARE(score->dataBox()->currentData().toString(), QStringLiteral("mix:rings"));
    QCOMPARE(score->tBox()->value(), 200);
    QVERIFY(score->annealedBox()->isChecked());
    auto* ode = window.findChild<OdeLabView*>();
    QCOMPARE(ode->stepsBox()->value(), 33);
    QCOMPARE(ode->pages()->currentIndex(), 2);
    QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget*>(score));
    QCOMPARE(window.sessionPath(), QFileInfo(first).absoluteFilePath());

    // save → open → save writes the same file.
    QVERIFY2(window.saveSession(second, &error), qPrintable(error));
    QCOMPARE(readAll(second), saved);
    QCOMPARE(MainWindow::recentSessions().mid(0, 2),
             (QStringList{QFileInfo(second).absoluteFilePath(), QFileInfo(first).absoluteFilePath()}));
  }

  void refusesWhatItCannotOpen() {
    QTemporaryDir dir;
    MainWindow window;
    QString error;
    auto refused = [&](const QByteArray& bytes, const QString& expected) {
      const QString path = dir.filePath(QStringLiteral("bad.difflab"));
      if (!writeAll(path, bytes)) return false;
      error.clear();
      const bool opened = window.openSession(path, nullptr, &error);
      if (opened || !error.contains(QStringLiteral("bad.difflab")) || !error.contains(expected)) {
        qWarning() << "for" << bytes << "got" << error;
        return false;
      }
      return true;
    };
    QVERIFY(refused(R"({"format": "difflab-session", "version": 7})", QStringLiteral("newer Diffusion Lab")));
    QVERIFY(refused(R"({"format": "difflab-session", "version": 0})", QStringLiteral("version 0")));
    QVERIFY(refused(R"({"format": "difflab-session"})", QStringLiteral("\"version\"")));
    QVERIFY(refused(R"({"name": "something else"})", QStringLiteral("not a Diffusion Lab session")));
    QVERIFY(refused("{\"format\": \"difflab-session\", ", QStringLiteral("not valid JSON")));
    QVERIFY(!window.openSession(dir.filePath(QStringLiteral("absent.difflab")), nullptr, &error));
    QVERIFY(error.contains(QStringLiteral("no such file")));
    QVERIFY(window.sessionPath().isEmpty());  // nothing was opened
  }

  void wrongFieldsAreNamedAndSkipped() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fields.difflab"));
    QVERIFY(writeAll(path, R"({"format": "difflab-session", "version": 1,
      "schedule": {"a": {"family": "cosine", "timesteps": "many"}},
      "views": {"generate": {"batch": "ten", "guidance": 2.5,
                             "sampler": {"sampler": "ddim", "steps": "x"}},
                "forward_chain": {"source": "everything", "t": 40}}})"));
    MainWindow window;
    QStringList warnings;
    QString error;
    QVERIFY2(window.openSession(path, &warnings, &error), qPrintable(error));
    const QString all = warnings.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("schedule.a")) && all.contains(QStringLiteral("timesteps")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("views.generate.batch = \"ten\" is not an integer")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("views.generate.sampler")) && all.contains(QStringLiteral("steps")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("views.forward_chain.source")), qPrintable(all));
    QCOMPARE(warnings.size(), 4);
    // What was right was applied.
    QCOMPARE(window.findChild<GenerateView*>()->guidanceBox()->value(), 2.5);
    QCOMPARE(window.findChild<ForwardChainView*>()->t(), 40);
    QCOMPARE(window.scheduleState()->options().family, difflab::ScheduleFamily::Linear);
  }

  void modelsThatMovedChangedOrVanishedAreReported() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("lecture"));
    QVERIFY(QDir().mkpath(folder));
    const QString model = folder + QStringLiteral("/model.json");
    QVERIFY(QFile::copy(mixture("rings"), model));
    const QString session = folder + QStringLiteral("/demo.difflab");
    {
      MainWindow window;
      window.modelSession()->setCurrent(model);
      QString error;
      QVERIFY2(window.saveSession(session, &error), qPrintable(error));
    }
    // The folder moves: the model is found beside the session.
    const QString moved = dir.filePath(QStringLiteral("moved"));
    QVERIFY(QDir().rename(folder, moved));
    {
      MainWindow window;
      QStringList warnings;
      QVERIFY(window.openSession(moved + QStringLiteral("/demo.difflab"), &warnings));
      QCOMPARE(warnings.size(), 1);
      QVERIFY2(warnings[0].contains(QStringLiteral("moved")), qPrintable(warnings[0]));
      QCOMPARE(window.modelSession()->current(), QFileInfo(moved + QStringLiteral("/model.json")).canonicalFilePath());
    }
    // The file changes: opened as it is now, with its old and new hash.
    QVERIFY(QFile::remove(moved + QStringLiteral("/model.json")));
    QVERIFY(QFile::copy(mixture("8gaussians"), moved + QStringLiteral("/model.json")));
    {
      MainWindow window;
      QStringList warnings;
      QVERIFY(window.openSession(moved + QStringLiteral("/demo.difflab"), &warnings));
      QVERIFY2(warnings.join(QLatin1Char(' ')).contains(QStringLiteral("changed since the session was saved")),
               qPrintable(warnings.join(QLatin1Char(' '))));
    }
    // The file is gone: the current model stays the default and the warning says so.
    QVERIFY(QFile::remove(moved + QStringLiteral("/model.json")));
    {
      MainWindow window;
      QStringList warnings;
      QVERIFY(window.openSession(moved + QStringLiteral("/demo.difflab"), &warnings));
      QCOMPARE(warnings.size(), 1);
      QVERIFY2(warnings[0].contains(QStringLiteral("missing")), qPrintable(warnings[0]));
      QCOMPARE(window.modelSession()->current(), ModelSession::defaultSpec());
    }
  }

  // The interactive path (File ▸ Open session, recent sessions, `difflab FILE`): the warnings in one box.
  void openingReportsTheWarningsInOneBox() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old-lecture.difflab"));
    QVERIFY(writeAll(path, R"({"format": "difflab-session", "version": 1, "tab": "GenerateView",
      "models": {"current": {"spec": "/nowhere/model.pt", "relative": "model.pt", "sha256": "ab"}},
      "views": {"generate": {"batch": "ten"}}})"));
    MainWindow window;
    window.resize(1100, 700);
    window.show();
    QString shown;
    QTimer::singleShot(0, this, [&] {
      QVERIFY(QTest::qWaitFor([] { return QApplication::activeModalWidget() != nullptr; }, 10000));
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      QVERIFY(box);
      shown = box->text();
      if (const QString out = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR"); !out.isEmpty()) {
        QDir().mkpath(out);
        window.grab().save(QDir(out).filePath(QStringLiteral("session-warnings-window.png")));
        box->grab().save(QDir(out).filePath(QStringLiteral("session-warnings.png")));
      }
      box->accept();
    });
    QVERIFY(window.openSessionAndReport(path));
    QVERIFY2(shown.contains(QStringLiteral("/nowhere/model.pt is missing")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("<li>views.generate.batch = ")), qPrintable(shown));
    QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget*>(window.findChild<GenerateView*>()));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("old-lecture.difflab")));
  }
};

QTEST_MAIN(TestSession)
#include "test_session.moc"
