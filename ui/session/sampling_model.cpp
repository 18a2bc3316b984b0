// Core headers first: <torch/torch.h> must precede every Qt header.
#include "base/error_text.h"
#include "data/dataset.h"
#include "data/gaussian_mixture.h"
#include "model/classifier_free_guidance.h"
#include "model/gaussian_mixture_denoiser.h"
#include "model/checkpoint_metadata.h"
#include "model/diffusers_import.h"
#include "model/model_loader.h"
#include "model/model_zoo.h"
#include "model/rescheduled_denoiser.h"
#include "data/dataset_catalog.h"

#include <torch/torch.h>

#include "session/sampling_model.h"

#include <QFileInfo>
#include <QFile>

#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>

namespace {

const QString kPresetPrefix = QStringLiteral("preset:");

// Mixture samples are drawn with a fixed seed, so the backdrop and the distance reference do not change
// with the sampling seed (changing the seed must change only the samples).
constexpr uint64_t kReferenceSeed = 20240601;

// Data sets named by checkpoints, shared by every view that opens such a model (Fashion-MNIST is 190 MB as
// float32: four views must not hold four copies). Entries live as long as some model holds them.
std::shared_ptr<const difflab::Dataset> sharedDataset(const std::string& spec) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const difflab::Dataset>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto alive = cache[spec].lock()) return alive;
  auto loaded = std::make_shared<const difflab::Dataset>(difflab::load_dataset(spec, 0));
  cache[spec] = loaded;
  return loaded;
}

// The data spec a Diffusion Lab checkpoint names (empty for other files).
std::string checkpointDataName(const std::string& path) {
  QFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::ReadOnly) || !file.read(16).startsWith("DIFFLAB-CKPT")) return {};
  return difflab::read_model_checkpoint(path).metadata.data.name;
}

}  // namespace

bool SamplingModel::isPoints() const {
  const std::vector<int64_t> shape = sampleShape();
  return shape.size() == 1;
}

std::vector<int64_t> SamplingModel::sampleShape() const {
  return denoiser ? denoiser->sample_shape() : std::vector<int64_t>{};
}

SamplingModel openSamplingModel(const SamplingModelRequest& request) {
  const QString& spec = request.spec;
  const difflab::ScheduleOptions& schedule = request.schedule;
  const int64_t referenceCount = request.referenceCount;
  SamplingModel model;
  model.spec = spec;
  std::string path;
  if (spec.startsWith(kPresetPrefix)) {
    path = difflab::mixture_preset_path(spec.mid(kPresetPrefix.size()).toStdString());
  } else {
    path = difflab::resolve_model_path(spec.toStdString());  // "zoo:NAME" → the shipped file
    try {
      model.sha256 = QString::fromStdString(difflab::model_sha256(path));  // weights and their settings files
    } catch (const std::exception&) {
      model.sha256.clear();  // unreadable: load_denoiser below says why
    }
  }
  difflab::DenoiserLoadOptions options;
  options.schedule = schedule;
  options.clip_x0 = request.clipX0;
  model.denoiser = std::shared_ptr<difflab::Denoiser>(difflab::load_denoiser(path, options));
  model.description = QString::fromStdString(model.denoiser->description());
  for (const std::string& name : model.denoiser->class_names()) model.classNames << QString::fromStdString(name);
  if (!model.denoiser->is_conditional()) model.classNames.clear();

  if (auto* mixture = dynamic_cast<difflab::GaussianMixtureDenoiser*>(model.denoiser.get())) {
    model.usesSharedSchedule = true;
    model.dataName =
        QStringLiteral("%1 (exact mixture)").arg(QString::fromStdString(std::filesystem::path(path).stem().string()));
    if (mixture->mixture().dim() >= 1)  // 1-D data too: drawn as a strip plot (samplepictures::toPlane)
      model.dataPoints = difflab::sample_gaussian_mixture(mixture->mixture(), referenceCount, kReferenceSeed);
    return model;
  }
  if (request.useLabSchedule) {
    model.denoiser =
        std::make_shared<difflab::RescheduledDenoiser>(model.denoiser, difflab::NoiseSchedule::from_options(schedule));
    model.description = QString::fromStdString(model.denoiser->description());
    model.usesSharedSchedule = true;
    model.rescheduled = true;
  }
  // The checkpoint's own data: its points behind 2-D samples, its images for the ODE lab. A data set that
  // cannot be loaded here (a file moved since training) leaves the model usable, with a note.
  std::string dataName;
  try {
    dataName = checkpointDataName(path);
  } catch (const std::exception&) {
    dataName.clear();  // load_denoiser read it a moment ago; a race with a rewrite is reported by the next open
  }
  model.dataName = QString::fromStdString(dataName);
  if (dataName.empty()) {
    model.dataNote = QObject::tr("The file does not name its data set: model samples stand in for data.");
    return model;
  }
  if (!model.isPoints() && !request.loadImageData) return model;
  try {
    auto data = sharedDataset(dataName);
    if (data->sample_shape() != model.sampleShape()) {
      model.dataNote = QObject::tr(
                           "The model's data set %1 has samples of another shape than the model's; "
                           "model samples stand in for data.")
                           .arg(model.dataName);
      return model;
    }
    model.data = data;
    if (model.isPoints()) {
      const int64_t n = std::min<int64_t>(referenceCount, data->size());
      model.dataPoints = data->data.narrow(0, 0, n).to(torch::kFloat32);
    }
  } catch (const std::exception& e) {
    model.dataNote = QObject::tr("The model's data set could not be loaded (%1): model samples stand in for data.")
                         .arg(QString::fromStdString(difflab::user_message(e.what())));
  }
  return model;
}

