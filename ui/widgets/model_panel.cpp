// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "model/denoiser.h"
#include "model/diffusers_import.h"
#include "model/imported_model.h"
#include "model/rescheduled_denoiser.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include "widgets/model_panel.h"

#include "session/model_opener.h"
#include "session/model_session.h"
#include "session/schedule_state.h"
#include "widgets/import_settings_dialog.h"
#include "widgets/model_source_box.h"
#include "workers/job_runner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QSet>
#include <QVBoxLayout>

namespace {

QLabel* wrappingLabel(QWidget* parent, const QString& style) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label->setStyleSheet(style);
  // Wrapped text needs a width to wrap at: never let a long file name widen the panel instead.
  label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  label->setMinimumWidth(120);
  return label;
}

}  // namespace

ModelPanel::ModelPanel(ModelSession* session, ScheduleState* schedule, bool clipX0, bool loadImageData, QWidget* parent)
    : QGroupBox(tr("Model"), parent),
      m_session(session ? session : new ModelSession(this)),
      m_schedule(schedule),
      m_clipX0(clipX0),
      m_loadImageData(loadImageData) {
  auto* layout = new QVBoxLayout(this);
  m_box = new ModelSourceBox(this);
  m_pin = new QCheckBox(tr("Pin to this view"), this);
  m_pin->setToolTip(
      tr("Keep this view's model when another view or a finished training run changes the current "
         "model; choices made here then stay here"));
  m_labSchedule = new QCheckBox(tr("Use the Schedule lab's schedule"), this);
  m_labSchedule->setToolTip(
      tr("Ask the model at the noise level (log-SNR) of each of the lab's steps instead of its own schedule's; "
         "levels noisier than it was trained at are extrapolated"));
  m_labSchedule->hide();
  m_info = wrappingLabel(this, QStringLiteral("color: #555;"));
  m_error = wrappingLabel(this, QStringLiteral("color: #b00020;"));
  m_error->hide();
  layout->addWidget(m_box);
  layout->addWidget(m_pin);
  layout->addWidget(m_labSchedule);
  layout->addWidget(m_info);
  layout->addWidget(m_error);

  m_opener = new ModelOpener(this);
  m_jobs = new JobRunner(QStringLiteral("model panel"), this);
  m_probe = new ModelOpener(this);

  onFilesChanged();
  {
    const QSignalBlocker block(m_box);
    m_box->setSpec(m_session->current());
  }
  m_shownSpec = m_box->spec();
  m_opener->setRequest(requestFor(m_shownSpec));
  connect(m_box, &ModelSourceBox::specChanged, this, &ModelPanel::onBoxChanged);
  connect(m_box, &ModelSourceBox::fileChosen, this, &ModelPanel::onFileChosen);
  connect(m_pin, &QCheckBox::toggled, this, &ModelPanel::setPinned);
  connect(m_labSchedule, &QCheckBox::toggled, this, [this](bool on) {
    m_opener->setUseLabSchedule(on);
    switchTo(m_box->spec());  // opened again, along the other schedule
  });
  connect(m_session, &ModelSession::currentChanged, this, &ModelPanel::onSessionChanged);
  connect(m_session, &ModelSession::filesChanged, this, &ModelPanel::onFilesChanged);
  connect(m_schedule, &ScheduleState::changed, this, &ModelPanel::onScheduleChanged);
  connect(m_opener, &ModelOpener::openingStarted, this, [this](const QString& spec) {
    m_openingText = ModelOpener::openingText(spec);
    updateInfo();
    Q_EMIT openingStarted(spec);
  });
  connect(m_opener, &ModelOpener::opened, this, &ModelPanel::onOpened);
  connect(m_opener, &ModelOpener::failed, this, &ModelPanel::onFailed);
  connect(m_probe, &ModelOpener::openingStarted, this, [this](const QString& spec) {
    m_error->hide();
    m_openingText = ModelOpener::openingText(spec);
    updateInfo();
  });
  connect(m_probe, &ModelOpener::opened, this, &ModelPanel::onProbeOpened);
  connect(m_probe, &ModelOpener::failed, this, [this](const QString& message) {
    m_openingText.clear();
    updateInfo();
    // An import whose sidecar is missing or wrong: ask for the settings instead of only reporting.
    // A diffusers folder without its scheduler_config.json: ask for the schedule the same way.
    const bool settingsMissing =
        (message.contains(QLatin1String("sidecar")) && difflab::needs_import_sidecar(m_probePath.toStdString())) ||
        (message.contains(QLatin1String("scheduler_config.json")) &&
         difflab::is_diffusers_folder(m_probePath.toStdString()));
    if (settingsMissing) {
      inspectImport(m_probePath, message);
      return;
    }
    showError(tr("Not opened: %1").arg(message));
  });
  updateInfo();
}

