// Core headers first: <torch/torch.h> must precede every Qt header.
#include "data/dataset.h"
#include "data/gaussian_mixture.h"
#include "model/classifier_free_guidance.h"
#include "model/gaussian_mixture_denoiser.h"
#include "model/model_loader.h"

#include <torch/torch.h>

#include "session/sampling_model.h"

#include <QCryptographicHash>
#include <QFile>

namespace {

const QString kPresetPrefix = QStringLiteral("preset:");

QString fileSha256(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QCryptographicHash hash(QCryptographicHash::Sha256);
  hash.addData(&file);
  return QString::fromLatin1(hash.result().toHex());
}

// Mixture samples are drawn with a fixed seed, so the backdrop and the distance reference do not change
// with the sampling seed (changing the seed must change only the samples).
constexpr uint64_t kReferenceSeed = 20240601;

}  // namespace

bool SamplingModel::isPoints() const {
  const std::vector<int64_t> shape = sampleShape();
  return shape.size() == 1;
}

std::vector<int64_t> SamplingModel::sampleShape() const {
  return denoiser ? denoiser->sample_shape() : std::vector<int64_t>{};
}

SamplingModel openSamplingModel(const QString& spec, const difflab::ScheduleOptions& schedule,
                                const std::shared_ptr<const difflab::Dataset>& dataset, int64_t referenceCount,
                                bool clipX0) {
  SamplingModel model;
  model.spec = spec;
  std::string path;
  if (spec.startsWith(kPresetPrefix)) {
    path = difflab::mixture_preset_path(spec.mid(kPresetPrefix.size()).toStdString());
  } else {
    path = spec.toStdString();
    model.sha256 = fileSha256(spec);
  }
  difflab::DenoiserLoadOptions options;
  options.schedule = schedule;
  options.clip_x0 = clipX0;
  model.denoiser = std::shared_ptr<difflab::Denoiser>(difflab::load_denoiser(path, options));
  model.description = QString::fromStdString(model.denoiser->description());
  for (const std::string& name : model.denoiser->class_names()) model.classNames << QString::fromStdString(name);
  if (!model.denoiser->is_conditional()) model.classNames.clear();

  if (auto* mixture = dynamic_cast<difflab::GaussianMixtureDenoiser*>(model.denoiser.get())) {
    model.usesSharedSchedule = true;
    if (mixture->mixture().dim() >= 2)
      model.dataPoints = difflab::sample_gaussian_mixture(mixture->mixture(), referenceCount, kReferenceSeed);
  } else if (model.isPoints() && dataset && dataset->kind == difflab::DataKind::Points && dataset->data.defined() &&
             dataset->data.size(1) == model.sampleShape()[0]) {
    const int64_t n = std::min<int64_t>(referenceCount, dataset->data.size(0));
    model.dataPoints = dataset->data.narrow(0, 0, n).to(torch::kFloat32);
  }
  return model;
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

std::shared_ptr<difflab::Denoiser> guidedDenoiser(const SamplingModel& model, int classIndex, double guidance) {
  if (classIndex < 0 || guidance == 1.0) return model.denoiser;
  difflab::GuidanceOptions options;
  options.scale = guidance;
  return std::make_shared<difflab::ClassifierFreeGuidance>(model.denoiser, options);
}

at::Tensor batchLabels(int64_t batch, int classIndex) {
  if (classIndex < 0) return {};
  return torch::full({batch}, static_cast<int64_t>(classIndex), torch::kLong);
}

at::Tensor toDataScale(const SamplingModel& model, const at::Tensor& x) {
  if (!x.defined() || !model.denoiser) return x;
  return model.denoiser->to_data_scale(x.detach().to(torch::kCPU)).to(torch::kFloat32);
}
