"""Reference chains for the second set of samplers of core/sampling and the "exponential" and "beta" spacings,
written independently from the papers' algorithms (and the reference implementations they cite).

Same problem as tests/reference/sampling_reference.py (T = 100 linear betas 1e-3..0.1, x_T = 1.3 N(0, I) from
seed 1234, B = 3, D = 2, the deterministic elementwise "tanh" model, recorded noise, a Chain recording x after
every step and the NFE so far), except that the model is evaluated at fractional training times too, so the
schedule's continuous-time view is re-implemented here as core/schedule/noise_schedule.cpp defines it:
log α = ½ log ᾱ on the grid u_k = k/T joined by a cubic Hermite spline with Fritsch–Butland tangents,
σ = √(1 − α²), λ = log α − log σ, σ_VE = σ/α = e^{−λ}, and t(λ) by 64 bisection halvings of u on [0, 1].

  euler-ancestral     k-diffusion sample_euler_ancestral + get_ancestral_step (s_noise = 1).
  dpmpp-2s-ancestral  k-diffusion sample_dpmpp_2s_ancestral (Lu et al. 2022, DPM-Solver++(2S), r = 1/2, with
                      ancestral noise).
  dpmpp-2m-sde        k-diffusion sample_dpmpp_2m_sde, solver_type 'midpoint' (Lu et al. 2022, sec. 5).
  lms                 k-diffusion sample_lms, order 4, with the Adams coefficients ∫ ℓ_j integrated exactly
                      (rational arithmetic) instead of by scipy quad.
  unipc               Zhao et al. 2023, UniPC-2 with B(h) = e^h − 1, data prediction, in the structure of
                      diffusers' UniPCMultistepScheduler (src/diffusers/schedulers/scheduling_unipc_multistep.py,
                      commit 58eb52c: step, multistep_uni_p_bh_update, multistep_uni_c_bh_update), solver_order 2,
                      lower_order_final, corrector on every step after the first, final σ = 0.
  dpm2                k-diffusion sample_dpm_2 (s_churn = 0): the log-σ midpoint method ("inspired by DPM-Solver-2
                      and Algorithm 2 from Karras et al. (2022)").
  restart             Xu et al. 2023, "Restart Sampling for Improving Generative Processes", Algorithm 1, on
                      Heun steps (Karras et al. 2022, Algorithm 1).

All VE-form samplers work on x̃ = x/α(t) with D(x̃, σ̃) = x̂₀(α(t) x̃, t), t the training time of σ̃, and
record the VP state α(t_{i+1}) x̃.

Spacings:
  exponential  k-diffusion get_sigmas_exponential: σ log-uniform from σ_VE(T) to σ_VE(1), mapped to t.
  beta         Lee et al. 2024, "Beta Sampling is All You Need" (ComfyUI beta_scheduler, without its rounding
               to integer steps): t_i = T F⁻¹(1 − i/N), F the Beta(0.6, 0.6) CDF; the regularised incomplete
               beta is computed here two independent ways (continued fraction, hypergeometric series).

Writes tests/data/sampling/zoo_reference.json.  Re-run from the repository root:
    /usr/bin/python3 tests/reference/sampler_zoo_reference.py
"""
import json
import math
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sampling_reference as base  # noqa: E402

import torch  # noqa: E402

torch.set_default_dtype(torch.float64)

T = base.T
B, D = base.B, base.D
OFFSET = base.OFFSET


