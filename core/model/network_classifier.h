#pragma once
// A trained noise-conditional classifier (nn/noisy_classifier_net.h) as a NoisyClassifier for classifier
// guidance (model/classifier_guidance.h), and its checkpoint: the ordinary container (io/checkpoint.h) with
// metadata "kind": "classifier" — the network options, the noise schedule it was trained under (guidance
// refuses a model of another schedule), the class names, the data it learned and its measured accuracy — and
// one section, "model".

#include "data/data_scale.h"
#include "model/classifier_guidance.h"
#include "nn/noisy_classifier_net.h"
#include "schedule/noise_schedule.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace difflab {

struct ClassifierCheckpoint {
  NoisyClassifierOptions network;
  ScheduleOptions schedule;
  std::vector<std::string> class_names;
  std::string data_name;  ///< e.g. "fashion-mnist:train"
  DataScale scale = DataScale::images();
  int64_t step = 0;
  /// Measured test accuracy by training time, e.g. {"0": 0.91, "250": 0.85, ...}; may be empty.
  nlohmann::json accuracy = nlohmann::json::object();
  NoisyClassifierNet net{nullptr};
};

/// Writes atomically. Throws std::runtime_error naming the path.
void write_classifier_checkpoint(const std::string& path, const ClassifierCheckpoint& checkpoint);
/// `spec` is a path or "zoo:NAME" (model/model_zoo.h). Throws std::runtime_error naming the path and the
/// fault (not a checkpoint, not a classifier, bad field, unknown zoo name).
ClassifierCheckpoint read_classifier_checkpoint(const std::string& spec);
/// True when `spec` names a Diffusion Lab checkpoint of kind "classifier" (false for anything unreadable).
bool is_classifier_checkpoint(const std::string& spec);

class NetworkClassifier : public NoisyClassifier {
 public:
  /// Throws std::runtime_error as read_classifier_checkpoint does.
  static std::shared_ptr<NetworkClassifier> load(const std::string& path);
  explicit NetworkClassifier(ClassifierCheckpoint checkpoint, std::string source = {});

  /// x_t [B, C, H, W] in the model's scale, t [B]; log-softmax of the logits, float32 on x_t's device.
  torch::Tensor log_probs(const torch::Tensor& x_t, const torch::Tensor& t) override;
  std::vector<std::string> class_names() const override { return checkpoint_.class_names; }
  std::string description() const override;
  std::optional<DataScale> data_scale() const override { return checkpoint_.scale; }

  /// Pooled features at t = 0 of clean images x0 [B, C, H, W] in the model's scale, in batches of 256:
  /// float64 [B, feature_dim] on the CPU (the metric space of eval/).
  torch::Tensor features(const torch::Tensor& x0);
  /// Predicted class of clean images (t = 0): int64 [B].
  torch::Tensor predict_clean(const torch::Tensor& x0);
  const ClassifierCheckpoint& checkpoint() const { return checkpoint_; }

 private:
  ClassifierCheckpoint checkpoint_;
  std::string source_;
};

}  // namespace difflab
