// DSM against SSM-VR on the same batches (formulas in score_matching.h).
#include "base/error_text.h"
#include "score/score_matching.h"

#include "model/network_denoiser.h"
#include "score/score_field.h"
#include "train/objective.h"

#include <torch/torch.h>

#include <stdexcept>

namespace difflab {

torch::Tensor sliced_score_matching_loss(DiffusionNetImpl& network, const torch::Tensor& x_t, const torch::Tensor& t,
                                         const torch::Tensor& sigma, int64_t projections, at::Generator& gen) {
  if (projections < 1) throw std::invalid_argument("SSM: projections must be >= 1");
  const int64_t B = x_t.size(0);
  const double D = static_cast<double>(x_t.numel() / std::max<int64_t>(B, 1));
  const torch::Tensor x = x_t.detach().requires_grad_(true);
  const torch::Tensor eps_hat = network.forward(x, t, torch::Tensor());
  const torch::Tensor s = sigma.to(x.dtype()).view({B, 1});
  torch::Tensor vjv = torch::zeros({B}, x.options().requires_grad(false));
  for (int64_t m = 0; m < projections; ++m) {
    const torch::Tensor v = torch::randn(x.sizes(), gen, x.options().requires_grad(false));
    // vᵀ J v = v · ∇ₓ(v · ε̂): one vector–Jacobian product, kept in the graph (create_graph) for the parameters.
    const torch::Tensor grad = torch::autograd::grad({(v * eps_hat).sum()}, {x}, {}, true, true)[0];
    vjv = vjv + (grad * v).reshape({B, -1}).sum(1);
  }
  vjv = vjv / static_cast<double>(projections);
  return (eps_hat.pow(2).reshape({B, -1}).sum(1) - 2.0 * s.view({B}) * vjv) / D;
}

struct ScoreMatchingRace::Side {
  std::shared_ptr<MlpDenoiserImpl> net;
  std::unique_ptr<torch::optim::AdamW> optimizer;
  std::unique_ptr<NetworkDenoiser> denoiser;
};

ScoreMatchingRace::ScoreMatchingRace(const torch::Tensor& data, const NoiseSchedule& schedule,
                                     const ScoreReference& reference, ScoreRaceOptions options)
    : schedule_(schedule), reference_(reference), options_(std::move(options)) {
  if (!data.defined() || data.dim() != 2 || data.size(0) == 0)
    throw std::invalid_argument("score-matching race: the training data must be a non-empty [N, D] tensor");
  if (data.size(1) != options_.network.data_dim)
    throw std::invalid_argument("score-matching race: the data have " + count_text(data.size(1), "dimension") +
                                ", the network " + std::to_string(options_.network.data_dim));
  if (options_.batch_size < 1) throw std::invalid_argument("score-matching race: batch_size must be >= 1");
  if (!(options_.learning_rate > 0)) throw std::invalid_argument("score-matching race: learning_rate must be > 0");
  if (options_.projections < 1) throw std::invalid_argument("score-matching race: projections must be >= 1");
  if (options_.dsm_prediction == PredictionType::Score)
    throw std::invalid_argument("score-matching race: DSM trains eps, x0 or v (score is their conversion)");
  const double T = static_cast<double>(schedule_.timesteps());
  for (double t : options_.eval_t)
    if (!(t > 0) || t > T)
      throw std::invalid_argument("score-matching race: eval time t = " + std::to_string(t) + " lies outside (0, " +
                                  std::to_string(schedule_.timesteps()) + "]");
  data_ = data.detach().to(torch::kCPU, torch::kFloat32).contiguous();

  options_.network.num_classes = 0;
  // Both networks start from the same weights: LibTorch initialises modules from its global generator, seeded
  // here (so a race is reproducible), and the second network copies the first.
  torch::manual_seed(options_.seed);
  auto make_side = [&](PredictionType prediction) {
    auto side = std::make_unique<Side>();
    side->net = std::make_shared<MlpDenoiserImpl>(options_.network);
    if (dsm_) {
      torch::NoGradGuard no_grad;
      const auto source = dsm_->net->parameters();
      const auto target = side->net->parameters();
      for (size_t i = 0; i < source.size(); ++i) target[i].copy_(source[i]);
    }
    side->optimizer = std::make_unique<torch::optim::AdamW>(
        side->net->parameters(), torch::optim::AdamWOptions(options_.learning_rate).weight_decay(0.0));
    NetworkDenoiserOptions o;
    o.prediction = prediction;
    o.batch_size = -1;
    o.sample_shape = {options_.network.data_dim};
    o.description = "score-matching race network";
    side->denoiser = std::make_unique<NetworkDenoiser>(side->net, schedule_, o);
    return side;
  };
  dsm_ = make_side(options_.dsm_prediction);
  ssm_ = make_side(PredictionType::Epsilon);
  ObjectiveOptions objective;
  objective.prediction = options_.dsm_prediction;
  objective_ = std::make_unique<Objective>(schedule_, objective);
  gen_ = at::detail::createCPUGenerator(options_.seed + 1);
  eval_x0_ = reference_.sample(options_.eval_samples, options_.seed + 2);
  at::Generator eval_gen = at::detail::createCPUGenerator(options_.seed + 3);
  eval_eps_ = torch::randn(eval_x0_.sizes(), eval_gen, torch::kFloat32);
  // The evaluation points and the reference's score there never change: computed once, not per evaluation.
  for (double t : options_.eval_t) {
    const double a = schedule_.alpha_cont(t / T), s = schedule_.sigma_vp_cont(t / T);
    eval_xt_.push_back(a * eval_x0_.to(torch::kFloat64) + s * eval_eps_.to(torch::kFloat64));
    const torch::Tensor exact = reference_.score(eval_xt_.back(), t);
    eval_exact_.push_back(exact);
    eval_exact_norm_.push_back(exact.pow(2).sum(1).mean().item<double>());
  }
}

ScoreMatchingRace::~ScoreMatchingRace() = default;

Denoiser& ScoreMatchingRace::dsm_denoiser() { return *dsm_->denoiser; }
Denoiser& ScoreMatchingRace::ssm_denoiser() { return *ssm_->denoiser; }

ScoreRaceStep ScoreMatchingRace::step() {
  const int64_t B = options_.batch_size;
  const torch::Tensor idx = torch::randint(data_.size(0), {B}, gen_, torch::kInt64);
  const torch::Tensor x0 = data_.index_select(0, idx);
  const torch::Tensor eps = torch::randn(x0.sizes(), gen_, torch::kFloat32);
  const TimestepSample ts = objective_->sample_timesteps(B, gen_);
  const torch::Tensor x_t = objective_->q_sample(x0, eps, ts.t);
  const torch::Tensor t_float = ts.t.to(torch::kFloat32);
  ScoreRaceStep out;

  dsm_->net->train();
  dsm_->optimizer->zero_grad();
  const torch::Tensor prediction = dsm_->net->forward(x_t, t_float, torch::Tensor());
  const torch::Tensor per_sample = objective_->per_sample_loss(prediction, objective_->target(x0, eps, ts.t));
  const torch::Tensor dsm = (objective_->weight(ts.t) * ts.importance_weight * per_sample).mean();
  dsm.backward();
  dsm_->optimizer->step();
  // Reported in ε-space whatever the network predicts: ‖ε − ε̂‖² = SNR ‖x₀ − x̂₀‖² = ᾱ ‖v − v̂‖² (objective.h), so
  // that E[DSM] = E[SSM] + 1 holds for the reported values.
  const torch::Tensor alpha_bar = objective_->alpha_bar_at(ts.t).to(torch::kFloat32);
  const torch::Tensor to_eps = options_.dsm_prediction == PredictionType::X0  ? alpha_bar / (1.0 - alpha_bar)
                               : options_.dsm_prediction == PredictionType::V ? alpha_bar
                                                                              : torch::ones_like(alpha_bar);
  out.dsm_loss = (ts.importance_weight * to_eps * per_sample.detach()).mean().item<double>();

  ssm_->net->train();
  ssm_->optimizer->zero_grad();
  const torch::Tensor sigma = torch::sqrt(1.0 - objective_->alpha_bar_at(ts.t));
  const torch::Tensor ssm =
      (ts.importance_weight * sliced_score_matching_loss(*ssm_->net, x_t, t_float, sigma, options_.projections, gen_))
          .mean();
  ssm.backward();
  ssm_->optimizer->step();
  out.ssm_loss = ssm.item<double>();
  out.step = ++step_;
  return out;
}

ScoreRaceEvaluation ScoreMatchingRace::evaluate() {
  ScoreRaceEvaluation e;
  e.step = step_;
  for (size_t i = 0; i < options_.eval_t.size(); ++i) {
    const double t = options_.eval_t[i];
    // relative_fisher_divergence with the reference's part cached.
    e.dsm_error += (model_score(*dsm_->denoiser, eval_xt_[i], t) - eval_exact_[i]).pow(2).sum(1).mean().item<double>() /
                   eval_exact_norm_[i];
    e.ssm_error += (model_score(*ssm_->denoiser, eval_xt_[i], t) - eval_exact_[i]).pow(2).sum(1).mean().item<double>() /
                   eval_exact_norm_[i];
  }
  e.dsm_error /= static_cast<double>(options_.eval_t.size());
  e.ssm_error /= static_cast<double>(options_.eval_t.size());
  return e;
}

}  // namespace difflab
