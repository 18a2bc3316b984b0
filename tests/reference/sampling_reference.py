"""Reference chains for the samplers of core/sampling, written independently from the papers' algorithms.

Each sampler is re-implemented here in the form its source states it, which is often not the form the C++
uses, so that agreement checks the algebra as well as the code:

  ddpm               Ho et al. 2020, Algorithm 2, in ε form: x_s = (x_t − β'/√(1−ᾱ_t) ε̂)/√α' + σ z, with the
                     respaced α' = ᾱ_t/ᾱ_s, β' = 1 − α' (Nichol & Dhariwal 2021, sec. 4); σ² = β̃' or β'; z = 0
                     on the last step. (C++: the posterior mean of eq. 7 in x̂₀.)
  ddim               Song et al. 2021, eq. 12 with x̂₀ written from ε̂ as in the equation.
  euler, heun        k-diffusion sample_euler / sample_heun (Karras et al. 2022, Algorithm 1) on the VE
                     variable x̃ = x/α with σ = √((1 − ᾱ)/ᾱ).
  dpmpp-2m           k-diffusion sample_dpmpp_2m (Lu et al. 2022, Algorithm 2) in the VE variable, t = −log σ.
  dpmpp-3m           k-diffusion sample_dpmpp_3m_sde with eta = 0, in the VE variable.
  euler-maruyama     score_sde's ReverseDiffusion SDE + EulerMaruyamaPredictor (Song et al. 2021):
                     x_mean = x + [f x − g² s] dt, x = x_mean + g √(−dt) z, dt < 0; final step x̂₀.
  annealed-langevin  Song & Ermon 2019, Algorithm 1 on x̃, final denoising x̂₀.
  pc                 Euler–Maruyama predictor, then score_sde's LangevinCorrector (VP, Algorithm 5): norms
                     averaged over the batch, α = ᾱ(t_i)/ᾱ(t_{i+1}).

The continuous-time drift f(u) = d log α/du that the SDE samplers need is the schedule's C¹ spline
(core/schedule/noise_schedule.cpp): at the grid points u_k = k/T it is the Fritsch–Butland tangent, which is
re-implemented here. All chains use the integer spacings (leading / trailing), so α and σ come straight from
the cumulative product of the β table.

The dummy model is deterministic and elementwise: ε̂(x, t) = tanh(0.8 x + 0.5 sin(3 t/T) + c), c = (0.1, −0.3)
per coordinate, and x̂₀ = (x − σ ε̂)/α (the same in tests/core/test_sampling.cpp). Noise for stochastic
samplers comes from a torch.Generator and is recorded in the order the sampler draws it; the C++ test feeds it
back through Sampler::set_noise_source and checks that exactly as many draws were made.

Also writes the integer timestep spacings as diffusers computes them (DDIMScheduler.set_timesteps,
steps_offset = 0; index k here is t = k + 1).

Writes tests/data/sampling/reference.json.  Re-run from the repository root:
    /usr/bin/python3 tests/reference/sampling_reference.py
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)

T = 100
BETAS = torch.linspace(1e-3, 0.1, T, dtype=torch.float64)
ALPHA_BAR = torch.cat([torch.ones(1), torch.cumprod(1 - BETAS, 0)])  # index t = 0..T
B, D = 3, 2
OFFSET = torch.tensor([0.1, -0.3])


def alpha_bar(t):
    return ALPHA_BAR[int(t)].item()


def alpha(t):
    return math.sqrt(alpha_bar(t))


def sigma_vp(t):
    return math.sqrt(1 - alpha_bar(t))


def sigma_ve(t):
    return math.sqrt((1 - alpha_bar(t)) / alpha_bar(t))


def tangents():
    """Fritsch–Butland tangents of log α on the grid u_k = k/T (noise_schedule.cpp, NoiseSchedule::derive)."""
    log_alpha = [0.5 * math.log(ALPHA_BAR[k].item()) for k in range(T + 1)]
    delta = [(log_alpha[k + 1] - log_alpha[k]) * T for k in range(T)]
    m = [0.0] * (T + 1)
    m[0], m[T] = delta[0], delta[T - 1]
    for k in range(1, T):
        a, b = delta[k - 1], delta[k]
        m[k] = 0.0 if a * b <= 0 else 2 * a * b / (a + b)
    return m


TANGENT = tangents()


def model(x, t):
    eps = torch.tanh(0.8 * x + 0.5 * math.sin(3 * t / T) + OFFSET)
    return (x - sigma_vp(t) * eps) / alpha(t), eps


class Noise:
    def __init__(self, seed):
        self.gen = torch.Generator().manual_seed(seed)
        self.drawn = []

    def __call__(self, like):
        z = torch.randn(like.shape, generator=self.gen, dtype=torch.float64)
        self.drawn.append(z.flatten().tolist())
        return z


class Chain:
    def __init__(self):
        self.xs, self.nfes, self.nfe = [], [], 0

    def eval(self, x, t):
        self.nfe += 1
        return model(x, t)

    def record(self, x):
        self.xs.append(x.flatten().tolist())
        self.nfes.append(self.nfe)


def ddpm(x, ts, noise, posterior_variance):
    c = Chain()
    for t, s in zip(ts[:-1], ts[1:]):
        _, eps = c.eval(x, t)
        a_step = alpha_bar(t) / alpha_bar(s)
        b_step = 1 - a_step
        var = b_step * (1 - alpha_bar(s)) / (1 - alpha_bar(t)) if posterior_variance else b_step
        x = (x - b_step / math.sqrt(1 - alpha_bar(t)) * eps) / math.sqrt(a_step)
        if s > 0:
            x = x + math.sqrt(var) * noise(x)
        c.record(x)
    return c


def ddim(x, ts, noise, eta):
    c = Chain()
    for t, s in zip(ts[:-1], ts[1:]):
        _, eps = c.eval(x, t)
        sig = eta * math.sqrt((1 - alpha_bar(s)) / (1 - alpha_bar(t)) * (1 - alpha_bar(t) / alpha_bar(s)))
        pred_x0 = (x - math.sqrt(1 - alpha_bar(t)) * eps) / math.sqrt(alpha_bar(t))
        x = math.sqrt(alpha_bar(s)) * pred_x0 + math.sqrt(1 - alpha_bar(s) - sig ** 2) * eps
        if sig > 0:
            x = x + sig * noise(x)
        c.record(x)
    return c


def karras_denoiser(c, x_ve, t):
    """k-diffusion's view of the VP model: D(x̃; σ) with x = α x̃."""
    x0, _ = c.eval(alpha(t) * x_ve, t)
    return x0


