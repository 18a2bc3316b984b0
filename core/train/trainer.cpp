#include "train/trainer.h"

#include "base/splitmix64.h"

#include "data/dataset.h"

#include "nn/class_labels.h"  // TrustedLabelsScope
#include "device/captured_cuda_work.h"
#include "device/device_support.h"
#include "schedule/schedule_json.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <sstream>
#include <type_traits>

namespace difflab {

namespace {

// SplitMix64's mix (base/splitmix64.h): decorrelates the per-step seeds derived from (seed, step, stream).
uint64_t mix_seed(uint64_t seed, int64_t step, uint64_t stream) {
  return splitmix64_mix(seed + kSplitMix64Gamma * (static_cast<uint64_t>(step) * 2 + 1) + stream * 0xBF58476D1CE4E5B9ull);
}

std::string archive_bytes(const std::function<void(torch::serialize::OutputArchive&)>& write) {
  torch::serialize::OutputArchive a;
  write(a);
  std::ostringstream out;
  a.save_to(out);
  return out.str();
}

void read_archive(const std::string& bytes, const char* what, const std::function<void(torch::serialize::InputArchive&)>& read) {
  torch::serialize::InputArchive a;
  std::istringstream in(bytes);
  try {
    a.load_from(in);
    read(a);
  } catch (const c10::Error& e) {
    throw CheckpointError(std::string("cannot read the checkpoint's ") + what + ": " + e.what_without_backtrace());
  }
}

nlohmann::json objective_to_json(const ObjectiveOptions& o) {
  return {{"prediction", prediction_type_name(o.prediction)}, {"loss", loss_kind_name(o.loss)},
          {"weighting", loss_weighting_name(o.weighting)},      {"min_snr_gamma", o.min_snr_gamma},
          {"t_sampling", timestep_sampling_name(o.t_sampling)}, {"p_uncond", o.p_uncond}};
}

ObjectiveOptions objective_from_json(const nlohmann::json& j) {
  ObjectiveOptions o;
  o.prediction = parse_trainable_prediction(j.value("prediction", std::string("eps")));
  o.loss = parse_loss_kind(j.value("loss", std::string("mse")));
  o.weighting = parse_loss_weighting(j.value("weighting", std::string("none")));
  o.min_snr_gamma = j.value("min_snr_gamma", o.min_snr_gamma);
  o.t_sampling = parse_timestep_sampling(j.value("t_sampling", std::string("uniform")));
  o.p_uncond = j.value("p_uncond", o.p_uncond);
  return o;
}

}  // namespace

LrDecay parse_lr_decay(const std::string& n) {
  if (n == "constant") return LrDecay::Constant;
  if (n == "cosine") return LrDecay::Cosine;
  if (n == "linear") return LrDecay::Linear;
  throw std::invalid_argument("unknown learning-rate decay '" + n + "' (expected constant, cosine or linear)");
}
std::string lr_decay_name(LrDecay d) { return d == LrDecay::Constant ? "constant" : d == LrDecay::Cosine ? "cosine" : "linear"; }

nlohmann::json trainer_options_to_json(const TrainerOptions& o) {
  return {{"batch_size", o.batch_size}, {"total_steps", o.total_steps}, {"lr", o.lr}, {"weight_decay", o.weight_decay},
          {"adam_beta1", o.adam_beta1}, {"adam_beta2", o.adam_beta2}, {"adam_eps", o.adam_eps},
          {"warmup_steps", o.warmup_steps}, {"decay", lr_decay_name(o.decay)}, {"min_lr_ratio", o.min_lr_ratio},
          {"grad_clip", o.grad_clip}, {"ema_decay", o.ema_decay}, {"seed", o.seed}, {"device", o.device},
          {"bf16", o.bf16}, {"cuda_graph", o.cuda_graph}, {"channels_last", o.channels_last}, {"cudnn_benchmark", o.cudnn_benchmark},
          {"num_threads", o.num_threads}, {"micro_batch", o.micro_batch}, {"checkpoint_every", o.checkpoint_every},
          {"checkpoint_path", o.checkpoint_path}, {"loss_buckets", o.loss_buckets}};
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

Trainer::Trainer(NetworkConfig network, ScheduleOptions schedule, ObjectiveOptions objective, TrainingData data,
                 TrainerOptions options)
    : network_config_(std::move(network)),
      schedule_options_(schedule),
      schedule_(NoiseSchedule::from_options(schedule)),
      objective_(schedule_, objective),
      data_(std::move(data)),
      options_(std::move(options)),
      device_(parse_training_device(options_.device)) {
  const auto& o = options_;
  if (o.batch_size < 1) throw std::invalid_argument("batch_size must be >= 1, got " + std::to_string(o.batch_size));
  if (o.total_steps < 1) throw std::invalid_argument("total_steps must be >= 1, got " + std::to_string(o.total_steps));
  if (!(o.lr > 0)) throw std::invalid_argument("lr must be > 0, got " + std::to_string(o.lr));
  if (!(o.adam_eps > 0)) throw std::invalid_argument("adam_eps must be > 0, got " + std::to_string(o.adam_eps));
  if (!(o.ema_decay >= 0 && o.ema_decay < 1)) throw std::invalid_argument("ema_decay must lie in [0, 1), got " + std::to_string(o.ema_decay));
  if (o.loss_buckets < 1) throw std::invalid_argument("loss_buckets must be >= 1, got " + std::to_string(o.loss_buckets));
  if (!data_.data.defined() || data_.data.dim() < 2 || data_.data.size(0) < 1)
    throw std::invalid_argument("training data must be a non-empty tensor [N, ...]");
  const std::vector<int64_t> shape(data_.data.sizes().begin() + 1, data_.data.sizes().end());
  if (shape != network_config_.sample_shape)
    throw std::invalid_argument("training data samples are shaped " + c10::str(c10::IntArrayRef(shape)) +
                                " but the network expects " + c10::str(c10::IntArrayRef(network_config_.sample_shape)));
  if (network_config_.num_classes > 0 && !data_.labels.defined())
    throw std::invalid_argument("the network is class-conditional but the data has no labels");

  data_.data = data_.data.to(device_, torch::kFloat32).contiguous();  // the whole dataset lives on the device
  if (data_.labels.defined()) data_.labels = data_.labels.to(device_, torch::kInt64);
  if (network_config_.num_classes == 0) data_.labels = torch::Tensor();

  torch::manual_seed(mix_seed(options_.seed, -1, 2));  // reproducible initial weights
  net_ = make_network(network_config_);
  net_->to(device_);
  if (o.ema_decay > 0) {
    ema_ = make_network(network_config_);
    ema_->to(device_);
    module_from_bytes(*ema_, module_to_bytes(*net_));
    ema_->eval();
  }
  if (device_.is_cuda()) {
    set_cudnn_benchmark(o.cudnn_benchmark);
    if (o.channels_last) {
      torch::NoGradGuard ng;
      for (auto& p : net_->parameters())
        if (p.dim() == 4) p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
    }
  }
  optimizer_ = std::make_unique<torch::optim::AdamW>(
      net_->parameters(), torch::optim::AdamWOptions(o.lr)
                              .betas({o.adam_beta1, o.adam_beta2})
                              .eps(o.adam_eps)
                              .weight_decay(o.weight_decay));
  progress_.total_steps = o.total_steps;
  progress_.bucket_loss.assign(o.loss_buckets, std::nan(""));
  progress_.bucket_batch_loss.assign(o.loss_buckets, std::nan(""));
}

/// The device-side step (TrainerOptions::cuda_graph): static inputs and outputs that a captured graph reads and
/// writes, the optimiser tensors it updates in place, and the scalars uploaded before each run.
struct Trainer::GraphStep {
  enum Scalar { kStepSize, kSqrtBc2, kDecay, kEmaDecay, kEmaRest, kBeta1, kBeta2, kEnabled, kScalarCount };
  int64_t batch = 0;
  bool has_y = false;
  torch::Tensor x0, eps, a, s, t, y, w;  // a = √ᾱ_t, s = √(1 − ᾱ_t), shaped [B, 1, ...]; w: loss weight per sample
  torch::Tensor scalars;                 // float32 [kScalarCount] on the device
  torch::Tensor result;                  // float32 [2 + B]: loss, global gradient norm, per-sample losses
  std::vector<torch::Tensor> params, exp_avg, exp_avg_sq;
  std::vector<torch::Tensor> grads;      // the gradient tensors the captured graph writes (checked before a replay)
  std::string settings;                  // the options a captured graph has baked in (compared before a replay)
  bool trusted_labels = false;           // while capturing: the labels were checked by the eager warm-up
  CapturedCudaWork graph;
};

Trainer::~Trainer() = default;

double Trainer::learning_rate(int64_t s) const {
  const auto& o = options_;
  if (s < o.warmup_steps) return o.lr * static_cast<double>(s + 1) / static_cast<double>(o.warmup_steps);
  const double span = static_cast<double>(std::max<int64_t>(1, o.total_steps - o.warmup_steps));
  const double p = std::clamp(static_cast<double>(s - o.warmup_steps) / span, 0.0, 1.0);
  switch (o.decay) {
    case LrDecay::Constant: return o.lr;
    case LrDecay::Cosine: return o.lr * (o.min_lr_ratio + (1 - o.min_lr_ratio) * 0.5 * (1 + std::cos(M_PI * p)));
    case LrDecay::Linear: return o.lr * (1 - (1 - o.min_lr_ratio) * p);
  }
  return o.lr;
}

int64_t Trainer::micro_batch_size(int64_t b) const {
  if (options_.micro_batch > 0) return std::min(b, options_.micro_batch);
  if (options_.micro_batch < 0 || !device_.is_cpu()) return b;
  const int64_t hint = net_->cpu_chunk();
  return hint > 0 ? std::min(b, hint) : b;
}

double Trainer::step() {
  net_->train();
  const int64_t b = options_.batch_size, n = data_.data.size(0);
  // All randomness of this step derives from (seed, step): see the header.
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(mix_seed(options_.seed, step_, 0));
  torch::manual_seed(mix_seed(options_.seed, step_, 1));  // dropout layers draw from the global generator

  const torch::Tensor idx = torch::randint(0, n, {b}, gen, torch::kInt64);
  const TimestepSample ts = objective_.sample_timesteps(b, gen);
  std::vector<int64_t> shape = data_.data.sizes().vec();
  shape[0] = b;
  torch::Tensor eps = torch::randn(shape, gen, torch::kFloat32).to(device_);
  torch::Tensor y;
  if (data_.labels.defined()) {
    y = data_.labels.index_select(0, idx.to(device_));
    if (objective_.options().p_uncond > 0) {
      const torch::Tensor drop = (torch::rand({b}, gen) < objective_.options().p_uncond).to(device_);
      y = torch::where(drop, torch::full_like(y, -1), y);  // the null class (Ho & Salimans 2022)
    }
  }
  const torch::Tensor x0 = data_.data.index_select(0, idx.to(device_));
  if (options_.cuda_graph) return graph_step(x0, eps, ts.t, y, (objective_.weight(ts.t) * ts.importance_weight));
  const torch::Tensor t = ts.t.to(device_);
  // The coefficient tables are gathered with the host copy of t: no device-to-host read on CUDA.
  torch::Tensor x_t = objective_.q_sample(x0, eps, ts.t);
  if (device_.is_cuda() && options_.channels_last && x_t.dim() == 4) x_t = x_t.contiguous(torch::MemoryFormat::ChannelsLast);

  // The batch's gradient, accumulated over micro-batches of `chunk` samples: on the CPU the network's
  // cpu_chunk() (the DDPM U-Net: 32, its activations then stay in the caches; 1.3x the images/s of one
  // batch of 128 on the small preset here), else the whole batch. The loss is Σ_chunks Σ_i w_i l_i / B, the
  // same mean as one pass; a network with batch-coupled layers (BatchNorm: SimpleUnet) reports 0 and is
  // never split.
  const int64_t chunk = micro_batch_size(b);
  const torch::Tensor target = objective_.target(x0, eps, ts.t);
  const torch::Tensor w = (objective_.weight(ts.t) * ts.importance_weight).to(device_);
  optimizer_->zero_grad();
  std::vector<torch::Tensor> per_sample_parts;
  double loss_value = 0.0;
  for (int64_t start = 0; start < b; start += chunk) {
    const int64_t end = std::min(b, start + chunk);
    torch::Tensor pred;
    {
      AutocastScope autocast(options_.bf16, device_);
      pred = net_->forward(x_t.slice(0, start, end), t.slice(0, start, end).to(torch::kFloat32),
                           y.defined() ? y.slice(0, start, end) : y);
    }
    const torch::Tensor per_sample = objective_.per_sample_loss(pred, target.slice(0, start, end));
    const torch::Tensor loss = (w.slice(0, start, end) * per_sample).sum() / static_cast<double>(b);
    loss_value += loss.item<double>();
    loss.backward();
    per_sample_parts.push_back(per_sample.detach());
  }
  const torch::Tensor per_sample = per_sample_parts.size() == 1 ? per_sample_parts[0] : torch::cat(per_sample_parts);
  const double lr = learning_rate(step_);
  // The parameters are untouched until optimizer_->step(): a non-finite loss leaves them as they were.
  if (!std::isfinite(loss_value)) throw diverged("the loss", loss_value, lr);
  if (options_.grad_clip > 0) {
    const double norm = torch::nn::utils::clip_grad_norm_(net_->parameters(), options_.grad_clip);
    if (!std::isfinite(norm)) throw diverged("the gradient norm", norm, lr);
  }
  for (auto& group : optimizer_->param_groups()) group.options().set_lr(lr);
  optimizer_->step();
  update_ema();
  return finish_step(ts.t, per_sample.detach().to(torch::kCPU), loss_value, lr);
}

TrainingDiverged Trainer::diverged(const std::string& what, double value, double lr) const {
  return TrainingDiverged(what + " became " + (std::isnan(value) ? "NaN" : "Inf") + " at step " + std::to_string(step_ + 1) +
                          " (lr " + c10::str(lr) + "); training stopped with the parameters of step " + std::to_string(step_) +
                          ". " +
                          (last_checkpoint_.empty() ? std::string("No checkpoint was written in this session.")
                                                    : "The last good checkpoint is '" + last_checkpoint_ + "'.") +
                          " Try a lower learning rate or gradient clipping.");
}

double Trainer::finish_step(const torch::Tensor& t_cpu, const torch::Tensor& per_sample_cpu, double loss_value, double lr) {
  objective_.record_losses(t_cpu, per_sample_cpu);
  update_buckets(t_cpu, per_sample_cpu);
  ++step_;
  progress_.step = step_;
  progress_.total_steps = options_.total_steps;
  progress_.lr = lr;
  progress_.loss = loss_value;
  progress_.loss_smoothed = step_ == 1 ? loss_value : 0.98 * progress_.loss_smoothed + 0.02 * loss_value;
  return loss_value;
}

namespace {

/// The key torch::optim keeps a parameter's state under: a string in LibTorch 1.13, the TensorImpl pointer later.
template <typename Map>
typename Map::key_type optimizer_state_key(const torch::Tensor& p) {
  if constexpr (std::is_same_v<typename Map::key_type, std::string>) {
    return c10::str(p.unsafeGetTensorImpl());  // the "0x…" text LibTorch 1.13 keys by (c10::guts::to_string)
  } else {
    return p.unsafeGetTensorImpl();
  }
}

}  // namespace

// The step as one fixed sequence of tensor operations on static buffers, with no value read back to the host:
// what a CUDA graph can capture. It equals the eager step: the same loss, clip_grad_norm_ (Pascanu et al.
// 2013) as min(1, c / (‖g‖ + 1e-6)) times g, and torch::optim::AdamW's update (Loshchilov & Hutter 2019;
// decoupled weight decay first, then m, v, and p -= lr / (1 − β₁ᵏ) · m / (√v / √(1 − β₂ᵏ) + ε)), with the
// bias corrections computed on the host and uploaded. The divergence guard is on the device too: when the loss
// or the gradient norm is not finite (or the run is a warm-up, kEnabled = 0), the gradients become 0 and the
// factors that apply them are set so that m, v, the parameters and the EMA stay exactly as they were.
void Trainer::graph_body(GraphStep& g) {
  for (auto& p : g.params)
    if (p.grad().defined()) p.mutable_grad().zero_();
  torch::Tensor x_t = g.a * g.x0 + g.s * g.eps;
  if (device_.is_cuda() && options_.channels_last && x_t.dim() == 4) x_t = x_t.contiguous(torch::MemoryFormat::ChannelsLast);
  torch::Tensor target;
  switch (objective_.options().prediction) {
    case PredictionType::Epsilon: target = g.eps; break;
    case PredictionType::X0: target = g.x0; break;
    case PredictionType::V: target = g.a * g.eps - g.s * g.x0; break;  // Salimans & Ho 2022, §4
    case PredictionType::Score: throw std::invalid_argument("prediction type 'score' cannot be trained");
  }
  torch::Tensor pred;
  {
    AutocastScope autocast(options_.bf16, device_);
    std::optional<TrustedLabelsScope> trusted;
    if (g.trusted_labels) trusted.emplace();
    pred = net_->forward(x_t, g.t, g.has_y ? g.y : torch::Tensor());
  }
  const torch::Tensor per_sample = objective_.per_sample_loss(pred, target);
  const torch::Tensor loss = (g.w * per_sample).sum() / static_cast<double>(g.batch);
  loss.backward();

  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> grads, norms;
  for (auto& p : g.params) {
    grads.push_back(p.grad());
    norms.push_back(p.grad().defined() ? p.grad().norm() : torch::zeros({}, p.options()));
  }
  const torch::Tensor total = torch::stack(norms).norm();
  const torch::Tensor& sc = g.scalars;
  const torch::Tensor ok = torch::isfinite(loss.detach()) & torch::isfinite(total) & (sc[GraphStep::kEnabled] > 0);
  const torch::Tensor zero = torch::zeros({}, sc.options()), one = torch::ones({}, sc.options());
  torch::Tensor coef = one;
  // As clip_grad_norm_ computes it: max_norm / (‖g‖ + 1e-6) on the norm tensor, at most 1.
  if (options_.grad_clip > 0) coef = torch::clamp_max(options_.grad_clip / (total + 1e-6), 1.0);
  coef = torch::where(ok, coef, zero);
  const torch::Tensor b1 = torch::where(ok, sc[GraphStep::kBeta1], one), b2 = torch::where(ok, sc[GraphStep::kBeta2], one);
  const torch::Tensor step_size = torch::where(ok, sc[GraphStep::kStepSize], zero);
  const torch::Tensor decay = torch::where(ok, sc[GraphStep::kDecay], one);
  const double beta1 = options_.adam_beta1, beta2 = options_.adam_beta2;
  for (size_t i = 0; i < g.params.size(); ++i) {
    if (!grads[i].defined()) continue;
    torch::Tensor& p = g.params[i];
    grads[i].mul_(coef).nan_to_num_(0.0, 0.0, 0.0);
    if (options_.weight_decay != 0) p.mul_(decay);
    g.exp_avg[i].mul_(b1).add_(grads[i], 1 - beta1);
    g.exp_avg_sq[i].mul_(b2).addcmul_(grads[i], grads[i], 1 - beta2);
    const torch::Tensor denom = (g.exp_avg_sq[i].sqrt() / sc[GraphStep::kSqrtBc2]).add_(options_.adam_eps);
    p.sub_(g.exp_avg[i] / denom * step_size);
  }
  if (ema_) {
    const torch::Tensor d = torch::where(ok, sc[GraphStep::kEmaDecay], one), rest = torch::where(ok, sc[GraphStep::kEmaRest], zero);
    auto ep = ema_->parameters();
    for (size_t i = 0; i < ep.size(); ++i) ep[i].mul_(d).add_(g.params[i] * rest);
    auto eb = ema_->buffers();
    auto nb = net_->buffers();
    for (size_t i = 0; i < eb.size(); ++i) eb[i].copy_(nb[i]);
  }
  g.result.slice(0, 0, 1).copy_(loss.detach().reshape({1}));
  g.result.slice(0, 1, 2).copy_(total.reshape({1}));
  g.result.slice(0, 2).copy_(per_sample.detach());
}

double Trainer::graph_step(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& t_cpu,
                           const torch::Tensor& y, const torch::Tensor& w) {
  const int64_t b = x0.size(0);
  const auto f32 = torch::TensorOptions().dtype(torch::kFloat32).device(device_);
  // What a captured graph has baked in: change any of it (mutable_options) and the step is built again.
  const std::string settings = c10::str(options_.grad_clip, '/', options_.weight_decay, '/', options_.adam_beta1, '/',
                                        options_.adam_beta2, '/', options_.adam_eps, '/', options_.bf16, '/', options_.channels_last);
  bool fresh = !graph_ || graph_->batch != b || graph_->has_y != y.defined() || graph_->settings != settings;
  if (!fresh && graph_->graph.captured()) {
    // The graph writes the gradients it found at capture: if anything replaced them (zero_grad with set_to_none),
    // capture again rather than write into memory that is no longer theirs.
    for (size_t i = 0; i < graph_->params.size() && !fresh; ++i)
      fresh = graph_->grads[i].defined() && !graph_->params[i].grad().is_same(graph_->grads[i]);
  }
  if (fresh) {
    graph_ = std::make_unique<GraphStep>();
    GraphStep& g = *graph_;
    g.batch = b;
    g.has_y = y.defined();
    g.settings = settings;
    std::vector<int64_t> coef_shape(x0.dim(), 1);
    coef_shape[0] = b;
    g.x0 = torch::empty_like(x0);
    g.eps = torch::empty_like(x0);
    g.a = torch::empty(coef_shape, f32);
    g.s = torch::empty(coef_shape, f32);
    g.t = torch::empty({b}, f32);
    if (g.has_y) g.y = torch::empty({b}, torch::TensorOptions().dtype(torch::kInt64).device(device_));
    g.w = torch::empty({b}, f32);
    g.scalars = torch::zeros({GraphStep::kScalarCount}, f32);
    g.result = torch::zeros({2 + b}, f32);
    auto& state = optimizer_->state();
    using StateMap = std::decay_t<decltype(state)>;
    for (auto& p : net_->parameters()) {
      const auto key = optimizer_state_key<StateMap>(p);
      if (state.find(key) == state.end()) {  // as AdamW::step() creates it on its first step
        auto st = std::make_unique<torch::optim::AdamWParamState>();
        st->step(0);
        st->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
        st->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
        state[key] = std::move(st);
      }
      auto& st = static_cast<torch::optim::AdamWParamState&>(*state[key]);
      g.params.push_back(p);
      g.exp_avg.push_back(st.exp_avg());
      g.exp_avg_sq.push_back(st.exp_avg_sq());
    }
  }
  GraphStep& g = *graph_;
  // Inputs. The coefficients as Objective::q_sample computes them: ᾱ_t rounded to float32, then the roots.
  const torch::Tensor ab = objective_.alpha_bar_at(t_cpu).to(torch::kFloat32);
  g.x0.copy_(x0);
  g.eps.copy_(eps);
  g.a.copy_(ab.sqrt().reshape(g.a.sizes()));
  g.s.copy_((1.0 - ab).sqrt().reshape(g.s.sizes()));
  g.t.copy_(t_cpu.to(torch::kFloat32));
  if (g.has_y) g.y.copy_(y);
  g.w.copy_(w);
  // Scalars: AdamW's bias corrections for its step k (all parameters step together), the EMA decay.
  const auto& state = optimizer_->state();
  using StateMap = std::decay_t<decltype(state)>;
  const auto it = state.find(optimizer_state_key<StateMap>(g.params.at(0)));
  const int64_t k = (it == state.end() ? 0 : static_cast<const torch::optim::AdamWParamState&>(*it->second).step()) + 1;
  const double lr = learning_rate(step_);
  const double bc1 = 1 - std::pow(options_.adam_beta1, static_cast<double>(k));
  const double bc2 = 1 - std::pow(options_.adam_beta2, static_cast<double>(k));
  const double d = std::min(options_.ema_decay, (1.0 + step_) / (10.0 + step_));
  const auto upload = [&](bool enabled) {
    std::vector<float> v(GraphStep::kScalarCount);
    v[GraphStep::kStepSize] = static_cast<float>(lr / bc1);
    v[GraphStep::kSqrtBc2] = static_cast<float>(std::sqrt(bc2));
    v[GraphStep::kDecay] = static_cast<float>(1 - lr * options_.weight_decay);
    v[GraphStep::kEmaDecay] = static_cast<float>(d);
    v[GraphStep::kEmaRest] = static_cast<float>(1.0 - d);
    v[GraphStep::kBeta1] = static_cast<float>(options_.adam_beta1);
    v[GraphStep::kBeta2] = static_cast<float>(options_.adam_beta2);
    v[GraphStep::kEnabled] = enabled ? 1.0f : 0.0f;
    g.scalars.copy_(torch::tensor(v, torch::kFloat32));
  };
  if (device_.is_cuda()) {
    if (!g.graph.captured()) {
      // Warm-up runs change nothing but BatchNorm's running statistics and the RNG offsets: both are put back,
      // so the first replayed step draws what an uninterrupted run draws at this step.
      std::vector<torch::Tensor> saved;
      for (const auto& buf : net_->buffers()) saved.push_back(buf.clone());
      const auto put_back = [&] {
        g.trusted_labels = false;
        torch::NoGradGuard ng;
        auto bufs = net_->buffers();
        for (size_t i = 0; i < bufs.size(); ++i) bufs[i].copy_(saved[i]);
        torch::manual_seed(mix_seed(options_.seed, step_, 1));  // as step() seeded it
      };
      upload(false);
      try {
        g.graph.capture(device_, [&] { for (int i = 0; i < 3; ++i) graph_body(g); },
                        [&] {
                          g.trusted_labels = true;  // checked by the warm-up runs; no device reads while capturing
                          graph_body(g);
                        });
      } catch (const std::exception& e) {
        put_back();
        graph_.reset();
        throw std::runtime_error(std::string("capturing the training step in a CUDA graph failed (") + e.what() +
                                 "); the CUDA context may be unusable now: restart the training without --cuda-graph "
                                 "(cuda_graph: false)");
      }
      put_back();
      g.grads.clear();
      for (const auto& p : g.params) g.grads.push_back(p.grad());
    }
    upload(true);
    g.graph.replay();
  } else {
    upload(true);
    graph_body(g);
  }
  const torch::Tensor result = g.result.to(torch::kCPU, torch::kFloat64);  // the step's one device-to-host read
  const double loss_value = result[0].item<double>(), norm = result[1].item<double>();
  // The device-side guard has left the parameters, the moments and the EMA as they were.
  if (!std::isfinite(loss_value)) throw diverged("the loss", loss_value, lr);
  if (!std::isfinite(norm)) throw diverged("the gradient norm", norm, lr);
  for (auto& [key, st] : optimizer_->state()) static_cast<torch::optim::AdamWParamState&>(*st).step(k);
  for (auto& group : optimizer_->param_groups()) group.options().set_lr(lr);
  return finish_step(t_cpu, result.slice(0, 2).to(torch::kFloat32), loss_value, lr);
}

void Trainer::update_ema() {
  if (!ema_) return;
  // Warm-up of the decay (as in tf.train.ExponentialMovingAverage with num_updates) keeps early EMA weights useful.
  const double d = std::min(options_.ema_decay, (1.0 + step_) / (10.0 + step_));
  torch::NoGradGuard ng;
  auto ep = ema_->parameters();
  auto np = net_->parameters();
  for (size_t i = 0; i < ep.size(); ++i) ep[i].mul_(d).add_(np[i].detach(), 1.0 - d);
  auto eb = ema_->buffers();
  auto nb = net_->buffers();
  for (size_t i = 0; i < eb.size(); ++i) eb[i].copy_(nb[i]);
}

void Trainer::update_buckets(const torch::Tensor& t, const torch::Tensor& per_sample) {
  const int64_t nb = options_.loss_buckets, T = objective_.timesteps();
  std::vector<double> sum(nb, 0.0);
  std::vector<int64_t> count(nb, 0);
  const torch::Tensor tc = t.to(torch::kCPU, torch::kInt64).contiguous();
  const torch::Tensor lc = per_sample.to(torch::kCPU, torch::kFloat64).contiguous();
  const auto ta = tc.accessor<int64_t, 1>();
  const auto la = lc.accessor<double, 1>();
  for (int64_t i = 0; i < tc.size(0); ++i) {
    const int64_t bucket = std::min(nb - 1, (ta[i] - 1) * nb / T);
    sum[bucket] += la[i];
    ++count[bucket];
  }
  for (int64_t k = 0; k < nb; ++k) {
    progress_.bucket_batch_loss[k] = count[k] ? sum[k] / count[k] : std::nan("");
    if (!count[k]) continue;
    const double v = sum[k] / count[k];
    progress_.bucket_loss[k] = std::isnan(progress_.bucket_loss[k]) ? v : 0.9 * progress_.bucket_loss[k] + 0.1 * v;
  }
}

RunResult Trainer::run(int64_t n, const std::function<void(const TrainProgress&)>& progress, StopToken stop) {
  if (options_.num_threads > 0) torch::set_num_threads(options_.num_threads);
  RunResult result;
  const auto start = std::chrono::steady_clock::now();
  int64_t saved_at = -1;
  const auto save = [&] {
    if (options_.checkpoint_path.empty() || saved_at == step_) return;
    save_checkpoint(options_.checkpoint_path);
    saved_at = step_;
    result.checkpoint_saved = options_.checkpoint_path;
  };
  for (int64_t i = 0; i < n; ++i) {
    if (stop.stop_requested()) {
      result.stopped = true;
      break;
    }
    try {
      step();
    } catch (const TrainingDiverged&) {
      throw;
    } catch (const std::exception& e) {
      if (is_out_of_memory(e))
        throw std::runtime_error("the device '" + options_.device + "' ran out of memory at batch size " +
                                 std::to_string(options_.batch_size) + ": use a smaller batch or model (" + e.what() + ")");
      throw;
    }
    ++result.steps_done;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress_.images_per_second = elapsed > 0 ? static_cast<double>(result.steps_done * options_.batch_size) / elapsed : 0.0;
    progress_.eta_seconds = static_cast<double>(std::max<int64_t>(0, options_.total_steps - step_)) * elapsed /
                            static_cast<double>(result.steps_done);
    if (options_.checkpoint_every > 0 && step_ % options_.checkpoint_every == 0) save();
    if (progress) progress(progress_);
  }
  if (result.steps_done > 0 || result.stopped) save();
  return result;
}

TrainingData training_data_from(const Dataset& dataset, const std::string& spec) {
  TrainingData t;
  t.scale = DataScale::for_kind(dataset.kind);
  t.data = t.scale.to_model(dataset.data).to(torch::kFloat32);
  t.labels = dataset.labels;
  t.class_names = dataset.class_names;
  t.name = spec;
  return t;
}

Checkpoint Trainer::make_checkpoint() const {
  Checkpoint c;
  nlohmann::json data = {{"name", data_.name},
                         {"kind", data_.scale.kind},
                         {"sample_shape", network_config_.sample_shape},
                         {"normalization", data_.scale.normalization},
                         {"num_samples", data_.data.size(0)}};
  c.metadata = {{"format_version", kCheckpointFormatVersion},
                {"created_by", std::string("Diffusion Lab ") + DIFFLAB_VERSION},
                {"network", network_config_to_json(network_config_)},
                {"parameters", count_parameters(*net_)},
                {"schedule", schedule_options_to_json(schedule_options_)},
                {"objective", objective_to_json(objective_.options())},
                {"data", data},
                {"class_names", data_.class_names},
                {"trainer", trainer_options_to_json(options_)},
                {"step", step_},
                {"last_loss", step_ > 0 ? nlohmann::json(progress_.loss) : nlohmann::json(nullptr)},
                {"loss_smoothed", step_ > 0 ? nlohmann::json(progress_.loss_smoothed) : nlohmann::json(nullptr)},
                {"rng", {{"seed", options_.seed}, {"scheme", "per-step splitmix64(seed, step)"}}},
                {"has_ema", ema_ != nullptr}};
  c.sections["model"] = module_to_bytes(*net_);
  if (ema_) c.sections["ema"] = module_to_bytes(*ema_);
  c.sections["optimizer"] = archive_bytes([&](torch::serialize::OutputArchive& a) { optimizer_->save(a); });
  const auto history = objective_.history_state();
  c.sections["objective"] = archive_bytes([&](torch::serialize::OutputArchive& a) {
    a.write("history", history[0]);
    a.write("history_count", history[1]);
  });
  return c;
}

void Trainer::save_checkpoint(const std::string& path) const {
  write_checkpoint(path, make_checkpoint());
  const_cast<Trainer*>(this)->last_checkpoint_ = path;
}

void Trainer::restore(const Checkpoint& c) {
  const auto section = [&](const char* name) -> const std::string& {
    auto it = c.sections.find(name);
    if (it == c.sections.end()) throw CheckpointError(std::string("checkpoint lacks the '") + name + "' section");
    return it->second;
  };
  module_from_bytes(*net_, section("model"));
  if (ema_) module_from_bytes(*ema_, c.sections.count("ema") ? section("ema") : section("model"));
  read_archive(section("optimizer"), "optimizer state", [&](torch::serialize::InputArchive& a) { optimizer_->load(a); });
  if (device_.is_cuda()) {
    for (auto& [key, state] : optimizer_->state()) {
      auto& s = static_cast<torch::optim::AdamWParamState&>(*state);
      s.exp_avg(s.exp_avg().to(device_));
      s.exp_avg_sq(s.exp_avg_sq().to(device_));
      if (s.max_exp_avg_sq().defined()) s.max_exp_avg_sq(s.max_exp_avg_sq().to(device_));
    }
  }
  read_archive(section("objective"), "loss history", [&](torch::serialize::InputArchive& a) {
    torch::Tensor h, n;
    a.read("history", h);
    a.read("history_count", n);
    objective_.set_history_state({h, n});
  });
  step_ = c.metadata.at("step").get<int64_t>();
  progress_.step = step_;
  const auto smoothed = c.metadata.value("loss_smoothed", nlohmann::json(nullptr));
  if (smoothed.is_number()) progress_.loss_smoothed = progress_.loss = smoothed.get<double>();
}

std::unique_ptr<Trainer> Trainer::from_checkpoint(const std::string& path, TrainingData data,
                                                  const std::optional<TrainerOptions>& options) {
  const Checkpoint c = read_checkpoint(path);
  try {
    const auto& m = c.metadata;
    TrainerOptions o = options ? *options : trainer_options_from_json(m.at("trainer"));
    o.seed = m.at("rng").at("seed").get<uint64_t>();
    auto trainer = std::make_unique<Trainer>(network_config_from_json(m.at("network")),
                                             schedule_options_from_json(m.at("schedule")),
                                             objective_from_json(m.at("objective")), std::move(data), o);
    trainer->restore(c);
    trainer->last_checkpoint_ = path;
    return trainer;
  } catch (const nlohmann::json::exception& e) {
    throw CheckpointError("checkpoint '" + path + "' has incomplete metadata: " + e.what());
  }
}

}  // namespace difflab
