#include "base/error_text.h"
#include "views/schedule_lab_view.h"

#include "session/schedule_state.h"
#include "widgets/side_panel.h"
#include "widgets/schedule_control_points.h"
#include "widgets/schedule_controls.h"
#include "widgets/schedule_plot.h"

#include "lecture/lecture_equations.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using difflab::CustomScheduleKind;
using difflab::NoiseSchedule;
using difflab::ScheduleFamily;
using difflab::ScheduleOptions;

namespace {

bool usesControlPoints(const ScheduleOptions& o) {
  return o.family == ScheduleFamily::Custom && o.custom_kind == CustomScheduleKind::LogSnrPoints;
}

// A legend name: the family, "+ ZTSNR" when rescaled, and T when A and B differ in it.
QString describe(const ScheduleOptions& o, bool withSteps) {
  QString name = QString::fromStdString(difflab::schedule_family_name(o.family));
  if (o.zero_terminal_snr) name += QStringLiteral(" + ZTSNR");
  return withSteps ? name + QStringLiteral(", T = %1").arg(o.timesteps) : name;
}

QLabel* makeErrorLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label->setStyleSheet(
      QStringLiteral("QLabel { color: #b00020; background: #fdecee; border: 1px solid #f1aeb5;"
                     " border-radius: 3px; padding: 4px; }"));
  label->setVisible(false);
  return label;
}

}  // namespace

ScheduleLabView::ScheduleLabView(ScheduleState* state, QWidget* parent) : QWidget(parent), m_state(state) {
  buildLayout();

  connect(m_state, &ScheduleState::changed, this, &ScheduleLabView::onStateChanged);
  connect(m_state, &ScheduleState::changed, this, &ScheduleLabView::lectureEquationChanged);
  connect(m_state, &ScheduleState::invalid, this, &ScheduleLabView::onStateInvalid);
  connect(m_controlsA, &ScheduleControls::optionsEdited, this, &ScheduleLabView::onControlsEdited);
  connect(m_controlsA, &ScheduleControls::resetControlPointsRequested, this, &ScheduleLabView::resetControlPoints);
  connect(m_editor, &ScheduleControlPointEditor::pointsEdited, this, &ScheduleLabView::onPointsEdited);
  connect(m_editor, &ScheduleControlPointEditor::dragFinished, this, &ScheduleLabView::refreshPlots);
  connect(m_controlsB, &ScheduleControls::optionsEdited, this, &ScheduleLabView::onComparisonEdited);
  connect(m_compareBox, &QGroupBox::toggled, this, &ScheduleLabView::setComparisonEnabled);
  connect(m_freezeButton, &QPushButton::clicked, this, &ScheduleLabView::freezeCurrentAsComparison);

  // B starts as the cosine schedule, the usual contrast to a linear A; it is drawn once the box is ticked.
  ScheduleOptions b;
  b.family = ScheduleFamily::Cosine;
  m_controlsB->setOptions(b);
  onComparisonEdited(b);
  setComparisonEnabled(false);

  onStateChanged();
  if (!m_state->error().isEmpty()) onStateInvalid(m_state->error());
}

