#include "process/forward_process.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace difflab {

at::Tensor broadcast_coefficient(const at::Tensor& values, int64_t ndim) {
  if (values.dim() != 1)
    throw std::invalid_argument("broadcast_coefficient: values must be 1-D [B], got " + std::to_string(values.dim()) +
                                " dimensions");
  if (ndim < 1)
    throw std::invalid_argument("broadcast_coefficient: ndim must be at least 1, got " + std::to_string(ndim));
  std::vector<int64_t> shape(static_cast<size_t>(ndim), 1);
  shape[0] = values.size(0);
  return values.reshape(shape);
}

at::Tensor broadcast_coefficient(const at::Tensor& values, const at::Tensor& like) {
  if (like.dim() < 1 || (values.dim() == 1 && like.size(0) != values.size(0)))
    throw std::invalid_argument("broadcast_coefficient: " + std::to_string(values.numel()) +
                                " coefficients for a batch of shape " + c10::str(like.sizes()));
  return broadcast_coefficient(values, like.dim()).to(like.device(), like.scalar_type());
}

namespace {
at::Tensor table(const std::vector<double>& v) { return torch::tensor(v, torch::kFloat64); }
}  // namespace

ForwardProcess::ForwardProcess(NoiseSchedule schedule) : schedule_(std::move(schedule)) {
  const int64_t T = schedule_.timesteps();
  std::vector<double> beta(T + 1, 0.0), ab(T + 1, 1.0), cx0(T + 1, 0.0), cxt(T + 1, 0.0), var(T + 1, 0.0),
      logvar(T + 1, 0.0);
  for (int64_t t = 1; t <= T; ++t) {
    beta[t] = schedule_.beta(t);
    ab[t] = schedule_.alpha_bar(t);
    // Ho et al. 2020, eq. 7. 1 − ᾱ_t > 0 for every t >= 1 because β_1 > 0.
    const double one_minus_ab = 1.0 - ab[t];
    cx0[t] = std::sqrt(schedule_.alpha_bar(t - 1)) * beta[t] / one_minus_ab;
    cxt[t] = std::sqrt(1.0 - beta[t]) * (1.0 - schedule_.alpha_bar(t - 1)) / one_minus_ab;
    var[t] = schedule_.posterior_variance(t);
  }
  // improved-diffusion gaussian_diffusion.py: log(append(posterior_variance[1], posterior_variance[1:])), the
  // t = 1 variance (0) replaced by the t = 2 one. With T = 1 there is no t = 2: use β_1.
  for (int64_t t = 1; t <= T; ++t) {
    const double v = t == 1 ? (T >= 2 ? var[2] : beta[1]) : var[t];
    logvar[t] = std::log(v);
  }
  beta_ = table(beta);
  alpha_bar_ = table(ab);
  post_coef_x0_ = table(cx0);
  post_coef_xt_ = table(cxt);
  post_variance_ = table(var);
  post_log_var_ = table(logvar);
}

void ForwardProcess::check_t(int64_t t, int64_t lowest) const {
  if (t < lowest || t > timesteps())
    throw std::out_of_range("timestep t = " + std::to_string(t) + " outside [" + std::to_string(lowest) + ", " +
                            std::to_string(timesteps()) + "]");
}

at::Tensor ForwardProcess::gather(const at::Tensor& tab, const at::Tensor& t, int64_t lowest) const {
  if (!t.defined() || t.dim() != 1)
    throw std::invalid_argument("timesteps must be an int64 tensor of shape [B]" +
                                (t.defined() ? ", got shape " + c10::str(t.sizes()) : std::string(", got none")));
  if (at::isFloatingType(t.scalar_type()) || t.scalar_type() == at::kBool)
    throw std::invalid_argument("timesteps must be integer (int64) tensors, got " +
                                std::string(c10::toString(t.scalar_type())));
  const at::Tensor idx = t.to(torch::kCPU, torch::kInt64);
  if (idx.numel() > 0) {
    check_t(idx.min().item<int64_t>(), lowest);
    check_t(idx.max().item<int64_t>(), lowest);
  }
  return tab.index_select(0, idx).to(t.device());
}

