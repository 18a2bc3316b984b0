#include "model/rescheduled_denoiser.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace difflab {

RescheduledDenoiser::RescheduledDenoiser(std::shared_ptr<Denoiser> inner, NoiseSchedule schedule)
    : Denoiser(std::move(schedule)), inner_(std::move(inner)) {
  if (!inner_) throw std::invalid_argument("RescheduledDenoiser: no model to reschedule");
  lambda_min_inner_ = inner_->schedule().lambda_cont(1.0);
}

std::pair<double, bool> RescheduledDenoiser::inner_time(double t) const {
  const double T = static_cast<double>(schedule_.timesteps());
  const double T_inner = static_cast<double>(inner_->schedule().timesteps());
  if (t <= 0) return {0.0, false};
  const double lambda = schedule_.lambda_cont(std::min(t / T, 1.0));
  if (lambda <= lambda_min_inner_) return {T_inner, lambda < lambda_min_inner_};
  return {inner_->schedule().u_from_lambda(lambda) * T_inner, false};
}

DenoiserOutput RescheduledDenoiser::predict(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& y) {
  const torch::Tensor tc = t.to(torch::kCPU, torch::kFloat64).contiguous();
  const int64_t B = tc.size(0);
  torch::Tensor inner_t = torch::empty({B}, torch::kFloat64);
  std::vector<int64_t> beyond;
  const auto* ts = tc.data_ptr<double>();
  auto* out = inner_t.data_ptr<double>();
  for (int64_t i = 0; i < B; ++i) {
    const auto [ti, clamped] = inner_time(ts[i]);
    out[i] = ti;
    if (clamped) beyond.push_back(i);
  }
  DenoiserOutput o = inner_->predict(x_t, inner_t.to(t.device(), t.scalar_type()), y);
  if (beyond.empty()) return o;
  // Beyond the model's noisiest level: keep x̂₀, make ε̂ consistent with this schedule's α and σ.
  const auto [alpha, sigma] = alpha_sigma(t);
  const torch::Tensor index = torch::tensor(beyond, torch::kLong).to(x_t.device());
  std::vector<int64_t> shape(static_cast<size_t>(x_t.dim()), 1);
  shape[0] = static_cast<int64_t>(beyond.size());
  const torch::Tensor a = alpha.index_select(0, index.cpu()).view(shape).to(x_t.device(), x_t.scalar_type());
  const torch::Tensor s = sigma.index_select(0, index.cpu()).view(shape).to(x_t.device(), x_t.scalar_type());
  const torch::Tensor x = x_t.index_select(0, index), x0 = o.x0.index_select(0, index);
  o.eps = o.eps.index_copy(0, index, (x - a * x0) / s);
  return o;
}

std::string RescheduledDenoiser::description() const {
  std::string family = schedule_.options() ? schedule_family_name(schedule_.options()->family) : "table";
  return inner_->description() + "; sampled along another schedule (" + family +
         ", T = " + std::to_string(schedule_.timesteps()) + ") by matching log-SNR";
}

}  // namespace difflab
