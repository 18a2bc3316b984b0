// Sample quality of image models (see sample_quality.h).
#include "eval/sample_quality.h"

#include "data/dataset_catalog.h"
#include "model/classifier_free_guidance.h"
#include "model/denoiser.h"
#include "model/network_classifier.h"

#include <torch/torch.h>

#include <chrono>
#include <stdexcept>

namespace difflab {

at::Tensor sample_images(Denoiser& model, const SamplerOptions& options, const at::Tensor& labels, int64_t num,
                         int64_t batch, const std::function<void(int64_t)>& progress, StopToken stop) {
  if (labels.defined()) num = labels.size(0);
  if (num < 1 || batch < 1) throw std::invalid_argument("sample_images: need num >= 1 and batch >= 1");
  const DataScale scale = model.data_scale();
  const std::vector<int64_t> shape = model.sample_shape();
  std::vector<torch::Tensor> parts;
  for (int64_t i = 0; i < num; i += batch) {
    const int64_t b = std::min(batch, num - i);
    std::vector<int64_t> s = shape;
    s.insert(s.begin(), b);
    const torch::Tensor y = labels.defined() ? labels.narrow(0, i, b) : torch::Tensor();
    SamplerOptions o = options_for(options, model);
    o.seed = options.seed + static_cast<uint64_t>(i);
    auto sampler = make_sampler(o, model.schedule(), initial_noise(s, o.seed), y);
    const torch::Tensor x = run_sampler(*sampler, model, {}, stop);
    // Pixels first, then [−1, 1], the scale our classifiers read, also for a model imported on [0, 1].
    parts.push_back(DataScale::images().to_model(scale.quantize_8bit(x)));
    if (progress) progress(i + b);
  }
  return torch::cat(parts);
}

std::string dataset_split(const std::string& spec, const std::string& split) {
  const auto colon = spec.rfind(':');
  return (colon == std::string::npos ? spec : spec.substr(0, colon)) + ":" + split;
}

FrechetProbe::FrechetProbe(std::shared_ptr<NetworkClassifier> classifier, int64_t num, std::string reference_spec,
                           std::string floor_spec)
    : classifier_(std::move(classifier)), num_(num) {
  if (!classifier_) throw std::invalid_argument("FrechetProbe: no classifier");
  if (num_ < 2) throw std::invalid_argument("FrechetProbe: need at least 2 reference images");
  const std::string data = classifier_->checkpoint().data_name;
  reference_spec_ = reference_spec.empty() ? dataset_split(data, "test") : std::move(reference_spec);
  floor_spec_ = floor_spec.empty() ? dataset_split(data, "train") : std::move(floor_spec);
  reference_ = features_of(reference_spec_);
  reference_stats_ = gaussian_stats(reference_);
}

at::Tensor FrechetProbe::features_of(const std::string& spec) const {
  const Dataset d = load_dataset(spec, 0);
  const auto& net = classifier_->checkpoint().network;
  const std::vector<int64_t> want = {net.in_channels, net.image_size, net.image_size};
  if (d.sample_shape() != want)
    throw std::runtime_error(spec + " has other image shapes than the classifier " + classifier_->description() +
                             " reads");
  return classifier_->features(d.normalized().narrow(0, 0, std::min(num_, d.size())));
}

FrechetProbe::Result FrechetProbe::measure(const at::Tensor& images, const at::Tensor& labels, int64_t k) const {
  Result r;
  const torch::Tensor features = classifier_->features(images);
  r.frechet = frechet_distance(gaussian_stats(features), reference_stats_);
  if (features.size(0) > k && reference_.size(0) > k) {
    const PrecisionRecall pr = precision_recall(reference_, features, k);
    r.precision = pr.precision;
    r.recall = pr.recall;
  }
  if (labels.defined())
    r.class_accuracy = classifier_->predict_clean(images).eq(labels).to(torch::kFloat64).mean().item<double>();
  return r;
}

FrechetProbe::Result FrechetProbe::sample_and_measure(std::shared_ptr<Denoiser> model, const SamplerOptions& sampler,
                                                      double guidance, int64_t batch, StopToken stop) const {
  const auto start = std::chrono::steady_clock::now();
  torch::Tensor labels;
  if (model->is_conditional() && !model->class_names().empty()) {
    labels = torch::arange(num_, torch::kLong).remainder(static_cast<int64_t>(model->class_names().size()));
    if (guidance != 1.0) {
      GuidanceOptions g;
      g.scale = guidance;
      model = std::make_shared<ClassifierFreeGuidance>(model, g);
    }
  }
  const torch::Tensor images = sample_images(*model, sampler, labels, num_, batch, {}, stop);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Result r = measure(images, labels);
  r.sampling_seconds = seconds;
  return r;
}

double FrechetProbe::floor() {
  if (floor_ < 0) floor_ = frechet_distance(gaussian_stats(features_of(floor_spec_)), reference_stats_);
  return floor_;
}

}  // namespace difflab
