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

torch::Tensor bits_per_dim_8bit(const torch::Tensor& log_prob_nats, int64_t dims, double range) {
  return -log_prob_nats / (static_cast<double>(dims) * std::log(2.0)) + std::log2(256.0 / range);
}

torch::Tensor dequantize_uint8(const torch::Tensor& images_uint8, torch::Generator generator, double lo, double hi) {
  if (images_uint8.scalar_type() != torch::kUInt8) throw std::invalid_argument("dequantize_uint8 expects uint8 images");
  auto u = torch::rand(images_uint8.sizes(), generator, torch::dtype(torch::kFloat32));
  // ÷ 256 and × 2 are exact: on [−1, 1) this is (k + U) / 128 − 1 to the bit.
  return (images_uint8.to(torch::kFloat32) + u) / 256.0 * (hi - lo) + lo;
}

torch::Tensor bits_per_dim(const torch::Tensor& log_prob_nats, int64_t dims) {
  return -log_prob_nats / (static_cast<double>(dims) * std::log(2.0));
}

namespace {

// The velocity and its divergence estimates for one evaluation: v [B, ...] and div [P, B].
struct VelocityAndDivergence {
  torch::Tensor v, div;
};

// Hutchinson's estimate (Hutchinson 1989; FFJORD, Grathwohl et al. 2019, eq. 7) of tr(∂v/∂x) for each of P
// seeds: the mean over that seed's M probes z of `zJz(z)`, an estimate of zᵀ (∂v/∂x) z per sample [B]. Returns
// [P, B].
torch::Tensor hutchinson(const torch::Tensor& probes, const torch::Tensor& x,
                         const std::function<torch::Tensor(const torch::Tensor&)>& zJz) {
  std::vector<torch::Tensor> per_seed;
  for (int64_t k = 0; k < probes.size(0); ++k) {
    auto div = torch::zeros({x.size(0)}, x.options());
    for (int64_t m = 0; m < probes.size(1); ++m) div = div + zJz(probes[k][m]);
    per_seed.push_back(div / static_cast<double>(probes.size(1)));
  }
  return torch::stack(per_seed);
}

// Autograd: exact trace by one backward pass per dimension, or Hutchinson zᵀ (∂v/∂x) z per probe
// (probes [P, M, B, ...]: P seeds of M probes each).
torch::Tensor divergence_autograd(const torch::Tensor& v, const torch::Tensor& x, DivergenceMethod method,
                                  const torch::Tensor& probes) {
  const int64_t batch = x.size(0);
  if (method == DivergenceMethod::Exact) {
    const auto vf = v.reshape({batch, -1});
    auto div = torch::zeros({batch}, x.options());
    for (int64_t i = 0; i < vf.size(1); ++i) {
      auto g = torch::autograd::grad({vf.select(1, i).sum()}, {x}, {}, /*retain_graph=*/true)[0];
      div = div + g.reshape({batch, -1}).select(1, i);
    }
    return div.unsqueeze(0);
  }
  return hutchinson(probes, x, [&](const torch::Tensor& z) {
    const auto jtz = torch::autograd::grad({(v * z).sum()}, {x}, {}, /*retain_graph=*/true)[0];
    return (jtz * z).reshape({batch, -1}).sum(1);
  });
}

// Central differences of the velocity (denoisers that autograd cannot see through).
torch::Tensor divergence_finite_difference(const std::function<torch::Tensor(const torch::Tensor&)>& velocity,
                                           const torch::Tensor& x, DivergenceMethod method,
                                           const torch::Tensor& probes) {
  const int64_t batch = x.size(0);
  const double eps = x.scalar_type() == torch::kFloat64 ? 2.220446049250313e-16 : 1.1920929e-07;
  const auto h = (std::cbrt(eps) * x.detach().abs().flatten(1).amax(1).clamp_min(1.0));  // [B]
  std::vector<int64_t> hshape{batch};
  for (int64_t d = 1; d < x.dim(); ++d) hshape.push_back(1);
  const auto hb = h.reshape(hshape);
  if (method == DivergenceMethod::Exact) {
    const int64_t dims = x[0].numel();
    auto div = torch::zeros({batch}, x.options());
    for (int64_t i = 0; i < dims; ++i) {
      auto e = torch::zeros({1, dims}, x.options());
      e[0][i] = 1.0;
      const auto step = hb * e.reshape(x[0].sizes()).unsqueeze(0);
      const auto dv = (velocity(x + step) - velocity(x - step)).reshape({batch, -1}).select(1, i);
      div = div + dv / (2.0 * h);
    }
    return div.unsqueeze(0);
  }
  return hutchinson(probes, x, [&](const torch::Tensor& z) {
    const auto dv = velocity(x + hb * z) - velocity(x - hb * z);
    return (dv * z).reshape({batch, -1}).sum(1) / (2.0 * h);
  });
}

}  // namespace

