#pragma once
// The "Model" panel of every sampling view (Generate, Reverse chain, Compare samplers, ODE lab): the model
// box, a "Pin to this view" switch, what the model is (its description, its own data, its schedule beside
// the Schedule lab's) and why the last open failed, and the view's ModelOpener.
//
// Unpinned, the panel follows the window's current model (session/model_session.h) and a choice made in it
// becomes current in every unpinned view; pinned, the choice stays in this view, and the panel says which
// model the others use. A file chosen with Open… is opened before it enters any list: a file that fails is
// reported here (the text wraps) and changes nothing else. A current file that stops opening is taken out of
// every list and the previous model returns.
//
// modelChanged() means: the view's model is another one now (or the shared schedule of a mixture changed);
// results on screen belong to the previous model, clear them and run again. opened() comes once the model of
// the current settings is open (possibly before a modelChanged() of the same change). GUI-thread only.

#include "session/sampling_model.h"

#include <QGroupBox>
#include <QString>

#include <functional>
#include <memory>

namespace difflab {
struct ImportInspection;
struct SamplerOptions;
}  // namespace difflab
class JobRunner;
class ModelOpener;
class ModelSession;
class ModelSourceBox;
class QCheckBox;
class QLabel;
class ScheduleState;

class ModelPanel : public QGroupBox {
  Q_OBJECT
 public:
  /// `session` may be null: the panel then keeps one of its own (a view used alone). `schedule` must outlive
  /// the panel. `clipX0`, `loadImageData`: see openSamplingModel().
  ModelPanel(ModelSession* session, ScheduleState* schedule, bool clipX0, bool loadImageData = false,
             QWidget* parent = nullptr);
  ~ModelPanel() override;

  QString spec() const;
  /// The open model of the current settings, or null (none yet, opening, or failed).
  std::shared_ptr<const SamplingModel> model() const;
  bool isPinned() const;
  ModelSession* session() const { return m_session; }

  /// True when the model is open; otherwise starts opening it and answers false; `retry` runs once it is open.
  bool ensure(std::function<void()> retry);
  /// Chooses `spec` as a user would in the box: current everywhere unless pinned.
  void choose(const QString& spec);
  /// Drops the open model and opens it again (emits modelChanged()).
  void reload();
  /// The sampler the view runs: when the open model cannot start at t = T with it (an ε-model on a schedule with
  /// a near-zero terminal α, difflab::sampling_start), a line under the description says where sampling starts
  /// and why; otherwise there is none. Call again when the model opens or the options change.
  void noteSamplingStart(const difflab::SamplerOptions& options);
  /// Hides the error line (a failed Open… or model), once a run with the open model starts: it no longer applies.
  void clearError();
  /// The text under the model box: description, data, schedule, pin note, extra note.
  QString infoText() const;
  /// The last open error shown in the panel (empty when none).
  QString errorText() const;

  ModelSourceBox* sourceBox() const { return m_box; }
  /// Greys out the listed models this view cannot use (ModelSourceBox::disableUnusable); the info text then gives
  /// the reason when such a model is chosen and not opened.
  void disableUnusable(const std::function<QString(const QString& spec)>& whyNot);
  QCheckBox* pinBox() const { return m_pin; }
  /// "Sample along the Schedule lab's schedule": shown for a trained model whose schedule differs.
  QCheckBox* labScheduleBox() const { return m_labSchedule; }
  QLabel* infoLabel() const { return m_info; }
  QLabel* errorLabel() const { return m_error; }
  ModelOpener* opener() const { return m_opener; }

 public Q_SLOTS:
  void setPinned(bool pinned);
  /// Asks for a model file and opens it (see the file comment).
  void openFile();

 Q_SIGNALS:
  void modelChanged();
  void openingStarted(const QString& spec);
  void opened(const std::shared_ptr<const SamplingModel>& model);
  void failed(const QString& message);

 private:
  void onBoxChanged(const QString& spec);
  void onSessionChanged(const QString& spec);
  void onFilesChanged();
  void onFileChosen(const QString& path);
  /// Starts checking `path` on the probe opener (the lists change only once it opens).
  void probe(const QString& path);
  /// What this view opens for `spec`: its options (clip, image data, lab schedule) and the lab's schedule.
  SamplingModelRequest requestFor(const QString& spec) const;
  /// Reads what an import needs (difflab::inspect_import) on a worker; then opens the file, or asks for the
  /// settings its sidecar lacks (`error`: why the last try failed, shown in the dialog).
  void inspectImport(const QString& path, const QString& error);
  void onInspected(const QString& path, const QString& error,
                   const std::shared_ptr<const difflab::ImportInspection>& inspection, const QString& failure);
  void onProbeOpened(const std::shared_ptr<const SamplingModel>& model);
  void onOpened(const std::shared_ptr<const SamplingModel>& model);
  void onFailed(const QString& message);
  void onScheduleChanged();
  /// Shows `spec` in the box without a user signal and drops the open model.
  void switchTo(const QString& spec);
  void showError(const QString& message);
  void updateInfo();

  ModelSession* m_session;
  ScheduleState* m_schedule;
  ModelOpener* m_opener = nullptr;
  JobRunner* m_jobs = nullptr;     ///< import inspections
  ModelOpener* m_probe = nullptr;  ///< opens a file chosen with Open… before it enters the lists
  bool m_clipX0, m_loadImageData;
  QString m_extraNote;
  QString m_openingText;
  QString m_shownSpec;                 ///< the spec the view's model and results belong to
  QString m_probePath;                 ///< the file Open… is checking
  bool m_adopting = false;             ///< installing the probe's model: ensure() waits for it
  std::function<void()> m_adoptRetry;  ///< what ensure() was asked meanwhile

  ModelSourceBox* m_box = nullptr;
  QCheckBox* m_pin = nullptr;
  QCheckBox* m_labSchedule = nullptr;
  QLabel* m_info = nullptr;
  QLabel* m_error = nullptr;
};
