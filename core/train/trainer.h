#pragma once
// Trainer: trains a DiffusionNet one batch at a time (step()) or for a number of steps (run()), with AdamW,
// learning-rate warm-up and decay, gradient clipping, EMA weights, checkpoints and progress reports.
//
// Reproducibility: all randomness of step s (batch indices, t, ε, class dropout, dropout layers) comes from
// generators seeded with mix(seed, s), so the RNG state is (seed, step) and a resumed run repeats an
// uninterrupted one exactly on the CPU. Dropout layers draw from LibTorch's global generator, which step()
// reseeds; other threads that use the global generator while training runs make dropout nondeterministic.
//
// Threading: one Trainer is used by one thread at a time; run() sets torch::set_num_threads on the calling
// thread. `stop` may be set from any thread; run() returns after the current step, saving a checkpoint.
//
// Data parallel (join()): each of N processes holds the same model and draws the same global batch of B
// from (seed, step), then works on its shard of B/N samples; the gradients (scaled by 1/B, so summed, not
// averaged) are all-reduced in buckets, so every rank takes the same update as one process with batch B, to
// float32 reduction order. Loss, per-sample losses (per-timestep buckets, loss-history t-sampling), the
// gradient norm for clipping, the NaN guard and EMA all see the global batch. Dropout masks are drawn per
// rank, so networks with dropout agree in distribution, not bit for bit.

#include "base/stop_token.h"
#include "data/data_scale.h"
#include "nn/network_config.h"
#include "schedule/noise_schedule.h"
#include "model/checkpoint_metadata.h"
#include "train/objective.h"

#include <torch/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace torch::optim {
class AdamW;
}

namespace difflab {

class Denoiser;
class TrainingGroup;

/// The training data in the model's scale, with what is needed to describe it in a checkpoint.
struct TrainingData {
  torch::Tensor data;    ///< float [N, ...sample shape], normalised (images in [-1, 1])
  torch::Tensor labels;  ///< int64 [N] (-1 = unlabelled) or undefined
  std::vector<std::string> class_names;
  std::string name;  ///< e.g. "fashion-mnist"
  /// How raw data maps to the model's scale (stored in the checkpoint as the data's "kind" and "normalization").
  DataScale scale;
};

struct Dataset;
/// A dataset as the Trainer takes it: data in the model's scale (DataScale::for_kind), labels, class names,
/// and `spec` as its name, so that a checkpoint names the data set it continues on (`--resume` reloads it).
TrainingData training_data_from(const Dataset& dataset, const std::string& spec);

struct TrainProgress {
  int64_t step = 0;  ///< steps completed
  int64_t total_steps = 0;
  double loss = 0.0;           ///< the weighted loss of the last batch
  double loss_smoothed = 0.0;  ///< EMA (0.98) of loss
  double lr = 0.0;
  double images_per_second = 0.0;  ///< samples per second over this run() call
  double eta_seconds = 0.0;
  /// Per t bucket (bucket b covers t in (b T/n, (b+1) T/n]): EMA (0.9) of the unweighted per-sample loss; NaN until seen.
  std::vector<double> bucket_loss;
  /// Per bucket: the unweighted loss of the last batch's samples in it; NaN when none.
  std::vector<double> bucket_batch_loss;
};

/// Thrown when the loss becomes NaN or Inf. The parameters are left at the last good step.
struct TrainingDiverged : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RunResult {
  int64_t steps_done = 0;
  bool stopped = false;          ///< the stop flag ended the run before n steps
  std::string checkpoint_saved;  ///< path of the last checkpoint written by this call (empty: none)
};

class Trainer {
 public:
  Trainer(NetworkConfig network, ScheduleOptions schedule, ObjectiveOptions objective, TrainingData data,
          TrainerOptions options);
  /// Continues from a checkpoint. `options` overrides the stored trainer options when given (e.g. more steps);
  /// the seed always comes from the checkpoint. Throws CheckpointError naming the file and the fault.
  static std::unique_ptr<Trainer> from_checkpoint(const std::string& path, TrainingData data,
                                                  const std::optional<TrainerOptions>& options = std::nullopt);
  /// The same from a checkpoint already read (read_model_checkpoint); `path` becomes the last checkpoint.
  static std::unique_ptr<Trainer> from_checkpoint(const ModelCheckpoint& checkpoint, const std::string& path,
                                                  TrainingData data,
                                                  const std::optional<TrainerOptions>& options = std::nullopt);
  ~Trainer();