ModelPanel::~ModelPanel() {
  delete m_jobs;  // joins a running inspection before the members its delivery would touch go
}

QString ModelPanel::spec() const { return m_box->spec(); }
std::shared_ptr<const SamplingModel> ModelPanel::model() const { return m_opener->model(); }
bool ModelPanel::isPinned() const { return m_pin->isChecked(); }
bool ModelPanel::ensure(std::function<void()> retry) {
  if (m_adopting) {  // the model checked by Open… is about to be installed: no second read of the file
    m_adoptRetry = std::move(retry);
    return false;
  }
  return m_opener->ensure(std::move(retry));
}
void ModelPanel::openFile() { m_box->openFile(); }
QString ModelPanel::infoText() const { return m_info->text(); }
QString ModelPanel::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void ModelPanel::choose(const QString& spec) {
  if (spec == m_box->spec()) return;
  m_box->setSpec(spec);  // emits specChanged → onBoxChanged
}

void ModelPanel::reload() { switchTo(m_box->spec()); }

void ModelPanel::noteSamplingStart(const difflab::SamplerOptions& options) {
  const std::shared_ptr<const SamplingModel> open = model();
  const std::optional<difflab::SamplingStart> start =
      open && open->denoiser ? difflab::sampling_start(options, *open->denoiser) : std::nullopt;
  m_extraNote.clear();
  if (start) {
    const QString where = tr("Sampling starts at σ_VE = %1 (t = %2 of %3)")
                              .arg(start->sigma_ve, 0, 'g', 3)
                              .arg(start->t, 0, 'f', 1)
                              .arg(start->T);
    m_extraNote = start->zero_terminal_snr
                      ? tr("Warning: an ε-prediction model on a zero-terminal-SNR schedule cannot predict x₀ at t = "
                           "T (Lin et al. 2024, §3.3). %1. Train with v-prediction to sample from t = T.")
                            .arg(where)
                      : tr("%1: an ε-prediction model's x₀ = (x − σ ε)/α would multiply its error by σ_VE(T) = %2 "
                           "at t = T.")
                            .arg(where)
                            .arg(start->sigma_ve_T, 0, 'f', 0);
  }
  updateInfo();
}

void ModelPanel::setPinned(bool pinned) {
  if (m_pin->isChecked() != pinned) {
    m_pin->setChecked(pinned);  // comes back here through toggled
    return;
  }
  if (!pinned && m_box->spec() != m_session->current()) switchTo(m_session->current());
  updateInfo();
}

void ModelPanel::onBoxChanged(const QString& spec) {
  m_error->hide();
  if (!isPinned()) m_session->setCurrent(spec);  // every unpinned panel follows, this one included
  if (m_shownSpec != spec) switchTo(spec);
}

void ModelPanel::onSessionChanged(const QString& spec) {
  if (isPinned()) {
    updateInfo();  // "the other views use …"
    return;
  }
  if (m_box->spec() != spec || m_shownSpec != spec) switchTo(spec);
}

void ModelPanel::onFilesChanged() {
  const QStringList files = m_session->files();
  const QSignalBlocker block(m_box);
  for (const QString& file : files) m_box->addSpec(file);
  QComboBox* combo = m_box->comboBox();
  for (int i = combo->count() - 1; i >= 0; --i) {
    const QString spec = combo->itemData(i).toString();
    if (!isBuiltInSpec(spec) && !files.contains(spec) && spec != m_box->spec()) combo->removeItem(i);
  }
}

