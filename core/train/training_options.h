#pragma once
// What a training run is asked to do, as plain data: the objective (what the network predicts, the loss, its
// weighting over t, how t is drawn) and the optimiser's schedule. No LibTorch, so the GUI's training view, the
// CLI and checkpoint metadata (model/checkpoint_metadata.h) share these structs and their JSON form.

#include "process/prediction_type.h"
#include "schedule/noise_schedule.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace difflab {

enum class LossKind { Mse, L1 };
enum class LossWeighting {
  None,  ///< L_simple (Ho et al. 2020, eq. 14)
  Elbo,  ///< C_t = β_t / (2 α_t (1 − ᾱ_t)) in ε-space (Ho et al. 2020, eq. 12 with σ_t² = β_t), divided by its mean over t
  MinSnr,  ///< min(SNR, γ)/SNR in ε-space (Hang et al. 2023, "Efficient Diffusion Training via Min-SNR Weighting")
};
enum class TimestepSampling {
  Uniform,        ///< t ~ U{1..T}
  InverseSigma2,  ///< π(t) ∝ 1/σ_t², σ_t² = 1 − ᾱ_t (lecture notes seeds/002, "The Choice of Time Weighting")
  LossHistory,    ///< π(t) ∝ √E[ℓ_t²] over the last 10 losses per t (Nichol & Dhariwal 2021, §3.3)
};

/// Names used by the CLI and config files: "eps"|"x0"|"v", "mse"|"l1", "none"|"elbo"|"min-snr",
/// "uniform"|"inverse-sigma2"|"loss-history". Parsers throw std::invalid_argument naming the value.
/// parse_prediction_type restricted to what can be trained: eps (epsilon), x0, v.
PredictionType parse_trainable_prediction(const std::string& name);
LossKind parse_loss_kind(const std::string& name);
std::string loss_kind_name(LossKind k);
LossWeighting parse_loss_weighting(const std::string& name);
std::string loss_weighting_name(LossWeighting w);
TimestepSampling parse_timestep_sampling(const std::string& name);
std::string timestep_sampling_name(TimestepSampling s);

struct ObjectiveOptions {
  PredictionType prediction = PredictionType::Epsilon;
  LossKind loss = LossKind::Mse;
  LossWeighting weighting = LossWeighting::None;
  /// γ of min-SNR-γ weighting (Hang et al. use 5).
  double min_snr_gamma = 5.0;
  TimestepSampling t_sampling = TimestepSampling::Uniform;
  /// Probability of replacing a label by the null class (classifier-free guidance, Ho & Salimans 2022).
  double p_uncond = 0.0;
};

/// The objective as JSON ({"prediction", "loss", "weighting", "min_snr_gamma", "t_sampling", "p_uncond"}) and
/// back; missing keys take the defaults. Throws std::invalid_argument naming a bad value.
nlohmann::json objective_options_to_json(const ObjectiveOptions& o);
ObjectiveOptions objective_options_from_json(const nlohmann::json& j);

/// Why an objective does not suit a schedule, or empty: ε-prediction with zero terminal SNR (Lin et al. 2024,
/// sec. 3.3: at t = T the input is pure noise, so predicting ε is trivial and x̂₀ = (x − σ ε̂)/α is undefined;
/// they require v-prediction). The CLI and the GUI refuse such a run unless the user insists.
std::string objective_schedule_conflict(const ScheduleOptions& schedule, const ObjectiveOptions& objective);

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

/// TrainerOptions as JSON (the "trainer" object of configs and checkpoints) and back: missing keys keep
/// `defaults`. Throws std::invalid_argument naming the bad field.
nlohmann::json trainer_options_to_json(const TrainerOptions& o);
TrainerOptions trainer_options_from_json(const nlohmann::json& j, TrainerOptions defaults = {});

}  // namespace difflab
