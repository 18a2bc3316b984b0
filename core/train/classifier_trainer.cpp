#include "train/classifier_trainer.h"

#include "model/network_classifier.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace difflab {

void ClassifierTrainerOptions::validate() const {
  auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
  if (batch_size < 2 || batch_size > 65536)
    fail("batch_size must lie in [2, 65536], got " + std::to_string(batch_size));
  if (total_steps < 1) fail("steps must be at least 1, got " + std::to_string(total_steps));
  if (!(lr > 0 && lr < 1)) fail("lr must lie in (0, 1), got " + std::to_string(lr));
  if (!(weight_decay >= 0 && weight_decay < 1)) fail("weight_decay must lie in [0, 1)");
  if (warmup_steps < 0) fail("warmup_steps must be >= 0");
  if (!(clean_fraction >= 0 && clean_fraction <= 1)) fail("clean_fraction must lie in [0, 1]");
}

namespace {

// x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε at integer times t [B] (t = 0: x₀).
torch::Tensor noised(const torch::Tensor& x0, const torch::Tensor& t, const NoiseSchedule& s,
                     const torch::Tensor& eps) {
  std::vector<double> bars(static_cast<size_t>(s.timesteps()) + 1, 1.0);
  for (int64_t i = 1; i <= s.timesteps(); ++i) bars[static_cast<size_t>(i)] = s.alpha_bar(i);
  const torch::Tensor table = torch::tensor(bars, torch::kFloat64);
  const torch::Tensor ab = table.index_select(0, t).to(torch::kFloat32);
  std::vector<int64_t> shape(static_cast<size_t>(x0.dim()), 1);
  shape[0] = x0.size(0);
  return ab.sqrt().view(shape) * x0 + (1 - ab).sqrt().view(shape) * eps;
}

}  // namespace

nlohmann::json classifier_accuracy(NoisyClassifierNet& net, const NoiseSchedule& schedule, const Dataset& test,
                                   int64_t max_samples) {
  torch::NoGradGuard no_grad;
  const bool was_training = net->is_training();
  net->eval();
  const int64_t n = std::min(max_samples, test.size());
  const torch::Tensor x0 = test.normalized().narrow(0, 0, n);
  const torch::Tensor y = test.labels.narrow(0, 0, n);
  auto gen = at::detail::createCPUGenerator(4242);
  nlohmann::json out = nlohmann::json::object();
  const int64_t T = schedule.timesteps();
  for (const int64_t t : {int64_t{0}, T / 4, T / 2, 3 * T / 4}) {
    int64_t correct = 0;
    for (int64_t i = 0; i < n; i += 500) {
      const int64_t b = std::min<int64_t>(500, n - i);
      const torch::Tensor eps = at::randn(x0.narrow(0, i, b).sizes(), gen, torch::kFloat32);
      const torch::Tensor tt = torch::full({b}, t, torch::kLong);
      const torch::Tensor logits = net->forward(noised(x0.narrow(0, i, b), tt, schedule, eps), tt.to(torch::kFloat32));
      correct += logits.argmax(1).eq(y.narrow(0, i, b)).sum().item<int64_t>();
    }
    out[std::to_string(t)] = std::round(1e4 * static_cast<double>(correct) / static_cast<double>(n)) / 1e4;
  }
  if (was_training) net->train();
  return out;
}

nlohmann::json train_noisy_classifier(const Dataset& train, const Dataset* test, const std::string& data_name,
                                      const ScheduleOptions& schedule_options, NoisyClassifierOptions network,
                                      const ClassifierTrainerOptions& o,
                                      const std::function<void(const ClassifierProgress&)>& progress, StopToken stop) {
  o.validate();
  if (train.kind != DataKind::Images || train.class_names.size() < 2 || !train.labels.defined() ||
      train.labels.lt(0).any().item<bool>())
    throw std::invalid_argument("a classifier needs labelled images with at least two classes; " + data_name +
                                " is not such a data set");
  const std::vector<int64_t> shape = train.sample_shape();
  network.in_channels = shape[0];
  network.image_size = shape[1];
  network.num_classes = static_cast<int64_t>(train.class_names.size());
  const NoiseSchedule schedule = NoiseSchedule::from_options(schedule_options);
  torch::manual_seed(static_cast<uint64_t>(o.seed));
  NoisyClassifierNet net(network);
  net->train();
  torch::optim::AdamW optimizer(net->parameters(), torch::optim::AdamWOptions(o.lr).weight_decay(o.weight_decay));
  const torch::Tensor data = train.normalized();
  const torch::Tensor labels = train.labels;
  const int64_t n = train.size(), T = schedule.timesteps();
  const int64_t clean = static_cast<int64_t>(std::llround(o.clean_fraction * static_cast<double>(o.batch_size)));
  auto gen = at::detail::createCPUGenerator(o.seed + 1);

  ClassifierCheckpoint checkpoint;
  checkpoint.network = network;
  checkpoint.schedule = schedule_options;
  checkpoint.class_names = train.class_names;
  checkpoint.data_name = data_name;
  checkpoint.net = net;
  auto save = [&](int64_t step) {
    checkpoint.step = step;
    checkpoint.accuracy = classifier_accuracy(net, schedule, test ? *test : train);
    if (!o.checkpoint_path.empty()) write_classifier_checkpoint(o.checkpoint_path, checkpoint);
    return checkpoint.accuracy;
  };

  auto start = std::chrono::steady_clock::now();
  for (int64_t step = 1; step <= o.total_steps; ++step) {
    if (stop.stop_requested()) {
      save(step - 1);
      throw Cancelled();
    }
    // lr: linear warm-up, then cosine decay to 5 %.
    const double warm = o.warmup_steps > 0 ? std::min(1.0, static_cast<double>(step) / o.warmup_steps) : 1.0;
    const double progress_frac = static_cast<double>(step - 1) / static_cast<double>(o.total_steps);
    const double lr = o.lr * warm * (0.05 + 0.95 * 0.5 * (1 + std::cos(M_PI * progress_frac)));
    for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);

    const torch::Tensor idx = at::randint(n, {o.batch_size}, gen, torch::kLong);
    const torch::Tensor x0 = data.index_select(0, idx), y = labels.index_select(0, idx);
    torch::Tensor t = at::randint(1, T + 1, {o.batch_size}, gen, torch::kLong);
    if (clean > 0) t.narrow(0, 0, clean).zero_();
    const torch::Tensor eps = at::randn(x0.sizes(), gen, torch::kFloat32);
    const torch::Tensor logits = net->forward(noised(x0, t, schedule, eps), t.to(torch::kFloat32));
    const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y);
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(net->parameters(), 1.0);
    optimizer.step();
    if (progress) {
      ClassifierProgress p;
      p.step = step;
      p.total_steps = o.total_steps;
      p.loss = loss.item<double>();
      p.batch_accuracy = logits.argmax(1).eq(y).to(torch::kFloat64).mean().item<double>();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      p.images_per_second = seconds > 0 ? static_cast<double>(step * o.batch_size) / seconds : 0.0;
      progress(p);
    }
  }
  return save(o.total_steps);
}

}  // namespace difflab
