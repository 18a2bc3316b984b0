// The ODE lab view (ui/views/ode_lab_view) on the exact 8-Gaussians mixture, offscreen: the RK45 inversion
// round trip reconstructs to relative error <= 1e-3 and DDIM's error curve falls with steps; interpolation
// fills a strip and plays; the likelihood read-out matches the exact log-density and shows the spread
// across probe seeds; the VLB terms add up to the total; SDEdit returns an edit; Cancel stops a job.
// With DIFFLAB_SCREENSHOT_DIR set, a screenshot of every page is written there.

#include "session/schedule_state.h"
#include "views/ode_lab_view.h"
#include "widgets/model_source_box.h"
#include "workers/ode_lab_worker.h"

#include <qcustomplot.h>

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
  m_view->runInversion();
  QVERIFY(waitFor(*m_view, QStringLiteral("inversion")));
  QVERIFY2(m_view->errorText().isEmpty(), qPrintable(m_view->errorText()));
  const auto r = m_view->result(QStringLiteral("inversion"));
  QVERIFY(r.has_value());
  QVERIFY(r->tensors.value(QStringLiteral("relative")).max().item<double>() <= 1e-3);
  QCOMPARE(r->tensors.value(QStringLiteral("latent")).size(0), int64_t{128});
  // The DDIM curve (the fixed-step reference drawn for rk45) falls as steps grow.
  const at::Tensor curve = r->tensors.value(QStringLiteral("curve"));
  QVERIFY(curve.size(0) >= 4);
  QVERIFY(curve[0][1].item<double>() > curve[curve.size(0) - 1][1].item<double>());
  QCOMPARE(m_view->curvePlot()->graph(0)->dataCount(), static_cast<int>(curve.size(0)));
  saveScreenshot(*m_view, QStringLiteral("ode_lab_inversion.png"));
}

void TestOdeLab::interpolationStripPlays() {
  m_view->pages()->setCurrentIndex(1);
  m_view->framesBox()->setValue(6);
  m_view->stepsBox()->setValue(20);
  m_view->runInterpolation();
  QVERIFY(waitFor(*m_view, QStringLiteral("interpolation")));
  const auto r = m_view->result(QStringLiteral("interpolation"));
  QVERIFY(r.has_value());
  QCOMPARE(r->tensors.value(QStringLiteral("frames")).size(0), int64_t{6});
  // slerp keeps the latent norm within the two ends' range; lerp dips below both midway.
  const at::Tensor s = r->tensors.value(QStringLiteral("slerp_norms")), l = r->tensors.value(QStringLiteral("lerp_norms"));
  QVERIFY(l[3].item<double>() < std::min(s[0].item<double>(), s[5].item<double>()));
  QVERIFY(m_view->playButton()->isEnabled());
  m_view->playButton()->click();
  QTest::qWait(400);
  m_view->playButton()->click();
  saveScreenshot(*m_view, QStringLiteral("ode_lab_interpolation.png"));
}

void TestOdeLab::likelihoodMatchesTheExactDensity() {
  m_view->pages()->setCurrentIndex(2);
  m_view->runLikelihood();
  QVERIFY(waitFor(*m_view, QStringLiteral("likelihood")));
  auto r = m_view->result(QStringLiteral("likelihood"));
  QVERIFY(r.has_value());
  QVERIFY2(r->numbers.value(QStringLiteral("exact_mae")) <= 0.02,
           qPrintable(QString::number(r->numbers.value(QStringLiteral("exact_mae")))));
  QVERIFY(m_view->likelihoodReadout()->text().contains(QStringLiteral("bits/dim")));
  // Hutchinson with 4 probe seeds: a spread is reported, and the mean lies within it of the exact value.
  m_view->divergenceBox()->setCurrentIndex(2);
  m_view->probeSeedsBox()->setValue(4);
  m_view->runLikelihood();
  QVERIFY(waitFor(*m_view, QStringLiteral("likelihood")));
  r = m_view->result(QStringLiteral("likelihood"));
  const double sd = r->numbers.value(QStringLiteral("seed_std_nats"));
  QVERIFY(sd > 0.0);
  QVERIFY(std::abs(r->numbers.value(QStringLiteral("mean_nats")) - r->numbers.value(QStringLiteral("exact_nats"))) <= 4 * sd + 0.02);
  QVERIFY(m_view->likelihoodReadout()->text().contains(QStringLiteral("±")));
  saveScreenshot(*m_view, QStringLiteral("ode_lab_likelihood.png"));
}

void TestOdeLab::vlbTermsAddUpToTheTotal() {
  m_view->pages()->setCurrentIndex(3);
  m_view->runVlb();
  QVERIFY(waitFor(*m_view, QStringLiteral("vlb")));
  const auto r = m_view->result(QStringLiteral("vlb"));
  QVERIFY(r.has_value());
  const at::Tensor terms = r->tensors.value(QStringLiteral("terms"));
  QCOMPARE(terms.size(0), int64_t{1000});
  const double sum = terms.sum().item<double>() + r->numbers.value(QStringLiteral("prior"));
  QVERIFY(std::abs(sum - r->numbers.value(QStringLiteral("total"))) <= 1e-6 * std::max(1.0, std::abs(sum)));
  QVERIFY(std::isfinite(r->numbers.value(QStringLiteral("bpd"))));
  QCOMPARE(m_view->vlbPlot()->plottableCount(), 3);
  QVERIFY(m_view->vlbReadout()->text().contains(QStringLiteral("bits/dim")));
  saveScreenshot(*m_view, QStringLiteral("ode_lab_vlb.png"));
}

void TestOdeLab::editingByPartialNoising() {
  m_view->pages()->setCurrentIndex(4);
  m_view->t0Slider()->setValue(300);
  m_view->stepsBox()->setValue(30);
  m_view->editClassBox()->setCurrentIndex(1);  // class "0": one of the eight components
  m_view->runEdit();
  QVERIFY(waitFor(*m_view, QStringLiteral("edit")));
  const auto r = m_view->result(QStringLiteral("edit"));
  QVERIFY(r.has_value());
  QCOMPARE(r->tensors.value(QStringLiteral("result")).sizes(), r->tensors.value(QStringLiteral("x0")).sizes());
  QCOMPARE(r->numbers.value(QStringLiteral("nfe")), 30.0);
  QVERIFY(r->tensors.value(QStringLiteral("difference_map")).mean().item<double>() > 0.0);
  saveScreenshot(*m_view, QStringLiteral("ode_lab_editing.png"));
}

void TestOdeLab::cancelStopsAJob() {
  QSignalSpy cancelled(m_view->findChild<OdeLabWorker*>(), &OdeLabWorker::cancelled);
  m_view->batchBox()->setValue(2048);
  m_view->runVlb();
  QVERIFY(m_view->cancelButton()->isEnabled());
  m_view->cancelButton()->click();
  QVERIFY(cancelled.wait(kTimeoutMs));
  QVERIFY(!m_view->cancelButton()->isEnabled());
}

QTEST_MAIN(TestOdeLab)
#include "test_ode_lab.moc"