# ---------------------------------------------------------------------------------------------------------------
# The schedule's continuous view (core/schedule/noise_schedule.cpp, NoiseSchedule::derive / alpha_cont /
# lambda_cont / u_from_lambda), operation for operation so that the continuous grids come out bit-identical.
# ---------------------------------------------------------------------------------------------------------------
class Schedule:
    MIN_ALPHA_BAR = 1e-10

    def __init__(self, betas):
        n = len(betas)
        self.T = n
        ab, self.alpha_bars = 1.0, []
        for b in betas:
            ab *= 1.0 - b
            self.alpha_bars.append(max(ab, 0.0))
        h = 1.0 / n
        self.la = [0.0] + [0.5 * math.log(max(a, self.MIN_ALPHA_BAR)) for a in self.alpha_bars]
        delta = [(self.la[k + 1] - self.la[k]) / h for k in range(n)]
        m = [0.0] * (n + 1)
        m[0], m[n] = delta[0], delta[n - 1]
        for k in range(1, n):
            a, b = delta[k - 1], delta[k]
            m[k] = 0.0 if a * b <= 0.0 else 2.0 * a * b / (a + b)
        self.m = m

    @staticmethod
    def linear(T_, beta_start=1e-4, beta_end=0.02):
        return Schedule([beta_start + (beta_end - beta_start) * i / (T_ - 1) if T_ > 1 else beta_start
                         for i in range(T_)])

    def alpha_cont(self, u):
        T_ = self.T
        x = min(max(u, 0.0), 1.0) * T_
        k = min(int(math.floor(x)), T_ - 1)
        h = 1.0 / T_
        s = x - k
        h00 = 2 * s * s * s - 3 * s * s + 1
        h10 = s * s * s - 2 * s * s + s
        h01 = -2 * s * s * s + 3 * s * s
        h11 = s * s * s - s * s
        return math.exp(h00 * self.la[k] + h10 * h * self.m[k] + h01 * self.la[k + 1] + h11 * h * self.m[k + 1])

    def lambda_cont(self, u):
        a = self.alpha_cont(u)
        one_minus = -math.expm1(2.0 * math.log(a))
        if one_minus <= 0.0:
            return math.inf  # C++: log(0) = −inf, λ = +inf (α = 1 exactly)
        return math.log(a) - 0.5 * math.log(one_minus)

    def u_from_lambda(self, lam):
        lo, hi = 0.0, 1.0
        for _ in range(64):
            mid = 0.5 * (lo + hi)
            if self.lambda_cont(mid) > lam:
                lo = mid
            else:
                hi = mid
        return 0.5 * (lo + hi)

    # training-time views
    def alpha(self, t):
        return self.alpha_cont(t / self.T)

    def sigma_vp(self, t):
        a = self.alpha(t)
        return math.sqrt(max(1.0 - a * a, 0.0))

    def lam(self, t):
        return self.lambda_cont(t / self.T)

    def sigma_ve(self, t):
        return math.exp(-self.lam(t))  # = σ/α; 0 at t = 0

    def t_from_sigma_ve(self, sig):
        return self.T * self.u_from_lambda(-math.log(sig))

    def t_from_lambda(self, lam):
        return self.T * self.u_from_lambda(lam)


SCHED = Schedule(base.BETAS.tolist())


# ---------------------------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------------------------
def tanh_model(S):
    """ε̂ = tanh(0.8 x + 0.5 sin(3 t/T) + c), x̂₀ = (x − σ ε̂)/α, at any real t (tests/core/test_sampling.cpp)."""
    def f(x, t):
        a = S.alpha(t)
        s = math.sqrt(max(1.0 - a * a, 0.0))
        eps = torch.tanh(0.8 * x + 0.5 * math.sin(3.0 * (t / S.T)) + OFFSET)
        return (x - s * eps) / a
    return f


def gaussian_model(S, mu, std):
    """x₀ ~ N(μ, s²): exact x̂₀(x_t), and the exact probability-flow ODE solution."""
    var = std ** 2

    def f(x, t):
        a = S.alpha(t)
        s = math.sqrt(max(1.0 - a * a, 0.0))
        eps = s * (x - a * mu) / (a * a * var + s * s)
        return (x - s * eps) / a

    def exact(x, t0, t):
        a0, s0 = S.alpha(t0), S.sigma_vp(t0)
        a, s = S.alpha(t), S.sigma_vp(t)
        z = (x - a0 * mu) / torch.sqrt(a0 * a0 * var + s0 * s0)
        return a * mu + torch.sqrt(a * a * var + s * s) * z
    return f, exact


class Chain(base.Chain):
    def __init__(self, model, S=SCHED):
        super().__init__()
        self.model, self.S = model, S

    def x0(self, x, t):
        self.nfe += 1
        return self.model(x, t)

    def D(self, x_ve, t):
        """k-diffusion's denoiser D(x̃; σ_VE(t)) of the VP model."""
        return self.x0(self.S.alpha(t) * x_ve, t)

    def record_ve(self, x_ve, t):
        self.record(self.S.alpha(t) * x_ve)


# ---------------------------------------------------------------------------------------------------------------
# Samplers
# ---------------------------------------------------------------------------------------------------------------
def get_ancestral_step(sigma_from, sigma_to, eta):
    """k-diffusion get_ancestral_step."""
    if not eta:
        return sigma_to, 0.0
    sigma_up = min(sigma_to, eta * (sigma_to ** 2 * (sigma_from ** 2 - sigma_to ** 2) / sigma_from ** 2) ** 0.5)
    sigma_down = (sigma_to ** 2 - sigma_up ** 2) ** 0.5
    return sigma_down, sigma_up


def euler_ancestral(x, ts, noise, eta, model, S=SCHED):
    """k-diffusion sample_euler_ancestral (s_noise = 1). Noise is drawn whenever σ_next > 0 (even if σ_up = 0)."""
    c = Chain(model, S)
    x = x / S.alpha(ts[0])
    for t, s in zip(ts[:-1], ts[1:]):
        sig, sig_next = S.sigma_ve(t), S.sigma_ve(s)
        denoised = c.D(x, t)
        sigma_down, sigma_up = get_ancestral_step(sig, sig_next, eta)
        d = (x - denoised) / sig
        x = x + d * (sigma_down - sig)
        if sig_next > 0:
            x = x + noise(x) * sigma_up
        c.record_ve(x, s)
    return c


