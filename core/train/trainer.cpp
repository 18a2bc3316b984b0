// The Trainer: construction, the eager step, EMA, loss buckets and run(). The device-side step captured in a
// CUDA graph is in trainer_captured_step.cpp, checkpoints in trainer_checkpoint.cpp.
#include "train/trainer.h"
#include "train/trainer_graph_step.h"
#include "train/trainer_internal.h"

#include "device/device_support.h"
#include "distributed/process_group.h"
#include "io/atomic_file.h"
#include "nn/class_labels.h"  // TrustedLabelsScope
#include "schedule/schedule_json.h"
#include "train/training_options.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <sstream>
#include <type_traits>

namespace difflab {

using train_detail::mix_seed;

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
  if (!(o.ema_decay >= 0 && o.ema_decay < 1))
    throw std::invalid_argument("ema_decay must lie in [0, 1), got " + std::to_string(o.ema_decay));
  if (o.loss_buckets < 1)
    throw std::invalid_argument("loss_buckets must be >= 1, got " + std::to_string(o.loss_buckets));
  // Values that parse but mean nonsense (a negative learning rate, a stalled machine): refused with the field.
  if (!(o.min_lr_ratio >= 0 && o.min_lr_ratio <= 1))
    throw std::invalid_argument("min_lr_ratio must lie in [0, 1], got " + std::to_string(o.min_lr_ratio));
  if (o.warmup_steps < 0)
    throw std::invalid_argument("warmup_steps must be >= 0, got " + std::to_string(o.warmup_steps));
  if (!(o.weight_decay >= 0))
    throw std::invalid_argument("weight_decay must be >= 0, got " + std::to_string(o.weight_decay));
  if (!(o.adam_beta1 >= 0 && o.adam_beta1 < 1) || !(o.adam_beta2 >= 0 && o.adam_beta2 < 1))
    throw std::invalid_argument("adam_beta1 and adam_beta2 must lie in [0, 1), got " + std::to_string(o.adam_beta1) +
                                " and " + std::to_string(o.adam_beta2));
  if (o.num_threads < 0 || o.num_threads > 1024)
    throw std::invalid_argument("num_threads must lie in 0..1024, got " + std::to_string(o.num_threads));
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
  optimizer_ = std::make_unique<torch::optim::AdamW>(net_->parameters(), torch::optim::AdamWOptions(o.lr)
                                                                             .betas({o.adam_beta1, o.adam_beta2})
                                                                             .eps(o.adam_eps)
                                                                             .weight_decay(o.weight_decay));
  progress_.total_steps = o.total_steps;
  progress_.bucket_loss.assign(o.loss_buckets, std::nan(""));
  progress_.bucket_batch_loss.assign(o.loss_buckets, std::nan(""));
  if (!o.checkpoint_path.empty()) {
    check_writable(o.checkpoint_path);            // now, not at the first save after hours of training
    remove_stale_temporaries(o.checkpoint_path);  // left by a save that a kill interrupted
  }
}

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
  // All randomness of this step derives from (seed, step): see the header. In a group every rank draws the
  // whole global batch (the same numbers one process draws) and keeps its shard [lo, hi), sliced on the host
  // before anything moves to the device: the union of the shards is exactly the one-process batch.
  const int64_t world = group_ ? group_->world_size() : 1, rank = group_ ? group_->rank() : 0;
  const int64_t lo = b * rank / world, hi = b * (rank + 1) / world, local_b = hi - lo;
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(mix_seed(options_.seed, step_, 0));
  // Dropout layers draw from the global generator: rank r's masks from stream 1 + r (rank 0's are one process's).
  torch::manual_seed(mix_seed(options_.seed, step_, 1 + rank));

  torch::Tensor idx = torch::randint(0, n, {b}, gen, torch::kInt64);
  const TimestepSample ts = objective_.sample_timesteps(b, gen);
  std::vector<int64_t> shape = data_.data.sizes().vec();
  shape[0] = b;
  torch::Tensor eps = torch::randn(shape, gen, torch::kFloat32);
  torch::Tensor drop;
  if (data_.labels.defined() && objective_.options().p_uncond > 0)
    drop = torch::rand({b}, gen) < objective_.options().p_uncond;  // the null class (Ho & Salimans 2022)
  torch::Tensor t_cpu = ts.t, iw = ts.importance_weight;
  if (group_) {
    idx = idx.slice(0, lo, hi);
    eps = eps.slice(0, lo, hi);
    t_cpu = t_cpu.slice(0, lo, hi);
    iw = iw.slice(0, lo, hi);
    if (drop.defined()) drop = drop.slice(0, lo, hi);
  }
  eps = eps.to(device_);
  const torch::Tensor idx_device = idx.to(device_);
  torch::Tensor y;
  if (data_.labels.defined()) {
    y = data_.labels.index_select(0, idx_device);
    if (drop.defined()) y = torch::where(drop.to(device_), torch::full_like(y, -1), y);
  }
  const torch::Tensor x0 = data_.data.index_select(0, idx_device);
  if (options_.cuda_graph) return graph_step(x0, eps, ts.t, y, (objective_.weight(ts.t) * ts.importance_weight));
  const torch::Tensor t = t_cpu.to(device_);
  // The coefficient tables are gathered with the host copy of t: no device-to-host read on CUDA.
  torch::Tensor x_t = objective_.q_sample(x0, eps, t_cpu);
  if (device_.is_cuda() && options_.channels_last && x_t.dim() == 4)
    x_t = x_t.contiguous(torch::MemoryFormat::ChannelsLast);

  // The batch's gradient, accumulated over micro-batches of `chunk` samples: on the CPU the network's
  // cpu_chunk() (the DDPM U-Net: 32, its activations then stay in the caches; 1.3x the images/s of one
  // batch of 128 on the small preset here), else the whole batch. The loss is Σ_chunks Σ_i w_i l_i / B, the
  // same mean as one pass; a network with batch-coupled layers (BatchNorm: SimpleUnet) reports 0 and is
  // never split.
  const int64_t chunk = micro_batch_size(local_b);
  const torch::Tensor target = objective_.target(x0, eps, t_cpu);
  const torch::Tensor w = (objective_.weight(t_cpu) * iw).to(device_);
  optimizer_->zero_grad();
  std::vector<torch::Tensor> per_sample_parts;
  double loss_value = 0.0;
  for (int64_t start = 0; start < local_b; start += chunk) {
    const int64_t end = std::min(local_b, start + chunk);
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
  torch::Tensor per_sample = per_sample_parts.size() == 1 ? per_sample_parts[0] : torch::cat(per_sample_parts);
  // Every collective of the step happens here, before anything changes: a failed group leaves the
  // parameters, EMA and optimiser of the last complete step.
  if (group_) reduce_over_group(loss_value, per_sample, lo, b);
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

void Trainer::reduce_over_group(double& loss_value, torch::Tensor& per_sample, int64_t offset, int64_t b) {
  // Bucket 0 starts with a header: [stop votes, Σ loss, per-sample losses of the global batch (zero outside
  // this rank's shard, so the sum assembles them)], then gradients in parameter order, buckets of at most
  // 25 MB (DDP's default bucket_cap_mb; Li et al. 2020, §3.2.3). All buckets go out before any is waited on.
  const auto fopts = torch::TensorOptions().dtype(torch::kFloat32).device(device_);
  torch::Tensor header = torch::zeros({2 + b}, fopts);
  header[0] = stop_vote_ ? 1.0 : 0.0;
  header[1] = loss_value;
  header.slice(0, 2 + offset, 2 + offset + per_sample.size(0)).copy_(per_sample.to(torch::kFloat32));
  std::vector<torch::Tensor> grads;
  for (auto& p : net_->parameters()) {
    if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
    grads.push_back(p.grad());
  }
  constexpr int64_t kBucketElements = 25 * 1024 * 1024 / 4;
  std::vector<torch::Tensor> buckets;
  std::vector<std::vector<size_t>> members;
  std::vector<torch::Tensor> parts{header};
  std::vector<size_t> in_bucket;
  int64_t size = header.numel();
  const auto close = [&] {
    buckets.push_back(parts.size() == 1 ? parts[0] : torch::cat(parts));
    members.push_back(in_bucket);
    parts.clear();
    in_bucket.clear();
    size = 0;
  };
  for (size_t i = 0; i < grads.size(); ++i) {
    if (size > 0 && size + grads[i].numel() > kBucketElements) close();
    parts.push_back(grads[i].reshape({-1}).to(torch::kFloat32));
    in_bucket.push_back(i);
    size += grads[i].numel();
  }
  if (!parts.empty()) close();
  const std::string at = "step " + std::to_string(step_ + 1);
  group_->all_reduce_sum(buckets, "the gradients at " + at);
  std::vector<torch::Tensor> buffers = net_->buffers();
  if (!buffers.empty()) {  // BatchNorm statistics: rank 0's, as DDP's broadcast_buffers
    std::vector<torch::Tensor> flat{torch::cat([&] {
      std::vector<torch::Tensor> v;
      for (auto& x : buffers) v.push_back(x.reshape({-1}).to(torch::kFloat32));
      return v;
    }())};
    group_->broadcast_from_rank0(flat, "the network's buffers at " + at);
    torch::NoGradGuard ng;
    int64_t pos = 0;
    for (auto& x : buffers) {
      x.copy_(flat[0].slice(0, pos, pos + x.numel()).view(x.sizes()));
      pos += x.numel();
    }
  }
  torch::NoGradGuard ng;
  for (size_t k = 0; k < buckets.size(); ++k) {
    int64_t pos = k == 0 ? header.numel() : 0;
    for (size_t i : members[k]) {
      grads[i].copy_(buckets[k].slice(0, pos, pos + grads[i].numel()).view(grads[i].sizes()));
      pos += grads[i].numel();
    }
  }
  const torch::Tensor h = buckets[0].slice(0, 0, 2 + b).to(torch::kCPU, torch::kFloat64);
  group_stop_ = h[0].item<double>() > 0;
  loss_value = h[1].item<double>();
  per_sample = h.slice(0, 2, 2 + b);
}

namespace {

// FNV-1a (64 bit) of `text`: the same on every machine, unlike std::hash.
uint64_t fnv1a(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

void Trainer::check_splittable(int64_t world) const {
  if (options_.batch_size % world != 0)
    throw DistributedError("the batch size " + std::to_string(options_.batch_size) +
                           " is not a multiple of the number of processes " + std::to_string(world) +
                           ": every rank takes an equal shard of each batch");
  if (options_.cuda_graph)
    throw DistributedError(
        "the CUDA-graph training step (--cuda-graph) runs in one process only; train with "
        "several processes without it");
  if (world > 1)
    for (const auto& m : net_->modules(/*include_self=*/false))
      if (m->name().find("BatchNorm") != std::string::npos)
        throw DistributedError("the " + network_config_.kind +
                               " network normalises with BatchNorm, which couples the samples of a batch: split "
                               "over processes it would train differently. Train it in one process, or use "
                               "ddpm-unet (GroupNorm)");
}

void Trainer::join(std::shared_ptr<TrainingGroup> group) {
  if (!group) return;
  check_splittable(group->world_size());
  // The ranks must describe the same run: the same step, options (all but threads, device and where to save),
  // objective, schedule, network and data. Each rank contributes its values; the group's maximum and minimum
  // must agree. Hashes go as two exact 32-bit halves; data sums with a relative tolerance (the same numbers
  // summed by another CPU's kernels).
  nlohmann::json run = trainer_options_to_json(options_);
  for (const char* local : {"num_threads", "device", "checkpoint_path", "checkpoint_every"}) run.erase(local);
  run["objective"] = objective_options_to_json(objective_.options());
  run["schedule"] = schedule_options_to_json(schedule_options_);
  run["network"] = network_config_to_json(network_config_);
  const uint64_t h = fnv1a(run.dump());
  const torch::Tensor data64 = data_.data.to(torch::kCPU, torch::kFloat64);
  const double data_sum = data64.sum().item<double>(), data_sq = data64.square().sum().item<double>();
  const double label_sum = data_.labels.defined() ? data_.labels.to(torch::kCPU).sum().item<double>() : -1.0;
  const std::vector<double> mine{static_cast<double>(step_),
                                 static_cast<double>(h >> 32),
                                 static_cast<double>(h & 0xffffffffu),
                                 static_cast<double>(data_.data.size(0)),
                                 label_sum,
                                 data_sum,
                                 data_sq};
  const char* names[] = {"step",
                         "options (objective, schedule, network, optimiser, seed)",
                         "options (objective, schedule, network, optimiser, seed)",
                         "number of training samples",
                         "training labels",
                         "training data",
                         "training data"};
  const auto opts = torch::TensorOptions().dtype(torch::kFloat64);
  std::vector<torch::Tensor> hi{torch::tensor(mine, opts).to(device_)};
  std::vector<torch::Tensor> lo{-hi[0].clone()};
  group->all_reduce_max(hi, "the run's configuration");
  group->all_reduce_max(lo, "the run's configuration");
  const torch::Tensor hc = hi[0].cpu(), lc = -lo[0].cpu();
  for (size_t i = 0; i < mine.size(); ++i) {
    const double top = hc[static_cast<int64_t>(i)].item<double>(), bottom = lc[static_cast<int64_t>(i)].item<double>();
    const double allowed = i >= 5 ? 1e-9 * std::max(1.0, std::abs(top)) : 0.0;
    if (top - bottom > allowed)
      throw DistributedError("the ranks disagree on the " + std::string(names[i]) +
                             (i == 0 ? " (" + c10::str(bottom) + " to " + c10::str(top) + ")" : std::string()) +
                             ": start every rank with the same flags, data and checkpoint (this is rank " +
                             std::to_string(group->rank()) + ")");
  }
  // Rank 0's weights, EMA weights and buffers everywhere (as DDP does when it wraps a model).
  std::vector<torch::Tensor> state;
  for (auto& p : net_->parameters()) state.push_back(p.detach());
  for (auto& x : net_->buffers()) state.push_back(x);
  if (ema_) {
    for (auto& p : ema_->parameters()) state.push_back(p.detach());
    for (auto& x : ema_->buffers()) state.push_back(x);
  }
  std::vector<torch::Tensor> flat;
  for (auto& x : state) flat.push_back(x.reshape({-1}).to(torch::kFloat32));
  std::vector<torch::Tensor> all{torch::cat(flat)};
  group->broadcast_from_rank0(all, "rank 0's weights");
  torch::NoGradGuard ng;
  int64_t pos = 0;
  for (auto& x : state) {
    x.copy_(all[0].slice(0, pos, pos + x.numel()).view(x.sizes()));
    pos += x.numel();
  }
  group_ = std::move(group);
}

TrainingDiverged Trainer::diverged(const std::string& what, double value, double lr) const {
  return TrainingDiverged(what + " became " + (std::isnan(value) ? "NaN" : "Inf") + " at step " +
                          std::to_string(step_ + 1) + " (lr " + c10::str(lr) +
                          "); training stopped with the parameters of step " + std::to_string(step_) + ". " +
                          (last_checkpoint_.empty() ? std::string("No checkpoint was written in this session.")
                                                    : "The last good checkpoint is '" + last_checkpoint_ + "'.") +
                          " Try a lower learning rate or gradient clipping.");
}

double Trainer::finish_step(const torch::Tensor& t_cpu, const torch::Tensor& per_sample_cpu, double loss_value,
                            double lr) {
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
  group_stop_ = false;
  const auto start = std::chrono::steady_clock::now();
  int64_t saved_at = -1;
  const auto save = [&] {
    if (options_.checkpoint_path.empty() || saved_at == step_ || (group_ && group_->rank() != 0)) return;
    save_checkpoint(options_.checkpoint_path);
    saved_at = step_;
    result.checkpoint_saved = options_.checkpoint_path;
  };
  for (int64_t i = 0; i < n; ++i) {
    if (!group_ && stop.stop_requested()) {
      result.stopped = true;
      break;
    }
    // In a group the stop is a vote carried with the step's gradients: all ranks end after the same step.
    stop_vote_ = stop.stop_requested();
    try {
      step();
    } catch (const TrainingDiverged&) {
      throw;
    } catch (const DistributedError& e) {
      // The step failed before any change: the state is the last complete step's, worth keeping.
      if (options_.checkpoint_path.empty() || (group_ && group_->rank() != 0)) throw;
      save();
      throw DistributedError(std::string(e.what()) + "; step " + std::to_string(step_) + " is saved in '" +
                             options_.checkpoint_path + "'");
    } catch (const std::exception& e) {
      if (is_out_of_memory(e))
        throw std::runtime_error("the device '" + options_.device + "' ran out of memory at batch size " +
                                 std::to_string(options_.batch_size) + ": use a smaller batch or model (" + e.what() +
                                 ")");
      throw;
    }
    ++result.steps_done;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress_.images_per_second =
        elapsed > 0 ? static_cast<double>(result.steps_done * options_.batch_size) / elapsed : 0.0;
    progress_.eta_seconds = static_cast<double>(std::max<int64_t>(0, options_.total_steps - step_)) * elapsed /
                            static_cast<double>(result.steps_done);
    if (options_.checkpoint_every > 0 && step_ % options_.checkpoint_every == 0) save();
    if (progress) progress(progress_);
    if (group_stop_) {
      result.stopped = true;
      break;
    }
  }
  if (result.steps_done > 0 || result.stopped) save();
  return result;
}

}  // namespace difflab
