// The ODE lab (ui/views/ode_lab/) on the exact 8-Gaussians mixture, offscreen: the RK45 inversion
// round trip reconstructs to relative error <= 1e-3 and DDIM's error curve falls with steps, its 2-D results pan,
// zoom, fit and count what is outside the view; interpolation
// fills a strip and plays; the likelihood read-out matches the exact log-density and shows the spread
// across probe seeds; the VLB terms add up to the total; SDEdit returns an edit; Cancel stops a job.
// With DIFFLAB_SCREENSHOT_DIR set, a screenshot of every page is written there.

// Core headers first: LibTorch's must precede Qt's.
#include "ode/likelihood_report.h"
#include "ode/ode_lab_reports.h"
#include "ode/partial_noising.h"

#include <torch/torch.h>

#include "session/schedule_state.h"
#include "views/ode_lab/edit_page.h"
#include "views/ode_lab/interpolation_page.h"
#include "views/ode_lab/inversion_page.h"
#include "views/ode_lab/likelihood_page.h"
#include "views/ode_lab/ode_lab_view.h"
#include "views/ode_lab/result_view.h"
#include "views/ode_lab/vlb_page.h"
#include "widgets/model_source_box.h"
#include "widgets/plot_view_bar.h"
#include "workers/ode_lab_worker.h"

#include <qcustomplot.h>

#include <algorithm>

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

namespace {

constexpr int kTimeoutMs = 60000;

void saveScreenshot(QWidget& w, const QString& name) {
  const QString dir = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  QTest::qWait(100);  // the layout pass that the result's texts asked for
  QVERIFY(w.grab().save(QDir(dir).filePath(name)));
}

bool waitFor(OdeLabView& view, const QString& kind) {
  QSignalSpy shown(&view, &OdeLabView::resultShown);
  while (shown.wait(kTimeoutMs))
    if (shown.last().at(0).toString() == kind) return true;
  return false;
}

}  // namespace

class TestOdeLab : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init();
  void cleanup();
  void inversionRoundTripAndErrorCurve();
  void interpolationStripPlays();
  void likelihoodMatchesTheExactDensity();
  void vlbTermsAddUpToTheTotal();
  void editingByPartialNoising();
  void cancelStopsAJob();
  void sharedControlsAndStatusFollowThePage();

 private:
  ScheduleState m_schedule;
  OdeLabView* m_view = nullptr;
};

void TestOdeLab::init() {
  m_view = new OdeLabView(&m_schedule, nullptr);
  m_view->resize(1400, 900);
  m_view->show();
  QCOMPARE(m_view->modelBox()->spec(), QStringLiteral("preset:8gaussians"));
  m_view->batchBox()->setValue(128);
  QTRY_VERIFY_WITH_TIMEOUT(m_view->model().has_value(), kTimeoutMs);  // it opens off the GUI thread
}

void TestOdeLab::cleanup() {
  delete m_view;
  m_view = nullptr;
}