def dpmpp_2s_ancestral(x, ts, noise, eta, model, S=SCHED):
    """k-diffusion sample_dpmpp_2s_ancestral: DPM-Solver++(2S) (Lu et al. 2022, Algorithm 1 with r = 1/2) to
    σ_down, then σ_up noise. The midpoint model call is at the training time of the VE level e^{−s}."""
    c = Chain(model, S)
    x = x / S.alpha(ts[0])
    for t_i, t_next in zip(ts[:-1], ts[1:]):
        sig, sig_next = S.sigma_ve(t_i), S.sigma_ve(t_next)
        denoised = c.D(x, t_i)
        sigma_down, sigma_up = get_ancestral_step(sig, sig_next, eta)
        if sigma_down == 0:
            d = (x - denoised) / sig
            x = x + d * (sigma_down - sig)
        else:
            t, tn = -math.log(sig), -math.log(sigma_down)
            h = tn - t
            s = t + 0.5 * h
            x_2 = (math.exp(-s) / math.exp(-t)) * x - math.expm1(-0.5 * h) * denoised
            denoised_2 = c.D(x_2, S.t_from_lambda(s))
            x = (math.exp(-tn) / math.exp(-t)) * x - math.expm1(-h) * denoised_2
        if sig_next > 0:
            x = x + noise(x) * sigma_up
        c.record_ve(x, t_next)
    return c


def dpmpp_2m_sde(x, ts, noise, eta, model, S=SCHED):
    """k-diffusion sample_dpmpp_2m_sde, solver_type 'midpoint', s_noise = 1; noise only if eta != 0 (as there)."""
    c = Chain(model, S)
    x = x / S.alpha(ts[0])
    old_denoised, h_last, h = None, None, None
    for t_i, t_next in zip(ts[:-1], ts[1:]):
        sig, sig_next = S.sigma_ve(t_i), S.sigma_ve(t_next)
        denoised = c.D(x, t_i)
        if sig_next == 0:
            x = denoised
        else:
            t, s = -math.log(sig), -math.log(sig_next)
            h = s - t
            eta_h = eta * h
            x = sig_next / sig * math.exp(-eta_h) * x + (-math.expm1(-h - eta_h)) * denoised
            if old_denoised is not None:
                r = h_last / h
                x = x + 0.5 * (-math.expm1(-h - eta_h)) * (1 / r) * (denoised - old_denoised)
            if eta:
                x = x + noise(x) * sig_next * math.sqrt(-math.expm1(-2 * eta_h))
        old_denoised = denoised
        h_last = h
        c.record_ve(x, t_next)
    return c


def dpm_2(x, ts, model, S=SCHED):
    """k-diffusion sample_dpm_2 (s_churn = 0): from σ_i, the slope d = (x̃ − D)/σ_i, a half step to the log-σ
    midpoint σ_m = exp(lerp(log σ_i, log σ_{i+1}, ½)), and the full step with the midpoint's slope; Euler onto
    D(x̃; σ_i) when σ_{i+1} = 0. The midpoint call is at the training time of σ_m."""
    c = Chain(model, S)
    x = x / S.alpha(ts[0])
    for t, s in zip(ts[:-1], ts[1:]):
        sig, sig_next = S.sigma_ve(t), S.sigma_ve(s)
        denoised = c.D(x, t)
        d = (x - denoised) / sig
        if sig_next == 0:
            x = x + d * (sig_next - sig)
        else:
            sigma_mid = math.exp(math.log(sig) + 0.5 * (math.log(sig_next) - math.log(sig)))
            x_2 = x + d * (sigma_mid - sig)
            d_2 = (x_2 - c.D(x_2, S.t_from_sigma_ve(sigma_mid))) / sigma_mid
            x = x + d_2 * (sig_next - sig)
        c.record_ve(x, s)
    return c


def _poly_mul_linear(p, root):
    """p(τ)·(τ − root), coefficients lowest degree first."""
    out = [Fraction(0)] * (len(p) + 1)
    for k, a in enumerate(p):
        out[k + 1] += a
        out[k] -= a * root
    return out


def lms_coeff_exact(nodes, j, lo, hi):
    """∫_lo^hi ℓ_j(τ) dτ, ℓ_j the Lagrange basis polynomial on `nodes` (node j = σ_{i−j}), in exact rational
    arithmetic on the double inputs, rounded once (k-diffusion linear_multistep_coeff uses scipy quad)."""
    nodes = [Fraction(v) for v in nodes]
    lo, hi = Fraction(lo), Fraction(hi)
    p, den = [Fraction(1)], Fraction(1)
    for k, nk in enumerate(nodes):
        if k == j:
            continue
        p = _poly_mul_linear(p, nk)
        den *= nodes[j] - nk
    integral = sum(a / (k + 1) * (hi ** (k + 1) - lo ** (k + 1)) for k, a in enumerate(p))
    return float(integral / den)