def euler(x, ts, heun):
    c = Chain()
    x = x / alpha(ts[0])
    for t, s in zip(ts[:-1], ts[1:]):
        sig, sig_next = sigma_ve(t), sigma_ve(s)
        denoised = karras_denoiser(c, x, t)
        d = (x - denoised) / sig
        dt = sig_next - sig
        if not heun or sig_next == 0:
            x = x + d * dt
        else:
            x_2 = x + d * dt
            denoised_2 = karras_denoiser(c, x_2, s)
            d_2 = (x_2 - denoised_2) / sig_next
            x = x + (d + d_2) / 2 * dt
        c.record(alpha(s) * x)
    return c


def dpmpp_2m(x, ts):
    c = Chain()
    x = x / alpha(ts[0])
    old_denoised = None
    h_last = None
    for t, s in zip(ts[:-1], ts[1:]):
        denoised = karras_denoiser(c, x, t)
        if s == 0:
            x = denoised
        else:
            lt, ls = -math.log(sigma_ve(t)), -math.log(sigma_ve(s))
            h = ls - lt
            if old_denoised is None:
                x = (sigma_ve(s) / sigma_ve(t)) * x - math.expm1(-h) * denoised
            else:
                r = h_last / h
                denoised_d = (1 + 1 / (2 * r)) * denoised - (1 / (2 * r)) * old_denoised
                x = (sigma_ve(s) / sigma_ve(t)) * x - math.expm1(-h) * denoised_d
            h_last = h
        old_denoised = denoised
        c.record(alpha(s) * x)
    return c


