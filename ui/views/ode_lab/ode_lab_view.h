#pragma once
// ODE lab: the probability-flow ODE as a tool (core/ode), one page per tool (ui/views/ode_lab/):
//   * Inversion — data → latent x_T → reconstruction, with the reconstruction error against steps;
//   * Interpolation — two seeds' latents walked by slerp (or lerp) and decoded into a strip and animation;
//   * Likelihood — the ODE log-likelihood in nats and bits/dim, exact or Hutchinson;
//   * Variational bound — L_T, L_{t−1} for every t and L₀;
//   * Editing — SDEdit: noise to t₀ and denoise under a chosen class.
// This class is the shell: the model and the settings the pages share (solver, spacing, steps, samples, seed,
// class), one OdeLabWorker with a progress bar and Cancel, and the pages. Each page computes through a core
// function with a typed report (ode/ode_lab_reports.h) and shows it. GUI-thread only.

#include "session/sampling_model.h"
#include "workers/ode_lab_worker.h"

#include <ATen/core/Tensor.h>

#include "lecture/lecture_view.h"

#include <QHash>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

namespace difflab {
struct OdeTransportOptions;
}
class EditPage;
class InterpolationPage;
class InversionPage;
class LikelihoodPage;
class ModelPanel;
class ModelSession;
class ModelSourceBox;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class ScheduleState;
class VlbPage;

class OdeLabView : public QWidget, public LectureView {
  Q_OBJECT
 public:
  /// `schedule` and `session` (the window's current model; may be null) must outlive the view.
  OdeLabView(ScheduleState* schedule, ModelSession* session, QWidget* parent = nullptr);
  ~OdeLabView() override;

  // --- lecture mode (lecture/lecture_view.h) ---
  QString lectureEquation() const override;

  // --- what the pages share --------------------------------------------------------------------------------
  /// The open model (empty until it has opened, off the GUI thread, or when it failed to open).
  const std::optional<SamplingModel>& model() const { return m_model; }
  /// True when the model of the current settings is open; otherwise starts opening it and answers false, and
  /// `retry` runs once it is open.
  bool ensureModel(std::function<void()> retry);
  /// Solver, spacing and steps of the shared controls.
  difflab::OdeTransportOptions transportOptions() const;
  int steps() const;
  int64_t batchSize() const;
  uint64_t seed() const;
  /// The shared class box: −1 unconditional.
  int classIndex() const;
  /// Up to n samples of the model's own data (the set its checkpoint names, or the mixture's samples) in its
  /// scale (float64), or undefined when the model names none (the job then uses model samples:
  /// difflab::data_or_model_samples). Never the Dataset tab's data: a model is fed only what it was made for.
  at::Tensor dataBatch(int64_t n) const;
  /// Starts a page's job on the worker (superseding any running one).
  void start(const QString& kind, OdeLabJob job);
  void showError(const QString& message);
  QString errorText() const { return m_error; }

  // --- parts, for tests and screenshots ------------------------------------------------------------------
  QTabWidget* pages() const { return m_pages; }
  ModelSourceBox* modelBox() const;
  ModelPanel* modelPanel() const { return m_panel; }
  QComboBox* solverBox() const { return m_solver; }
  QSpinBox* stepsBox() const { return m_steps; }
  QComboBox* spacingBox() const { return m_spacing; }
  QSpinBox* seedBox() const { return m_seed; }
  QComboBox* classBox() const { return m_class; }
  QLabel* sharedNote() const { return m_sharedNote; }
  QLabel* statusLabel() const { return m_status; }
  QCheckBox* exactStepsBox() const { return m_exactSteps; }
  QSpinBox* batchBox() const { return m_batch; }
  QProgressBar* progressBar() const { return m_progress; }
  QPushButton* cancelButton() const { return m_cancel; }
  InversionPage* inversionPage() const { return m_inversion; }
  InterpolationPage* interpolationPage() const { return m_interpolation; }
  LikelihoodPage* likelihoodPage() const { return m_likelihood; }
  VlbPage* vlbPage() const { return m_vlb; }
  EditPage* editPage() const { return m_edit; }

 Q_SIGNALS:
  /// A number in lectureEquation() may have changed.
  void lectureEquationChanged();
  /// A job finished and its report is shown ("inversion", "interpolation", "likelihood", "vlb", "edit").
  void resultShown(const QString& kind);
  /// The model of the current settings has opened (pages refresh their class boxes and limits).
  void modelOpened();
  /// The model was switched: results of the previous one are dropped.
  void modelChanged();

 private:
  void clearProgress(const QString& text = QString());  ///< the bar back to "no run yet" (or `text`)
  /// Greys out the shared controls the current page (and solver) does not use, and says what it uses instead.
  void followPage();
  /// The bar and status line of the current page's last run (or "no run yet"), unless a job is running.
  void showPageStatus();
  /// The job kind of page `index` ("inversion", …) and the title of a kind's page.
  QString pageKind(int index) const;
  QString kindTitle(const QString& kind) const;
  /// Records the status line of `kind`'s last run and shows it when its page is current.
  void setKindStatus(const QString& kind, const QString& text, bool finished, const QString& bar = QString());
  void onModelOpened(const std::shared_ptr<const SamplingModel>& model);

  ScheduleState* m_schedule;
  std::optional<SamplingModel> m_model;
  ModelPanel* m_panel = nullptr;
  OdeLabWorker* m_worker = nullptr;
  QString m_switchNote;  ///< said when a model switch stopped the running job, until the next run
  QString m_error;
  struct PageStatus {
    QString text;           ///< the status line of the page's last run ("… finished in 2 s", an error, "Cancelled.")
    bool finished = false;  ///< the bar is full (the run finished), else empty with `bar` as its text
    QString bar;            ///< "cancelled", "failed"
  };
  QHash<QString, PageStatus> m_pageStatus;  ///< by job kind; cleared when the model changes

  QComboBox* m_solver = nullptr;
  QComboBox* m_spacing = nullptr;
  QSpinBox* m_steps = nullptr;
  QCheckBox* m_exactSteps = nullptr;
  QSpinBox* m_batch = nullptr;
  QSpinBox* m_seed = nullptr;
  QComboBox* m_class = nullptr;
  QProgressBar* m_progress = nullptr;
  QPushButton* m_cancel = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_sharedNote = nullptr;  ///< which shared controls the current page uses
  QTabWidget* m_pages = nullptr;
  InversionPage* m_inversion = nullptr;
  InterpolationPage* m_interpolation = nullptr;
  LikelihoodPage* m_likelihood = nullptr;
  VlbPage* m_vlb = nullptr;
  EditPage* m_edit = nullptr;
};