def lms_coeff_gauss(nodes, j, lo, hi):
    """The same integral by 2-point Gauss–Legendre (exact for degree ≤ 3), in floats: a cross-check."""
    def ell(tau):
        prod = 1.0
        for k, nk in enumerate(nodes):
            if k != j:
                prod *= (tau - nk) / (nodes[j] - nk)
        return prod
    mid, half = 0.5 * (lo + hi), 0.5 * (hi - lo)
    g = 1 / math.sqrt(3)
    return half * (ell(mid - half * g) + ell(mid + half * g))


def lms(x, ts, model, S=SCHED, order=4):
    """k-diffusion sample_lms: x̃ += Σ_j c_j d_{i−j}, c_j = ∫_{σ_i}^{σ_{i+1}} ℓ_j, d = (x̃ − D)/σ."""
    c = Chain(model, S)
    sig = [S.sigma_ve(t) for t in ts]
    x = x / S.alpha(ts[0])
    ds = []
    for i in range(len(ts) - 1):
        denoised = c.D(x, ts[i])
        ds.append((x - denoised) / sig[i])
        if len(ds) > order:
            ds.pop(0)
        cur_order = min(i + 1, order)
        nodes = [sig[i - k] for k in range(cur_order)]
        coeffs = [lms_coeff_exact(nodes, j, sig[i], sig[i + 1]) for j in range(cur_order)]
        for j, cj in enumerate(coeffs):
            cg = lms_coeff_gauss(nodes, j, sig[i], sig[i + 1])
            assert abs(cg - cj) <= 1e-12 * max(1.0, abs(cj)), (i, j, cj, cg)
        x = x + sum(cj * dj for cj, dj in zip(coeffs, reversed(ds)))
        c.record_ve(x, ts[i + 1])
    return c


def _solve2(R, b):
    det = R[0][0] * R[1][1] - R[0][1] * R[1][0]
    return [(b[0] * R[1][1] - R[0][1] * b[1]) / det, (R[0][0] * b[1] - b[0] * R[1][0]) / det]


def unipc(x, ts, model, S=SCHED, solver_order=2, measure=None):
    """UniPC-2, bh2, data prediction (Zhao et al. 2023; diffusers UniPCMultistepScheduler.step with predict_x0,
    lower_order_final, disable_corrector = []). VP variables; at t = 0: α = 1, σ = 0, λ = +inf, e^{−h} = 0."""
    c = Chain(model, S)
    N = len(ts) - 1
    al = [S.alpha(t) for t in ts]
    sg = [S.sigma_vp(t) for t in ts]
    lam = [S.lam(t) if t > 0 else math.inf for t in ts]
    ms = []
    last_sample, last_order = None, None

    def coefficients(h):
        hh = -h                       # predict_x0
        h_phi_1 = math.expm1(hh)      # = B_h for bh2
        return hh, h_phi_1, math.expm1(hh)

    for i in range(N):
        m = c.x0(x, ts[i])
        if i > 0:
            # UniC (multistep_uni_c_bh_update): correct x_i, predicted from last_sample = x_{i−1} with order p.
            p = last_order
            h = lam[i] - lam[i - 1]
            hh, h_phi_1, B_h = coefficients(h)
            m0 = ms[-1]
            rks, D1s = [], []
            if p == 2:
                rk = (lam[i - 2] - lam[i - 1]) / h
                rks.append(rk)
                D1s.append((ms[-2] - m0) / rk)
            rks.append(1.0)
            h_phi_k = h_phi_1 / hh - 1
            fact = 1
            R, b = [], []
            for k in range(1, p + 1):
                R.append([r ** (k - 1) for r in rks])
                b.append(h_phi_k * fact / B_h)
                fact *= k + 1
                h_phi_k = h_phi_k / hh - 1 / fact
            rhos_c = [0.5] if p == 1 else _solve2(R, b)
            x_t_ = sg[i] / sg[i - 1] * last_sample - al[i] * h_phi_1 * m0
            corr = rhos_c[0] * D1s[0] if D1s else 0
            x = x_t_ - al[i] * B_h * (corr + rhos_c[-1] * (m - m0))
        ms.append(m)
        if len(ms) > solver_order:
            ms.pop(0)
        order = min(solver_order, N - i, i + 1)  # lower_order_final, then warm-up
        last_sample, last_order = x, order
        # UniP (multistep_uni_p_bh_update)
        h = lam[i + 1] - lam[i]
        hh, h_phi_1, B_h = coefficients(h)
        m0 = ms[-1]
        x_t_ = sg[i + 1] / sg[i] * x - al[i + 1] * h_phi_1 * m0
        if order == 2:
            rk = (lam[i - 1] - lam[i]) / h
            D1 = (ms[-2] - m0) / rk
            x_t_ = x_t_ - al[i + 1] * B_h * (0.5 * D1)  # rhos_p = [0.5] for order 2
        x = x_t_
        c.record(x)
        if measure is not None:
            measure(i, x)
    return c


