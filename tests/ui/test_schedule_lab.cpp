// Schedule lab (ui/views/schedule_lab_view): controls drive the shared ScheduleState, the plots hold the
// schedule's values, invalid input is reported and the last schedule kept, control points can be dragged.
// With DIFFLAB_SCREENSHOT_DIR set, screenshots() also writes PNGs of the view for a manual look.

#include "session/schedule_state.h"
#include "views/schedule_lab_view.h"
#include "widgets/schedule_control_points.h"
#include "widgets/schedule_controls.h"
#include "widgets/schedule_plot.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include <cmath>

using difflab::ScheduleFamily;
using difflab::ScheduleOptions;
using PlotKind = ScheduleLabView::PlotKind;

namespace {

void sendMouse(QWidget* w, QEvent::Type type, const QPointF& pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
  QMouseEvent event(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
  QApplication::sendEvent(w, &event);
}

// Press on `from`, move in `steps` steps to `to`, release: what a user's drag delivers.
void drag(QWidget* w, const QPointF& from, const QPointF& to, int steps = 4) {
  sendMouse(w, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
  for (int i = 1; i <= steps; ++i)
    sendMouse(w, QEvent::MouseMove, from + (to - from) * (static_cast<double>(i) / steps), Qt::NoButton,
              Qt::LeftButton);
  sendMouse(w, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
}

double lastValue(const QCPGraph* g) { return (g->data()->constEnd() - 1)->value; }
double valueAt(const QCPGraph* g, int index) { return g->data()->at(index)->value; }

void selectFamily(ScheduleLabView& view, ScheduleFamily family) {
  QComboBox* box = view.controls()->familyBox();
  box->setCurrentIndex(box->findData(static_cast<int>(family)));
}

// Lays the view out and draws every plot once, so that pixel <-> coordinate conversions are valid.
void layOut(ScheduleLabView& view) {
  view.resize(1400, 900);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  for (auto kind : {PlotKind::Beta, PlotKind::AlphaBar, PlotKind::LogSnr, PlotKind::NoiseLevel})
    view.plot(kind)->replot();
}

bool strictlyDecreasing(const std::vector<double>& v) {
  for (size_t i = 1; i < v.size(); ++i)
    if (!(v[i] < v[i - 1])) return false;
  return true;
}

}  // namespace

class TestScheduleLab : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void familyComboUpdatesState();
  void plotsMatchSchedule();
  void zeroTerminalSnrLeavesOutInfiniteValues();
  void invalidValueShowsErrorAndKeepsSchedule();
  void stateChangesFromElsewhereReachTheControls();
  void draggingControlPointChangesScheduleMonotonically();
  void doubleClickAddsAndRightClickRemovesPoints();
  void terminalSnrWarning();
  void comparisonIsDashedWithLegend();
  void hoverShowsReadout();
  void markers();
  void screenshots();
};

void TestScheduleLab::familyComboUpdatesState() {
  ScheduleState state;
  ScheduleLabView view(&state);
  QSignalSpy changed(&state, &ScheduleState::changed);
  selectFamily(view, ScheduleFamily::Cosine);
  QCOMPARE(changed.count(), 1);
  QCOMPARE(state.options().family, ScheduleFamily::Cosine);
  // Nichol & Dhariwal's cosine schedule clips β_T at max_beta = 0.999.
  QCOMPARE(lastValue(view.plot(PlotKind::Beta)->curveGraph(0, false)), 0.999);

  view.controls()->timestepsBox()->setValue(250);
  QCOMPARE(changed.count(), 2);
  QCOMPARE(state.schedule().timesteps(), int64_t{250});
}

void TestScheduleLab::plotsMatchSchedule() {
  ScheduleState state;
  ScheduleLabView view(&state);
  view.controls()->timestepsBox()->setValue(4000);
  const auto& s = state.schedule();
  QCOMPARE(s.timesteps(), int64_t{4000});

  const QCPGraph* beta = view.plot(PlotKind::Beta)->curveGraph(0, false);
  QCOMPARE(beta->dataCount(), 4000);
  QCOMPARE(lastValue(beta), s.beta(4000));
  QCOMPARE(lastValue(beta), 0.02);  // linear: β_T = β_end
  QCOMPARE(valueAt(beta, 0), 1e-4);
  QCOMPARE(beta->data()->at(1999)->key, 2000.0);

  const QCPGraph* alphaBar = view.plot(PlotKind::AlphaBar)->curveGraph(0, false);
  QCOMPARE(alphaBar->dataCount(), 4000);
  QCOMPARE(valueAt(alphaBar, 1999), s.alpha_bar(2000));

  const QCPGraph* lambda = view.plot(PlotKind::LogSnr)->curveGraph(0, false);
  QCOMPARE(lambda->dataCount(), 4000);
  const double ab = s.alpha_bar(100);
  QVERIFY(std::abs(valueAt(lambda, 99) - std::log(ab / (1.0 - ab))) < 1e-9);

  SchedulePlot* noise = view.plot(PlotKind::NoiseLevel);
  const QCPGraph* root = noise->curveGraph(ScheduleLabView::NoiseSqrtOneMinusAlphaBar, false);
  const QCPGraph* sigma = noise->curveGraph(ScheduleLabView::NoiseSigma, false);
  QCOMPARE(valueAt(root, 10), std::sqrt(1.0 - s.alpha_bar(11)));
  QCOMPARE(valueAt(sigma, 10), std::sqrt((1.0 - s.alpha_bar(11)) / s.alpha_bar(11)));
  QCOMPARE(sigma->valueAxis()->scaleType(), QCPAxis::stLogarithmic);
  // The t axis spans the whole schedule.
  QCOMPARE(noise->xAxis->range().upper, 4000.0);
}

void TestScheduleLab::zeroTerminalSnrLeavesOutInfiniteValues() {
  ScheduleState state;
  ScheduleLabView view(&state);
  view.controls()->zeroTerminalSnrBox()->setChecked(true);
  QVERIFY(state.options().zero_terminal_snr);
  QCOMPARE(state.schedule().alpha_bar(1000), 0.0);
  QCOMPARE(lastValue(view.plot(PlotKind::Beta)->curveGraph(0, false)), 1.0);  // Lin et al. 2024: β_T = 1
  // λ_T = −∞ and σ_T = +∞ cannot be drawn; every other step is.
  QCOMPARE(view.plot(PlotKind::LogSnr)->curveGraph(0, false)->dataCount(), 999);
  QCOMPARE(view.plot(PlotKind::NoiseLevel)->curveGraph(ScheduleLabView::NoiseSigma, false)->dataCount(), 999);
}

void TestScheduleLab::invalidValueShowsErrorAndKeepsSchedule() {
  ScheduleState state;
  ScheduleLabView view(&state);
  layOut(view);
  const std::vector<double> before = state.schedule().betas();
  QSignalSpy invalid(&state, &ScheduleState::invalid);
  QSignalSpy changed(&state, &ScheduleState::changed);

  view.controls()->betaStartBox()->setValue(0.0);
  QCOMPARE(invalid.count(), 1);
  QCOMPARE(changed.count(), 0);
  QVERIFY(view.errorLabel()->isVisible());
  QVERIFY2(view.errorLabel()->text().contains(QStringLiteral("beta_start must lie in (0, 1), got 0")),
           qPrintable(view.errorLabel()->text()));
  QCOMPARE(state.schedule().betas(), before);
  QCOMPARE(valueAt(view.plot(PlotKind::Beta)->curveGraph(0, false), 0), before.front());

  view.controls()->betaStartBox()->setValue(0.5);  // now above β_end = 0.02
  QCOMPARE(invalid.count(), 2);
  QVERIFY(view.errorLabel()->text().contains(QStringLiteral("must not exceed beta_end")));
  QCOMPARE(state.schedule().betas(), before);

  view.controls()->betaStartBox()->setValue(0.001);
  QCOMPARE(changed.count(), 1);
  QVERIFY(!view.errorLabel()->isVisible());
  QCOMPARE(valueAt(view.plot(PlotKind::Beta)->curveGraph(0, false), 0), 0.001);
}

void TestScheduleLab::stateChangesFromElsewhereReachTheControls() {
  ScheduleState state;
  ScheduleLabView view(&state);
  ScheduleOptions o;
  o.family = ScheduleFamily::Sigmoid;
  o.timesteps = 321;
  o.beta_end = 0.03;
  state.setOptions(o);
  QCOMPARE(view.controls()->familyBox()->currentData().toInt(), static_cast<int>(ScheduleFamily::Sigmoid));
  QCOMPARE(view.controls()->timestepsBox()->value(), 321);
  QCOMPARE(view.controls()->betaEndBox()->value(), 0.03);
  QCOMPARE(view.plot(PlotKind::Beta)->curveGraph(0, false)->dataCount(), 321);
}

void TestScheduleLab::draggingControlPointChangesScheduleMonotonically() {
  ScheduleState state;
  ScheduleLabView view(&state);
  layOut(view);
  selectFamily(view, ScheduleFamily::Custom);
  QCOMPARE(state.options().family, ScheduleFamily::Custom);
  QVERIFY(state.error().isEmpty());
  ScheduleControlPointEditor* editor = view.controlPointEditor();
  QVERIFY(editor->isEnabled());
  const auto points = state.options().control_points;
  QCOMPARE(editor->points().size(), points.size());
  QVERIFY(points.size() >= 4);

  SchedulePlot* plot = view.plot(PlotKind::LogSnr);
  plot->replot();
  const std::vector<double> before = state.schedule().alpha_bars();

  // Drag point 2 down, halfway to point 3: still a decreasing λ.
  const double target = 0.5 * (points[2].second + points[3].second);
  const QPointF from = editor->pixelOf(2);
  const QPointF to(from.x(), plot->yAxis->coordToPixel(target));
  QVERIFY(std::abs(to.y() - from.y()) > 10);
  QCOMPARE(editor->pointAt(from), 2);
  drag(plot, from, to);
  QVERIFY(!editor->isDragging());
  QVERIFY2(state.error().isEmpty(), qPrintable(state.error()));
  const auto moved = state.options().control_points;
  QCOMPARE(moved.size(), points.size());
  QVERIFY(std::abs(moved[2].first - points[2].first) < 1e-9);  // a vertical drag keeps u
  QVERIFY(std::abs(moved[2].second - target) < 0.05 * std::abs(points[2].second - points[3].second) + 1e-9);
  const auto& after = state.schedule().alpha_bars();
  QVERIFY(after != before);
  QVERIFY(strictlyDecreasing(after));
  // The λ curve passes through the moved point: λ(u_2·T) = λ_2.
  const auto t2 = static_cast<int64_t>(std::llround(moved[2].first * state.schedule().timesteps()));
  QVERIFY(std::abs(state.schedule().log_snr(t2) - moved[2].second) < 1e-6);
  QVERIFY(!view.errorLabel()->isVisible());

  // Drag it above its left neighbour in one move: the point stops just below the neighbour's λ (points keep
  // their order), so the schedule stays valid and no error shows.
  QSignalSpy invalid(&state, &ScheduleState::invalid);
  const QPointF above(to.x(), plot->yAxis->coordToPixel(points[1].second + 1.0));
  drag(plot, editor->pixelOf(2), above, 1);
  QCOMPARE(invalid.count(), 0);
  QVERIFY(state.error().isEmpty());
  QVERIFY(!view.errorLabel()->isVisible());
  const auto clamped = state.options().control_points;
  QVERIFY(clamped[2].second < clamped[1].second);
  QVERIFY(clamped[2].second > clamped[1].second - 0.01);
  QVERIFY(strictlyDecreasing(state.schedule().alpha_bars()));

  // Dragging it back gives the earlier schedule's point again.
  drag(plot, editor->pixelOf(2), to);
  QVERIFY(state.error().isEmpty());
  QVERIFY(strictlyDecreasing(state.schedule().alpha_bars()));

  // The editor's API does the same as the mouse.
  editor->movePoint(3, 0.9, moved[3].second - 0.5);  // u is kept between the neighbours
  QVERIFY(state.error().isEmpty());
  QVERIFY(state.options().control_points[3].first < state.options().control_points[4].first);
}

void TestScheduleLab::doubleClickAddsAndRightClickRemovesPoints() {
  ScheduleState state;
  ScheduleLabView view(&state);
  layOut(view);
  selectFamily(view, ScheduleFamily::Custom);
  ScheduleControlPointEditor* editor = view.controlPointEditor();
  SchedulePlot* plot = view.plot(PlotKind::LogSnr);
  plot->replot();
  const size_t n = editor->points().size();
  const double T = static_cast<double>(state.schedule().timesteps());

  // On the λ curve halfway between two points: the schedule stays valid.
  const int64_t t = static_cast<int64_t>(0.5 * T);
  const QPointF where(plot->xAxis->coordToPixel(static_cast<double>(t)),
                      plot->yAxis->coordToPixel(state.schedule().log_snr(t)));
  QCOMPARE(editor->pointAt(where), -1);
  sendMouse(plot, QEvent::MouseButtonDblClick, where, Qt::LeftButton, Qt::LeftButton);
  QCOMPARE(editor->points().size(), n + 1);
  QCOMPARE(state.options().control_points.size(), n + 1);
  QVERIFY2(state.error().isEmpty(), qPrintable(state.error()));

  int added = -1;
  for (size_t i = 0; i < editor->points().size(); ++i)
    if (std::abs(editor->points()[i].first - 0.5) < 0.01) added = static_cast<int>(i);
  QVERIFY(added > 0);
  plot->replot();
  sendMouse(plot, QEvent::MouseButtonPress, editor->pixelOf(added), Qt::RightButton, Qt::RightButton);
  sendMouse(plot, QEvent::MouseButtonRelease, editor->pixelOf(0), Qt::RightButton, Qt::NoButton);
  QCOMPARE(state.options().control_points.size(), n);

  // The end points anchor u = 0 and u = 1 and cannot be removed.
  sendMouse(plot, QEvent::MouseButtonPress, editor->pixelOf(0), Qt::RightButton, Qt::RightButton);
  QCOMPARE(editor->points().size(), n);
  QVERIFY(!editor->removePoint(static_cast<int>(n) - 1));
}

void TestScheduleLab::terminalSnrWarning() {
  ScheduleState state;
  ScheduleLabView view(&state);
  layOut(view);
  QVERIFY(!view.terminalSnrWarning()->isVisible());  // DDPM linear: ᾱ_T ≈ 4·10⁻⁵

  ScheduleOptions sd;  // Stable Diffusion: ᾱ_T ≈ 0.0047 (Lin et al. 2024, §3.1)
  sd.family = ScheduleFamily::ScaledLinear;
  sd.beta_start = 0.00085;
  sd.beta_end = 0.012;
  state.setOptions(sd);
  QVERIFY(state.schedule().alpha_bar(1000) > ScheduleLabView::kTerminalAlphaBarWarning);
  QVERIFY(view.terminalSnrWarning()->isVisible());
  QVERIFY(view.terminalSnrWarning()->text().contains(QStringLiteral("Lin et al. 2024")));
  QVERIFY(view.terminalSnrWarning()->text().contains(QStringLiteral("never sees pure noise")));

  view.controls()->zeroTerminalSnrBox()->setChecked(true);
  QVERIFY(!view.terminalSnrWarning()->isVisible());
}

void TestScheduleLab::comparisonIsDashedWithLegend() {
  ScheduleState state;
  ScheduleLabView view(&state);
  QVERIFY(!view.isComparisonEnabled());
  const std::vector<double> linear = state.schedule().betas();
  view.freezeCurrentAsComparison();
  QVERIFY(view.isComparisonEnabled());
  selectFamily(view, ScheduleFamily::Cosine);

  SchedulePlot* plot = view.plot(PlotKind::Beta);
  const QCPGraph* a = plot->curveGraph(0, false);
  const QCPGraph* b = plot->curveGraph(0, true);
  QVERIFY(b->visible());
  QCOMPARE(b->pen().style(), Qt::DashLine);
  QCOMPARE(a->pen().style(), Qt::SolidLine);
  QCOMPARE(lastValue(b), linear.back());
  QCOMPARE(lastValue(a), 0.999);
  QVERIFY(plot->legend->visible());
  QCOMPARE(plot->legend->itemCount(), 2);
  QVERIFY(b->name().contains(QStringLiteral("linear")));
  QVERIFY(a->name().contains(QStringLiteral("cosine")));

  // An invalid B is reported beside B's controls; the overlay keeps the last B.
  view.comparisonControls()->betaEndBox()->setValue(0.0);
  QVERIFY(!view.comparisonErrorLabel()->isHidden());
  QVERIFY(view.comparisonErrorLabel()->text().contains(QStringLiteral("beta_end")));
  QCOMPARE(lastValue(b), linear.back());

  view.setComparisonEnabled(false);
  QVERIFY(!b->visible());
  QVERIFY(!plot->legend->visible());
}

void TestScheduleLab::hoverShowsReadout() {
  ScheduleState state;
  ScheduleLabView view(&state);
  layOut(view);
  SchedulePlot* plot = view.plot(PlotKind::Beta);
  const QPointF at(plot->xAxis->coordToPixel(500.0), plot->yAxis->coordToPixel(state.schedule().beta(500)));
  sendMouse(plot, QEvent::MouseMove, at, Qt::NoButton, Qt::NoButton);
  const QString text = plot->readoutText();
  QVERIFY2(text.contains(QStringLiteral("t = 500")), qPrintable(text));
  QVERIFY2(text.contains(QString::number(state.schedule().beta(500), 'g', 4)), qPrintable(text));
  plot->hideReadout();
  QVERIFY(plot->readoutText().isEmpty());
}

void TestScheduleLab::markers() {
  ScheduleState state;
  ScheduleLabView view(&state);
  view.setMarkers({999.0, 500.5, 10.0});
  for (auto kind : {PlotKind::Beta, PlotKind::AlphaBar, PlotKind::LogSnr, PlotKind::NoiseLevel})
    QCOMPARE(view.plot(kind)->markerCount(), 3);
  view.setMarkers({});
  QCOMPARE(view.plot(PlotKind::Beta)->markerCount(), 0);
}

// A manual check: DIFFLAB_SCREENSHOT_DIR=/some/dir ctest -R ui_schedule_lab writes the view as PNGs.
void TestScheduleLab::screenshots() {
  const QString dir = qEnvironmentVariable("DIFFLAB_SCREENSHOT_DIR");
  if (dir.isEmpty()) QSKIP("set DIFFLAB_SCREENSHOT_DIR to write screenshots");
  QDir().mkpath(dir);
  ScheduleState state;
  ScheduleLabView view(&state);
  layOut(view);

  // Stable Diffusion's schedule against DDPM's linear one, with 10 DDIM-like steps and a hover read-out.
  view.freezeCurrentAsComparison();
  ScheduleOptions sd;
  sd.family = ScheduleFamily::ScaledLinear;
  sd.beta_start = 0.00085;
  sd.beta_end = 0.012;
  state.setOptions(sd);
  std::vector<double> steps;
  for (int i = 0; i < 10; ++i) steps.push_back(1.0 + 999.0 * i / 9.0);
  view.setMarkers(steps);
  QTest::qWait(50);
  for (auto kind : {PlotKind::Beta, PlotKind::AlphaBar, PlotKind::LogSnr, PlotKind::NoiseLevel})
    view.plot(kind)->replot();
  SchedulePlot* noise = view.plot(PlotKind::NoiseLevel);
  noise->showReadoutAt(QPointF(noise->xAxis->coordToPixel(700.0), noise->yAxis->coordToPixel(0.9)));
  noise->replot();
  QVERIFY(view.grab().save(dir + QStringLiteral("/schedule_lab_compare.png")));

  // A custom log-SNR schedule being edited.
  view.setMarkers({});
  view.setComparisonEnabled(false);
  selectFamily(view, ScheduleFamily::Custom);
  SchedulePlot* lambda = view.plot(PlotKind::LogSnr);
  lambda->replot();
  ScheduleControlPointEditor* editor = view.controlPointEditor();
  const auto p = editor->points();
  editor->movePoint(2, p[2].first, p[2].second + 0.7 * (p[1].second - p[2].second));
  QTest::qWait(50);
  for (auto kind : {PlotKind::Beta, PlotKind::AlphaBar, PlotKind::LogSnr, PlotKind::NoiseLevel})
    view.plot(kind)->replot();
  QVERIFY(view.grab().save(dir + QStringLiteral("/schedule_lab_custom.png")));

  // An invalid edit: the error label and the last plots.
  view.controls()->familyBox()->setCurrentIndex(0);
  view.controls()->betaStartBox()->setValue(0.5);
  QTest::qWait(50);
  QVERIFY(view.grab().save(dir + QStringLiteral("/schedule_lab_invalid.png")));
}

QTEST_MAIN(TestScheduleLab)
#include "test_schedule_lab.moc"
