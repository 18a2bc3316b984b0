#include "ode/ode_likelihood.h"

#include "model/denoiser.h"
#include "ode/dormand_prince.h"
#include "ode/probability_flow.h"

#include <cmath>
#include <stdexcept>

namespace difflab {

torch::Tensor standard_normal_log_prob(const torch::Tensor& x) {
  const double d = static_cast<double>(x[0].numel());
  return -0.5 * x.flatten(1).pow(2).sum(1) - 0.5 * d * std::log(2.0 * M_PI);
}

torch::Tensor bits_per_dim_8bit(const torch::Tensor& log_prob_nats, int64_t dims) {
  return -log_prob_nats / (static_cast<double>(dims) * std::log(2.0)) + 7.0;
}

torch::Tensor dequantize_uint8(const torch::Tensor& images_uint8, torch::Generator generator) {
  if (images_uint8.scalar_type() != torch::kUInt8)
    throw std::invalid_argument("dequantize_uint8 expects uint8 images");
  auto u = torch::rand(images_uint8.sizes(), generator, torch::dtype(torch::kFloat32));
  return (images_uint8.to(torch::kFloat32) + u) / 128.0 - 1.0;
}

namespace {

// ∇·v for a batch: exact (one backward pass per dimension) or Hutchinson with the given probes [P, B, ...].
torch::Tensor divergence(const torch::Tensor& v, const torch::Tensor& x, DivergenceMethod method,
                         const torch::Tensor& probes) {
  const int64_t batch = x.size(0);
  if (method == DivergenceMethod::Exact) {
    const auto vf = v.reshape({batch, -1});
    auto div = torch::zeros({batch}, x.options());
    for (int64_t i = 0; i < vf.size(1); ++i) {
      auto g = torch::autograd::grad({vf.select(1, i).sum()}, {x}, {}, /*retain_graph=*/true)[0];
      div = div + g.reshape({batch, -1}).select(1, i);
    }
    return div;
  }
  auto div = torch::zeros({batch}, x.options());
  for (int64_t p = 0; p < probes.size(0); ++p) {
    const auto z = probes[p];
    auto jtz = torch::autograd::grad({(v * z).sum()}, {x}, {}, /*retain_graph=*/true)[0];
    div = div + (jtz * z).reshape({batch, -1}).sum(1);
  }
  return div / static_cast<double>(probes.size(0));
}

}  // namespace

OdeLikelihoodResult ode_log_likelihood(Denoiser& denoiser, const torch::Tensor& x, const torch::Tensor& y,
                                       const OdeLikelihoodOptions& o,
                                       const std::function<void(double)>& progress,
                                       const std::atomic<bool>* stop) {
  if (!(o.u_start > 0.0 && o.u_start < 1.0))
    throw std::invalid_argument("likelihood u_start must lie in (0, 1), got " + std::to_string(o.u_start));
  if (o.divergence != DivergenceMethod::Exact && o.probes < 1)
    throw std::invalid_argument("Hutchinson's estimator needs at least 1 probe, got " + std::to_string(o.probes));
  const int64_t batch = x.size(0);
  const int64_t dims = x[0].numel();

  torch::Tensor probes;
  if (o.divergence != DivergenceMethod::Exact) {
    auto gen = at::detail::createCPUGenerator(o.seed);
    std::vector<int64_t> shape{o.probes};
    for (auto s : x.sizes()) shape.push_back(s);
    probes = torch::randn(shape, gen, x.options().device(torch::kCPU));
    if (o.divergence == DivergenceMethod::HutchinsonRademacher) probes = probes.sign();
    probes = probes.to(x.device());
  }

  // The augmented state [x (flattened), Δlog p] is one [B, D + 1] tensor for the integrator.
  auto f = [&](double u, const torch::Tensor& state) {
    torch::AutoGradMode grad_on(true);
    auto xs = state.narrow(1, 0, dims).reshape(x.sizes()).detach().requires_grad_(true);
    auto v = pf_ode_velocity(denoiser, xs, u, y);
    auto div = divergence(v, xs, o.divergence, probes);
    return torch::cat({v.detach().reshape({batch, dims}), div.detach().unsqueeze(1)}, 1);
  };
  auto state0 = torch::cat({x.detach().reshape({batch, dims}), torch::zeros({batch, 1}, x.options())}, 1);
  DormandPrinceOptions dp;
  dp.rtol = o.rtol;
  dp.atol = o.atol;
  auto sol = integrate_dormand_prince(f, state0, o.u_start, 1.0, dp, progress, stop);

  OdeLikelihoodResult r;
  r.latent = sol.y.narrow(1, 0, dims).reshape(x.sizes());
  r.delta_log_prob = sol.y.select(1, dims);
  r.prior_log_prob = o.prior_log_prob ? o.prior_log_prob(r.latent) : standard_normal_log_prob(r.latent);
  r.log_prob = r.prior_log_prob + r.delta_log_prob;
  r.nfe = sol.nfe;
  return r;
}

}  // namespace difflab