def heun_step(c, S, x, t, s, sig=None, sig_next=None):
    """Karras et al. 2022, Algorithm 1 (k-diffusion sample_heun without churn) from σ(t) to σ(s)."""
    sig = S.sigma_ve(t) if sig is None else sig
    sig_next = S.sigma_ve(s) if sig_next is None else sig_next
    denoised = c.D(x, t)
    d = (x - denoised) / sig
    dt = sig_next - sig
    if sig_next == 0:
        return x + d * dt
    x_2 = x + d * dt
    d_2 = (x_2 - c.D(x_2, s)) / sig_next
    return x + (d + d_2) / 2 * dt


def restart_sub_grid(S, sigma_max, sigma_min, steps, rho=7.0):
    """σ^{1/ρ} uniform from σ_max to σ_min, ends exact, each mapped to its training time."""
    a, b = sigma_max ** (1 / rho), sigma_min ** (1 / rho)
    sig = [(a + k / steps * (b - a)) ** rho for k in range(steps + 1)]
    sig[0], sig[-1] = sigma_max, sigma_min
    return sig, [S.t_from_sigma_ve(v) for v in sig]


def restart_index(S, ts, restart_sigma_min):
    """The grid level (t > 0, j >= 1) nearest to restart_sigma_min in log sigma (ComfyUI's restart sampler takes
    the nearest level too), so every grid restarts."""
    best, best_d = None, None
    for j in range(1, len(ts)):
        if ts[j] > 0:
            d = abs(math.log(S.sigma_ve(ts[j])) - math.log(restart_sigma_min))
            if best_d is None or d < best_d:
                best, best_d = j, d
    return best


def restart(x, ts, noise, model, sigma_min, sigma_max, k_cycles, steps, S=SCHED):
    """Xu et al. 2023, Algorithm 1: the main Heun pass; on reaching t_{j*} (the first grid level with
    σ ≤ restart_sigma_min), K times: x̃ += √(σ_max² − σ_{j*}²) z, then `steps` Heun steps back to σ_{j*}."""
    c = Chain(model, S)
    x = x / S.alpha(ts[0])
    j_star = restart_index(S, ts, sigma_min)
    for i, (t, s) in enumerate(zip(ts[:-1], ts[1:])):
        x = heun_step(c, S, x, t, s)
        if j_star is not None and i + 1 == j_star:
            sig_j = S.sigma_ve(s)
            sub_sig, sub_t = restart_sub_grid(S, sigma_max, sig_j, steps)
            for _ in range(k_cycles):
                x = x + math.sqrt(sigma_max ** 2 - sig_j ** 2) * noise(x)
                for k in range(steps):
                    x = heun_step(c, S, x, sub_t[k], sub_t[k + 1], sub_sig[k], sub_sig[k + 1])
        c.record_ve(x, s)
    return c, j_star


# ---------------------------------------------------------------------------------------------------------------
# Spacings
# ---------------------------------------------------------------------------------------------------------------
def karras_grid(S, N, rho=7.0):
    """Karras et al. 2022, eq. 5, in the arithmetic of core/sampling/timestep_spacing.cpp (continuous_spacing),
    so the timesteps are bit-identical; karras_grid_sigma checks it against the σ form."""
    T_ = float(S.T)
    lambda_max, lambda_min = S.lambda_cont(1.0 / T_), S.lambda_cont(1.0)
    t = []
    for i in range(N):
        r = 0.0 if N == 1 else i / (N - 1)
        a, b = math.exp(-lambda_min / rho), math.exp(-lambda_max / rho)
        t.append(T_ * S.u_from_lambda(-rho * math.log(a + r * (b - a))))
    t[0] = T_
    if N > 1:
        t[-1] = 1.0
    return t + [0.0]


def karras_grid_sigma(S, N, rho=7.0):
    smax, smin = S.sigma_ve(S.T), S.sigma_ve(1)
    sig = [(smax ** (1 / rho) + i / (N - 1) * (smin ** (1 / rho) - smax ** (1 / rho))) ** rho for i in range(N)]
    t = [S.t_from_sigma_ve(v) for v in sig]
    t[0], t[-1] = float(S.T), 1.0
    return t + [0.0]


def exponential_grid(S, N):
    """k-diffusion get_sigmas_exponential: σ = exp(linspace(log σ_max, log σ_min, N)), σ_max = σ_VE(T),
    σ_min = σ_VE(1); each σ mapped to t by t(−log σ); ends pinned to T and 1."""
    log_max, log_min = math.log(S.sigma_ve(S.T)), math.log(S.sigma_ve(1))
    t = []
    for i in range(N):
        r = 0.0 if N == 1 else i / (N - 1)
        sig = math.exp(log_max + r * (log_min - log_max))
        t.append(S.t_from_sigma_ve(sig))
    t[0] = float(S.T)
    if N > 1:
        t[-1] = 1.0
    return t + [0.0]


