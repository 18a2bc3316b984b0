#pragma once
// The schedule lab: choose a noise schedule (family, T, parameters, zero terminal SNR) and see β_t, ᾱ_t,
// log-SNR λ_t and the noise level √(1 − ᾱ_t), σ_t against t, live. A second schedule B can be overlaid
// (dashed) for comparison; a banner warns when the terminal SNR is far from zero (Lin et al. 2024); custom
// log-SNR schedules are edited by dragging their control points on the λ plot.
//
// Schedule A is the shared ScheduleState: every edit calls ScheduleState::setOptions at once, and the view
// follows changed() / invalid() whoever made the change. Schedule B is local to the view. GUI-thread only.

#include "schedule/noise_schedule.h"

#include "lecture/lecture_view.h"

#include <QWidget>

#include <optional>
#include <vector>

class QGroupBox;
class QLabel;
class QPushButton;
class ScheduleControlPointEditor;
class ScheduleControls;
class SchedulePlot;
class ScheduleState;

class ScheduleLabView : public QWidget, public LectureView {
  Q_OBJECT
 public:
  enum class PlotKind { Beta, AlphaBar, LogSnr, NoiseLevel };
  /// Curves of the noise-level plot.
  enum NoiseCurve { NoiseSqrtOneMinusAlphaBar = 0, NoiseSigma = 1 };

  /// `state` must outlive the view.
  explicit ScheduleLabView(ScheduleState* state, QWidget* parent = nullptr);

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;

  /// Vertical markers at the given (possibly fractional) training steps t on every plot, e.g. the steps a
  /// sampler visits; an empty vector removes them.
  void setMarkers(const std::vector<double>& t);

  /// Overlays `options` as schedule B and turns the comparison on. Invalid options show the core's
  /// message next to B's controls and keep the previous B.
  void setComparison(const difflab::ScheduleOptions& options);
  void setComparisonEnabled(bool enabled);
  bool isComparisonEnabled() const;
  /// Schedule B, when valid options have been given.
  const std::optional<difflab::NoiseSchedule>& comparisonSchedule() const { return m_scheduleB; }

  // Parts, for the main window and for tests.
  SchedulePlot* plot(PlotKind kind) const;
  ScheduleControls* controls() const { return m_controlsA; }
  ScheduleControls* comparisonControls() const { return m_controlsB; }
  ScheduleControlPointEditor* controlPointEditor() const { return m_editor; }
  QLabel* errorLabel() const { return m_errorA; }
  QLabel* comparisonErrorLabel() const { return m_errorB; }
  QLabel* terminalSnrWarning() const { return m_warning; }

  /// Above this ᾱ_T the model is never trained on (nearly) pure noise. Stable Diffusion's schedule has
  /// ᾱ_T ≈ 0.0047 (Lin et al. 2024, §3.1), DDPM's linear one 4·10⁻⁵.
  static constexpr double kTerminalAlphaBarWarning = 1e-3;

 public Q_SLOTS:
  /// Copies schedule A into B's controls and shows it as the comparison.
  void freezeCurrentAsComparison();

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();

 private:
  void buildLayout();
  void onStateChanged();
  void onStateInvalid(const QString& message);
  void onControlsEdited(difflab::ScheduleOptions options);
  void onPointsEdited(const std::vector<std::pair<double, double>>& points);
  void onComparisonEdited(difflab::ScheduleOptions options);
  void resetControlPoints();
  void fillPlots(const difflab::NoiseSchedule& schedule, bool comparison);
  void updateEditor();
  void updateWarning();
  void updateSummary();
  void updateLegends();
  void refreshPlots();
  std::vector<std::pair<double, double>> pointsOnSchedule(const difflab::NoiseSchedule& schedule) const;

  ScheduleState* m_state;
  ScheduleControls* m_controlsA = nullptr;
  ScheduleControls* m_controlsB = nullptr;
  QGroupBox* m_compareBox = nullptr;
  QPushButton* m_freezeButton = nullptr;
  QLabel* m_errorA = nullptr;
  QLabel* m_errorB = nullptr;
  QLabel* m_summary = nullptr;
  QLabel* m_warning = nullptr;
  SchedulePlot* m_beta = nullptr;
  SchedulePlot* m_alphaBar = nullptr;
  SchedulePlot* m_logSnr = nullptr;
  SchedulePlot* m_noise = nullptr;
  ScheduleControlPointEditor* m_editor = nullptr;
  std::optional<difflab::NoiseSchedule> m_scheduleB;
  difflab::ScheduleOptions m_optionsB;
};
