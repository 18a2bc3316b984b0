// Trainer checkpoints: what goes into the file (model/checkpoint_metadata.h) and how a run continues from one.
#include "train/trainer.h"

#include "model/network_denoiser.h"

#include "data/dataset.h"

#include <sstream>

namespace difflab {

namespace {

std::string archive_bytes(const std::function<void(torch::serialize::OutputArchive&)>& write) {
  torch::serialize::OutputArchive a;
  write(a);
  std::ostringstream out;
  a.save_to(out);
  return out.str();
}

void read_archive(const std::string& bytes, const char* what,
                  const std::function<void(torch::serialize::InputArchive&)>& read) {
  torch::serialize::InputArchive a;
  std::istringstream in(bytes);
  try {
    a.load_from(in);
    read(a);
  } catch (const c10::Error& e) {
    throw CheckpointError(std::string("cannot read the checkpoint's ") + what + ": " + e.what_without_backtrace());
  }
}

// AdamW's state in parameter order, so that the same state always gives the same bytes. (LibTorch's own
// Optimizer::save keys the state by the address of each parameter's TensorImpl: the bytes, and the checkpoint's
// hash in PNG recipes, changed from run to run for one and the same model.) Per group g: its options
// (lr, betas, eps, weight decay, amsgrad) and, per parameter p with state, step / exp_avg / exp_avg_sq
// (/ max_exp_avg_sq) under "g<g>/p<p>/…".
std::string adamw_state_bytes(torch::optim::AdamW& optimizer) {
  return archive_bytes([&](torch::serialize::OutputArchive& a) {
    const auto& groups = optimizer.param_groups();
    a.write("groups", torch::tensor(static_cast<int64_t>(groups.size())));
    for (size_t g = 0; g < groups.size(); ++g) {
      const std::string group = "g" + std::to_string(g) + "/";
      const auto& o = static_cast<const torch::optim::AdamWOptions&>(groups[g].options());
      a.write(group + "options", torch::tensor({o.lr(), std::get<0>(o.betas()), std::get<1>(o.betas()), o.eps(),
                                                o.weight_decay(), o.amsgrad() ? 1.0 : 0.0},
                                               torch::kFloat64));
      const auto& params = groups[g].params();
      for (size_t p = 0; p < params.size(); ++p) {
        const auto it = optimizer.state().find(c10::guts::to_string(params[p].unsafeGetTensorImpl()));
        if (it == optimizer.state().end()) continue;
        const auto& s = static_cast<const torch::optim::AdamWParamState&>(*it->second);
        const std::string key = group + "p" + std::to_string(p) + "/";
        a.write(key + "step", torch::tensor(s.step()));
        a.write(key + "exp_avg", s.exp_avg());
        a.write(key + "exp_avg_sq", s.exp_avg_sq());
        if (s.max_exp_avg_sq().defined()) a.write(key + "max_exp_avg_sq", s.max_exp_avg_sq());
      }
    }
  });
}

void restore_adamw_state(torch::optim::AdamW& optimizer, const std::string& bytes, const torch::Device& device) {
  read_archive(bytes, "optimizer state", [&](torch::serialize::InputArchive& a) {
    torch::Tensor count;
    a.read("groups", count);
    auto& groups = optimizer.param_groups();
    if (count.item<int64_t>() != static_cast<int64_t>(groups.size()))
      throw CheckpointError("the checkpoint's optimizer has " + std::to_string(count.item<int64_t>()) +
                            " parameter groups, this run " + std::to_string(groups.size()));
    for (size_t g = 0; g < groups.size(); ++g) {
      const std::string group = "g" + std::to_string(g) + "/";
      torch::Tensor options;
      a.read(group + "options", options);
      const auto v = options.to(torch::kFloat64).contiguous();
      const double* o = v.data_ptr<double>();
      auto& opt = static_cast<torch::optim::AdamWOptions&>(groups[g].options());
      opt.lr(o[0]).betas({o[1], o[2]}).eps(o[3]).weight_decay(o[4]).amsgrad(o[5] != 0.0);
      const auto& params = groups[g].params();
      for (size_t p = 0; p < params.size(); ++p) {
        const std::string key = group + "p" + std::to_string(p) + "/";
        torch::Tensor step;
        if (!a.try_read(key + "step", step)) continue;  // no state yet
        auto state = std::make_unique<torch::optim::AdamWParamState>();
        torch::Tensor m, v2, vmax;
        a.read(key + "exp_avg", m);
        a.read(key + "exp_avg_sq", v2);
        if (m.sizes() != params[p].sizes() || v2.sizes() != params[p].sizes())
          throw CheckpointError("the checkpoint's optimizer state of parameter " + std::to_string(p) +
                                " does not fit the network");
        state->step(step.item<int64_t>());
        state->exp_avg(m.to(device));
        state->exp_avg_sq(v2.to(device));
        if (a.try_read(key + "max_exp_avg_sq", vmax)) state->max_exp_avg_sq(vmax.to(device));
        optimizer.state()[c10::guts::to_string(params[p].unsafeGetTensorImpl())] = std::move(state);
      }
    }
  });
}

}  // namespace

TrainingData training_data_from(const Dataset& dataset, const std::string& spec) {
  TrainingData t;
  t.scale = DataScale::for_kind(dataset.kind);
  t.data = t.scale.to_model(dataset.data).to(torch::kFloat32);
  t.labels = dataset.labels;
  t.class_names = dataset.class_names;
  t.name = spec;
  return t;
}

std::shared_ptr<Denoiser> Trainer::ema_denoiser() const {
  NetworkDenoiserOptions o;
  o.prediction = objective_.options().prediction;
  o.sample_shape = network_config_.sample_shape;
  o.class_names = network_config_.num_classes == 0 ? std::vector<std::string>{} : data_.class_names;
  o.data_scale = data_.scale;
  o.description = "the run's EMA weights at step " + std::to_string(step_);
  return std::make_shared<NetworkDenoiser>(ema_network(), schedule_, o);
}

ModelCheckpoint Trainer::make_checkpoint() const {
  ModelCheckpoint c;
  CheckpointMetadata& m = c.metadata;
  m.created_by = std::string("Diffusion Lab ") + DIFFLAB_VERSION;
  m.network = network_config_;
  m.parameters = count_parameters(*net_);
  m.schedule = schedule_options_;
  m.objective = objective_.options();
  m.data.name = data_.name;
  m.data.scale = data_.scale;
  m.data.sample_shape = network_config_.sample_shape;
  m.data.num_samples = data_.data.size(0);
  m.class_names = data_.class_names;
  m.trainer = options_;
  m.step = step_;
  if (step_ > 0) m.last_loss = progress_.loss;
  if (step_ > 0) m.loss_smoothed = progress_.loss_smoothed;
  m.seed = options_.seed;
  m.has_ema = ema_ != nullptr;
  c.sections["model"] = module_to_bytes(*net_);
  if (ema_) c.sections["ema"] = module_to_bytes(*ema_);
  c.sections["adamw"] = adamw_state_bytes(*optimizer_);
  const auto history = objective_.history_state();
  c.sections["objective"] = archive_bytes([&](torch::serialize::OutputArchive& a) {
    a.write("history", history[0]);
    a.write("history_count", history[1]);
  });
  return c;
}

void Trainer::save_checkpoint(const std::string& path) {
  write_model_checkpoint(path, make_checkpoint());
  last_checkpoint_ = path;
}

void Trainer::restore(const ModelCheckpoint& c) {
  const auto section = [&](const char* name) -> const std::string& {
    auto it = c.sections.find(name);
    if (it == c.sections.end()) throw CheckpointError(std::string("checkpoint lacks the '") + name + "' section");
    return it->second;
  };
  module_from_bytes(*net_, section("model"));
  if (ema_) module_from_bytes(*ema_, c.sections.count("ema") ? section("ema") : section("model"));
  if (c.sections.count("adamw")) {
    restore_adamw_state(*optimizer_, section("adamw"), device_);
  } else {  // checkpoints before the deterministic format: LibTorch's own optimizer archive
    read_archive(section("optimizer"), "optimizer state",
                 [&](torch::serialize::InputArchive& a) { optimizer_->load(a); });
  }
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
  step_ = c.metadata.step;
  progress_.step = step_;
  if (c.metadata.loss_smoothed) progress_.loss_smoothed = progress_.loss = *c.metadata.loss_smoothed;
}

std::unique_ptr<Trainer> Trainer::from_checkpoint(const std::string& path, TrainingData data,
                                                  const std::optional<TrainerOptions>& options) {
  return from_checkpoint(read_model_checkpoint(path), path, std::move(data), options);
}

std::unique_ptr<Trainer> Trainer::from_checkpoint(const ModelCheckpoint& c, const std::string& path, TrainingData data,
                                                  const std::optional<TrainerOptions>& options) {
  const CheckpointMetadata& m = c.metadata;
  if (m.stored.is_object() && m.stored.contains("inference"))
    throw CheckpointError("checkpoint '" + path + "' is an inference checkpoint (weights only, from difflab-cli " +
                          "export): it samples, but training cannot resume from it");
  TrainerOptions o = options ? *options : m.trainer;
  o.seed = m.seed;
  auto trainer = std::make_unique<Trainer>(m.network, m.schedule, m.objective, std::move(data), o);
  trainer->restore(c);
  trainer->last_checkpoint_ = path;
  return trainer;
}

}  // namespace difflab