void ModelPanel::switchTo(const QString& spec) {
  if (spec != m_shownSpec && m_labSchedule->isChecked()) {  // the choice belongs to the previous model
    const QSignalBlocker block(m_labSchedule);
    m_labSchedule->setChecked(false);
    m_opener->setUseLabSchedule(false);
  }
  m_shownSpec = spec;
  {
    const QSignalBlocker block(m_box);
    m_box->setSpec(spec);
  }
  m_opener->setSpec(spec);
  updateInfo();
  Q_EMIT modelChanged();
}

void ModelPanel::onFileChosen(const QString& chosen) {
  // A diffusers folder's config.json or weights stand for the folder.
  const QString path = QString::fromStdString(difflab::diffusers_folder_of(chosen.toStdString()));
  if (difflab::needs_import_sidecar(path.toStdString())) {
    inspectImport(path, QString());
    return;
  }
  probe(path);
}

void ModelPanel::inspectImport(const QString& path, const QString& error) {
  m_error->hide();
  m_openingText = tr("Reading %1…").arg(QFileInfo(path).fileName());
  updateInfo();
  // Reading a safetensors header or a diffusers folder can take a moment: on the panel's JobRunner, a newer
  // choice superseding it; dropped when the panel is gone first.
  m_jobs->start([this, path, error](const JobRunner::Context&) -> std::function<void()> {
    std::shared_ptr<const difflab::ImportInspection> inspection;
    QString failure;
    try {
      inspection = std::make_shared<const difflab::ImportInspection>(difflab::inspect_import(path.toStdString()));
    } catch (const std::exception& e) {
      failure = QString::fromStdString(difflab::user_message(e.what()));
    }
    return [this, path, error, inspection, failure] { onInspected(path, error, inspection, failure); };
  });
}

void ModelPanel::onInspected(const QString& path, const QString& error,
                             const std::shared_ptr<const difflab::ImportInspection>& inspection,
                             const QString& failure) {
  m_openingText.clear();
  updateInfo();
  if (!inspection) {
    showError(tr("Not opened: %1").arg(failure));
    return;
  }
  if (error.isEmpty() && inspection->sidecar && inspection->sidecar_error.empty()) {
    probe(path);  // its sidecar reads: open it
    return;
  }
  const QString why = !error.isEmpty() ? error : QString::fromStdString(inspection->sidecar_error);
  auto* dialog = new ImportSettingsDialog(path, *inspection, why, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, path] { probe(path); });
  dialog->open();
}

SamplingModelRequest ModelPanel::requestFor(const QString& spec) const {
  // The view's own choices (clip, image data, and the score lab's standing "along the lab's schedule") carry
  // over; a model ticked to follow the lab's schedule by hand starts the next one unticked (switchTo).
  SamplingModelRequest request = m_opener->request();
  request.spec = spec;
  request.schedule = m_schedule->options();
  request.clipX0 = m_clipX0;
  request.loadImageData = m_loadImageData;
  if (m_labSchedule->isChecked()) request.useLabSchedule = false;
  return request;
}

void ModelPanel::probe(const QString& path) {
  const SamplingModelRequest request = requestFor(path);
  m_probePath = path;
  m_probe->invalidate();  // checked on a worker; the lists and the views change only once it has opened
  m_probe->ensure(request);
}

void ModelPanel::onProbeOpened(const std::shared_ptr<const SamplingModel>& model) {
  const QString path = model->spec;
  m_openingText.clear();
  m_adopting = true;
  m_session->addFile(path);
  if (!isPinned()) m_session->setCurrent(path);  // other unpinned views open it themselves
  if (m_box->spec() != path || m_shownSpec != path) switchTo(path);
  m_opener->adopt(model);
  m_probe->invalidate();  // the view's opener holds it now; the probe lets go
  m_adopting = false;
  if (std::function<void()> retry = std::move(m_adoptRetry)) {
    m_adoptRetry = nullptr;
    retry();
  }
}

void ModelPanel::onOpened(const std::shared_ptr<const SamplingModel>& model) {
  m_openingText.clear();
  m_error->hide();
  if (!isBuiltInSpec(model->spec)) m_session->addFile(model->spec);
  updateInfo();
  Q_EMIT opened(model);
}

