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

#include "base/stop_token.h"
#include "data/data_scale.h"
#include "nn/network_config.h"
#include "schedule/noise_schedule.h"
#include "io/checkpoint.h"
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

enum class LrDecay { Constant, Cosine, Linear };
LrDecay parse_lr_decay(const std::string& name);  ///< "constant" | "cosine" | "linear"
std::string lr_decay_name(LrDecay d);

struct TrainerOptions {
  int64_t batch_size = 128;
  /// Total steps of the run (the decay schedule and ETA refer to it).
  int64_t total_steps = 10000;
  double lr = 2e-4;
  double weight_decay = 0.0;
  double adam_beta1 = 0.9, adam_beta2 = 0.999, adam_eps = 1e-8;
  int64_t warmup_steps = 0;
  LrDecay decay = LrDecay::Constant;
  /// The decayed learning rate ends at lr * min_lr_ratio.
  double min_lr_ratio = 0.0;
  /// Clip the global gradient norm to this (<= 0: off). Ho et al. 2020 clip at 1.
  double grad_clip = 1.0;
  /// EMA decay (0: no EMA). The effective decay is min(ema_decay, (1 + s)/(10 + s)) at step s.
  double ema_decay = 0.999;
  uint64_t seed = 0;
  std::string device = "cpu";
  /// bf16 autocast (CPU and CUDA; on the CPU it pays where the CPU has AVX-512 BF16 or AMX);
  /// CUDA only: channels_last memory format, cuDNN autotuner.
  bool bf16 = false;
  bool channels_last = false;
  bool cudnn_benchmark = true;
  /// Threads for intra-op parallelism on the training thread (0: leave LibTorch's setting).
  int num_threads = 0;
  /// Samples per forward/backward pass, the gradients of a batch accumulated over its micro-batches
  /// (> 0 that many; 0 automatic: the network's cpu_chunk() on the CPU, else the whole batch; < 0 the whole
  /// batch). The gradient is the whole batch's either way, up to float rounding.
  int64_t micro_batch = 0;
  /// The whole step as one fixed sequence of device operations with no host reads in it — gradient clipping,
  /// the NaN/Inf guard and AdamW's bias corrections computed on the device — captured in a CUDA graph on
  /// the first step and replayed afterwards (on CUDA). On the CPU the same sequence runs without a graph
  /// (what the tests compare with the ordinary step). Whole batches only (no micro-batches).
  bool cuda_graph = false;
  /// Save a checkpoint every N steps (0: only at the end / stop) to checkpoint_path (empty: never).
  int64_t checkpoint_every = 0;
  std::string checkpoint_path;
  /// Number of t buckets for the per-timestep loss report.
  int64_t loss_buckets = 10;
};

nlohmann::json trainer_options_to_json(const TrainerOptions& o);
TrainerOptions trainer_options_from_json(const nlohmann::json& j, TrainerOptions defaults = {});

/// The training data in the model's scale, with what is needed to describe it in a checkpoint.
struct TrainingData {
  torch::Tensor data;    ///< float [N, ...sample shape], normalised (images in [-1, 1])
  torch::Tensor labels;  ///< int64 [N] (-1 = unlabelled) or undefined
  std::vector<std::string> class_names;
  std::string name;      ///< e.g. "fashion-mnist"
  /// How raw data maps to the model's scale (stored in the checkpoint as the data's "kind" and "normalization").
  DataScale scale;
};

struct Dataset;
/// A dataset as the Trainer takes it: data in the model's scale (DataScale::for_kind), labels, class names,
/// and `spec` as its name, so that a checkpoint names the data set it continues on (`--resume` reloads it).
TrainingData training_data_from(const Dataset& dataset, const std::string& spec);

struct TrainProgress {
  int64_t step = 0;         ///< steps completed
  int64_t total_steps = 0;
  double loss = 0.0;        ///< the weighted loss of the last batch
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
  bool stopped = false;  ///< the stop flag ended the run before n steps
  std::string checkpoint_saved;  ///< path of the last checkpoint written by this call (empty: none)
};

class Trainer {
 public:
  Trainer(NetworkConfig network, ScheduleOptions schedule, ObjectiveOptions objective, TrainingData data,
          TrainerOptions options);
  /// Continues from a checkpoint. `options` overrides the stored trainer options when given (e.g. more steps);
  /// the seed always comes from the checkpoint.
  static std::unique_ptr<Trainer> from_checkpoint(const std::string& path, TrainingData data,
                                                  const std::optional<TrainerOptions>& options = std::nullopt);
  ~Trainer();

  /// One optimisation step on one batch; returns the weighted batch loss. Throws TrainingDiverged.
  double step();
  /// Samples per forward/backward pass for a batch of b (TrainerOptions::micro_batch).
  int64_t micro_batch_size(int64_t b) const;
  /// Up to n steps; calls progress after each step; returns early when *stop becomes true. Saves checkpoints
  /// every checkpoint_every steps and at the end (when checkpoint_path is set). Device out-of-memory errors
  /// are rethrown as std::runtime_error saying so.
  RunResult run(int64_t n, const std::function<void(const TrainProgress&)>& progress = {},
                StopToken stop = {});

  void save_checkpoint(const std::string& path) const;
  Checkpoint make_checkpoint() const;

  int64_t step_count() const { return step_; }
  const TrainerOptions& options() const { return options_; }
  TrainerOptions& mutable_options() { return options_; }
  const NetworkConfig& network_config() const { return network_config_; }
  std::shared_ptr<DiffusionNetImpl> network() const { return net_; }
  /// The EMA weights (the network itself when EMA is off).
  std::shared_ptr<DiffusionNetImpl> ema_network() const { return ema_ ? ema_ : net_; }
  const Objective& objective() const { return objective_; }
  const TrainProgress& last_progress() const { return progress_; }
  /// Learning rate at step s (warm-up then decay).
  double learning_rate(int64_t s) const;

 private:
  void restore(const Checkpoint& ckpt);
  void update_ema();
  void update_buckets(const torch::Tensor& t, const torch::Tensor& per_sample);
  struct GraphStep;
  /// The device-side step of TrainerOptions::cuda_graph on prepared inputs; returns the loss.
  double graph_step(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& t_cpu, const torch::Tensor& y,
                    const torch::Tensor& w);
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
  int64_t step_ = 0;
  std::string last_checkpoint_;
  TrainProgress progress_;
};

}  // namespace difflab
