"""Reference values for the forward process and the variational bound (core/process).

The bound's formulas follow improved-diffusion (openai/improved-diffusion, improved_diffusion/losses.py and
gaussian_diffusion.py: normal_kl, discretized_gaussian_log_likelihood, q_posterior_mean_variance,
_vb_terms_bpd, _prior_bpd), re-implemented here in float64 with torch only, with two deliberate changes that
the C++ code shares:
  * the normal CDF is exact, Φ(x) = ½ erfc(−x/√2), instead of improved-diffusion's tanh approximation
    (approx_standard_normal_cdf, off by up to ~2e-4 in Φ);
  * 1 − Φ(a) is computed as Φ(−a), and the bin mass Φ(b) − Φ(a) on the side of the mean where both values
    are small, so the upper bins do not cancel.
Terms are in nats per sample (summed over dimensions; improved-diffusion reports means in bits).
Timesteps are the paper's t = 1..T (improved-diffusion's index t − 1). The reverse variance is "fixed-small"
(β̃_t; the clipped log-variance log β̃_2 at t = 1) or "fixed-large" (β_t, Ho et al. 2020 §3.2; improved-
diffusion would use β̃_2 at t = 1 instead of β_1).

Deterministic set-up, reproduced by tests/core/test_process.cpp:
  schedule   linear, T = 20, β from 1e-3 to 0.3 (torch.linspace, float64)
  x₀         [3, 2, 3]: element k (flat index) = ((37 k + 11) mod 256) / 127.5 − 1, with k = 0 -> 0 mapped to −1
             and the last element set to +1 (both edge bins are exercised)
  noise      ε_t[k] = 1.2 sin(1.7 k + 0.37 t + 0.3)  (k flat index over the whole batch)
  model      ε̂(x_t, t) = 0.8 ε_t + 0.2 sin(3 x_t + 0.1 t)

Re-run from the repository root:  /usr/bin/python3 tests/reference/process_reference.py
Writes tests/data/process/process_reference.json.
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)


def normal_kl(mean1, logvar1, mean2, logvar2):
    # improved-diffusion losses.normal_kl
    return 0.5 * (-1.0 + logvar2 - logvar1 + torch.exp(logvar1 - logvar2)
                  + ((mean1 - mean2) ** 2) * torch.exp(-logvar2))


def normal_cdf(x):
    return 0.5 * torch.erfc(-x / math.sqrt(2.0))


def discretized_gaussian_log_likelihood(x, means, log_scales):
    # improved-diffusion losses.discretized_gaussian_log_likelihood (exact Φ, cancellation-free differences)
    centered_x = x - means
    inv_stdv = torch.exp(-log_scales)
    plus_in = inv_stdv * (centered_x + 1.0 / 255.0)
    min_in = inv_stdv * (centered_x - 1.0 / 255.0)
    log_cdf_plus = torch.log(normal_cdf(plus_in).clamp(min=1e-12))
    log_one_minus_cdf_min = torch.log(normal_cdf(-min_in).clamp(min=1e-12))
    cdf_delta = torch.where(min_in > 0, normal_cdf(-min_in) - normal_cdf(-plus_in),
                            normal_cdf(plus_in) - normal_cdf(min_in))
    return torch.where(x < -0.999, log_cdf_plus,
                       torch.where(x > 0.999, log_one_minus_cdf_min, torch.log(cdf_delta.clamp(min=1e-12))))


def gaussian_log_likelihood(x, means, log_scales):
    z = (x - means) * torch.exp(-log_scales)
    return -0.5 * (math.log(2 * math.pi) + z * z) - log_scales


class Diffusion:
    def __init__(self, betas):
        self.T = len(betas)
        # Index by the paper's t (entry 0: t = 0).
        self.betas = torch.cat([torch.zeros(1), betas])
        self.alpha_bar = torch.cumprod(1.0 - self.betas, dim=0)
        ab, ab_prev = self.alpha_bar[1:], self.alpha_bar[:-1]
        b = self.betas[1:]
        zero = torch.zeros(1)
        # improved-diffusion GaussianDiffusion.__init__ (Ho et al. 2020, eq. 7)
        self.post_var = torch.cat([zero, b * (1.0 - ab_prev) / (1.0 - ab)])
        self.post_coef_x0 = torch.cat([zero, b * ab_prev.sqrt() / (1.0 - ab)])
        self.post_coef_xt = torch.cat([zero, (1.0 - ab_prev) * (1.0 - b).sqrt() / (1.0 - ab)])
        clipped = torch.cat([self.post_var[2:3] if self.T >= 2 else b[0:1], self.post_var[2:]])
        self.post_log_var_clipped = torch.cat([zero, clipped.log()])

    def q_sample(self, x0, t, eps):
        return self.alpha_bar[t].sqrt() * x0 + (1.0 - self.alpha_bar[t]).sqrt() * eps

    def prior(self, x0):
        ab = self.alpha_bar[self.T]
        kl = normal_kl(ab.sqrt() * x0, torch.log1p(-ab) * torch.ones_like(x0), torch.zeros_like(x0),
                       torch.zeros_like(x0))
        return kl.reshape(x0.shape[0], -1).sum(1)

    def term(self, x0, x_t, t, eps_hat, variance, decoder, clip):
        ab = self.alpha_bar[t]
        x0_hat = (x_t - (1.0 - ab).sqrt() * eps_hat) / ab.sqrt()
        if clip:
            x0_hat = x0_hat.clamp(-1, 1)
        model_mean = self.post_coef_x0[t] * x0_hat + self.post_coef_xt[t] * x_t
        model_logvar = self.post_log_var_clipped[t] if variance == "fixed-small" else self.betas[t].log()
        if t == 1:
            if decoder == "discretized-8bit":
                ll = discretized_gaussian_log_likelihood(x0, model_mean, 0.5 * model_logvar)
            else:
                ll = gaussian_log_likelihood(x0, model_mean, 0.5 * model_logvar)
            return -ll.reshape(x0.shape[0], -1).sum(1)
        true_mean = self.post_coef_x0[t] * x0 + self.post_coef_xt[t] * x_t
        kl = normal_kl(true_mean, self.post_log_var_clipped[t], model_mean, model_logvar)
        return kl.reshape(x0.shape[0], -1).sum(1)


def deterministic_x0():
    k = torch.arange(18, dtype=torch.float64)
    x0 = ((37 * k + 11) % 256) / 127.5 - 1.0
    x0[0] = -1.0
    x0[-1] = 1.0
    return x0.reshape(3, 2, 3)


def noise(t, shape):
    k = torch.arange(math.prod(shape), dtype=torch.float64)
    return (1.2 * torch.sin(1.7 * k + 0.37 * t + 0.3)).reshape(shape)


def main():
    T = 20
    d = Diffusion(torch.linspace(1e-3, 0.3, T, dtype=torch.float64))
    x0 = deterministic_x0()
    out = {"schedule": {"family": "linear", "timesteps": T, "beta_start": 1e-3, "beta_end": 0.3},
           "x0": x0.flatten().tolist(), "x0_shape": list(x0.shape),
           "prior": d.prior(x0).tolist(),
           "posterior": {"coef_x0": d.post_coef_x0[1:].tolist(), "coef_xt": d.post_coef_xt[1:].tolist(),
                         "variance": d.post_var[1:].tolist(),
                         "log_variance_clipped": d.post_log_var_clipped[1:].tolist()},
           "terms": []}
    for variance in ("fixed-small", "fixed-large"):
        for decoder in ("discretized-8bit", "gaussian"):
            for clip in (False, True):
                rows = []
                for t in range(1, T + 1):
                    eps = noise(t, x0.shape)
                    x_t = d.q_sample(x0, t, eps)
                    eps_hat = 0.8 * eps + 0.2 * torch.sin(3 * x_t + 0.1 * t)
                    rows.append(d.term(x0, x_t, t, eps_hat, variance, decoder, clip).tolist())
                out["terms"].append({"variance": variance, "decoder": decoder, "clip_denoised": clip,
                                     "per_t": rows})  # per_t[t - 1][b], nats
    # Elementwise functions on a grid, including both edge bins and far tails.
    xs = torch.tensor([-1.0, -1.0 + 2 / 255, -0.5019607843137255, 0.0039215686274509665, 0.7, 1.0 - 2 / 255, 1.0])
    ms = torch.tensor([-0.98, 0.3, -0.5, 0.9, -0.9, 0.99, 0.2])
    ls = torch.tensor([-3.0, -1.0, -6.0, -2.0, -4.0, -5.0, 0.5])
    out["elementwise"] = {
        "x": xs.tolist(), "mean": ms.tolist(), "log_scale": ls.tolist(),
        "discretized_log_likelihood": discretized_gaussian_log_likelihood(xs, ms, ls).tolist(),
        "gaussian_log_likelihood": gaussian_log_likelihood(xs, ms, ls).tolist(),
        "normal_kl": normal_kl(xs, ls, ms, 2 * ls - 0.3).tolist(),
    }
    os.makedirs(os.path.join("tests", "data", "process"), exist_ok=True)
    with open(os.path.join("tests", "data", "process", "process_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