void TestOdeLab::inversionRoundTripAndErrorCurve() {
  m_view->solverBox()->setCurrentIndex(m_view->solverBox()->findData(QStringLiteral("rk45")));
  m_view->inversionPage()->run();
  QVERIFY(waitFor(*m_view, QStringLiteral("inversion")));
  QVERIFY2(m_view->errorText().isEmpty(), qPrintable(m_view->errorText()));
  const auto r = m_view->inversionPage()->report();
  QVERIFY(r != nullptr);
  QVERIFY(r->error.relative.max().item<double>() <= 1e-3);
  QCOMPARE(r->latent.size(0), int64_t{128});
  // The fixed-step curve drawn for rk45 falls as steps grow.
  QVERIFY(r->curve.size() >= 4);
  QVERIFY(r->curve.front().relative > r->curve.back().relative);
  QCOMPARE(m_view->inversionPage()->curvePlot()->graph(0)->dataCount(), static_cast<int>(r->curve.size()));
  saveScreenshot(*m_view, QStringLiteral("ode_lab_inversion.png"));

  // 2-D results are scatters that pan and zoom: original, latent and reconstruction, 128 points each, framed
  // with nothing outside; zoomed in, the bar counts the points left outside; "Fit to samples" frames them again.
  const auto views = m_view->inversionPage()->findChildren<odelab::ResultView*>();
  QCOMPARE(views.size(), 3);
  for (odelab::ResultView* v : views) {
    QVERIFY(v->showsPoints());
    QCOMPARE(v->plot()->graph(1)->dataCount(), 128);
    QVERIFY(v->plot()->interactions().testFlag(QCP::iRangeZoom));
    QCOMPARE(v->viewBar()->outsideCount(), 0);
  }
  odelab::ResultView* latent = views[1];
  QCOMPARE(latent->plot()->graph(0)->dataCount(), 0);  // the latent has no data behind it
  latent->plot()->xAxis->scaleRange(0.2);
  latent->plot()->yAxis->scaleRange(0.2);
  latent->plot()->replot();
  QVERIFY(latent->viewBar()->outsideCount() > 64);
  QVERIFY(latent->viewBar()->countLabel()->text().contains(QStringLiteral("outside")));
  latent->viewBar()->fitSamplesButton()->click();
  QVERIFY(latent->viewBar()->outsideCount() <= 2);  // the fit frames 99 % of the samples per axis

  // Exact steps are the default: DDIM at 10 steps walks them (the plain walk leaves ~0.2 on this mixture), and
  // the error curve beside it is the plain walk, named so.
  QVERIFY(m_view->exactStepsBox()->isChecked());
  // Multistep solvers and RK45 have no per-step inverse: the box is greyed out with them.
  for (const char* multistep : {"dpmpp-2m", "unipc", "rk45"}) {
    const int index = m_view->solverBox()->findData(QString::fromLatin1(multistep));
    QVERIFY2(index >= 0, multistep);
    m_view->solverBox()->setCurrentIndex(index);
    QVERIFY2(!m_view->exactStepsBox()->isEnabled(), multistep);
  }
  m_view->solverBox()->setCurrentIndex(m_view->solverBox()->findData(QStringLiteral("ddim")));
  QVERIFY(m_view->exactStepsBox()->isEnabled());
  m_view->stepsBox()->setValue(10);
  m_view->inversionPage()->run();
  QVERIFY(waitFor(*m_view, QStringLiteral("inversion")));
  const auto exact = m_view->inversionPage()->report();
  QVERIFY(exact != nullptr && exact->exact_steps);
  const auto plain10 = std::find_if(exact->curve.begin(), exact->curve.end(),
                                    [](const difflab::ReconstructionPoint& p) { return p.steps == 10; });
  QVERIFY(plain10 != exact->curve.end());
  QVERIFY2(exact->error.relative.mean().item<double>() < 0.05 * plain10->relative,
           qPrintable(QStringLiteral("exact %1 against plain %2")
                          .arg(exact->error.relative.mean().item<double>())
                          .arg(plain10->relative)));
  const QCustomPlot* curves = m_view->inversionPage()->curvePlot();
  QVERIFY(curves->graph(curves->graphCount() - 1)->name().contains(QStringLiteral("plain walk")));

  // Another model: the results of the previous one go, and stay gone when the window is resized; the bar says
  // "no run yet", not the last run's 100 %.
  m_view->modelBox()->setSpec(QStringLiteral("preset:rings"));
  QVERIFY(m_view->inversionPage()->report() == nullptr);
  QCOMPARE(m_view->progressBar()->text(), QStringLiteral("no run yet"));
  m_view->resize(1300, 850);
  QTest::qWait(50);
  for (odelab::ResultView* v : views) {
    QVERIFY(!v->showsPoints());
    QVERIFY(v->pictureLabel()->pixmap().isNull());
    QCOMPARE(v->plot()->graph(1)->dataCount(), 0);
  }
}