def _log_beta(a, b):
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def betainc_cf(a, b, x):
    """Regularised incomplete beta I_x(a, b) by its continued fraction (modified Lentz; Numerical Recipes
    betacf), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0

    def cf(a, b, x):
        tiny = 1e-300
        qab, qap, qam = a + b, a + 1.0, a - 1.0
        cc, dd = 1.0, 1.0 - qab * x / qap
        dd = 1.0 / (dd if abs(dd) > tiny else tiny)
        h = dd
        for m in range(1, 1000):
            m2 = 2 * m
            aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            dd = 1.0 + aa * dd
            dd = 1.0 / (dd if abs(dd) > tiny else tiny)
            cc = 1.0 + aa / cc
            cc = cc if abs(cc) > tiny else tiny
            h *= dd * cc
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            dd = 1.0 + aa * dd
            dd = 1.0 / (dd if abs(dd) > tiny else tiny)
            cc = 1.0 + aa / cc
            cc = cc if abs(cc) > tiny else tiny
            delta = dd * cc
            h *= delta
            if abs(delta - 1.0) < 1e-17:
                return h
        raise RuntimeError("betacf did not converge")

    front = math.exp(a * math.log(x) + b * math.log1p(-x) - _log_beta(a, b))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * cf(a, b, x) / a
    return 1.0 - front * cf(b, a, 1.0 - x) / b


def betainc_series(a, b, x):
    """I_x(a, b) = x^a/B(a, b) Σ_n (1 − b)_n/n! x^n/(a + n) (the 2F1(a, 1 − b; a + 1; x) series), used for
    x ≤ ½ and through the symmetry for x > ½, where it converges at least like 2^{−n}."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > 0.5:
        return 1.0 - betainc_series(b, a, 1.0 - x)
    total, coef = 0.0, 1.0  # coef = (1 − b)_n / n! x^n
    for n in range(0, 2000):
        term = coef / (a + n)
        total += term
        if abs(term) < 1e-19 * abs(total):
            break
        coef *= (n + 1 - b) / (n + 1) * x
    return math.exp(a * math.log(x) - _log_beta(a, b)) * total


def beta_ppf(q, a, b):
    """F⁻¹(q) of Beta(a, b) by bisection on the continued-fraction CDF until the bracket stops shrinking."""
    if q <= 0.0:
        return 0.0
    if q >= 1.0:
        return 1.0
    lo, hi = 0.0, 1.0
    while True:
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if betainc_cf(a, b, mid) < q:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def beta_grid(T_, N, a=0.6, b=0.6):
    """Lee et al. 2024 (ComfyUI beta_scheduler, unrounded): t_i = T F⁻¹(1 − i/N), i = 0..N−1, then 0."""
    return [T_ * beta_ppf(1.0 - i / N, a, b) for i in range(N)] + [0.0]


# ---------------------------------------------------------------------------------------------------------------
# Sanity checks (not written to the JSON)
# ---------------------------------------------------------------------------------------------------------------
def max_diff(c1, c2):
    return max(abs(u - v) for a, b in zip(c1.xs, c2.xs) for u, v in zip(a, b))