void ScheduleLabView::buildLayout() {
  // --- left: the controls of A and B ----------------------------------------------------------------------
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);

  auto* groupA = new QGroupBox(tr("Schedule (A, solid)"), side);
  auto* layoutA = new QVBoxLayout(groupA);
  m_controlsA = new ScheduleControls(groupA);
  layoutA->addWidget(m_controlsA);
  m_errorA = makeErrorLabel(groupA);
  layoutA->addWidget(m_errorA);
  m_summary = new QLabel(groupA);
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layoutA->addWidget(m_summary);
  sideLayout->addWidget(groupA);

  m_compareBox = new QGroupBox(tr("Compare with… (B, dashed)"), side);
  m_compareBox->setCheckable(true);
  m_compareBox->setChecked(false);
  auto* layoutB = new QVBoxLayout(m_compareBox);
  m_freezeButton = new QPushButton(tr("Freeze current as B"), m_compareBox);
  m_freezeButton->setToolTip(tr("Copy schedule A into B, then change A to compare"));
  layoutB->addWidget(m_freezeButton);
  m_controlsB = new ScheduleControls(m_compareBox);
  layoutB->addWidget(m_controlsB);
  m_errorB = makeErrorLabel(m_compareBox);
  layoutB->addWidget(m_errorB);
  sideLayout->addWidget(m_compareBox);
  sideLayout->addStretch(1);

  // --- right: the terminal-SNR banner and the four plots ------------------------------------------------
  m_warning = new QLabel(this);
  m_warning->setWordWrap(true);
  m_warning->setTextFormat(Qt::RichText);
  m_warning->setStyleSheet(
      QStringLiteral("QLabel { color: #5c4400; background: #fff3cd; border: 1px solid"
                     " #e0b84a; border-radius: 4px; padding: 6px; }"));
  m_warning->setVisible(false);

  m_beta = new SchedulePlot(tr("β_t: variance of the noise added at step t"), tr("β_t"), this);
  m_beta->addCurve(tr("β_t"), QColor(31, 119, 180));
  m_beta->setLegendCorner(Qt::AlignTop | Qt::AlignLeft);

  m_alphaBar = new SchedulePlot(tr("ᾱ_t: fraction of the signal's variance left"), tr("ᾱ_t"), this);
  m_alphaBar->addCurve(tr("ᾱ_t"), QColor(44, 160, 44));

  m_logSnr = new SchedulePlot(tr("Log-SNR λ_t = log(ᾱ_t / (1 − ᾱ_t))"), tr("λ_t"), this);
  m_logSnr->addCurve(tr("λ_t"), QColor(148, 103, 189));
  m_logSnr->setKeyPadding(0.02);  // control points sit at t = 0 and t = T
  m_editor = new ScheduleControlPointEditor(m_logSnr, this);

  m_noise = new SchedulePlot(tr("Noise level √(1 − ᾱ_t) and σ_t = √((1 − ᾱ_t) / ᾱ_t)"), tr("√(1 − ᾱ_t)"), this);
  m_noise->addCurve(tr("√(1 − ᾱ_t)"), QColor(214, 39, 40));
  m_noise->addCurve(tr("σ_t"), QColor(140, 86, 75), SchedulePlot::ValueAxis::RightLog);
  m_noise->setRightLabel(tr("σ_t (log scale)"));
  m_noise->setLegendCorner(Qt::AlignBottom | Qt::AlignRight);

  auto* grid = new QGridLayout;
  grid->setSpacing(8);
  grid->addWidget(m_beta, 0, 0);
  grid->addWidget(m_alphaBar, 0, 1);
  grid->addWidget(m_logSnr, 1, 0);
  grid->addWidget(m_noise, 1, 1);

  auto* rightWidget = new QWidget;
  auto* right = new QVBoxLayout(rightWidget);
  right->setContentsMargins(0, 0, 0, 0);
  right->addWidget(m_warning);
  right->addLayout(grid, 1);
  sidepanel::install(this, QStringLiteral("schedule-lab"), side, nullptr, rightWidget);
}

SchedulePlot* ScheduleLabView::plot(PlotKind kind) const {
  switch (kind) {
    case PlotKind::Beta: return m_beta;
    case PlotKind::AlphaBar: return m_alphaBar;
    case PlotKind::LogSnr: return m_logSnr;
    case PlotKind::NoiseLevel: return m_noise;
  }
  return nullptr;
}

void ScheduleLabView::setMarkers(const std::vector<double>& t) {
  for (SchedulePlot* p : {m_beta, m_alphaBar, m_logSnr, m_noise}) p->setMarkers(t);
}

// --- schedule A -----------------------------------------------------------------------------------------

void ScheduleLabView::onControlsEdited(ScheduleOptions options) {
  // A custom log-SNR schedule starts from points on the schedule shown, so switching family changes nothing
  // visible until a point is dragged.
  if (usesControlPoints(options) && options.control_points.size() < 2)
    options.control_points = pointsOnSchedule(m_state->schedule());
  m_state->setOptions(options);
}

