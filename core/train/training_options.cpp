#include "train/training_options.h"

#include <initializer_list>
#include <stdexcept>
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
           "give x0 there and sampling must start below t = T (Lin et al. 2024, sec. 3.3); use v-prediction "
           "(--objective v)";
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

TrainerOptions trainer_options_from_json(const nlohmann::json& j, TrainerOptions o) {
  try {
    o.batch_size = j.value("batch_size", o.batch_size);
    o.total_steps = j.value("total_steps", o.total_steps);
    o.lr = j.value("lr", o.lr);
    o.weight_decay = j.value("weight_decay", o.weight_decay);
    o.adam_beta1 = j.value("adam_beta1", o.adam_beta1);
    o.adam_beta2 = j.value("adam_beta2", o.adam_beta2);
    o.adam_eps = j.value("adam_eps", o.adam_eps);
    o.warmup_steps = j.value("warmup_steps", o.warmup_steps);
    if (j.contains("decay")) o.decay = parse_lr_decay(j.at("decay").get<std::string>());
    o.min_lr_ratio = j.value("min_lr_ratio", o.min_lr_ratio);
    o.grad_clip = j.value("grad_clip", o.grad_clip);
    o.ema_decay = j.value("ema_decay", o.ema_decay);
    o.seed = j.value("seed", o.seed);
    o.device = j.value("device", o.device);
    o.bf16 = j.value("bf16", o.bf16);
    o.cuda_graph = j.value("cuda_graph", o.cuda_graph);
    o.channels_last = j.value("channels_last", o.channels_last);
    o.cudnn_benchmark = j.value("cudnn_benchmark", o.cudnn_benchmark);
    o.num_threads = j.value("num_threads", o.num_threads);
    o.micro_batch = j.value("micro_batch", o.micro_batch);
    o.checkpoint_every = j.value("checkpoint_every", o.checkpoint_every);
    o.checkpoint_path = j.value("checkpoint_path", o.checkpoint_path);
    o.loss_buckets = j.value("loss_buckets", o.loss_buckets);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("bad trainer options JSON: ") + e.what());
  }
  return o;
}

}  // namespace difflab