def checks(x_T, trail, kar):
    tanh = tanh_model(SCHED)
    # the continuous view reproduces the β table at the grid points
    for t in range(0, T + 1):
        assert abs(SCHED.alpha(t) - base.alpha(t)) < 1e-15
        if t > 0:
            assert abs(SCHED.sigma_ve(t) - base.sigma_ve(t)) < 1e-13 * base.sigma_ve(t)
    # the independent σ form of the Karras grid
    ks = karras_grid_sigma(SCHED, 10)
    assert max(abs(u - v) for u, v in zip(ks, kar)) < 1e-9, (ks, kar)
    # exponential = uniform λ
    ex = exponential_grid(SCHED, 10)
    l0, l1 = SCHED.lambda_cont(1.0), SCHED.lambda_cont(1.0 / T)
    for i, t in enumerate(ex[:-1]):
        assert abs(SCHED.lam(t) - (l0 + i / 9 * (l1 - l0))) < 1e-12
    # Beta CDF two ways, the a = b symmetry, and (when present) mpmath
    for a, b in ((0.6, 0.6), (0.5, 2.0), (3.0, 0.7)):
        for k in range(1, 200):
            x = k / 200
            assert abs(betainc_cf(a, b, x) - betainc_series(a, b, x)) < 1e-12, (a, b, x)
    assert abs(betainc_cf(0.6, 0.6, 0.5) - 0.5) < 1e-15
    try:
        import mpmath
        mpmath.mp.dps = 40
        for k in range(1, 100):
            x = k / 100
            exact = float(mpmath.betainc(0.6, 0.6, 0, x, regularized=True))
            assert abs(betainc_cf(0.6, 0.6, x) - exact) < 1e-14, x
            assert abs(betainc_series(0.6, 0.6, x) - exact) < 1e-14, x
        for q in (0.1, 0.3, 0.5, 0.77, 0.95):
            lo, hi = mpmath.mpf(0), mpmath.mpf(1)
            for _ in range(140):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if mpmath.betainc(0.6, 0.6, 0, mid, regularized=True) < q else (lo, mid)
            exact = (lo + hi) / 2
            assert abs(beta_ppf(q, 0.6, 0.6) - float(exact)) < 1e-14, q
        print("mpmath cross-check of the Beta CDF and its inverse: ok")
    except ImportError:
        pass

    # euler-ancestral with eta = 0 is Euler; dpmpp-2m-sde with eta = 0 is DPM-Solver++(2M); LMS of order 1 is Euler
    eul = base.euler(x_T, trail, False)
    d = max_diff(euler_ancestral(x_T, trail, base.Noise(99), 0.0, tanh), eul)
    print(f"euler-ancestral eta=0 vs euler: {d:.2e}")
    assert d < 1e-12
    d = max_diff(dpmpp_2m_sde(x_T, trail, base.Noise(99), 0.0, tanh), base.dpmpp_2m(x_T, trail))
    print(f"dpmpp-2m-sde eta=0 vs dpmpp-2m: {d:.2e}")
    assert d < 1e-12
    d = max_diff(lms(x_T, trail, tanh, order=1), eul)
    print(f"lms order 1 vs euler: {d:.2e}")
    assert d < 1e-12
    c, _ = restart(x_T, trail, base.Noise(99), tanh, 0.3, 2.0, 0, 3)
    d = max_diff(c, base.euler(x_T, trail, True))
    print(f"restart with K = 0 vs heun: {d:.2e}")
    assert d < 1e-12
    # restart's sub-grid end: t(σ_{j*}) vs t_{j*}
    sig_j = SCHED.sigma_ve(10.0)
    print(f"restart sub-grid end |t(sigma_j*) - t_j*| = {abs(SCHED.t_from_sigma_ve(sig_j) - 10.0):.1e}")
    # eta = 1 ancestral bookkeeping: σ_down = σ_next²/σ, σ_down² + σ_up² = σ_next²
    sd, su = get_ancestral_step(2.0, 1.0, 1.0)
    assert abs(sd - 0.5) < 1e-15 and abs(sd ** 2 + su ** 2 - 1.0) < 1e-15

    # convergence orders on exact Gaussian data (probability-flow ODE solution known): uniform-λ grids from T to
    # t = 1 ( + 0 ), error at t = 1 of the state each sampler reaches there.
    mu, std = torch.tensor([1.5, -0.5]), torch.tensor([0.5, 2.0])
    gm, exact = gaussian_model(SCHED, mu, std)
    gen = torch.Generator().manual_seed(7)
    xg = torch.randn((64, D), generator=gen, dtype=torch.float64)

    def lam_grid(N):
        l0, l1 = SCHED.lambda_cont(1.0), SCHED.lambda_cont(1.0 / T)
        t = [SCHED.t_from_lambda(l0 + i / (N - 1) * (l1 - l0)) for i in range(N)]
        t[0], t[-1] = float(T), 1.0
        return t + [0.0]

    def order_of(run, Ns):
        errs, nfes = [], []
        for N in Ns:
            ts = lam_grid(N)
            target = exact(xg, ts[0], 1.0)
            c = run(xg, ts)
            errs.append((torch.tensor(c.xs[N - 2]).reshape(xg.shape) - target).abs().max().item())
            nfes.append(c.nfes[N - 2])
        n = len(Ns)
        lx = [math.log(v) for v in nfes]
        ly = [math.log(v) for v in errs]
        sx, sy = sum(lx), sum(ly)
        sxx, sxy = sum(v * v for v in lx), sum(u * v for u, v in zip(lx, ly))
        return -(n * sxy - sx * sy) / (n * sxx - sx * sx), errs

    Ns = [12, 16, 24, 32, 48, 64, 96]
    for name, run in (
            ("unipc", lambda x, ts: unipc(x, ts, gm)),
            ("dpmpp-2s (eta=0)", lambda x, ts: dpmpp_2s_ancestral(x, ts, base.Noise(1), 0.0, gm)),
            ("dpmpp-2m-sde (eta=0)", lambda x, ts: dpmpp_2m_sde(x, ts, base.Noise(1), 0.0, gm)),
            ("lms", lambda x, ts: lms(x, ts, gm)),
            ("dpm2", lambda x, ts: dpm_2(x, ts, gm)),
            ("euler-ancestral (eta=0)", lambda x, ts: euler_ancestral(x, ts, base.Noise(1), 0.0, gm))):
        p, errs = order_of(run, Ns)
        print(f"Gaussian PF-ODE order, {name}: {p:.2f}  (errors {errs[0]:.1e} .. {errs[-1]:.1e})")
        assert p > (1.8 if name != "euler-ancestral (eta=0)" else 0.8), (name, p)