void ModelPanel::onFailed(const QString& message) {
  m_openingText.clear();
  const QString bad = m_box->spec();
  showError(tr("Cannot open the model: %1").arg(message));
  Q_EMIT failed(message);
  if (isBuiltInSpec(bad)) {
    updateInfo();
    return;
  }
  // A file that no longer opens leaves every list; this view returns to the current (or previous) model.
  const QString error = m_error->text();
  m_session->reject(bad);
  {
    const QSignalBlocker block(m_box);
    m_box->removeSpec(bad);
  }
  if (m_shownSpec == bad) switchTo(m_session->current());
  showError(error);
}

void ModelPanel::onScheduleChanged() {
  // A file being checked was opened under the old schedule: check it again under the new one.
  if (m_probe->isOpening() && !m_probePath.isEmpty()) onFileChosen(m_probePath);
  if (m_opener->setSchedule(m_schedule->options())) {  // the opener's rule: dropped unless on its own schedule
    updateInfo();
    Q_EMIT modelChanged();
  } else {
    updateInfo();  // the note comparing the model's schedule with the lab's
  }
}

void ModelPanel::clearError() { m_error->hide(); }

void ModelPanel::showError(const QString& message) {
  m_error->setText(message);
  m_error->show();
}

void ModelPanel::disableUnusable(const std::function<QString(const QString& spec)>& whyNot) {
  m_box->disableUnusable(whyNot);
  updateInfo();
}

void ModelPanel::updateInfo() {
  const std::shared_ptr<const SamplingModel>& model = m_opener->model();
  QStringList lines;
  if (!m_openingText.isEmpty()) {
    lines << m_openingText;
  } else if (model && model->denoiser) {
    lines << model->description;
    const difflab::NoiseSchedule& lab = m_schedule->schedule();
    const auto* moved = dynamic_cast<const difflab::RescheduledDenoiser*>(model->denoiser.get());
    if (moved) {
      lines.back() = QString::fromStdString(moved->inner()->description());  // not its "sampled along" suffix
      if (sameSchedule(moved->inner()->schedule(), lab))  // nothing is resampled: the two schedules are one
        lines << tr("Schedule: its own, %1 (the same as the Schedule lab's).").arg(scheduleSummary(lab));
      else
        lines << tr("Sampled along the Schedule lab's schedule (%1) by matching log-SNR; trained on %2.")
                     .arg(scheduleSummary(lab), scheduleSummary(moved->inner()->schedule()));
      if (!model->dataName.isEmpty()) lines << tr("Data: %1 (from the model file).").arg(model->dataName);
    } else if (model->usesSharedSchedule) {
      lines << tr("Exact under the Schedule lab's schedule (%1).").arg(scheduleSummary(lab));
    } else {
      const difflab::NoiseSchedule& own = model->denoiser->schedule();
      if (sameSchedule(own, lab))
        lines << tr("Schedule: its own, %1 (the same as the Schedule lab's).").arg(scheduleSummary(own));
      else
        lines << tr("Schedule: its own, %1; the Schedule lab shows %2, which this model does not use.")
                     .arg(scheduleSummary(own), scheduleSummary(lab));
      if (!model->dataName.isEmpty()) lines << tr("Data: %1 (from the model file).").arg(model->dataName);
    }
    if (!model->dataNote.isEmpty()) lines << model->dataNote;
    if (!m_extraNote.isEmpty()) lines << m_extraNote;
  } else if (const QString about = m_box->comboBox()->currentData(Qt::ToolTipRole).toString(); !about.isEmpty()) {
    // Not opened yet (a view opens its model when it first needs it): what the list says about the choice, such
    // as the score lab's reason for greying it out.
    lines << about;
  }
  // The explicit choice to sample a trained model along the lab's schedule, offered where the two differ.
  const bool trained = model && model->denoiser && (!model->usesSharedSchedule || model->rescheduled);
  m_labSchedule->setVisible(m_labSchedule->isChecked() ||
                            (trained && !sameSchedule(model->denoiser->schedule(), m_schedule->schedule())));
  if (isPinned() && m_session->current() != m_box->spec())
    lines << tr("Pinned: the other views use %1.").arg(ModelSourceBox::displayName(m_session->current()));
  m_info->setText(lines.join(QLatin1Char('\n')));
}