void TestOdeLab::interpolationStripPlays() {
  m_view->pages()->setCurrentIndex(1);
  InterpolationPage* page = m_view->interpolationPage();
  page->framesBox()->setValue(6);
  m_view->stepsBox()->setValue(20);
  page->run();
  QVERIFY(waitFor(*m_view, QStringLiteral("interpolation")));
  const auto r = page->report();
  QVERIFY(r != nullptr);
  QCOMPARE(r->frames.size(0), int64_t{6});
  QCOMPARE(r->frames.size(1), int64_t{128});  // a cloud of 2-D points per frame
  // slerp keeps the latent norm within the two ends' range; lerp dips below both midway.
  QVERIFY(r->lerp_norms[3] < std::min(r->slerp_norms[0], r->slerp_norms[5]));
  QVERIFY(page->playButton()->isEnabled());
  page->playButton()->click();
  QTest::qWait(400);
  page->playButton()->click();
  saveScreenshot(*m_view, QStringLiteral("ode_lab_interpolation.png"));
  // At a 1366×768 laptop's size (the view's share of the window) the latent-norm plot keeps room for its axes.
  m_view->resize(1366, 560);
  QTest::qWait(50);
  saveScreenshot(*m_view, QStringLiteral("ode_lab_interpolation_laptop.png"));
  QCPAxis* norm = page->normPlot()->yAxis;
  const QVector<double> ticks = norm->tickVector();
  QVERIFY(ticks.size() >= 2);
  const double gap = std::abs(norm->coordToPixel(ticks[1]) - norm->coordToPixel(ticks[0]));
  QVERIFY2(gap >= 1.2 * QFontMetrics(norm->tickLabelFont()).height(), qPrintable(QString::number(gap)));
}

void TestOdeLab::likelihoodMatchesTheExactDensity() {
  m_view->pages()->setCurrentIndex(2);
  LikelihoodPage* page = m_view->likelihoodPage();
  page->run();
  QVERIFY(waitFor(*m_view, QStringLiteral("likelihood")));
  auto r = page->report();
  QVERIFY(r != nullptr);
  QVERIFY(r->has_exact);
  QVERIFY2(r->exact_mean_abs_error <= 0.02, qPrintable(QString::number(r->exact_mean_abs_error)));
  QVERIFY(page->readout()->text().contains(QStringLiteral("bits/dim")));
  // The result names the integrator it used: the shared Solver and Steps don't apply here.
  QVERIFY2(page->readout()->text().contains(QStringLiteral("adaptive RK45")), qPrintable(page->readout()->text()));
  // Hutchinson with 4 probe seeds: a spread is reported, and the mean lies within it of the exact value.
  // The exact divergence takes no probes: their boxes are greyed out for it, and back for Hutchinson.
  page->divergenceBox()->setCurrentIndex(0);
  QVERIFY(!page->findChild<QSpinBox*>(QStringLiteral("likelihood_probes"))->isEnabled());
  QVERIFY(!page->findChild<QSpinBox*>(QStringLiteral("likelihood_probe_seeds"))->isEnabled());
  page->divergenceBox()->setCurrentIndex(2);
  QVERIFY(page->findChild<QSpinBox*>(QStringLiteral("likelihood_probes"))->isEnabled());
  page->probeSeedsBox()->setValue(4);
  page->run();
  QVERIFY(waitFor(*m_view, QStringLiteral("likelihood")));
  r = page->report();
  QVERIFY(r->seed_std_nats > 0.0);
  QVERIFY(std::abs(r->mean_nats - r->exact_nats) <= 4 * r->seed_std_nats + 0.02);
  QVERIFY(page->readout()->text().contains(QStringLiteral("±")));
  saveScreenshot(*m_view, QStringLiteral("ode_lab_likelihood.png"));
}

void TestOdeLab::vlbTermsAddUpToTheTotal() {
  m_view->pages()->setCurrentIndex(3);
  VlbPage* page = m_view->vlbPage();
  page->run();
  QVERIFY(waitFor(*m_view, QStringLiteral("vlb")));
  const auto r = page->report();
  QVERIFY(r != nullptr);
  QCOMPARE(r->terms.size(0), int64_t{1000});
  const double sum = r->terms.sum().item<double>() + r->prior;
  QVERIFY(std::abs(sum - r->total) <= 1e-6 * std::max(1.0, std::abs(sum)));
  QVERIFY(std::isfinite(r->bits_per_dim));
  QCOMPARE(page->plot()->plottableCount(), 3);
  QVERIFY(page->readout()->text().contains(QStringLiteral("bits/dim")));
  saveScreenshot(*m_view, QStringLiteral("ode_lab_vlb.png"));
}

