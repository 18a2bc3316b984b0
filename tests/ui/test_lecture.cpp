// Lecture mode (ui/lecture): the banner's numbers are the closed forms (the forward marginal's √ᾱ_t and
// √(1 − ᾱ_t), DDIM's coefficients, whose η = 1 variance is DDPM's posterior variance β̃_t, CFG's weights); the
// mode scales the application font, axis fonts, pens and markers by LectureMode::kScale, keeps them scaled
// through a view's redraws and puts back exactly what was there; the slide keys step the current tab's slider
// and play/pause it, and leave keys typed into a field alone. With DIFFLAB_SCREENSHOT_DIR set, screenshots
// of the forward chain and the reverse chain in lecture mode are written there.

// LibTorch before every Qt header (Qt's `slots` macro).
#include <torch/torch.h>

#include "lecture/lecture_equations.h"
#include "lecture/lecture_mode.h"
#include "main_window.h"
#include "schedule/noise_schedule.h"
#include "session/dataset_state.h"
#include "session/model_session.h"
#include "session/schedule_state.h"
#include "views/chain_player_view.h"
#include "views/forward_chain_view.h"
#include "views/generate_view.h"
#include "widgets/model_panel.h"
#include "widgets/sampler_options_form.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

#include <cmath>
#include <random>

namespace {

void screenshot(QWidget& w, const QString& name) {
  const QString dir = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QTest::qWait(200);  // the layouts' posted requests after the font change, and queued replots
  QDir().mkpath(dir);
  QVERIFY(w.grab().save(QDir(dir).filePath(name)));
}

/// "<b>c</b>" as the banner prints coefficient c.
QString bold(double c) { return QStringLiteral("<b>%1</b>").arg(lecture::number(std::abs(c))); }

void showTab(MainWindow& window, QWidget* view) { window.tabs()->setCurrentWidget(view); }

QLabel* banner(MainWindow& window) { return window.findChild<QLabel*>(QStringLiteral("lectureEquation")); }

}  // namespace

