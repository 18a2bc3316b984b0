#include "process/variational_bound.h"

#include "process/parameterisation.h"

#include <torch/torch.h>

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace difflab {

namespace {

constexpr double kLog2 = 0.69314718055994530942;
constexpr double kLogTwoPi = 1.83787706640934548356;
constexpr double kSqrtHalf = 0.70710678118654752440;

// Φ(x) = ½ erfc(−x/√2): exact, and accurate in the lower tail (improved-diffusion uses a tanh approximation).
at::Tensor normal_cdf(const at::Tensor& x) { return 0.5 * torch::erfc(-x * kSqrtHalf); }

// Sum over all but the batch dimension: [B, ...] -> [B].
at::Tensor sum_per_sample(const at::Tensor& x) { return x.reshape({x.size(0), -1}).sum(1); }

[[noreturn]] void fail(const std::string& what) { throw std::invalid_argument("variational bound: " + what); }

}  // namespace

ReverseVariance parse_reverse_variance(const std::string& name) {
  if (name == "fixed-small") return ReverseVariance::PosteriorVariance;
  if (name == "fixed-large") return ReverseVariance::Beta;
  throw std::invalid_argument("unknown reverse variance '" + name + "' (expected fixed-small or fixed-large)");
}

std::string reverse_variance_name(ReverseVariance v) {
  return v == ReverseVariance::PosteriorVariance ? "fixed-small" : "fixed-large";
}

DecoderLikelihood parse_decoder_likelihood(const std::string& name) {
  if (name == "discretized-8bit") return DecoderLikelihood::Discretized8Bit;
  if (name == "gaussian") return DecoderLikelihood::Gaussian;
  throw std::invalid_argument("unknown decoder likelihood '" + name + "' (expected discretized-8bit or gaussian)");
}

std::string decoder_likelihood_name(DecoderLikelihood d) {
  return d == DecoderLikelihood::Discretized8Bit ? "discretized-8bit" : "gaussian";
}

// KL between diagonal Gaussians: ½ (−1 + log σ₂² − log σ₁² + σ₁²/σ₂² + (μ₁ − μ₂)²/σ₂²).
at::Tensor normal_kl(const at::Tensor& mean1, const at::Tensor& logvar1, const at::Tensor& mean2,
                     const at::Tensor& logvar2) {
  return 0.5 *
         (-1.0 + logvar2 - logvar1 + torch::exp(logvar1 - logvar2) + (mean1 - mean2).pow(2) * torch::exp(-logvar2));
}

// Ho et al. 2020, eq. 13: the Gaussian mass of x's bin of width (hi − lo)/255, the edge bins open to ±∞.
at::Tensor discretized_gaussian_log_likelihood(const at::Tensor& x, const at::Tensor& mean, const at::Tensor& log_scale,
                                               double lo, double hi) {
  const double half_bin = (hi - lo) / 510.0;  // 1/255 on [−1, 1]
  const at::Tensor centered = x - mean;
  const at::Tensor inv_std = torch::exp(-log_scale);
  const at::Tensor plus_in = inv_std * (centered + half_bin);
  const at::Tensor min_in = inv_std * (centered - half_bin);
  const at::Tensor log_cdf_plus = torch::log(normal_cdf(plus_in).clamp_min(1e-12));
  // 1 − Φ(a) = Φ(−a), without cancellation.
  const at::Tensor log_one_minus_cdf_min = torch::log(normal_cdf(-min_in).clamp_min(1e-12));
  // Φ(b) − Φ(a), taken on the side of the mean where both values are small (no cancellation near 1).
  const at::Tensor delta =
      torch::where(min_in > 0, normal_cdf(-min_in) - normal_cdf(-plus_in), normal_cdf(plus_in) - normal_cdf(min_in));
  const at::Tensor log_delta = torch::log(delta.clamp_min(1e-12));
  const double edge = 0.0005 * (hi - lo);  // −0.999 and 0.999 on [−1, 1]
  return torch::where(x < lo + edge, log_cdf_plus, torch::where(x > hi - edge, log_one_minus_cdf_min, log_delta));
}

at::Tensor gaussian_log_likelihood(const at::Tensor& x, const at::Tensor& mean, const at::Tensor& log_scale) {
  const at::Tensor z = (x - mean) * torch::exp(-log_scale);
  return -0.5 * (kLogTwoPi + z * z) - log_scale;
}

at::Tensor prior_term(const ForwardProcess& process, const at::Tensor& x0) {
  const int64_t T = process.timesteps();
  const double ab = process.schedule().alpha_bar(T);
  const at::Tensor mean = std::sqrt(ab) * x0;
  // KL(N(√ᾱ_T x₀, 1 − ᾱ_T) ‖ N(0, 1)); at ᾱ_T = 0 the log-variance is 0 and the KL is exactly 0.
  const at::Tensor logvar = torch::full_like(x0, std::log1p(-ab));
  return sum_per_sample(normal_kl(mean, logvar, torch::zeros_like(x0), torch::zeros_like(x0)));
}

at::Tensor vlb_term(const ForwardProcess& process, const at::Tensor& x0, const at::Tensor& x_t, int64_t t,
                    const at::Tensor& eps_hat, const VariationalBoundOptions& options) {
  const int64_t T = process.timesteps();
  if (t < 1 || t > T) fail("timestep t = " + std::to_string(t) + " outside [1, " + std::to_string(T) + "]");
  if (x0.dim() < 1 || x_t.sizes() != x0.sizes() || eps_hat.sizes() != x0.sizes())
    fail("x0 " + c10::str(x0.sizes()) + ", x_t " + c10::str(x_t.sizes()) + " and eps_hat " + c10::str(eps_hat.sizes()) +
         " must have the same shape [B, ...]");
  const NoiseSchedule& s = process.schedule();
  const double ab = s.alpha_bar(t);
  if (!(ab > 0.0))
    fail("alpha_bar_" + std::to_string(t) + " = 0 (zero terminal SNR): eps_hat carries no information about x0 there");
  const at::Tensor alpha = torch::scalar_tensor(std::sqrt(ab), x_t.options());
  const at::Tensor sigma = torch::scalar_tensor(std::sqrt(1.0 - ab), x_t.options());
  at::Tensor x0_hat = x0_from_eps(x_t, eps_hat, alpha, sigma);
  if (options.clip_denoised) x0_hat = x0_hat.clamp(options.data_min, options.data_max);

  // p_θ(x_{t−1} | x_t) = N(μ̃_t(x_t, x̂₀), σ_t²) (Ho et al. 2020, eq. 7 and §3.2).
  const PosteriorCoefficients c = process.posterior_coefficients(t, x_t);
  const at::Tensor model_mean = c.coef_x0 * x0_hat + c.coef_xt * x_t;
  const at::Tensor model_logvar = options.variance == ReverseVariance::PosteriorVariance
                                      ? c.log_variance_clipped
                                      : torch::scalar_tensor(std::log(s.beta(t)), x_t.options());
  if (t == 1) {
    at::Tensor log_lik;
    if (options.decoder == DecoderLikelihood::Discretized8Bit) {
      const double lo = x0.min().item<double>(), hi = x0.max().item<double>();
      const double span = options.data_max - options.data_min;
      if (lo < options.data_min - 1e-6 * span || hi > options.data_max + 1e-6 * span) {
        char range[96];
        std::snprintf(range, sizeof range, "[%g, %g]", options.data_min, options.data_max);
        fail("the 8-bit decoder needs x0 scaled to " + std::string(range) + ", got values in [" + std::to_string(lo) +
             ", " + std::to_string(hi) + "]");
      }
      log_lik =
          discretized_gaussian_log_likelihood(x0, model_mean, 0.5 * model_logvar, options.data_min, options.data_max);
    } else {
      log_lik = gaussian_log_likelihood(x0, model_mean, 0.5 * model_logvar);
    }
    return -sum_per_sample(log_lik);
  }
  // q(x_{t−1} | x_t, x₀); for t >= 2 the clipped log-variance is log β̃_t itself.
  const at::Tensor true_mean = c.coef_x0 * x0 + c.coef_xt * x_t;
  return sum_per_sample(normal_kl(true_mean, c.log_variance_clipped, model_mean, model_logvar));
}

VariationalBound variational_bound(const ForwardProcess& process, const at::Tensor& x0, const EpsPredictor& eps,
                                   const VariationalBoundOptions& options, const std::function<void(double)>& progress,
                                   StopToken stop) {
  if (!x0.defined() || x0.dim() < 1 || x0.size(0) < 1) fail("x0 must be a non-empty batch [B, ...]");
  if (!at::isFloatingType(x0.scalar_type())) fail("x0 must be a floating-point tensor");
  if (!eps) fail("no eps predictor given");
  const int64_t T = process.timesteps();
  const int64_t B = x0.size(0);
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(options.seed);
  torch::NoGradGuard no_grad;

  VariationalBound out;
  out.terms = torch::zeros({B, T}, torch::kFloat64);
  out.prior = prior_term(process, x0).to(torch::kCPU, torch::kFloat64);
  // improved-diffusion's calc_bpd_loop order: t = T down to 1.
  for (int64_t t = T; t >= 1; --t) {
    if (stop.stop_requested()) throw Cancelled();
    const at::Tensor noise =
        torch::randn(x0.sizes(), gen, torch::TensorOptions().dtype(x0.scalar_type())).to(x0.device());
    const at::Tensor x_t = process.q_sample(x0, t, noise);
    const at::Tensor t_tensor = torch::full({B}, static_cast<double>(t), x0.options());
    const at::Tensor eps_hat = eps(x_t, t_tensor);
    if (!eps_hat.defined() || eps_hat.sizes() != x0.sizes())
      fail("the eps predictor returned shape " +
           (eps_hat.defined() ? c10::str(eps_hat.sizes()) : std::string("(none)")) + " for x_t of shape " +
           c10::str(x0.sizes()) + " at t = " + std::to_string(t));
    out.terms.select(1, t - 1).copy_(
        vlb_term(process, x0, x_t, t, eps_hat.to(x0.scalar_type()), options).to(torch::kCPU, torch::kFloat64));
    if (progress) progress(static_cast<double>(T - t + 1) / static_cast<double>(T));
  }
  out.total = out.prior + out.terms.sum(1);
  const double dims = static_cast<double>(x0.numel() / B);
  out.bits_per_dim = out.total / (dims * kLog2);
  return out;
}

}  // namespace difflab