OdeLikelihoodResult ode_log_likelihood(Denoiser& denoiser, const torch::Tensor& x, const torch::Tensor& y,
                                       const OdeLikelihoodOptions& o, const std::function<void(double)>& progress,
                                       StopToken stop) {
  if (!(o.u_start > 0.0 && o.u_start < 1.0))
    throw std::invalid_argument("likelihood u_start must lie in (0, 1), got " + std::to_string(o.u_start));
  const bool hutchinson = o.divergence != DivergenceMethod::Exact;
  if (hutchinson && o.probes < 1)
    throw std::invalid_argument("Hutchinson's estimator needs at least 1 probe, got " + std::to_string(o.probes));
  if (hutchinson && o.probe_seeds < 1)
    throw std::invalid_argument("the likelihood needs at least 1 probe seed, got " + std::to_string(o.probe_seeds));
  if (!x.defined() || x.dim() < 2 || !x.is_floating_point())
    throw std::invalid_argument("the likelihood needs a floating-point batch [B, ...]");
  const int64_t batch = x.size(0);
  const int64_t dims = x[0].numel();
  const int64_t seeds = hutchinson ? o.probe_seeds : 1;

  torch::Tensor probes;  // [P, M, B, ...]
  if (hutchinson) {
    std::vector<torch::Tensor> sets;
    for (int64_t k = 0; k < seeds; ++k) {
      auto gen = at::detail::createCPUGenerator(o.seed + static_cast<uint64_t>(k));
      std::vector<int64_t> shape{o.probes};
      for (auto s : x.sizes()) shape.push_back(s);
      auto z = torch::randn(shape, gen, x.options().device(torch::kCPU));
      if (o.divergence == DivergenceMethod::HutchinsonRademacher) z = z.sign();
      sets.push_back(z);
    }
    probes = torch::stack(sets).to(x.device());
  }

  // Can autograd see through the denoiser? (v = f (x − ε̂/σ) always depends on x through its first term, so
  // ask ε̂ itself, once.)
  bool differentiable = false;
  {
    torch::AutoGradMode grad_on(true);
    const double T = static_cast<double>(denoiser.schedule().timesteps());
    auto probe_x = x.detach().narrow(0, 0, 1).clone().requires_grad_(true);
    auto t = torch::full({1}, 0.5 * T, x.options());
    differentiable = denoiser.predict(probe_x, t, y.defined() ? y.narrow(0, 0, 1) : y).eps.requires_grad();
  }

  // The augmented state [x (flattened), Δlog p per seed] is one [B, D + P] tensor for the integrator.
  auto f = [&](double u, const torch::Tensor& state) {
    auto x_u = state.narrow(1, 0, dims).reshape(x.sizes());
    torch::Tensor v, div;
    if (differentiable) {
      torch::AutoGradMode grad_on(true);
      auto xs = x_u.detach().requires_grad_(true);
      v = pf_ode_velocity(denoiser, xs, u, y);
      div = divergence_autograd(v, xs, o.divergence, probes);
    } else {
      torch::NoGradGuard no_grad;
      v = pf_ode_velocity(denoiser, x_u, u, y);
    }
    if (!div.defined()) {
      torch::NoGradGuard no_grad;
      auto velocity = [&](const torch::Tensor& xp) { return pf_ode_velocity(denoiser, xp, u, y); };
      div = divergence_finite_difference(velocity, x_u.detach(), o.divergence, probes);
    }
    return torch::cat({v.detach().reshape({batch, dims}), div.detach().t()}, 1);
  };
  auto state0 = torch::cat({x.detach().reshape({batch, dims}), torch::zeros({batch, seeds}, x.options())}, 1);
  DormandPrinceOptions dp;
  dp.rtol = o.rtol;
  dp.atol = o.atol;
  auto sol = integrate_dormand_prince(f, state0, o.u_start, 1.0, dp, progress, stop);

  OdeLikelihoodResult r;
  r.latent = sol.y.narrow(1, 0, dims).reshape(x.sizes());
  const auto delta = sol.y.narrow(1, dims, seeds).t();  // [P, B]
  r.prior_log_prob = o.prior_log_prob ? o.prior_log_prob(r.latent) : standard_normal_log_prob(r.latent);
  r.prior_log_prob = r.prior_log_prob.to(delta.options());
  r.log_prob_per_seed = r.prior_log_prob.unsqueeze(0) + delta;
  r.delta_log_prob = delta.mean(0);
  r.log_prob = r.log_prob_per_seed.mean(0);
  r.nfe = sol.nfe;
  return r;
}

}  // namespace difflab
