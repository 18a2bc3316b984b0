#pragma once
// Training a noise-conditional classifier p_φ(y | x_t, t) for classifier guidance (Dhariwal & Nichol 2021,
// sec. 4: "we train a classifier on noisy images ... using the same noise distribution as the diffusion
// model"): x_t = α_t x₀ + σ_t ε with t uniform over 1..T, and a share of every batch at t = 0 so that the
// same network is a good clean classifier (its pooled features are the metric space of eval/). Cross-entropy,
// AdamW with linear warm-up and cosine decay; the checkpoint (model/network_classifier.h) records the test
// accuracy at t = 0, T/4, T/2 and 3T/4.

#include "base/stop_token.h"
#include "data/dataset.h"
#include "nn/noisy_classifier_net.h"
#include "schedule/noise_schedule.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace difflab {

struct ClassifierTrainerOptions {
  int64_t batch_size = 128;
  int64_t total_steps = 3000;
  double lr = 2e-3;
  double weight_decay = 0.01;
  int64_t warmup_steps = 100;
  double clean_fraction = 0.25;  ///< share of each batch at t = 0
  uint64_t seed = 0;
  std::string checkpoint_path;  ///< written at the end (and when stopped); empty: not written
  /// Throws std::invalid_argument naming the first bad value.
  void validate() const;
};

struct ClassifierProgress {
  int64_t step = 0, total_steps = 0;
  double loss = 0.0;            ///< this batch's cross-entropy
  double batch_accuracy = 0.0;  ///< on this batch (all t)
  double images_per_second = 0.0;
};

/// Accuracy of `net` on up to max_samples test images at training times 0, T/4, T/2, 3T/4 (fixed noise seed):
/// {"0": a, "250": b, ...} for T = 1000.
nlohmann::json classifier_accuracy(NoisyClassifierNet& net, const NoiseSchedule& schedule, const Dataset& test,
                                   int64_t max_samples = 10000);

/// Trains and writes the checkpoint; returns the accuracy JSON (on `test` when given, else on the first
/// 10000 training images). `train` must be labelled images with class names. Throws std::invalid_argument for
/// bad options or data, Cancelled when stopped (after writing the checkpoint, if a path is set).
nlohmann::json train_noisy_classifier(const Dataset& train, const Dataset* test, const std::string& data_name,
                                      const ScheduleOptions& schedule, NoisyClassifierOptions network,
                                      const ClassifierTrainerOptions& options,
                                      const std::function<void(const ClassifierProgress&)>& progress = {},
                                      StopToken stop = {});

}  // namespace difflab