# ---------------------------------------------------------------------------------------------------------------
def main():
    gen = torch.Generator().manual_seed(1234)
    x_T = torch.randn((B, D), generator=gen, dtype=torch.float64) * 1.3
    assert torch.equal(x_T, torch.randn((B, D), generator=torch.Generator().manual_seed(1234),
                                        dtype=torch.float64) * 1.3)
    tanh = tanh_model(SCHED)
    trail = base.spacing(T, 10, "trailing")
    kar = karras_grid(SCHED, 10)
    cases = []

    def add(name, options, ts, run, noise=None):
        c = run()
        cases.append({"name": name, "options": options, "timesteps": ts, "x": c.xs, "nfe": c.nfes,
                      "noise": noise.drawn if noise else []})

    n = base.Noise(21)
    add("euler-ancestral", {"spacing": "trailing", "eta": 1.0}, trail,
        lambda: euler_ancestral(x_T, trail, n, 1.0, tanh), n)
    n = base.Noise(22)
    add("euler-ancestral", {"spacing": "karras", "eta": 0.5}, kar,
        lambda: euler_ancestral(x_T, kar, n, 0.5, tanh), n)
    n = base.Noise(23)
    add("dpmpp-2s-ancestral", {"spacing": "trailing", "eta": 1.0}, trail,
        lambda: dpmpp_2s_ancestral(x_T, trail, n, 1.0, tanh), n)
    n = base.Noise(24)
    add("dpmpp-2m-sde", {"spacing": "trailing", "eta": 1.0}, trail,
        lambda: dpmpp_2m_sde(x_T, trail, n, 1.0, tanh), n)
    n = base.Noise(25)
    add("dpmpp-2m-sde", {"spacing": "karras", "eta": 1.0}, kar,
        lambda: dpmpp_2m_sde(x_T, kar, n, 1.0, tanh), n)
    add("lms", {"spacing": "trailing"}, trail, lambda: lms(x_T, trail, tanh))
    add("lms", {"spacing": "karras"}, kar, lambda: lms(x_T, kar, tanh))
    add("dpm2", {"spacing": "trailing"}, trail, lambda: dpm_2(x_T, trail, tanh))
    add("dpm2", {"spacing": "karras"}, kar, lambda: dpm_2(x_T, kar, tanh))
    add("unipc", {"spacing": "trailing"}, trail, lambda: unipc(x_T, trail, tanh))
    add("unipc", {"spacing": "karras"}, kar, lambda: unipc(x_T, kar, tanh))
    ropt = {"spacing": "trailing", "restart_sigma_min": 0.3, "restart_sigma_max": 2.0, "restart_k": 2,
            "restart_steps": 3}
    j_star = restart_index(SCHED, trail, ropt["restart_sigma_min"])
    assert j_star is not None and SCHED.sigma_ve(trail[j_star]) < ropt["restart_sigma_max"]
    print(f"restart: j* = {j_star}, t_j* = {trail[j_star]}, sigma_VE(t_j*) = {SCHED.sigma_ve(trail[j_star]):.6f}, "
          f"sigma_VE(t_(j*-1)) = {SCHED.sigma_ve(trail[j_star - 1]):.6f}")
    n = base.Noise(26)
    add("restart", ropt, trail,
        lambda: restart(x_T, trail, n, tanh, 0.3, 2.0, ropt["restart_k"], ropt["restart_steps"])[0], n)

    spacings = []
    for T_, N in ((100, 10), (1000, 7)):
        S = Schedule.linear(T_)  # ScheduleOptions defaults: linear, β 1e-4..0.02
        spacings.append({"T": T_, "steps": N, "spacing": "exponential", "beta_start": 1e-4, "beta_end": 0.02,
                         "timesteps": exponential_grid(S, N)})
        spacings.append({"T": T_, "steps": N, "spacing": "beta", "beta_start": 1e-4, "beta_end": 0.02,
                         "timesteps": beta_grid(T_, N)})

    for c in cases:
        for row in c["x"] + c["noise"]:
            assert all(math.isfinite(v) for v in row), c["name"]
        assert len(c["x"]) == len(c["timesteps"]) - 1
    for s in spacings:
        ts = s["timesteps"]
        assert all(math.isfinite(v) for v in ts) and all(b < a for a, b in zip(ts, ts[1:])), s
        assert ts[0] == s["T"] and ts[-1] == 0.0

    checks(x_T, trail, kar)

    out = {"betas": base.BETAS.tolist(), "x_T": x_T.flatten().tolist(), "shape": [B, D], "offset": OFFSET.tolist(),
           "cases": cases, "spacings": spacings}
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "sampling")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "zoo_reference.json"), "w") as f:
        json.dump(out, f, indent=1)
    for c in cases:
        print(f"{c['name']:20s} {json.dumps(c['options'])}: nfe {c['nfe']}, draws {len(c['noise'])}")


if __name__ == "__main__":
    main()
