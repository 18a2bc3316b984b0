"""Reference β_t tables for the noise-schedule families (core/schedule), as diffusers defines them.

diffusers is not a dependency, so its definitions are re-implemented here line by line from
diffusers/src/diffusers/schedulers/scheduling_ddpm.py (DDPMScheduler.__init__, betas_for_alpha_bar and
rescale_zero_terminal_snr; the same code is copied into every diffusers scheduler):

    linear:             torch.linspace(beta_start, beta_end, T, dtype=torch.float32)
    scaled_linear:      torch.linspace(beta_start**0.5, beta_end**0.5, T, dtype=torch.float32) ** 2
    squaredcos_cap_v2:  betas_for_alpha_bar(T)  (alpha_transform_type="cosine", max_beta=0.999, s = 0.008;
                        Nichol & Dhariwal 2021, eq. 17), evaluated in Python floats, returned as float32
    sigmoid:            torch.sigmoid(torch.linspace(-6, 6, T)) * (beta_end - beta_start) + beta_start
    rescale_betas_zero_snr=True:  rescale_zero_terminal_snr(betas)  (Lin et al. 2024, Algorithm 1)

Each case is computed twice: `beta_f32` exactly as diffusers does it (float32 tensors), and `beta` with the
same formulas in float64 (the precision the C++ code works in). The C++ test requires agreement with the
float64 values to 1e-12 and with diffusers' float32 values to float32 rounding; the float64 columns also
give ᾱ_t, log-SNR λ_t = log(ᾱ_t / (1 − ᾱ_t)) and β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t) (Ho et al. 2020, eq. 7).

Writes tests/data/schedule/<case>.csv (t,beta_f32,beta,alpha_bar,log_snr,posterior_variance; t = 1..T, least
noisy first) and tests/data/schedule/cases.json (the parameters of each case).

Re-run from the repository root:  /usr/bin/python3 tests/reference/schedule_reference.py
"""
import json
import math
import os

import torch


def betas_for_alpha_bar(num_diffusion_timesteps, max_beta=0.999, dtype=torch.float32):
    # diffusers: alpha_transform_type == "cosine"
    def alpha_bar_fn(t):
        return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2

    betas = []
    for i in range(num_diffusion_timesteps):
        t1 = i / num_diffusion_timesteps
        t2 = (i + 1) / num_diffusion_timesteps
        betas.append(min(1 - alpha_bar_fn(t2) / alpha_bar_fn(t1), max_beta))
    return torch.tensor(betas, dtype=dtype)


def rescale_zero_terminal_snr(betas):
    # diffusers rescale_zero_terminal_snr, i.e. Lin et al. 2024, Algorithm 1.
    alphas = 1.0 - betas
    alphas_cumprod = torch.cumprod(alphas, dim=0)
    alphas_bar_sqrt = alphas_cumprod.sqrt()
    alphas_bar_sqrt_0 = alphas_bar_sqrt[0].clone()
    alphas_bar_sqrt_T = alphas_bar_sqrt[-1].clone()
    alphas_bar_sqrt -= alphas_bar_sqrt_T
    alphas_bar_sqrt *= alphas_bar_sqrt_0 / (alphas_bar_sqrt_0 - alphas_bar_sqrt_T)
    alphas_bar = alphas_bar_sqrt ** 2
    alphas = alphas_bar[1:] / alphas_bar[:-1]
    alphas = torch.cat([alphas_bar[0:1], alphas])
    return 1 - alphas


def diffusers_betas(schedule, T, beta_start, beta_end, zero_snr, dtype):
    if schedule == "linear":
        betas = torch.linspace(beta_start, beta_end, T, dtype=dtype)
    elif schedule == "scaled_linear":
        betas = torch.linspace(beta_start ** 0.5, beta_end ** 0.5, T, dtype=dtype) ** 2
    elif schedule == "squaredcos_cap_v2":
        betas = betas_for_alpha_bar(T, dtype=dtype)
    elif schedule == "sigmoid":
        betas = torch.linspace(-6, 6, T, dtype=dtype)
        betas = torch.sigmoid(betas) * (beta_end - beta_start) + beta_start
    else:
        raise ValueError(schedule)
    if zero_snr:
        betas = rescale_zero_terminal_snr(betas)
    return betas


# (case name, diffusers beta_schedule, difflab family, T, beta_start, beta_end)
CASES = []
for T in (10, 1000):
    for schedule, family in (("linear", "linear"), ("scaled_linear", "scaled-linear"),
                             ("squaredcos_cap_v2", "cosine"), ("sigmoid", "sigmoid")):
        CASES.append((schedule, family, T, 1e-4, 0.02))
# Stable Diffusion's endpoints, and schedules with very few steps.
CASES.append(("scaled_linear", "scaled-linear", 1000, 0.00085, 0.012))
CASES.append(("linear", "linear", 2, 1e-4, 0.02))
CASES.append(("linear", "linear", 1, 1e-4, 0.02))
CASES.append(("squaredcos_cap_v2", "cosine", 1, 1e-4, 0.02))
CASES.append(("sigmoid", "sigmoid", 3, 0.001, 0.5))


def case_name(family, T, b0, b1, zero_snr):
    return f"{family}_T{T}_{b0:g}_{b1:g}" + ("_ztsnr" if zero_snr else "")


def main():
    out_dir = os.path.join("tests", "data", "schedule")
    os.makedirs(out_dir, exist_ok=True)
    index = []
    for schedule, family, T, b0, b1 in CASES:
        for zero_snr in (False, True):
            if zero_snr and T < 2:
                continue  # Algorithm 1 needs ᾱ_1 > ᾱ_T
            b32 = diffusers_betas(schedule, T, b0, b1, zero_snr, torch.float32)
            b64 = diffusers_betas(schedule, T, b0, b1, zero_snr, torch.float64)
            ab = torch.cumprod(1.0 - b64, dim=0)
            ab_prev = torch.cat([torch.ones(1, dtype=torch.float64), ab[:-1]])
            log_snr = torch.log(ab) - torch.log1p(-ab)
            post_var = b64 * (1.0 - ab_prev) / (1.0 - ab)
            name = case_name(family, T, b0, b1, zero_snr)
            with open(os.path.join(out_dir, name + ".csv"), "w") as f:
                f.write("t,beta_f32,beta,alpha_bar,log_snr,posterior_variance\n")
                for k in range(T):
                    f.write(f"{k + 1},{float(b32[k]):.9g},{float(b64[k]):.17g},{float(ab[k]):.17g},"
                            f"{float(log_snr[k]):.17g},{float(post_var[k]):.17g}\n")
            index.append({"name": name, "diffusers_beta_schedule": schedule, "family": family, "timesteps": T,
                          "beta_start": b0, "beta_end": b1, "zero_terminal_snr": zero_snr})
    with open(os.path.join(out_dir, "cases.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