  /// Makes this trainer one rank of the data-parallel group `group` (distributed/process_group.h). Every rank
  /// must have been built the same way (same options, data, seed, or the same checkpoint); the ranks check
  /// that they agree on step, batch, steps and parameter count, and rank 0's weights, EMA and buffers are
  /// copied to all. Only rank 0 writes checkpoints (run()). Throws DistributedError: the batch size is not a
  /// multiple of the world size, the configurations differ, the step is captured in a CUDA graph, or the
  /// group failed.
  void join(std::shared_ptr<TrainingGroup> group);
  /// Throws DistributedError when this run cannot be split over `world` processes (the batch does not divide,
  /// a CUDA-graph step, a network with BatchNorm). join() checks it; a launcher checks it before starting ranks.
  void check_splittable(int64_t world) const;
  const std::shared_ptr<TrainingGroup>& group() const { return group_; }

  /// One optimisation step on one batch; returns the weighted batch loss. Throws TrainingDiverged, and in a
  /// group DistributedError (a rank left or stalled; the parameters are then those of the last step).
  double step();
  /// Samples per forward/backward pass for a batch of b (TrainerOptions::micro_batch).
  int64_t micro_batch_size(int64_t b) const;
  /// Up to n steps; calls progress after each step; returns early when *stop becomes true. Saves checkpoints
  /// every checkpoint_every steps and at the end (when checkpoint_path is set). Device out-of-memory errors
  /// are rethrown as std::runtime_error saying so. In a group, a stop requested on any rank ends every rank
  /// after the same step, and when the group fails, rank 0 saves the last complete step before rethrowing.
  RunResult run(int64_t n, const std::function<void(const TrainProgress&)>& progress = {}, StopToken stop = {});

  /// Writes the checkpoint atomically and remembers `path` as the last one.
  void save_checkpoint(const std::string& path);
  ModelCheckpoint make_checkpoint() const;

  int64_t step_count() const { return step_; }
  const TrainerOptions& options() const { return options_; }
  TrainerOptions& mutable_options() { return options_; }
  const NetworkConfig& network_config() const { return network_config_; }
  std::shared_ptr<DiffusionNetImpl> network() const { return net_; }
  /// The EMA weights (the network itself when EMA is off).
  std::shared_ptr<DiffusionNetImpl> ema_network() const { return ema_ ? ema_ : net_; }
  /// The EMA network as a Denoiser with this run's schedule, prediction, classes and data scale (sharing the
  /// weights, not copying them: use it between steps, on the training thread, e.g. to measure sample quality).
  std::shared_ptr<Denoiser> ema_denoiser() const;
  const Objective& objective() const { return objective_; }
  const TrainProgress& last_progress() const { return progress_; }
  /// Learning rate at step s (warm-up then decay).
  double learning_rate(int64_t s) const;

 private:
  void restore(const ModelCheckpoint& ckpt);
  void update_ema();
  void update_buckets(const torch::Tensor& t, const torch::Tensor& per_sample);
  struct GraphStep;
  /// The device-side step of TrainerOptions::cuda_graph on prepared inputs; returns the loss.
  double graph_step(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& t_cpu,
                    const torch::Tensor& y, const torch::Tensor& w);
  void graph_body(GraphStep& g);
  /// The error for a non-finite `what` ("the loss", "the gradient norm") at the step being made.
  TrainingDiverged diverged(const std::string& what, double value, double lr) const;
  /// Loss history, per-timestep buckets, step count and progress after a successful update.
  double finish_step(const torch::Tensor& t_cpu, const torch::Tensor& per_sample_cpu, double loss_value, double lr);

  NetworkConfig network_config_;
  ScheduleOptions schedule_options_;
  NoiseSchedule schedule_;
  Objective objective_;
  TrainingData data_;
  TrainerOptions options_;
  torch::Device device_;
  std::shared_ptr<DiffusionNetImpl> net_, ema_;
  std::unique_ptr<torch::optim::AdamW> optimizer_;
  std::unique_ptr<GraphStep> graph_;
  std::shared_ptr<TrainingGroup> group_;
  bool stop_vote_ = false;   ///< this rank asks the group to stop after the step (run())
  bool group_stop_ = false;  ///< some rank asked: the step just made is the last
  /// Sums the gradients, the loss, the per-sample losses and the stop votes over the group (one bucketed
  /// all-reduce); `per_sample` (this rank's samples, which start at `offset` in the global batch of `b`)
  /// becomes the global batch's.
  void reduce_over_group(double& loss_value, torch::Tensor& per_sample, int64_t offset, int64_t b);
  int64_t step_ = 0;
  std::string last_checkpoint_;
  TrainProgress progress_;
};

}  // namespace difflab
