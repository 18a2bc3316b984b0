// Trainer's device-side step (TrainerOptions::cuda_graph): the whole step as one fixed sequence of device
// operations, captured in a CUDA graph on the first step and replayed afterwards (on the CPU the same sequence
// runs without a graph, which the tests compare with the eager step in trainer.cpp).
#include "train/trainer.h"
#include "train/trainer_graph_step.h"
#include "train/trainer_internal.h"

#include "device/captured_cuda_work.h"
#include "device/device_support.h"
#include "nn/class_labels.h"  // TrustedLabelsScope

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <optional>
#include <type_traits>

namespace difflab {

using train_detail::mix_seed;

Trainer::~Trainer() = default;

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
  if (device_.is_cuda() && options_.channels_last && x_t.dim() == 4)
    x_t = x_t.contiguous(torch::MemoryFormat::ChannelsLast);
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
  const torch::Tensor b1 = torch::where(ok, sc[GraphStep::kBeta1], one),
                      b2 = torch::where(ok, sc[GraphStep::kBeta2], one);
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
    const torch::Tensor d = torch::where(ok, sc[GraphStep::kEmaDecay], one),
                        rest = torch::where(ok, sc[GraphStep::kEmaRest], zero);
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
  const std::string settings =
      c10::str(options_.grad_clip, '/', options_.weight_decay, '/', options_.adam_beta1, '/', options_.adam_beta2, '/',
               options_.adam_eps, '/', options_.bf16, '/', options_.channels_last);
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
        g.graph.capture(
            device_,
            [&] {
              for (int i = 0; i < 3; ++i) graph_body(g);
            },
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

}  // namespace difflab
