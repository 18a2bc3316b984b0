#include "train/training_options.h"

#include <initializer_list>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace difflab {

namespace {
template <typename E>
E parse_name(const std::string& name, std::initializer_list<std::pair<const char*, E>> table, const char* what) {
  std::string known;
  for (const auto& [n, v] : table) {
    if (name == n) return v;
    known += (known.empty() ? "" : ", ") + std::string(n);
  }
  throw std::invalid_argument("unknown " + std::string(what) + " '" + name + "' (expected one of: " + known + ")");
}
}  // namespace

PredictionType parse_trainable_prediction(const std::string& n) {
  return parse_name<PredictionType>(n,
                                    {{"eps", PredictionType::Epsilon},
                                     {"epsilon", PredictionType::Epsilon},
                                     {"x0", PredictionType::X0},
                                     {"v", PredictionType::V}},
                                    "prediction type");
}
LossKind parse_loss_kind(const std::string& n) {
  return parse_name<LossKind>(n, {{"mse", LossKind::Mse}, {"l2", LossKind::Mse}, {"l1", LossKind::L1}}, "loss");
}
std::string loss_kind_name(LossKind k) { return k == LossKind::Mse ? "mse" : "l1"; }
LossWeighting parse_loss_weighting(const std::string& n) {
  return parse_name<LossWeighting>(
      n, {{"none", LossWeighting::None}, {"elbo", LossWeighting::Elbo}, {"min-snr", LossWeighting::MinSnr}},
      "loss weighting");
}
std::string loss_weighting_name(LossWeighting w) {
  return w == LossWeighting::None ? "none" : w == LossWeighting::Elbo ? "elbo" : "min-snr";
}
TimestepSampling parse_timestep_sampling(const std::string& n) {
  return parse_name<TimestepSampling>(n,
                                      {{"uniform", TimestepSampling::Uniform},
                                       {"inverse-sigma2", TimestepSampling::InverseSigma2},
                                       {"loss-history", TimestepSampling::LossHistory}},
                                      "timestep sampling");
}
std::string timestep_sampling_name(TimestepSampling s) {
  return s == TimestepSampling::Uniform         ? "uniform"
         : s == TimestepSampling::InverseSigma2 ? "inverse-sigma2"
                                                : "loss-history";
}

nlohmann::json objective_options_to_json(const ObjectiveOptions& o) {
  return {{"prediction", prediction_type_name(o.prediction)},   {"loss", loss_kind_name(o.loss)},
          {"weighting", loss_weighting_name(o.weighting)},      {"min_snr_gamma", o.min_snr_gamma},
          {"t_sampling", timestep_sampling_name(o.t_sampling)}, {"p_uncond", o.p_uncond}};
}

ObjectiveOptions objective_options_from_json(const nlohmann::json& j) {
  ObjectiveOptions o;
  o.prediction = parse_trainable_prediction(j.value("prediction", std::string("eps")));
  o.loss = parse_loss_kind(j.value("loss", std::string("mse")));
  o.weighting = parse_loss_weighting(j.value("weighting", std::string("none")));
  o.min_snr_gamma = j.value("min_snr_gamma", o.min_snr_gamma);
  o.t_sampling = parse_timestep_sampling(j.value("t_sampling", std::string("uniform")));
  o.p_uncond = j.value("p_uncond", o.p_uncond);
  return o;
}

std::string objective_schedule_conflict(const ScheduleOptions& schedule, const ObjectiveOptions& objective) {
  if (schedule.zero_terminal_snr && objective.prediction == PredictionType::Epsilon)
    return "eps-prediction with a zero-terminal-SNR schedule: at t = T the input is pure noise, so the model cannot "
           "give x0 there and sampling must start below t = T (Lin et al. 2024, sec. 3.3); use v-prediction";
  return {};
}

LrDecay parse_lr_decay(const std::string& n) {
  if (n == "constant") return LrDecay::Constant;
  if (n == "cosine") return LrDecay::Cosine;
  if (n == "linear") return LrDecay::Linear;
  throw std::invalid_argument("unknown learning-rate decay '" + n + "' (expected constant, cosine or linear)");
}
std::string lr_decay_name(LrDecay d) {
  return d == LrDecay::Constant ? "constant" : d == LrDecay::Cosine ? "cosine" : "linear";
}

