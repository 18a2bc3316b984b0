#pragma once
// Sample quality of an image model as difflab-cli evaluate and the training dashboards measure it: images
// drawn with a sampler, put on the 8-bit grid as PNGs store them, and compared in the feature space of a
// noise-conditional classifier trained on the data (model/network_classifier.h, its pooled features at t = 0)
// with the Fréchet distance (eval/quality_metrics.h; Heusel et al. 2017, eq. 6), precision and recall
// (Kynkäänniemi et al. 2019), and for class-conditional models the share of samples the classifier assigns to
// the class that was asked for.
//
// The Fréchet distance is biased upwards at small N (Chong & Forsyth 2020): compare figures only at equal N,
// and read a training curve of N = 500 for its trend; the floor (train split against test split at the same N)
// says what two real samples score.

#include "base/stop_token.h"
#include "eval/quality_metrics.h"
#include "sampling/sampler.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace difflab {

class Denoiser;
class NetworkClassifier;

/// Draws labels.size(0) images (or `num` when labels is undefined: an unconditional model) from `model`, `batch`
/// at a time, each batch from its own seed options.seed + first index, and returns them on the 8-bit grid in the
/// scale Diffusion Lab's classifiers read: float [N, C, H, W] in [−1, 1] (pixel k at k / 127.5 − 1), whatever the
/// model's own scale ([0, 1] for an imported x / 255 model). `progress(done)` after each batch. Throws Cancelled
/// on stop.
at::Tensor sample_images(Denoiser& model, const SamplerOptions& options, const at::Tensor& labels, int64_t num,
                         int64_t batch, const std::function<void(int64_t)>& progress = {}, StopToken stop = {});

/// "fashion-mnist:train" → "fashion-mnist:test" (the spec with its split replaced or appended).
std::string dataset_split(const std::string& spec, const std::string& split);

/// A reference set's features, computed once, against which models are measured again and again (a training
/// run every N steps).
class FrechetProbe {
 public:
  /// Features of the first `num` images of `reference_spec` (default: the classifier's data set, test split)
  /// and, lazily, of `floor_spec` (default: train split). Throws std::runtime_error naming the data set when it
  /// cannot be loaded or its images have other shapes than the classifier reads.
  FrechetProbe(std::shared_ptr<NetworkClassifier> classifier, int64_t num, std::string reference_spec = {},
               std::string floor_spec = {});

  struct Result {
    double frechet = 0.0;
    double precision = 0.0, recall = 0.0;
    double class_accuracy = -1.0;  ///< share of samples classified as asked; −1 for unconditional samples
    double sampling_seconds = 0.0;
  };
  /// Measures images [N, C, H, W] (model scale, N ≥ 2; N > k for precision and recall) asked of `labels`
  /// (int64 [N], or undefined). k: neighbours for precision and recall.
  Result measure(const at::Tensor& images, const at::Tensor& labels, int64_t k = 3) const;
  /// Draws num() samples of `model` with `sampler` — a class-conditional model every class in turn, with
  /// classifier-free guidance at `guidance` when it is not 1 — `batch` at a time, and measures them; the sampling
  /// time is in the result. What a training run reports every N steps. Throws Cancelled on stop.
  Result sample_and_measure(std::shared_ptr<Denoiser> model, const SamplerOptions& sampler, double guidance = 1.0,
                            int64_t batch = 250, StopToken stop = {}) const;
  /// The train-vs-test distance at this probe's N.
  double floor();

  int64_t num() const { return num_; }
  const std::string& reference_spec() const { return reference_spec_; }
  const std::string& floor_spec() const { return floor_spec_; }
  const NetworkClassifier& classifier() const { return *classifier_; }

 private:
  at::Tensor features_of(const std::string& spec) const;

  std::shared_ptr<NetworkClassifier> classifier_;
  int64_t num_;
  std::string reference_spec_, floor_spec_;
  at::Tensor reference_;
  GaussianStats reference_stats_;
  double floor_ = -1.0;
};

}  // namespace difflab
