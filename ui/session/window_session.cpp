#include "base/error_text.h"
#include "session/window_session.h"

#include "main_window.h"
#include "sampling/sampling_recipe.h"
#include "schedule/schedule_json.h"
#include "session/dataset_state.h"
#include "session/lab_session.h"
#include "session/model_session.h"
#include "session/schedule_state.h"
#include "train/training_options.h"
#include "views/chain_player_view.h"
#include "views/dataset_view.h"
#include "views/forward_chain_view.h"
#include "views/generate_view.h"
#include "views/ode_lab/ode_lab_view.h"
#include "views/sampler_comparison_view.h"
#include "views/schedule_lab_view.h"
#include "views/score_lab/score_lab_view.h"
#include "views/training_view.h"
#include "widgets/classifier_guidance_box.h"
#include "widgets/loss_plot.h"
#include "widgets/model_panel.h"
#include "widgets/sampler_options_form.h"
#include "widgets/schedule_controls.h"
#include "workers/training_worker.h"

#include <nlohmann/json.hpp>

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QAbstractSlider>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPointer>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <exception>
#include <functional>
#include <initializer_list>
#include <optional>
#include <memory>

using nlohmann::json;

namespace windowsession {
namespace {

/// The context of this file's messages (lupdate reads it from the macro).
struct WindowSession {
  Q_DECLARE_TR_FUNCTIONS(WindowSession)
};

/// How long a setting that waits for a model or a data set (a class chosen by name, the chain's step) keeps
/// waiting before it is dropped.
constexpr int kDeferredTimeoutMs = 120000;

// --- reading fields -------------------------------------------------------------------------------------------

/// One JSON object of the session with its path ("views.generate"), so that every warning names the field.
/// Absent fields keep the setting as it is; a field of the wrong type leaves it too and adds a warning.
class Fields {
 public:
  Fields(const json& object, QString path, QStringList* warnings)
      : object_(object.is_object() ? object : empty()), path_(std::move(path)), warnings_(warnings) {
    if (!object.is_null() && !object.is_object()) warn(QString(), WindowSession::tr("is not an object; ignored"));
  }

  const json* find(const char* key) const {
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }
  Fields object(const char* key) const { return Fields(find(key) ? *find(key) : json(), name(key), warnings_); }
  const json& raw() const { return object_; }
  QString name(const QString& key) const {
    return key.isEmpty() ? path_ : path_.isEmpty() ? key : path_ + QLatin1Char('.') + key;
  }
  const QString& path() const { return path_; }
  QStringList* warnings() const { return warnings_; }

  bool integer(const char* key, int64_t& out) const {
    const json* v = find(key);
    if (!v) return false;
    if (!v->is_number_integer()) return typeError(key, *v, "an integer");
    out = v->get<int64_t>();
    return true;
  }
  bool number(const char* key, double& out) const {
    const json* v = find(key);
    if (!v) return false;
    if (!v->is_number()) return typeError(key, *v, "a number");
    out = v->get<double>();
    return true;
  }
  bool boolean(const char* key, bool& out) const {
    const json* v = find(key);
    if (!v) return false;
    if (!v->is_boolean()) return typeError(key, *v, "true or false");
    out = v->get<bool>();
    return true;
  }
  bool string(const char* key, QString& out) const {
    const json* v = find(key);
    if (!v) return false;
    if (!v->is_string()) return typeError(key, *v, "a string");
    out = QString::fromStdString(v->get<std::string>());
    return true;
  }
  void warn(const QString& key, const QString& why) const {
    if (warnings_) *warnings_ << QStringLiteral("%1 %2").arg(name(key), why);
  }

 private:
  static const json& empty() {
    static const json object = json::object();
    return object;
  }
  bool typeError(const char* key, const json& value, const char* expected) const {
    warn(QLatin1String(key), WindowSession::tr("= %1 is not %2; the setting was left as it is")
                                 .arg(QString::fromStdString(value.dump()), WindowSession::tr(expected)));
    return false;
  }

