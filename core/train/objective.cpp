#include "train/objective.h"

#include <stdexcept>

namespace difflab {

Objective::Objective(const NoiseSchedule& schedule, ObjectiveOptions options)
    : options_(options), timesteps_(schedule.timesteps()) {
  if (!(options.p_uncond >= 0.0 && options.p_uncond <= 1.0))
    throw std::invalid_argument("p_uncond must lie in [0, 1], got " + std::to_string(options.p_uncond));
  if (!(options.min_snr_gamma > 0.0))
    throw std::invalid_argument("min_snr_gamma must be > 0, got " + std::to_string(options.min_snr_gamma));
  if (options.prediction == PredictionType::Score)
    throw std::invalid_argument("prediction type 'score' cannot be trained here (expected eps, x0 or v)");
  const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
  alpha_bar_ = torch::tensor(schedule.alpha_bars(), f64);
  const torch::Tensor betas = torch::tensor(schedule.betas(), f64);
  const torch::Tensor snr = (alpha_bar_ / (1.0 - alpha_bar_)).clamp_min(1e-20);

  torch::Tensor w_eps;  // the weighting in ε-space
  switch (options.weighting) {
    case LossWeighting::None: w_eps = torch::Tensor(); break;
    case LossWeighting::Elbo: {
      // Ho et al. 2020, eq. 12 with σ_t² = β_t: C_t = β_t² / (2 σ_t² α_t (1 − ᾱ_t)) = β_t / (2 α_t (1 − ᾱ_t)).
      // Dividing by the mean over t keeps the learning rate meaningful; the minimiser is unchanged.
      torch::Tensor c = betas / (2.0 * (1.0 - betas) * (1.0 - alpha_bar_));
      const torch::Tensor finite = torch::isfinite(c);
      c = torch::where(finite, c, torch::full_like(c, c.masked_select(finite).max().item<double>()));
      w_eps = c / c.mean();
      break;
    }
    case LossWeighting::MinSnr: w_eps = torch::clamp_max(snr, options.min_snr_gamma) / snr; break;
  }
  if (!w_eps.defined()) {
    weight_table_ = torch::ones({timesteps_}, f64);
  } else if (options.prediction == PredictionType::Epsilon) {
    weight_table_ = w_eps;
  } else if (options.prediction == PredictionType::X0) {
    weight_table_ = w_eps * snr;  // ‖ε − ε̂‖² = SNR ‖x₀ − x̂₀‖²
  } else {
    weight_table_ = w_eps * alpha_bar_;  // ‖ε − ε̂‖² = ᾱ ‖v − v̂‖²
  }
  history_ = torch::zeros({timesteps_, kHistoryPerTimestep}, f64);
  history_count_ = torch::zeros({timesteps_}, torch::kInt64);
}

torch::Tensor Objective::sampling_probabilities() const {
  switch (options_.t_sampling) {
    case TimestepSampling::Uniform: return {};
    case TimestepSampling::InverseSigma2: {
      const torch::Tensor p = 1.0 / (1.0 - alpha_bar_).clamp_min(1e-12);
      return p / p.sum();
    }
    case TimestepSampling::LossHistory: {
      // Uniform until every t has a full history; then p_t ∝ √E[ℓ_t²], mixed with 0.1 % uniform as in
      // improved-diffusion's LossSecondMomentResampler.
      if (history_count_.min().item<int64_t>() < kHistoryPerTimestep) return {};
      torch::Tensor p = torch::sqrt((history_ * history_).mean(1));
      p = p / p.sum();
      constexpr double kUniform = 0.001;
      return p * (1.0 - kUniform) + kUniform / static_cast<double>(timesteps_);
    }
  }
  return {};
}

TimestepSample Objective::sample_timesteps(int64_t batch, at::Generator& gen) const {
  const torch::Tensor p = sampling_probabilities();
  if (!p.defined())
    return {torch::randint(1, timesteps_ + 1, {batch}, gen, torch::kInt64), torch::ones({batch}, torch::kFloat32)};
  const torch::Tensor idx = torch::multinomial(p, batch, /*replacement=*/true, gen);
  const torch::Tensor iw = (1.0 / (static_cast<double>(timesteps_) * p.index_select(0, idx))).to(torch::kFloat32);
  return {idx + 1, iw};
}

torch::Tensor Objective::gather(const torch::Tensor& table, const torch::Tensor& t, const torch::Tensor& like) const {
  TORCH_CHECK(t.dim() == 1, "timesteps must be int64 [B], got shape ", t.sizes());
  std::vector<int64_t> shape(like.dim(), 1);
  shape[0] = t.size(0);
  const torch::Tensor idx = (t.to(torch::kCPU, torch::kInt64) - 1).clamp(0, timesteps_ - 1);
  return table.index_select(0, idx).to(like.device(), like.scalar_type()).reshape(shape);
}

torch::Tensor Objective::alpha_bar_at(const torch::Tensor& t) const {
  TORCH_CHECK(t.dim() == 1, "timesteps must be int64 [B], got shape ", t.sizes());
  return alpha_bar_.index_select(0, (t.to(torch::kCPU, torch::kInt64) - 1).clamp(0, timesteps_ - 1));
}

torch::Tensor Objective::q_sample(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& t) const {
  const torch::Tensor ab = gather(alpha_bar_, t, x0);
  return ab.sqrt() * x0 + (1.0 - ab).sqrt() * eps;
}

torch::Tensor Objective::target(const torch::Tensor& x0, const torch::Tensor& eps, const torch::Tensor& t) const {
  switch (options_.prediction) {
    case PredictionType::Epsilon: return eps;
    case PredictionType::X0: return x0;
    case PredictionType::V: {
      const torch::Tensor ab = gather(alpha_bar_, t, x0);
      return ab.sqrt() * eps - (1.0 - ab).sqrt() * x0;  // Salimans & Ho 2022, §4
    }
    case PredictionType::Score: break;  // refused by the constructor
  }
  return eps;
}

torch::Tensor Objective::per_sample_loss(const torch::Tensor& prediction, const torch::Tensor& target) const {
  TORCH_CHECK(prediction.sizes() == target.sizes(), "prediction shape ", prediction.sizes(), " differs from target ",
              target.sizes());
  const torch::Tensor d = prediction.to(torch::kFloat32) - target.to(torch::kFloat32);
  const torch::Tensor e = options_.loss == LossKind::Mse ? d * d : d.abs();
  return e.reshape({e.size(0), -1}).mean(1);
}

torch::Tensor Objective::weight(const torch::Tensor& t) const {
  return weight_table_.index_select(0, (t.to(torch::kCPU, torch::kInt64) - 1).clamp(0, timesteps_ - 1))
      .to(torch::kFloat32);
}

void Objective::record_losses(const torch::Tensor& t, const torch::Tensor& losses) {
  if (options_.t_sampling != TimestepSampling::LossHistory) return;
  const torch::Tensor tc = t.to(torch::kCPU, torch::kInt64).contiguous();
  const torch::Tensor lc = losses.detach().to(torch::kCPU, torch::kFloat64).contiguous();
  auto ta = tc.accessor<int64_t, 1>();
  auto la = lc.accessor<double, 1>();
  auto ha = history_.accessor<double, 2>();
  auto ca = history_count_.accessor<int64_t, 1>();
  for (int64_t i = 0; i < tc.size(0); ++i) {
    const int64_t k = ta[i] - 1;
    ha[k][ca[k] % kHistoryPerTimestep] = la[i];  // a ring of the last 10 losses at this t
    ++ca[k];
  }
}

void Objective::set_history_state(const std::vector<torch::Tensor>& state) {
  TORCH_CHECK(state.size() == 2 && state[0].sizes() == history_.sizes() && state[1].sizes() == history_count_.sizes(),
              "loss-history state does not match T = ", timesteps_);
  history_ = state[0].to(torch::kCPU, torch::kFloat64).clone();
  history_count_ = state[1].to(torch::kCPU, torch::kInt64).clone();
}

}  // namespace difflab