void TestOdeLab::editingByPartialNoising() {
  m_view->pages()->setCurrentIndex(4);
  EditPage* page = m_view->editPage();
  page->t0Slider()->setValue(300);
  m_view->stepsBox()->setValue(30);
  page->classBox()->setCurrentIndex(1);  // class "0": one of the eight components
  // Its sampler box names the samplers as every other box does (the title), keeping the CLI name as data.
  const auto* sampler = page->findChild<QComboBox*>(QStringLiteral("edit_sampler"));
  QVERIFY(sampler != nullptr);
  QCOMPARE(sampler->currentText(), QStringLiteral("DDIM"));
  QCOMPARE(sampler->currentData().toString(), QStringLiteral("ddim"));
  // The label shows ᾱ at t₀ of the model's own schedule (here the default linear one: ᾱ_300 ≈ 0.396).
  QVERIFY2(page->t0Label()->text().contains(QStringLiteral("0.3")), qPrintable(page->t0Label()->text()));
  page->run();
  QVERIFY(waitFor(*m_view, QStringLiteral("edit")));
  const auto r = page->report();
  QVERIFY(r != nullptr);
  QCOMPARE(r->result.sizes(), page->input().sizes());
  QCOMPARE(r->nfe, int64_t{30});
  QVERIFY(r->difference_map.mean().item<double>() > 0.0);
  // The moves: one segment per point (from, to, a NaN break) over the data, the edits as the samples.
  const auto views = page->findChildren<odelab::ResultView*>();
  QCOMPARE(views.size(), 3);
  odelab::ResultView* moves = views[2];
  QVERIFY(moves->showsPoints());
  QCOMPARE(moves->plot()->graph(1)->dataCount(), static_cast<int>(r->result.size(0)));
  QVERIFY(moves->plot()->graph(0)->dataCount() > 100);
  auto* curve = qobject_cast<QCPCurve*>(moves->plot()->plottable(1));
  QVERIFY(curve);
  QCOMPARE(curve->dataCount(), 3 * static_cast<int>(r->result.size(0)));
  saveScreenshot(*m_view, QStringLiteral("ode_lab_editing.png"));
}

void TestOdeLab::cancelStopsAJob() {
  QSignalSpy cancelled(m_view->findChild<OdeLabWorker*>(), &OdeLabWorker::cancelled);
  m_view->batchBox()->setValue(2048);
  m_view->vlbPage()->run();
  QVERIFY(m_view->cancelButton()->isEnabled());
  m_view->cancelButton()->click();
  QVERIFY(cancelled.wait(kTimeoutMs));
  QVERIFY(!m_view->cancelButton()->isEnabled());

  // A model switch stops a running job and says so, also once the new model has opened; the curves' axes return
  // to where they started.
  m_view->vlbPage()->run();
  QVERIFY(m_view->cancelButton()->isEnabled());
  m_view->modelBox()->setSpec(QStringLiteral("preset:rings"));
  QVERIFY(cancelled.wait(kTimeoutMs));
  QTRY_VERIFY_WITH_TIMEOUT(m_view->model().has_value(), kTimeoutMs);
  QTest::qWait(100);
  const QString status = m_view->findChild<QLabel*>(QStringLiteral("odeLabStatus"))->text();
  QVERIFY2(status.contains(QStringLiteral("stopped")), qPrintable(status));
}