nlohmann::json trainer_options_to_json(const TrainerOptions& o) {
  return {{"batch_size", o.batch_size},
          {"total_steps", o.total_steps},
          {"lr", o.lr},
          {"weight_decay", o.weight_decay},
          {"adam_beta1", o.adam_beta1},
          {"adam_beta2", o.adam_beta2},
          {"adam_eps", o.adam_eps},
          {"warmup_steps", o.warmup_steps},
          {"decay", lr_decay_name(o.decay)},
          {"min_lr_ratio", o.min_lr_ratio},
          {"grad_clip", o.grad_clip},
          {"ema_decay", o.ema_decay},
          {"seed", o.seed},
          {"device", o.device},
          {"bf16", o.bf16},
          {"cuda_graph", o.cuda_graph},
          {"channels_last", o.channels_last},
          {"cudnn_benchmark", o.cudnn_benchmark},
          {"num_threads", o.num_threads},
          {"micro_batch", o.micro_batch},
          {"checkpoint_every", o.checkpoint_every},
          {"checkpoint_path", o.checkpoint_path},
          {"loss_buckets", o.loss_buckets}};
}

namespace {

// One field of an options object, type-checked: an integer field refuses 1.5 and "10" (nlohmann would truncate or
// throw a message without the field), a number field refuses strings. Throws std::invalid_argument naming it.
template <typename T>
void read_field(const nlohmann::json& j, const char* key, T& out, const char* what) {
  if (!j.contains(key)) return;
  const nlohmann::json& v = j.at(key);
  const auto bad = [&](const char* expected) {
    return std::invalid_argument(std::string(what) + ": field '" + key + "' must be " + expected + ", got " + v.dump());
  };
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_boolean()) throw bad("true or false");
    out = v.get<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    if (!v.is_number_integer()) throw bad("an integer");
    if constexpr (std::is_unsigned_v<T>) {
      if (v.is_number_integer() && !v.is_number_unsigned()) throw bad("a non-negative integer");
    }
    out = v.get<T>();
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!v.is_number()) throw bad("a number");
    out = v.get<T>();
  } else {
    if (!v.is_string()) throw bad("a string");
    out = v.get<std::string>();
  }
}

}  // namespace

TrainerOptions trainer_options_from_json(const nlohmann::json& j, TrainerOptions o) {
  constexpr const char* kWhat = "trainer options";
  if (!j.is_object()) throw std::invalid_argument(std::string(kWhat) + ": expected an object, got " + j.dump());
  read_field(j, "batch_size", o.batch_size, kWhat);
  read_field(j, "total_steps", o.total_steps, kWhat);
  read_field(j, "lr", o.lr, kWhat);
  read_field(j, "weight_decay", o.weight_decay, kWhat);
  read_field(j, "adam_beta1", o.adam_beta1, kWhat);
  read_field(j, "adam_beta2", o.adam_beta2, kWhat);
  read_field(j, "adam_eps", o.adam_eps, kWhat);
  read_field(j, "warmup_steps", o.warmup_steps, kWhat);
  std::string decay = lr_decay_name(o.decay);
  read_field(j, "decay", decay, kWhat);
  o.decay = parse_lr_decay(decay);
  read_field(j, "min_lr_ratio", o.min_lr_ratio, kWhat);
  read_field(j, "grad_clip", o.grad_clip, kWhat);
  read_field(j, "ema_decay", o.ema_decay, kWhat);
  read_field(j, "seed", o.seed, kWhat);
  read_field(j, "device", o.device, kWhat);
  read_field(j, "bf16", o.bf16, kWhat);
  read_field(j, "cuda_graph", o.cuda_graph, kWhat);
  read_field(j, "channels_last", o.channels_last, kWhat);
  read_field(j, "cudnn_benchmark", o.cudnn_benchmark, kWhat);
  read_field(j, "num_threads", o.num_threads, kWhat);
  read_field(j, "micro_batch", o.micro_batch, kWhat);
  read_field(j, "checkpoint_every", o.checkpoint_every, kWhat);
  read_field(j, "checkpoint_path", o.checkpoint_path, kWhat);
  read_field(j, "loss_buckets", o.loss_buckets, kWhat);
  return o;
}

}  // namespace difflab