void ScheduleLabView::onPointsEdited(const std::vector<std::pair<double, double>>& points) {
  ScheduleOptions options = m_state->options();
  options.family = ScheduleFamily::Custom;
  options.custom_kind = CustomScheduleKind::LogSnrPoints;
  options.control_points = points;
  m_state->setOptions(options);
}

void ScheduleLabView::resetControlPoints() {
  ScheduleOptions options = m_state->options();
  options.control_points = pointsOnSchedule(m_state->schedule());
  m_state->setOptions(options);
}

void ScheduleLabView::onStateChanged() {
  m_controlsA->setOptions(m_state->options());
  m_errorA->setVisible(false);
  fillPlots(m_state->schedule(), false);
  updateEditor();
  updateWarning();
  updateSummary();
  updateLegends();
  refreshPlots();
}

void ScheduleLabView::onStateInvalid(const QString& message) {
  // The plots keep the last valid schedule; only the controls follow the (invalid) options.
  m_controlsA->setOptions(m_state->options());
  m_errorA->setText(tr("Invalid schedule: %1. The plots show the last valid schedule.").arg(message));
  m_errorA->setVisible(true);
  if (!m_editor->isDragging()) updateEditor();
}

void ScheduleLabView::updateEditor() {
  const ScheduleOptions& options = m_state->options();
  const bool on = usesControlPoints(options);
  if (m_editor->isEnabled() != on) m_editor->setEnabled(on);
  if (on && !m_editor->isDragging()) m_editor->setPoints(options.control_points, options.timesteps);
}

std::vector<std::pair<double, double>> ScheduleLabView::pointsOnSchedule(const NoiseSchedule& schedule) const {
  // Six points at u = 0, 0.2, …, 1 on the schedule's λ_t; λ is kept finite and strictly decreasing (a zero
  // terminal SNR has λ_T = −∞, and tiny T repeats steps).
  constexpr int kPoints = 6;
  constexpr double kLambdaLimit = 20.0;
  const int64_t T = schedule.timesteps();
  std::vector<std::pair<double, double>> points;
  for (int k = 0; k < kPoints; ++k) {
    const double u = static_cast<double>(k) / (kPoints - 1);
    const int64_t t = std::clamp<int64_t>(std::llround(u * T), 1, T);
    double lambda = std::clamp(schedule.log_snr(t), -kLambdaLimit, kLambdaLimit);
    if (!points.empty()) lambda = std::min(lambda, points.back().second - 0.1);
    points.emplace_back(u, lambda);
  }
  return points;
}

void ScheduleLabView::updateWarning() {
  const double terminal = m_state->schedule().alpha_bar(m_state->schedule().timesteps());
  const bool show = !m_state->options().zero_terminal_snr && terminal > kTerminalAlphaBarWarning;
  if (show) {
    m_warning->setText(
        tr("<b>The terminal SNR is far from zero:</b> ᾱ_T = %1, so x_T still keeps %2 % of the image's "
           "amplitude (√ᾱ_T). The model never sees pure noise in training, yet sampling starts from pure "
           "noise; such models cannot make very bright or very dark images (Lin et al. 2024, “Common Diffusion "
           "Noise Schedules and Sample Steps are Flawed”). Tick <i>Zero terminal SNR</i> to rescale.")
            .arg(QString::number(terminal, 'g', 3))
            .arg(QString::number(100.0 * std::sqrt(terminal), 'g', 3)));
  }
  m_warning->setVisible(show);
}

void ScheduleLabView::updateSummary() {
  const NoiseSchedule& s = m_state->schedule();
  const int64_t T = s.timesteps();
  const double terminalLambda = s.log_snr(T);
  m_summary->setText(
      tr("T = %1 · ᾱ_T = %2 · λ from %3 to %4")
          .arg(T)
          .arg(QString::number(s.alpha_bar(T), 'g', 3))
          .arg(QString::number(s.log_snr(1), 'f', 2))
          .arg(std::isfinite(terminalLambda) ? QString::number(terminalLambda, 'f', 2) : QStringLiteral("−∞")));
}