QString scheduleSummary(const difflab::NoiseSchedule& schedule) {
  QString text = schedule.options() ? QString::fromStdString(difflab::schedule_family_name(schedule.options()->family))
                                    : QObject::tr("β table");
  text += QStringLiteral(", T = %1").arg(schedule.timesteps());
  // Its parameters too: two schedules that differ only in β_end must not read alike ("linear, T = 1000" twice).
  if (const auto& o = schedule.options()) {
    using difflab::ScheduleFamily;
    if (o->family == ScheduleFamily::Linear || o->family == ScheduleFamily::ScaledLinear ||
        o->family == ScheduleFamily::Sigmoid)
      text += QStringLiteral(", β %1…%2").arg(o->beta_start, 0, 'g', 3).arg(o->beta_end, 0, 'g', 3);
    else if (o->family == ScheduleFamily::Cosine)
      text += QStringLiteral(", s = %1").arg(o->cosine_s, 0, 'g', 3);
  }
  if (schedule.zero_terminal_snr()) text += QObject::tr(", zero terminal SNR");
  return text;
}

bool sameSchedule(const difflab::NoiseSchedule& a, const difflab::NoiseSchedule& b) {
  if (a.timesteps() != b.timesteps()) return false;
  for (int64_t i = 0; i < a.timesteps(); ++i)
    if (std::abs(a.alpha_bars()[static_cast<size_t>(i)] - b.alpha_bars()[static_cast<size_t>(i)]) > 1e-12) return false;
  return true;
}

QStringList mixturePresetSpecs() {
  QStringList specs;
  try {
    for (const std::string& name : difflab::mixture_preset_names())
      specs << kPresetPrefix + QString::fromStdString(name);
  } catch (const std::exception&) {
    // No preset folder found: the combo box then offers files only.
  }
  return specs;
}

QString builtInSpecFor(const QString& spec) {
  if (spec.isEmpty() || isBuiltInSpec(spec)) return spec;
  const QString file = QFileInfo(spec).canonicalFilePath();
  if (file.isEmpty()) return spec;  // not an existing file
  for (const QString& preset : mixturePresetSpecs()) {
    try {
      const QString path =
          QString::fromStdString(difflab::mixture_preset_path(preset.mid(kPresetPrefix.size()).toStdString()));
      if (QFileInfo(path).canonicalFilePath() == file) return preset;
    } catch (const std::exception&) {}
  }
  for (const ZooEntry& entry : zooModels(QStringLiteral("diffusion")))
    if (QFileInfo(entry.path).canonicalFilePath() == file) return entry.spec;
  return spec;
}

bool isBuiltInSpec(const QString& spec) {
  return spec.startsWith(kPresetPrefix) || spec.startsWith(QString::fromLatin1(difflab::kZooPrefix));
}

QList<ZooEntry> zooModels(const QString& kind) {
  QList<ZooEntry> entries;
  try {
    for (const difflab::ZooModel& m : difflab::zoo_models())
      if (m.kind == kind.toStdString())
        entries.append({QString::fromStdString(difflab::kZooPrefix + m.name), QString::fromStdString(m.title),
                        QString::fromStdString(m.description), QString::fromStdString(m.path),
                        QString::fromStdString(m.data)});
  } catch (const std::exception&) {
    // A damaged zoo.json: the box then offers the mixtures and files (the CLI names the fault).
  }
  return entries;
}

std::shared_ptr<difflab::Denoiser> guidedDenoiser(const SamplingModel& model, int classIndex, double guidance) {
  if (!asksForClasses(classIndex) || guidance == 1.0) return model.denoiser;
  difflab::GuidanceOptions options;
  options.scale = guidance;
  return std::make_shared<difflab::ClassifierFreeGuidance>(model.denoiser, options);
}

at::Tensor batchLabels(int64_t batch, int classIndex, int numClasses) {
  if (classIndex == kEveryClass && numClasses > 0)
    return torch::arange(batch, torch::kLong).remainder(static_cast<int64_t>(numClasses));
  if (classIndex < 0) return {};
  return torch::full({batch}, static_cast<int64_t>(classIndex), torch::kLong);
}

at::Tensor toDataScale(const SamplingModel& model, const at::Tensor& x) {
  if (!x.defined() || !model.denoiser) return x;
  return model.denoiser->to_data_scale(x.detach().to(torch::kCPU)).to(torch::kFloat32);
}