def dpmpp_3m(x, ts):
    c = Chain()
    x = x / alpha(ts[0])
    denoised_1 = denoised_2 = None
    h_1 = h_2 = None
    for t, s in zip(ts[:-1], ts[1:]):
        denoised = karras_denoiser(c, x, t)
        if s == 0:
            x = denoised
        else:
            h = -math.log(sigma_ve(s)) + math.log(sigma_ve(t))
            h_eta = h  # eta = 0
            x = math.exp(-h_eta) * x + (-math.expm1(-h_eta)) * denoised
            if h_2 is not None:
                r0, r1 = h_1 / h, h_2 / h
                d1_0 = (denoised - denoised_1) / r0
                d1_1 = (denoised_1 - denoised_2) / r1
                d1 = d1_0 + (d1_0 - d1_1) * r0 / (r0 + r1)
                d2 = (d1_0 - d1_1) / (r0 + r1)
                phi_2 = math.expm1(-h_eta) / h_eta + 1
                phi_3 = phi_2 / h_eta - 0.5
                x = x + phi_2 * d1 - phi_3 * d2
            elif h_1 is not None:
                r = h_1 / h
                d = (denoised - denoised_1) / r
                phi_2 = math.expm1(-h_eta) / h_eta + 1
                x = x + phi_2 * d
            h_1, h_2 = h, h_1
        denoised_1, denoised_2 = denoised, denoised_1
        c.record(alpha(s) * x)
    return c


def euler_maruyama_step(c, x, t, s, noise):
    """score_sde: rsde.sde(x, t) then EulerMaruyamaPredictor.update_fn, with t in u = t/T."""
    x0, eps = c.eval(x, t)
    if s == 0:
        return x0, x0, eps
    beta = -2 * TANGENT[int(t)]          # VP SDE β(u) = −2 d log α/du
    drift = -0.5 * beta * x              # forward drift
    diffusion = math.sqrt(beta)
    score = -eps / sigma_vp(t)
    rev_drift = drift - diffusion ** 2 * score
    dt = -(t - s) / T
    x_mean = x + rev_drift * dt
    return x_mean + diffusion * math.sqrt(-dt) * noise(x), x0, eps


def euler_maruyama(x, ts, noise):
    c = Chain()
    for t, s in zip(ts[:-1], ts[1:]):
        x, _, _ = euler_maruyama_step(c, x, t, s, noise)
        c.record(x)
    return c


def annealed_langevin(x, ts, noise, eps_step, n_steps):
    c = Chain()
    levels = ts[:-1]
    sigma_L = sigma_ve(levels[-1])
    for i, t in enumerate(levels):
        sig = sigma_ve(t)
        a_i = eps_step * sig ** 2 / sigma_L ** 2
        x_ve = x / alpha(t)
        for _ in range(n_steps):
            _, e = c.eval(alpha(t) * x_ve, t)
            score = -e / sig
            x_ve = x_ve + a_i / 2 * score + math.sqrt(a_i) * noise(x_ve)
        x = alpha(t) * x_ve
        if i == len(levels) - 1:
            x, _ = c.eval(x, t)
        c.record(x)
    return c