// --- schedule B ---------------------------------------------------------------------------------------------

void ScheduleLabView::onComparisonEdited(ScheduleOptions options) {
  if (usesControlPoints(options) && options.control_points.size() < 2)
    options.control_points = pointsOnSchedule(m_scheduleB ? *m_scheduleB : m_state->schedule());
  try {
    m_scheduleB = NoiseSchedule::from_options(options);
  } catch (const std::exception& e) {
    m_errorB->setText(tr("Invalid schedule: %1").arg(QString::fromStdString(difflab::user_message(e.what()))));
    m_errorB->setVisible(true);
    return;
  }
  m_optionsB = options;
  m_controlsB->setOptions(options);
  m_errorB->setVisible(false);
  fillPlots(*m_scheduleB, true);
  updateLegends();
  refreshPlots();
}

void ScheduleLabView::setComparison(const ScheduleOptions& options) {
  m_controlsB->setOptions(options);
  onComparisonEdited(options);
  setComparisonEnabled(true);
}

void ScheduleLabView::setComparisonEnabled(bool enabled) {
  if (m_compareBox->isChecked() != enabled) {
    m_compareBox->setChecked(enabled);  // re-enters through toggled()
    return;
  }
  updateLegends();
  refreshPlots();
}

bool ScheduleLabView::isComparisonEnabled() const { return m_compareBox->isChecked() && m_scheduleB.has_value(); }

void ScheduleLabView::freezeCurrentAsComparison() { setComparison(m_state->options()); }

// --- plots ------------------------------------------------------------------------------------------------

void ScheduleLabView::fillPlots(const NoiseSchedule& schedule, bool comparison) {
  const int64_t T = schedule.timesteps();
  const int n = static_cast<int>(T);
  QVector<double> t(n), beta(n), alphaBar(n), logSnr(n), noise(n), sigma(n);
  for (int i = 0; i < n; ++i) {
    const int64_t step = i + 1;
    t[i] = static_cast<double>(step);
    beta[i] = schedule.beta(step);
    alphaBar[i] = schedule.alpha_bar(step);
    logSnr[i] = schedule.log_snr(step);
    noise[i] = schedule.sqrt_one_minus_alpha_bar(step);
    sigma[i] = schedule.sigma_ve(step);
  }
  m_beta->setCurveData(0, comparison, t, beta);
  m_alphaBar->setCurveData(0, comparison, t, alphaBar);
  m_logSnr->setCurveData(0, comparison, t, logSnr);
  m_noise->setCurveData(NoiseSqrtOneMinusAlphaBar, comparison, t, noise);
  m_noise->setCurveData(NoiseSigma, comparison, t, sigma);
}

void ScheduleLabView::updateLegends() {
  const bool on = isComparisonEnabled();
  const bool steps = m_scheduleB && m_optionsB.timesteps != m_state->schedule().timesteps();
  const QString nameA = describe(m_state->options(), steps);
  const QString nameB = m_scheduleB ? describe(m_optionsB, steps) : QString();
  for (SchedulePlot* p : {m_beta, m_alphaBar, m_logSnr, m_noise}) p->setComparison(on, nameA, nameB);
}

void ScheduleLabView::refreshPlots() {
  int64_t T = m_state->schedule().timesteps();
  if (isComparisonEnabled()) T = std::max(T, m_scheduleB->timesteps());
  m_beta->refresh(T);
  m_alphaBar->refresh(T);
  // While a control point is dragged the λ axis stays still, or the point would run away from the mouse.
  m_logSnr->refresh(T, !m_editor->isDragging());
  m_noise->refresh(T);
}

QString ScheduleLabView::lectureEquation() const {
  const difflab::NoiseSchedule& s = m_state->schedule();
  const int64_t T = s.timesteps();
  return lecture::logSnr(static_cast<int>(T), s.alpha_bar(T / 2), s.alpha_bar(T));
}