  json object_;
  QString path_;
  QStringList* warnings_;
};

// --- widgets --------------------------------------------------------------------------------------------------

/// A combo box's choice: the item's data as text when the box's items carry data (stable across languages and
/// versions), otherwise the row.
json comboValue(const QComboBox* box) {
  for (int i = 0; i < box->count(); ++i)
    if (box->itemData(i).isValid()) return box->currentData().toString().toStdString();
  return box->currentIndex();
}

int comboRow(const QComboBox* box, const json& value) {
  if (value.is_string()) {
    const QString data = QString::fromStdString(value.get<std::string>());
    for (int i = 0; i < box->count(); ++i)
      if (box->itemData(i).isValid() && box->itemData(i).toString() == data) return i;
  } else if (value.is_number_integer()) {
    const int64_t row = value.get<int64_t>();
    if (row >= 0 && row < box->count()) return static_cast<int>(row);
  }
  return -1;
}

/// Runs `apply` now when `ready()`, otherwise each time `signal` of `sender` fires until it is ready (then once)
/// or kDeferredTimeoutMs have passed. For settings that wait for a model or a data set to open.
template <typename Sender, typename Signal>
void whenReady(Sender* sender, Signal signal, std::function<bool()> ready, std::function<void()> apply) {
  if (ready()) {
    apply();
    return;
  }
  auto connection = std::make_shared<QMetaObject::Connection>();
  *connection = QObject::connect(sender, signal, sender, [connection, ready, apply](auto&&...) {
    if (!ready()) return;
    QObject::disconnect(*connection);
    apply();
  });
  QTimer::singleShot(kDeferredTimeoutMs, sender, [connection] { QObject::disconnect(*connection); });
}

/// Selects `value` (see comboValue) in `box`, now or, when the box does not offer it yet (the classes of a
/// model still opening), as soon as it does.
void restoreCombo(QComboBox* box, const json& value) {
  whenReady(
      box->model(), &QAbstractItemModel::rowsInserted, [box, value] { return comboRow(box, value) >= 0; },
      [box = QPointer<QComboBox>(box), value] {
        if (box) box->setCurrentIndex(comboRow(box, value));
      });
}

/// The input widgets of `root` that have an object name: spin boxes, combo boxes, check boxes, sliders.
json saveInputs(const QWidget* root) {
  json out = json::object();
  for (const QWidget* w : root->findChildren<QWidget*>()) {
    const QString name = w->objectName();
    if (name.isEmpty() || name.startsWith(QLatin1String("qt_"))) continue;
    const std::string key = name.toStdString();
    if (const auto* spin = qobject_cast<const QSpinBox*>(w))
      out[key] = spin->value();
    else if (const auto* real = qobject_cast<const QDoubleSpinBox*>(w))
      out[key] = real->value();
    else if (const auto* combo = qobject_cast<const QComboBox*>(w))
      out[key] = comboValue(combo);
    else if (const auto* button = qobject_cast<const QAbstractButton*>(w); button && button->isCheckable())
      out[key] = button->isChecked();
    else if (const auto* slider = qobject_cast<const QAbstractSlider*>(w))
      out[key] = slider->value();
  }
  return out;
}

/// Applies saveInputs()'s object to `root`'s named widgets, in the order the widgets were created (so a data
/// set is chosen before the settings that depend on it). Names the program no longer has are ignored.
void restoreInputs(QWidget* root, const Fields& in) {
  for (QWidget* w : root->findChildren<QWidget*>()) {
    const std::string key = w->objectName().toStdString();
    if (key.empty()) continue;
    const json* v = in.find(key.c_str());
    if (!v) continue;
    if (auto* combo = qobject_cast<QComboBox*>(w)) {
      restoreCombo(combo, *v);
    } else if (auto* spin = qobject_cast<QSpinBox*>(w)) {
      int64_t value = 0;
      if (in.integer(key.c_str(), value)) spin->setValue(static_cast<int>(value));
    } else if (auto* real = qobject_cast<QDoubleSpinBox*>(w)) {
      double value = 0;
      if (in.number(key.c_str(), value)) real->setValue(value);
    } else if (auto* button = qobject_cast<QAbstractButton*>(w); button && button->isCheckable()) {
      bool value = false;
      if (in.boolean(key.c_str(), value)) button->setChecked(value);
    } else if (auto* slider = qobject_cast<QAbstractSlider*>(w)) {
      int64_t value = 0;
      if (in.integer(key.c_str(), value)) slider->setValue(static_cast<int>(value));
    }
  }
}

void restoreSpin(const Fields& in, const char* key, QSpinBox* box) {
  int64_t value = 0;
  if (in.integer(key, value)) box->setValue(static_cast<int>(value));
}
void restoreSpin(const Fields& in, const char* key, QDoubleSpinBox* box) {
  double value = 0;
  if (in.number(key, value)) box->setValue(value);
}

// --- sampler settings and models ------------------------------------------------------------------------------

/// SamplerOptions as the recipe's keys without their "difflab:" prefix (sampling/sampling_recipe.h: sampler,
/// steps, spacing, seed, one key per sampler parameter, custom-timesteps), so the session and the PNG recipe
/// spell a sampler setting the same way.
json samplerJson(const difflab::SamplerOptions& options) {
  difflab::SamplingRecipe recipe;
  recipe.sampler = options;
  static const std::string prefix = "difflab:";
  static const std::vector<std::string> notSampler = {
      "model",     "model-sha256", "batch",    "class",    "guidance",         "schedule",
      "timesteps", "beta-start",   "beta-end", "cosine-s", "zero-terminal-snr"};
  json out = json::object();
  for (const auto& [key, value] : difflab::recipe_to_text(recipe)) {
    if (key.rfind(prefix, 0) != 0) continue;
    const std::string name = key.substr(prefix.size());
    if (std::find(notSampler.begin(), notSampler.end(), name) == notSampler.end()) out[name] = value;
  }
  return out;
}

void restoreSampler(const Fields& in, SamplerOptionsForm* form) {
  if (!in.raw().contains("sampler")) return;
  std::map<std::string, std::string> text;
  for (const auto& [key, value] : in.raw().items()) {
    if (!value.is_string()) {
      in.warn(QString::fromStdString(key),
              WindowSession::tr("is not a string; the sampler settings were left as they are"));
      return;
    }
    text["difflab:" + key] = value.get<std::string>();
  }
  try {
    const difflab::SamplingRecipe recipe = difflab::recipe_from_text(text);
    if (recipe.sampler.spacing == difflab::TimestepSpacing::Custom)
      form->setCustomTimesteps(recipe.sampler.custom_timesteps);
    form->setOptions(recipe.sampler);
  } catch (const std::exception& e) {
    in.warn(
        QString(),
        WindowSession::tr("could not be applied (%1)").arg(QString::fromStdString(difflab::user_message(e.what()))));
  }
}

struct Context {
  MainWindow& window;
  QString sessionPath;
  QStringList* warnings;
};

json savePanel(const ModelPanel* panel, const QString& sessionPath) {
  json out = {{"pinned", panel->isPinned()}};
  if (panel->isPinned()) out["model"] = labsession::modelReference(panel->spec(), sessionPath);
  return out;
}

void restorePanel(const Fields& in, ModelPanel* panel, const QString& where, const Context& context) {
  bool pinned = false;
  if (!in.boolean("pinned", pinned)) return;
  panel->setPinned(pinned);
  if (!pinned || !in.find("model")) return;
  const QString spec = labsession::resolveModel(*in.find("model"), context.sessionPath, where, context.warnings);
  if (!spec.isEmpty()) panel->choose(spec);
}

json saveClassifier(const ClassifierGuidanceBox* box, const QString& sessionPath) {
  if (!box) return json();
  const QString data = box->box()->currentData().toString();
  json out = {{"scale", box->scaleBox()->value()}};
  const bool file = !data.isEmpty() && data != QLatin1String("exact") && !data.startsWith(QLatin1String("zoo:"));
  out["classifier"] = file ? labsession::modelReference(data, sessionPath) : json(data.toStdString());
  return out;
}

void restoreClassifier(const Fields& in, ClassifierGuidanceBox* box, const QString& where, const Context& context) {
  if (!box) return;
  const json* classifier = in.find("classifier");
  if (classifier && classifier->is_object()) {
    const QString path = labsession::resolveModel(*classifier, context.sessionPath, where, context.warnings);
    QString error;
    if (!path.isEmpty() && !box->openClassifier(path, &error)) in.warn(QStringLiteral("classifier"), error);
  } else if (classifier) {
    restoreCombo(box->box(), *classifier);
  }
  restoreSpin(in, "scale", box->scaleBox());
}

// --- the parts ------------------------------------------------------------------------------------------------

json saveDataset(const MainWindow& window) {
  const DatasetState* state = window.datasetState();
  json out = {{"spec", state->spec().toStdString()}, {"selected", state->selectedIndex()}};
  if (const auto* view = window.findChild<DatasetView*>()) out["class_filter"] = view->classFilter();
  return out;
}

void restoreDataset(const Fields& in, const Context& context) {
  DatasetState* state = context.window.datasetState();
  QString spec;
  if (!in.string("spec", spec) || spec.isEmpty()) spec = state->spec();
  if (spec != state->spec()) state->load(spec);
  int64_t selected = -1, classFilter = -1;
  const bool hasSelected = in.integer("selected", selected), hasFilter = in.integer("class_filter", classFilter);
  auto* view = context.window.findChild<DatasetView*>();
  whenReady(
      state, &DatasetState::datasetChanged, [state, spec] { return !state->isLoading() && state->spec() == spec; },
      [state, view, selected, classFilter, hasSelected, hasFilter] {
        if (view && hasFilter) view->setClassFilter(classFilter);
        if (hasSelected) state->setSelectedIndex(selected);
      });
}

json saveSchedule(const MainWindow& window) {
  json out = {{"a", difflab::schedule_options_to_json(window.scheduleState()->options())}};
  if (const auto* lab = window.findChild<ScheduleLabView*>()) {
    out["b"] = difflab::schedule_options_to_json(lab->comparisonControls()->options());
    out["compare"] = lab->isComparisonEnabled();
  }
  return out;
}

void restoreSchedule(const Fields& in, const Context& context) {
  auto read = [&](const char* key) -> std::optional<difflab::ScheduleOptions> {
    const json* v = in.find(key);
    if (!v) return std::nullopt;
    try {
      return difflab::schedule_options_from_json(*v);
    } catch (const std::exception& e) {
      in.warn(QLatin1String(key), WindowSession::tr("could not be read (%1); the schedule was left as it is")
                                      .arg(QString::fromStdString(difflab::user_message(e.what()))));
      return std::nullopt;
    }
  };
  if (const auto a = read("a")) {
    ScheduleState* state = context.window.scheduleState();
    state->setOptions(*a);
    if (!state->error().isEmpty()) in.warn(QStringLiteral("a"), state->error());
  }
  auto* lab = context.window.findChild<ScheduleLabView*>();
  if (!lab) return;
  if (const auto b = read("b")) lab->setComparison(*b);
  bool compare = false;
  if (in.boolean("compare", compare)) lab->setComparisonEnabled(compare);
}

json saveForwardChain(const ForwardChainView& view) {
  return {{"t", view.t()},
          {"markov", view.isMarkov()},
          {"seed", view.seed()},
          {"source", view.source() == ForwardChainView::Source::Batch ? "batch" : "sample"}};
}

void restoreForwardChain(const Fields& in, ForwardChainView& view) {
  int64_t value = 0;
  bool markov = false;
  QString source;
  if (in.string("source", source)) {
    if (source == QLatin1String("batch") || source == QLatin1String("sample"))
      view.setSource(source == QLatin1String("batch") ? ForwardChainView::Source::Batch
                                                      : ForwardChainView::Source::ChosenSample);
    else
      in.warn(QStringLiteral("source"), WindowSession::tr("= \"%1\" is not \"sample\" or \"batch\"").arg(source));
  }
  if (in.boolean("markov", markov)) view.setMarkov(markov);
  if (in.integer("seed", value)) view.setSeed(static_cast<quint64>(value));
  if (in.integer("t", value)) view.setT(static_cast<int>(value));
}

json saveTraining(const TrainingView& view) {
  const TrainingJob job = view.job();
  return {{"data", job.datasetSpec},
          {"network", job.networkKind},
          {"preset", job.networkPreset},
          {"conditional", job.conditional},
          {"objective", difflab::objective_options_to_json(job.objective)},
          {"trainer", difflab::trainer_options_to_json(job.trainer)},
          {"resume", job.resumePath},
          {"preview_every", job.previewEvery},
          {"preview_count", job.previewCount},
          {"preview_steps", job.previewSteps},
          {"quality_every", job.qualityEvery},
          {"quality_classifier", job.qualityClassifier},
          {"quality_num", job.qualityNum},
          {"quality_steps", job.qualitySteps},
          {"processes", job.processes},
          {"log_scale", view.logScaleCheck()->isChecked()},
          {"smoothing", view.smoothingBox()->value()},
          {"timestep_mode", comboValue(view.timestepModeCombo())}};
}

void restoreTraining(const Fields& in, TrainingView& view) {
  TrainingJob job = view.job();
  QString text;
  if (in.string("data", text)) job.datasetSpec = text.toStdString();
  if (in.string("network", text)) job.networkKind = text.toStdString();
  if (in.string("preset", text)) job.networkPreset = text.toStdString();
  if (in.string("resume", text)) job.resumePath = text.toStdString();
  if (in.string("quality_classifier", text)) job.qualityClassifier = text.toStdString();
  in.boolean("conditional", job.conditional);
  const std::initializer_list<std::pair<const char*, int64_t*>> counts = {
      {"preview_every", &job.previewEvery}, {"preview_count", &job.previewCount}, {"preview_steps", &job.previewSteps},
      {"quality_every", &job.qualityEvery}, {"quality_num", &job.qualityNum},     {"quality_steps", &job.qualitySteps}};
  for (const auto& [key, field] : counts) in.integer(key, *field);
  int64_t processes = job.processes;
  if (in.integer("processes", processes)) job.processes = static_cast<int>(std::clamp<int64_t>(processes, 1, 64));
  try {
    if (const json* o = in.find("objective")) job.objective = difflab::objective_options_from_json(*o);
    if (const json* t = in.find("trainer")) job.trainer = difflab::trainer_options_from_json(*t, job.trainer);
  } catch (const std::exception& e) {
    in.warn(QString(),
            WindowSession::tr("could not be read (%1)").arg(QString::fromStdString(difflab::user_message(e.what()))));
  }
  view.setJob(job);
  bool log = false;
  if (in.boolean("log_scale", log)) view.logScaleCheck()->setChecked(log);
  restoreSpin(in, "smoothing", view.smoothingBox());
  if (const json* mode = in.find("timestep_mode")) restoreCombo(view.timestepModeCombo(), *mode);
}

json saveGenerate(const GenerateView& view, const QString& sessionPath) {
  return {{"model", savePanel(view.modelPanel(), sessionPath)},
          {"sampler", samplerJson(view.samplerForm()->options())},
          {"batch", view.batchBox()->value()},
          {"class", comboValue(view.classBox())},
          {"guidance", view.guidanceBox()->value()},
          {"classifier_guidance", saveClassifier(view.findChild<ClassifierGuidanceBox*>(), sessionPath)}};
}

void restoreGenerate(const Fields& in, GenerateView& view, const Context& context) {
  restorePanel(in.object("model"), view.modelPanel(), WindowSession::tr("Generate"), context);
  restoreSampler(in.object("sampler"), view.samplerForm());
  restoreSpin(in, "batch", view.batchBox());
  restoreSpin(in, "guidance", view.guidanceBox());
  restoreClassifier(in.object("classifier_guidance"), view.findChild<ClassifierGuidanceBox*>(),
                    WindowSession::tr("Generate"), context);
  if (const json* c = in.find("class")) restoreCombo(view.classBox(), *c);
  view.regenerate();
}

json saveChainPlayer(const ChainPlayerView& view, const QString& sessionPath) {
  return {{"model", savePanel(view.modelPanel(), sessionPath)},
          {"sampler", samplerJson(view.samplerForm()->options())},
          {"branch_sampler", samplerJson(view.branchForm()->options())},
          {"batch", view.batchBox()->value()},
          {"class", comboValue(view.classBox())},
          {"guidance", view.guidanceBox()->value()},
          {"branch_guidance", view.branchGuidanceBox()->value()},
          {"classifier_guidance", saveClassifier(view.classifierGuidance(), sessionPath)},
          {"step", view.currentStep()}};
}

void restoreChainPlayer(const Fields& in, ChainPlayerView& view, const Context& context) {
  restorePanel(in.object("model"), view.modelPanel(), WindowSession::tr("Reverse chain"), context);
  restoreSampler(in.object("sampler"), view.samplerForm());
  restoreSampler(in.object("branch_sampler"), view.branchForm());
  restoreSpin(in, "batch", view.batchBox());
  restoreSpin(in, "guidance", view.guidanceBox());
  restoreSpin(in, "branch_guidance", view.branchGuidanceBox());
  restoreClassifier(in.object("classifier_guidance"), view.classifierGuidance(), WindowSession::tr("Reverse chain"),
                    context);
  if (const json* c = in.find("class")) restoreCombo(view.classBox(), *c);
  view.recompute();
  int64_t step = 0;
  if (in.integer("step", step) && step > 0) {
    // The step is shown once the recomputed chain is complete (the player clamps it to the chain).
    auto* player = &view;
    whenReady(
        player, &ChainPlayerView::chainComplete, [player] { return player->original().complete; },
        [player, step] { player->seek(static_cast<int>(step)); });
  }
}

json saveComparison(const SamplerComparisonView& view, const QString& sessionPath) {
  json samplers = json::array();
  for (const QString& name : view.checkedSamplers()) samplers.push_back(name.toStdString());
  return {{"model", savePanel(view.modelPanel(), sessionPath)},
          {"samplers", samplers},
          {"steps", view.stepsEdit()->text().toStdString()},
          {"seed", view.seedBox()->value()},
          {"batch", view.batchBox()->value()},
          {"metric", comboValue(view.metricBox())},
          {"spacing", comboValue(view.spacingBox())},
          {"optimise_steps", view.optimiseStepsBox()->value()}};
}

void restoreComparison(const Fields& in, SamplerComparisonView& view, const Context& context) {
  restorePanel(in.object("model"), view.modelPanel(), WindowSession::tr("Compare samplers"), context);
  if (const json* samplers = in.find("samplers")) {
    QStringList names;
    if (samplers->is_array())
      for (const json& name : *samplers)
        if (name.is_string()) names << QString::fromStdString(name.get<std::string>());
    if (!samplers->is_array() || names.size() != static_cast<int>(samplers->size()))
      in.warn(QStringLiteral("samplers"), WindowSession::tr("is not a list of sampler names; left as it is"));
    else
      view.setSamplers(names);
  }
  QString steps;
  if (in.string("steps", steps)) view.stepsEdit()->setText(steps);
  restoreSpin(in, "seed", view.seedBox());
  restoreSpin(in, "batch", view.batchBox());
  restoreSpin(in, "optimise_steps", view.optimiseStepsBox());
  if (const json* metric = in.find("metric")) restoreCombo(view.metricBox(), *metric);
  if (const json* spacing = in.find("spacing")) restoreCombo(view.spacingBox(), *spacing);
}

json saveOdeLab(const OdeLabView& view, const QString& sessionPath) {
  return {{"model", savePanel(view.modelPanel(), sessionPath)},
          {"page", view.pages()->currentIndex()},
          {"inputs", saveInputs(&view)}};
}

void restoreOdeLab(const Fields& in, OdeLabView& view, const Context& context) {
  restorePanel(in.object("model"), view.modelPanel(), WindowSession::tr("ODE lab"), context);
  restoreInputs(&view, in.object("inputs"));
  int64_t page = 0;
  if (in.integer("page", page) && page >= 0 && page < view.pages()->count())
    view.pages()->setCurrentIndex(static_cast<int>(page));
}

/// Each view's key under "views" with its save and restore.
struct ViewPart {
  const char* key;
  std::function<json(const MainWindow&, const QString&)> save;  ///< null json: the window has no such view
  std::function<void(const Fields&, const Context&)> restore;
};

template <typename View>
View* find(const MainWindow& window) {
  return window.findChild<View*>();
}

const std::vector<ViewPart>& viewParts() {
  static const std::vector<ViewPart> parts = {
      {"forward_chain",
       [](const MainWindow& w, const QString&) {
         return find<ForwardChainView>(w) ? saveForwardChain(*find<ForwardChainView>(w)) : json();
       },
       [](const Fields& in, const Context& c) {
         if (auto* v = find<ForwardChainView>(c.window)) restoreForwardChain(in, *v);
       }},
      {"training",
       [](const MainWindow& w, const QString&) {
         return find<TrainingView>(w) ? saveTraining(*find<TrainingView>(w)) : json();
       },
       [](const Fields& in, const Context& c) {
         if (auto* v = find<TrainingView>(c.window)) restoreTraining(in, *v);
       }},
      {"generate",
       [](const MainWindow& w, const QString& p) {
         return find<GenerateView>(w) ? saveGenerate(*find<GenerateView>(w), p) : json();
       },
       [](const Fields& in, const Context& c) {
         if (auto* v = find<GenerateView>(c.window)) restoreGenerate(in, *v, c);
       }},
      {"reverse_chain",
       [](const MainWindow& w, const QString& p) {
         return find<ChainPlayerView>(w) ? saveChainPlayer(*find<ChainPlayerView>(w), p) : json();
       },
       [](const Fields& in, const Context& c) {
         if (auto* v = find<ChainPlayerView>(c.window)) restoreChainPlayer(in, *v, c);
       }},
      {"compare_samplers",
       [](const MainWindow& w, const QString& p) {
         return find<SamplerComparisonView>(w) ? saveComparison(*find<SamplerComparisonView>(w), p) : json();
       },
       [](const Fields& in, const Context& c) {
         if (auto* v = find<SamplerComparisonView>(c.window)) restoreComparison(in, *v, c);
       }},
      {"ode_lab",
       [](const MainWindow& w, const QString& p) {
         return find<OdeLabView>(w) ? saveOdeLab(*find<OdeLabView>(w), p) : json();
       },
       [](const Fields& in, const Context& c) {
         if (auto* v = find<OdeLabView>(c.window)) restoreOdeLab(in, *v, c);
       }},
      {"score_lab",
       [](const MainWindow& w, const QString&) {
         return find<ScoreLabView>(w) ? json{{"inputs", saveInputs(find<ScoreLabView>(w))}} : json();
       },
       [](const Fields& in, const Context& c) {
         if (auto* v = find<ScoreLabView>(c.window)) restoreInputs(v, in.object("inputs"));
       }},
  };
  return parts;
}

}  // namespace

json save(const MainWindow& window, const QString& sessionPath) {
  json session = json::object();
  session["dataset"] = saveDataset(window);
  session["schedule"] = saveSchedule(window);
  if (const ModelSession* models = window.modelSession())
    session["models"] = {{"current", labsession::modelReference(models->current(), sessionPath)}};
  json views = json::object();
  for (const ViewPart& part : viewParts()) {
    json state = part.save(window, sessionPath);
    if (!state.is_null()) views[part.key] = std::move(state);
  }
  session["views"] = std::move(views);
  if (const QWidget* tab = window.tabs()->currentWidget()) session["tab"] = tab->metaObject()->className();
  return session;
}

void restore(MainWindow& window, const json& session, const QString& sessionPath, QStringList* warnings) {
  const Context context{window, sessionPath, warnings};
  const Fields root(session, QString(), warnings);
  // The order matters: the data set and the schedule first (the score lab's t range follows T), then the
  // current model, then the views, which may pin their own.
  if (root.find("dataset")) restoreDataset(root.object("dataset"), context);
  if (root.find("schedule")) restoreSchedule(root.object("schedule"), context);
  const Fields models = root.object("models");
  if (const json* current = models.find("current")) {
    const QString spec = labsession::resolveModel(*current, sessionPath, WindowSession::tr("Current model"), warnings);
    if (!spec.isEmpty() && window.modelSession()) window.modelSession()->setCurrent(spec);
  }
  const Fields views = root.object("views");
  for (const ViewPart& part : viewParts())
    if (views.find(part.key)) part.restore(views.object(part.key), context);
  QString tab;
  if (root.string("tab", tab)) {
    for (int i = 0; i < window.tabs()->count(); ++i)
      if (QLatin1String(window.tabs()->widget(i)->metaObject()->className()) == tab) window.tabs()->setCurrentIndex(i);
  }
}

}  // namespace windowsession
