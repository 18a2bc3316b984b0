#include "ode/likelihood_report.h"

#include "model/gaussian_mixture_denoiser.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace difflab {

LikelihoodReport likelihood_report(Denoiser& denoiser, const at::Tensor& x, const at::Tensor& y,
                                   const LikelihoodReportOptions& options, const std::function<void(double)>& progress,
                                   StopToken stop) {
  if (!x.defined() || x.dim() < 2 || x.size(0) < 1)
    throw std::invalid_argument("the likelihood needs a batch [B, ...] with B >= 1");
  LikelihoodReport r;
  r.eight_bit = x.scalar_type() == torch::kUInt8;
  r.dims = x[0].numel();
  // 8-bit images in the model's scale: [−1, 1), or [0, 1) for an imported x / 255 model.
  const DataScale scale = denoiser.data_scale().is_images() ? denoiser.data_scale() : DataScale::images();
  const double lo = scale.model_min(), hi = scale.model_max();
  torch::Tensor data;
  if (r.eight_bit)
    data = dequantize_uint8(x, at::detail::createCPUGenerator(options.dequantization_seed), lo, hi).to(torch::kFloat64);
  else if (x.is_floating_point())
    data = x.to(torch::kFloat64);
  else
    throw std::invalid_argument("the likelihood needs uint8 images or floating-point data, got another dtype");

  OdeLikelihoodOptions o = options.ode;
  const auto& s = denoiser.schedule();
  const int64_t T = s.timesteps();
  auto* mixture = dynamic_cast<GaussianMixtureDenoiser*>(&denoiser);
  char buf[160];
  if (mixture && options.exact_prior) {
    o.prior_log_prob = [mixture, T, y](const torch::Tensor& z) {
      return mixture->log_density(z, torch::full({z.size(0)}, static_cast<double>(T), torch::kFloat64), y);
    };
    std::snprintf(buf, sizeof buf, "exact noised mixture p_T (alpha_bar_T = %.3g)", s.alpha_bar(T));
  } else {
    std::snprintf(buf, sizeof buf, "N(0, I) (alpha_bar_T = %.3g)", s.alpha_bar(T));
  }
  r.prior = buf;

  const auto res = ode_log_likelihood(denoiser, data, y, o, progress, stop);
  r.nfe = res.nfe;
  r.log_prob_per_seed = res.log_prob_per_seed.to(torch::kFloat64).cpu();
  r.log_prob = r.log_prob_per_seed.mean(0);
  auto bpd = [&](const torch::Tensor& lp) {
    return r.eight_bit ? bits_per_dim_8bit(lp, r.dims, hi - lo) : bits_per_dim(lp, r.dims);
  };
  r.bits_per_dim = bpd(r.log_prob);
  const auto seed_means = r.log_prob_per_seed.mean(1);  // [P]
  r.mean_nats = seed_means.mean().item<double>();
  r.mean_bits_per_dim = bpd(seed_means).mean().item<double>();
  if (seed_means.size(0) > 1) {
    r.seed_std_nats = seed_means.std().item<double>();
    r.seed_std_bits_per_dim = bpd(seed_means).std().item<double>();
  }
  if (mixture && !r.eight_bit) {
    const torch::Tensor exact = mixture->log_density(data, torch::zeros({data.size(0)}, torch::kFloat64), y);
    r.has_exact = true;
    r.exact_nats = exact.mean().item<double>();
    r.exact_mean_abs_error = (r.log_prob - exact).abs().mean().item<double>();
  }
  return r;
}

}  // namespace difflab