def predictor_corrector(x, ts, noise, n_corrector, snr):
    c = Chain()
    for t, s in zip(ts[:-1], ts[1:]):
        x, _, _ = euler_maruyama_step(c, x, t, s, noise)
        if s > 0:
            a = alpha_bar(t) / alpha_bar(s)
            for _ in range(n_corrector):
                _, e = c.eval(x, s)
                grad = -e / sigma_vp(s)
                z = noise(x)
                grad_norm = torch.norm(grad.reshape(grad.shape[0], -1), dim=-1).mean()
                noise_norm = torch.norm(z.reshape(z.shape[0], -1), dim=-1).mean()
                step_size = (snr * noise_norm / grad_norm) ** 2 * 2 * a
                x_mean = x + step_size * grad
                x = x_mean + torch.sqrt(step_size * 2) * z
        c.record(x)
    return c


def spacing(T_, N, kind):
    """diffusers DDIMScheduler.set_timesteps (steps_offset = 0), mapped to t = index + 1, then t_N = 0."""
    if kind == "leading":
        step_ratio = T_ // N
        idx = (torch.arange(0, N) * step_ratio).round().flip(0)
    elif kind == "trailing":
        idx = torch.round(torch.arange(T_, 0, -T_ / N)) - 1
    else:
        idx = torch.linspace(0, T_ - 1, N).round().flip(0)
    return [float(v) + 1 for v in idx.tolist()] + [0.0]


def main():
    gen = torch.Generator().manual_seed(1234)
    x_T = torch.randn((B, D), generator=gen, dtype=torch.float64) * 1.3
    cases = []

    def add(name, options, ts, run, noise=None):
        c = run()
        cases.append({"name": name, "options": options, "timesteps": ts, "x": c.xs, "nfe": c.nfes,
                      "noise": noise.drawn if noise else []})

    lead = spacing(T, 10, "leading")
    trail = spacing(T, 10, "trailing")
    for post in (True, False):
        n = Noise(11)
        add("ddpm", {"spacing": "leading", "ddpm_posterior_variance": post}, lead,
            lambda: ddpm(x_T, lead, n, post), n)
    n = Noise(12)
    add("ddim", {"spacing": "trailing", "eta": 0.0}, trail, lambda: ddim(x_T, trail, n, 0.0), n)
    n = Noise(13)
    add("ddim", {"spacing": "trailing", "eta": 0.7}, trail, lambda: ddim(x_T, trail, n, 0.7), n)
    add("euler", {"spacing": "trailing"}, trail, lambda: euler(x_T, trail, False))
    add("heun", {"spacing": "trailing"}, trail, lambda: euler(x_T, trail, True))
    add("dpmpp-2m", {"spacing": "trailing"}, trail, lambda: dpmpp_2m(x_T, trail))
    add("dpmpp-3m", {"spacing": "trailing"}, trail, lambda: dpmpp_3m(x_T, trail))
    add("dpmpp-3m", {"spacing": "leading"}, lead, lambda: dpmpp_3m(x_T, lead))
    n = Noise(14)
    add("euler-maruyama", {"spacing": "leading"}, lead, lambda: euler_maruyama(x_T, lead, n), n)
    lang = spacing(T, 5, "trailing")
    n = Noise(15)
    add("annealed-langevin", {"spacing": "trailing", "steps": 5, "langevin_step_size": 0.01,
                              "langevin_steps_per_level": 3}, lang,
        lambda: annealed_langevin(x_T, lang, n, 0.01, 3), n)
    n = Noise(16)
    add("pc", {"spacing": "trailing", "pc_predictor": "euler-maruyama", "pc_corrector_steps": 2, "pc_snr": 0.16},
        trail, lambda: predictor_corrector(x_T, trail, n, 2, 0.16), n)

    spacings = []
    for T_, N in ((1000, 50), (1000, 7), (1000, 1), (10, 4), (100, 3), (10, 10), (999, 20)):
        for kind in ("leading", "trailing", "linspace"):
            spacings.append({"T": T_, "steps": N, "spacing": kind, "timesteps": spacing(T_, N, kind)})

    out = {"betas": BETAS.tolist(), "x_T": x_T.flatten().tolist(), "shape": [B, D], "offset": OFFSET.tolist(),
           "cases": cases, "spacings": spacings}
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "sampling")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "reference.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