class TestLecture : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("DiffusionLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_ui_lecture"));
    QSettings().clear();
  }

  void numbersAreTheClosedForms() {
    QCOMPARE(lecture::number(-0.5), QStringLiteral("−0.5"));
    QCOMPARE(lecture::number(1.5e-5), QStringLiteral("1.5e−05"));

    const difflab::NoiseSchedule s = difflab::NoiseSchedule::from_options({});  // linear, T = 1000
    const double ab = s.alpha_bar(300);
    const QString forward = lecture::forwardMarginal(300, ab);
    QVERIFY2(forward.contains(bold(std::sqrt(ab))) && forward.contains(bold(std::sqrt(1 - ab))), qPrintable(forward));
    QVERIFY(forward.contains(QStringLiteral("x<sub>300</sub>")));

    // DDIM with η = 1 between adjacent steps has DDPM's posterior variance β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t
    // (Song et al. 2021, below eq. 16; Ho et al. 2020, eq. 7).
    for (const int64_t t : {2, 10, 300, 999}) {
      const double abT = s.alpha_bar(t), abS = s.alpha_bar(t - 1);
      const lecture::DdimCoefficients c = lecture::ddimCoefficients(abT, abS, 1.0);
      const double posterior = (1 - abS) / (1 - abT) * s.beta(t);
      QVERIFY2(std::abs(c.sigma * c.sigma - posterior) <= 1e-12 * posterior, qPrintable(QString::number(t)));
      QCOMPARE(lecture::ddimCoefficients(abT, abS, 0.0).sigma, 0.0);
    }
    // Both forms of the step agree: √ᾱ_s x̂₀ + √(1 − ᾱ_s − σ²) ε̂ = a x_t + b ε̂ with x̂₀ from x_t and ε̂.
    std::mt19937 gen(3);
    std::normal_distribution<double> normal;
    for (const double eta : {0.0, 0.5, 1.0}) {
      const double abT = s.alpha_bar(400), abS = s.alpha_bar(380);
      const lecture::DdimCoefficients c = lecture::ddimCoefficients(abT, abS, eta);
      for (int i = 0; i < 10; ++i) {
        const double xt = normal(gen), eps = normal(gen);
        const double x0 = (xt - std::sqrt(1 - abT) * eps) / std::sqrt(abT);
        QVERIFY(std::abs(c.x0 * x0 + c.eps * eps - (c.a * xt + c.b * eps)) < 1e-12);
      }
    }
    const lecture::DdimCoefficients c = lecture::ddimCoefficients(s.alpha_bar(400), s.alpha_bar(380), 0.0);
    const QString step = lecture::ddimStep(400, 380, s.alpha_bar(400), s.alpha_bar(380), 0.0, QString());
    for (const double coefficient : {c.x0, c.eps, c.a, c.b})
      QVERIFY2(step.contains(bold(coefficient)), qPrintable(step));
    QVERIFY2(step.contains(QStringLiteral("x<sub>380</sub> = ")) && step.contains(QStringLiteral("x<sub>400</sub>")),
             qPrintable(step));
    // Between the chain's steps (a uniform-log-SNR grid) the time is an argument, not a subscript (x₃.₉₆₃).
    const QString between = lecture::ddimStep(3.9631, 2.1, s.alpha_bar(4), s.alpha_bar(2), 0.0, QString());
    QVERIFY2(between.contains(QStringLiteral("x(2.1) = ")) && between.contains(QStringLiteral("x(3.963)")) &&
                 !between.contains(QStringLiteral("<sub>3.963")),
             qPrintable(between));

    // CFG at w = 3: ε̃ = 3·ε(x_t, y) − 2·ε(x_t, ∅) (Ho & Salimans 2022, eq. 6).
    const QString cfg = lecture::classifierFreeGuidance(3.0, QStringLiteral("Sneaker"));
    QVERIFY2(cfg.contains(QStringLiteral("<b>3</b>·")) && cfg.contains(QStringLiteral("− <b>2</b>·")), qPrintable(cfg));
    QVERIFY(cfg.contains(QStringLiteral("Sneaker")));

    // The training banner names both losses, as the Training tab's header shows the smoothed one (#18 trial).
    const QString loss = lecture::trainingLoss(QStringLiteral("v"), QStringLiteral("mse"), 40, 0.5, 0.25);
    QVERIFY2(loss.contains(QStringLiteral("L = 0.5 on this batch, 0.25 smoothed")), qPrintable(loss));
    QVERIFY(lecture::trainingLoss(QStringLiteral("eps"), QStringLiteral("mse"), -1, std::nan(""), std::nan(""))
                .contains(QStringLiteral("not trained yet")));
  }

  void modeScalesKeepsAndRestoresExactly() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    window.datasetState()->load(QStringLiteral("two-moons"));
    auto* forward = window.findChild<ForwardChainView*>();
    QVERIFY(QTest::qWaitFor([&] { return forward->result() != nullptr && !forward->isBusy(); }, 60000));
    showTab(window, forward);
    forward->setT(300);
    QCustomPlot* plot = forward->statisticsPlot();
    plot->replot();

    const QFont appFont = window.font();
    auto* spin = forward->findChild<QSpinBox*>();
    QVERIFY(spin);
    const double spinPoints = spin->font().pointSizeF();
    const QFont menuFont = QApplication::font("QMenu");
    QLabel* styled = window.findChild<GenerateView*>()->modelPanel()->infoLabel();  // has a style sheet
    QVERIFY(!styled->styleSheet().isEmpty());
    const QFont styledFont = styled->font();
    const QFont tickFont = plot->xAxis->tickLabelFont();
    const QPen basePen = plot->xAxis->basePen();
    const QPen graphPen = plot->graph(0)->pen();
    QAction* action = window.findChild<QAction*>(QStringLiteral("lectureMode"));
    QVERIFY(action && action->isCheckable());

    action->trigger();
    QVERIFY(window.lectureMode()->isOn());
    QCOMPARE(window.font().pointSizeF(), appFont.pointSizeF() * LectureMode::kScale);
    QCOMPARE(spin->font().pointSizeF(), spinPoints * LectureMode::kScale);  // every widget of the window
    QCOMPARE(QApplication::font("QMenu").pointSizeF(), menuFont.pointSizeF() * LectureMode::kScale);
    QCOMPARE(styled->font().pointSizeF(), styledFont.pointSizeF() * LectureMode::kScale);
    QCOMPARE(plot->xAxis->tickLabelFont().pointSizeF(), tickFont.pointSizeF() * LectureMode::kScale);
    QCOMPARE(plot->xAxis->basePen().widthF(), std::max(1.0, basePen.widthF()) * LectureMode::kScale);
    QCOMPARE(plot->graph(0)->pen().widthF(), std::max(1.0, graphPen.widthF()) * LectureMode::kScale);

    // The banner: the forward marginal at t = 300 with this schedule's numbers.
    QLabel* label = banner(window);
    QVERIFY(label && label->isVisible());
    const double ab = window.scheduleState()->schedule().alpha_bar(300);
    QVERIFY2(label->text().contains(bold(std::sqrt(ab))), qPrintable(label->text()));

    // A view that sets its pens again (as on every redraw) gets them scaled on the next replot.
    QPen fresh(QColor(10, 20, 30), 2.0);
    plot->graph(0)->setPen(fresh);
    plot->replot();
    QCOMPARE(plot->graph(0)->pen().widthF(), 2.0 * LectureMode::kScale);
    QCOMPARE(plot->graph(0)->pen().color(), QColor(10, 20, 30));
    forward->setT(301);
    plot->replot();
    QCOMPARE(plot->xAxis->tickLabelFont().pointSizeF(), tickFont.pointSizeF() * LectureMode::kScale);  // not twice

    // Slide keys: → steps t, and the banner follows; space plays and pauses.
    window.activateWindow();
    window.setFocus();
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(forward->t(), 302);
    const double ab302 = window.scheduleState()->schedule().alpha_bar(302);
    QVERIFY2(
        label->text().contains(QStringLiteral("x<sub>302</sub>")) && label->text().contains(bold(std::sqrt(ab302))),
        qPrintable(label->text()));
    QTest::keyClick(&window, Qt::Key_Left, Qt::ShiftModifier);
    QVERIFY(forward->t() < 302);
    auto* play = qobject_cast<QPushButton*>(forward->lecturePlayButton());
    QVERIFY(play && !play->isChecked());
    QTest::keyClick(&window, Qt::Key_Space);
    QVERIFY(play->isChecked());
    QTest::keyClick(&window, Qt::Key_Space);
    QVERIFY(!play->isChecked());

    // A key typed into a spin box (its line edit has the focus) stays there, and so does one for a combo box.
    spin->setFocus();
    QApplication::processEvents();
    QWidget* focused = QApplication::focusWidget();
    QVERIFY(focused && (focused == spin || focused->parentWidget() == spin));
    const int before = forward->t();
    QTest::keyClick(focused, Qt::Key_Right);
    QCOMPARE(forward->t(), before);
    QTest::keyClick(focused, Qt::Key_Space);
    QVERIFY(!play->isChecked());

    screenshot(window, QStringLiteral("lecture-forward-chain.png"));

    action->trigger();
    QVERIFY(!window.lectureMode()->isOn());
    QCOMPARE(window.font(), appFont);
    QCOMPARE(spin->font().pointSizeF(), spinPoints);
    QCOMPARE(QApplication::font("QMenu"), menuFont);
    QCOMPARE(styled->font(), styledFont);
    QVERIFY(!window.testAttribute(Qt::WA_SetFont));  // inherited again, as before
    QCOMPARE(plot->xAxis->tickLabelFont(), tickFont);
    QCOMPARE(plot->xAxis->basePen(), basePen);
    QCOMPARE(plot->graph(0)->pen(), fresh);  // the view's own pen, as it set it
    QVERIFY(!label->isVisible());
    QTest::keyClick(&window, Qt::Key_Right);  // keys are the widgets' own again
  }

  void reverseChainShowsItsDdimStep() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    window.datasetState()->load(QStringLiteral("two-moons"));
    window.modelSession()->setCurrent(QStringLiteral(DIFFLAB_SOURCE_DIR "/resources/mixtures/two-gaussians.json"));
    auto* chain = window.findChild<ChainPlayerView*>();
    showTab(window, chain);
    difflab::SamplerOptions options = chain->samplerForm()->options();
    options.name = "ddim";
    options.eta = 0.0;
    options.steps = 20;
    chain->samplerForm()->setOptions(options);
    QVERIFY(QTest::qWaitFor([&] { return chain->original().complete && chain->original().totalSteps == 20; }, 60000));
    window.lectureMode()->setOn(true);
    chain->seek(6);
    const SamplingFrame* from = chain->original().at(5);
    const SamplingFrame* to = chain->original().at(6);
    QVERIFY(from && to);
    const difflab::NoiseSchedule& s = window.scheduleState()->schedule();
    auto alphaBar = [&](double t) { return std::pow(s.alpha_cont(t / double(s.timesteps())), 2); };
    const lecture::DdimCoefficients c = lecture::ddimCoefficients(alphaBar(from->t), alphaBar(to->t), 0.0);
    const QString text = banner(window)->text();
    QVERIFY2(text.contains(bold(c.a)) && text.contains(bold(c.b)) && text.contains(bold(c.x0)), qPrintable(text));
    QVERIFY2(text.contains((c.b < 0 ? QStringLiteral("− ") : QStringLiteral("+ ")) + bold(c.b)), qPrintable(text));
    // The coefficients are the chain's own: x_s = a·x_t + b·ε̂ on the frames the player shows (ε̂ of the step
    // is the prediction at t, stored with the frame it produced).
    QCOMPARE(to->tEval, from->t);
    const double residual = (to->xt.to(at::kDouble) - c.a * from->xt.to(at::kDouble) - c.b * to->eps.to(at::kDouble))
                                .abs()
                                .max()
                                .item<double>();
    QVERIFY2(residual < 1e-4, qPrintable(QString::number(residual)));
    // → is the next step of the player.
    window.activateWindow();
    window.setFocus();
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(chain->currentStep(), 7);
    screenshot(window, QStringLiteral("lecture-reverse-chain.png"));
    window.lectureMode()->setOn(false);
  }
};

QTEST_MAIN(TestLecture)
#include "test_lecture.moc"