// Each page greys out the shared controls it does not use and says what it uses instead; the bar and the status
// line show the current page's last run, not another page's.
void TestOdeLab::sharedControlsAndStatusFollowThePage() {
  const auto enabled = [this] {
    QString s;
    for (QWidget* w : std::initializer_list<QWidget*>{m_view->solverBox(), m_view->spacingBox(), m_view->stepsBox(),
                                                      m_view->exactStepsBox(), m_view->seedBox(), m_view->classBox()})
      s += w->isEnabled() ? QLatin1Char('1') : QLatin1Char('0');
    return s;
  };
  m_view->solverBox()->setCurrentIndex(m_view->solverBox()->findData(QStringLiteral("heun")));
  // solver, spacing, steps, exact, seed, class
  m_view->pages()->setCurrentIndex(0);  // inversion: all of them
  QCOMPARE(enabled(), QStringLiteral("111111"));
  QVERIFY(m_view->sharedNote()->isHidden());
  QVERIFY(m_view->lectureEquation().contains(QStringLiteral("50 steps")));
  m_view->solverBox()->setCurrentIndex(m_view->solverBox()->findData(QStringLiteral("rk45")));
  QCOMPARE(enabled(), QStringLiteral("110011"));  // RK45 picks its steps; no exact steps
  QVERIFY(m_view->sharedNote()->text().contains(QStringLiteral("RK45")));
  // The banner names the adaptive solver and no step count.
  QVERIFY2(m_view->lectureEquation().contains(QStringLiteral("Adaptive RK45")) &&
               !m_view->lectureEquation().contains(QStringLiteral("steps")),
           qPrintable(m_view->lectureEquation()));
  m_view->solverBox()->setCurrentIndex(m_view->solverBox()->findData(QStringLiteral("heun")));
  m_view->pages()->setCurrentIndex(1);  // interpolation: its own seeds and classes; decoding has no exact steps
  QCOMPARE(enabled(), QStringLiteral("111000"));
  QVERIFY(m_view->sharedNote()->text().contains(QStringLiteral("own")));
  m_view->pages()->setCurrentIndex(2);  // likelihood: adaptive RK45, no grid
  QCOMPARE(enabled(), QStringLiteral("000011"));
  QVERIFY(m_view->sharedNote()->text().contains(QStringLiteral("don't apply")));
  // Pages that walk no shared grid show their own equation in the banner, not the shared solver's.
  QVERIFY(m_view->lectureEquation().contains(QStringLiteral("adaptive RK45")));
  QVERIFY(!m_view->lectureEquation().contains(QStringLiteral("Heun")));
  m_view->pages()->setCurrentIndex(3);  // the bound: every t
  QCOMPARE(enabled(), QStringLiteral("000011"));
  QVERIFY2(m_view->lectureEquation().contains(QStringLiteral("KL")) &&
               m_view->lectureEquation().contains(QStringLiteral("1000")),
           qPrintable(m_view->lectureEquation()));
  m_view->pages()->setCurrentIndex(4);  // editing: its own sampler and class, a trailing grid from t₀
  QCOMPARE(enabled(), QStringLiteral("001010"));
  QVERIFY2(m_view->lectureEquation().contains(QStringLiteral("t₀ = 500")) &&
               m_view->lectureEquation().contains(QStringLiteral("DDIM")) &&
               !m_view->lectureEquation().contains(QStringLiteral("Heun")),
           qPrintable(m_view->lectureEquation()));

  // A finished bound: its page shows the full bar and "… finished"; the likelihood page has no run yet.
  m_view->pages()->setCurrentIndex(3);
  m_view->vlbPage()->run();
  QVERIFY(waitFor(*m_view, QStringLiteral("vlb")));
  const auto* status = m_view->statusLabel();
  QVERIFY2(status->text().contains(QStringLiteral("Variational bound finished")), qPrintable(status->text()));
  QCOMPARE(m_view->progressBar()->value(), m_view->progressBar()->maximum());
  m_view->pages()->setCurrentIndex(2);
  QCOMPARE(m_view->progressBar()->text(), QStringLiteral("no run yet"));
  QVERIFY2(!status->text().contains(QStringLiteral("finished")), qPrintable(status->text()));
  m_view->pages()->setCurrentIndex(3);
  QVERIFY(status->text().contains(QStringLiteral("finished")));
  QCOMPARE(m_view->progressBar()->value(), m_view->progressBar()->maximum());
  // Another model: no page has a run of it.
  m_view->modelBox()->setSpec(QStringLiteral("preset:rings"));
  QCOMPARE(m_view->progressBar()->text(), QStringLiteral("no run yet"));
  QVERIFY(!status->text().contains(QStringLiteral("finished")));
}

QTEST_MAIN(TestOdeLab)
#include "test_ode_lab.moc"