at::Tensor ForwardProcess::scalar(double value, const at::Tensor& like) const {
  return torch::scalar_tensor(value, torch::TensorOptions().dtype(like.scalar_type()).device(like.device()));
}

at::Tensor ForwardProcess::beta(const at::Tensor& t) const { return gather(beta_, t, 1); }
at::Tensor ForwardProcess::alpha_bar(const at::Tensor& t) const { return gather(alpha_bar_, t, 0); }
at::Tensor ForwardProcess::sqrt_alpha_bar(const at::Tensor& t) const { return alpha_bar(t).sqrt(); }
at::Tensor ForwardProcess::sqrt_one_minus_alpha_bar(const at::Tensor& t) const { return (1.0 - alpha_bar(t)).sqrt(); }

// Ho et al. 2020, eq. 4.
at::Tensor ForwardProcess::q_sample(const at::Tensor& x0, const at::Tensor& t, const at::Tensor& eps) const {
  const at::Tensor ab = broadcast_coefficient(alpha_bar(t), x0);
  return ab.sqrt() * x0 + (1.0 - ab).sqrt() * eps;
}

at::Tensor ForwardProcess::q_sample(const at::Tensor& x0, int64_t t, const at::Tensor& eps) const {
  check_t(t, 0);
  const double ab = schedule_.alpha_bar(t);
  return scalar(std::sqrt(ab), x0) * x0 + scalar(std::sqrt(1.0 - ab), x0) * eps;
}

// Ho et al. 2020, eq. 2.
at::Tensor ForwardProcess::markov_step(const at::Tensor& x_prev, const at::Tensor& t, const at::Tensor& eps) const {
  const at::Tensor b = broadcast_coefficient(beta(t), x_prev);
  return (1.0 - b).sqrt() * x_prev + b.sqrt() * eps;
}

at::Tensor ForwardProcess::markov_step(const at::Tensor& x_prev, int64_t t, const at::Tensor& eps) const {
  check_t(t, 1);
  const double b = schedule_.beta(t);
  return scalar(std::sqrt(1.0 - b), x_prev) * x_prev + scalar(std::sqrt(b), x_prev) * eps;
}

PosteriorCoefficients ForwardProcess::posterior_coefficients(const at::Tensor& t, const at::Tensor& like) const {
  return {broadcast_coefficient(gather(post_coef_x0_, t, 1), like),
          broadcast_coefficient(gather(post_coef_xt_, t, 1), like),
          broadcast_coefficient(gather(post_variance_, t, 1), like),
          broadcast_coefficient(gather(post_log_var_, t, 1), like)};
}

PosteriorCoefficients ForwardProcess::posterior_coefficients(int64_t t, const at::Tensor& like) const {
  check_t(t, 1);
  auto at_t = [&](const at::Tensor& tab) { return scalar(tab[t].item<double>(), like); };
  return {at_t(post_coef_x0_), at_t(post_coef_xt_), at_t(post_variance_), at_t(post_log_var_)};
}

// Ho et al. 2020, eq. 6–7.
PosteriorMoments ForwardProcess::posterior(const at::Tensor& x0, const at::Tensor& x_t, const at::Tensor& t) const {
  const PosteriorCoefficients c = posterior_coefficients(t, x_t);
  return {c.coef_x0 * x0 + c.coef_xt * x_t, c.variance, c.log_variance_clipped};
}

PosteriorMoments ForwardProcess::posterior(const at::Tensor& x0, const at::Tensor& x_t, int64_t t) const {
  const PosteriorCoefficients c = posterior_coefficients(t, x_t);
  return {c.coef_x0 * x0 + c.coef_xt * x_t, c.variance, c.log_variance_clipped};
}

}  // namespace difflab
