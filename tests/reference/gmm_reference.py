#!/usr/bin/env python3
"""Reference values for tests/core/test_data.cpp and the mixture presets in resources/mixtures/.

Writes
  resources/mixtures/{8gaussians,rings,two-gaussians,anisotropic,unbalanced-1d}.json  (the presets)
  tests/data/data/gmm_reference.json  (log densities of two mixtures at fixed points)

The log densities come from torch.distributions (MixtureSameFamily of MultivariateNormal) in float64, an
implementation independent of difflab's Cholesky code. Needs python3 and torch 1.13 only.

Usage: python3 tests/reference/gmm_reference.py   (from the repository root)
"""
import json
import math
import os

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def eight_gaussians():
    # FFJORD (Grathwohl et al. 2019) toy "8gaussians": centres 4 (cos, sin)(k pi/4), std 0.5, all / 1.414.
    # difflab uses exactly sqrt(2): radius 2 sqrt(2), variance 0.5^2 / 2.
    r, var = 4.0 / math.sqrt(2.0), 0.25 / 2.0
    angles = [k * math.pi / 4.0 for k in range(8)]
    return {"weights": [1.0 / 8.0] * 8,
            "means": [[r * math.cos(a), r * math.sin(a)] for a in angles],
            "covariances": [[[var, 0.0], [0.0, var]] for _ in angles]}


def rings():
    # Three rings of radius 0.8, 1.6, 2.4; Gaussians of std 0.2 spaced ~0.4 along each (toy_datasets.h).
    sizes = [round(2.0 * math.pi * r / 0.4) for r in (0.8, 1.6, 2.4)]
    total, var = sum(sizes), 0.2 * 0.2
    mix = {"weights": [], "means": [], "covariances": []}
    for i, m in enumerate(sizes):
        radius = 0.8 * (i + 1)
        for j in range(m):
            a = 2.0 * math.pi * j / m
            mix["weights"].append(1.0 / total)
            mix["means"].append([radius * math.cos(a), radius * math.sin(a)])
            mix["covariances"].append([[var, 0.0], [0.0, var]])
    return mix


TEACHING = {
    # Two well separated equal modes: the simplest multimodal target.
    "two-gaussians": {"weights": [0.5, 0.5], "means": [[-2.0, 0.0], [2.0, 0.0]],
                      "covariances": [[[0.25, 0.0], [0.0, 0.25]], [[0.25, 0.0], [0.0, 0.25]]]},
    # One elongated, correlated Gaussian: the score is not radial, the PF-ODE paths bend.
    "anisotropic": {"weights": [1.0], "means": [[0.5, -0.5]],
                    "covariances": [[[2.0, 1.2], [1.2, 1.0]]]},
    # A one-dimensional bimodal mixture with unequal weights and widths, for 1-D score and density plots.
    "unbalanced-1d": {"weights": [0.3, 0.7], "means": [[-1.5], [1.0]],
                      "covariances": [[[0.1]], [[0.3]]]},
}


def log_density(mix, x):
    w = torch.tensor(mix["weights"], dtype=torch.float64)
    mu = torch.tensor(mix["means"], dtype=torch.float64)
    cov = torch.tensor(mix["covariances"], dtype=torch.float64)
    d = torch.distributions
    gmm = d.MixtureSameFamily(d.Categorical(probs=w), d.MultivariateNormal(mu, covariance_matrix=cov))
    return gmm.log_prob(x)


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def write_mixture(path, mix):
    """One component per line, so that a preset reads like the mixture it is."""
    def rows(key):
        return ",\n  ".join(json.dumps(v) for v in mix[key])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write('{"weights": %s,\n "means": [\n  %s],\n "covariances": [\n  %s]}\n'
                % (json.dumps(mix["weights"]), rows("means"), rows("covariances")))


def main():
    presets = {"8gaussians": eight_gaussians(), "rings": rings(), **TEACHING}
    for name, mix in presets.items():
        write_mixture(os.path.join(ROOT, "resources", "mixtures", name + ".json"), mix)

    # A 3-D mixture with full, correlated covariances and unnormalised weights (difflab normalises them).
    mix3 = {"weights": [2.0, 1.0, 1.0],
            "means": [[0.0, 0.0, 0.0], [1.0, -2.0, 0.5], [-1.5, 1.0, 2.0]],
            "covariances": [[[1.0, 0.3, 0.1], [0.3, 0.5, -0.2], [0.1, -0.2, 2.0]],
                            [[0.2, 0.0, 0.05], [0.0, 0.3, 0.0], [0.05, 0.0, 0.4]],
                            [[1.5, -0.7, 0.0], [-0.7, 1.0, 0.3], [0.0, 0.3, 0.8]]]}
    g = torch.Generator().manual_seed(1234)
    x3 = torch.randn(16, 3, generator=g, dtype=torch.float64) * 2.0
    x8 = torch.randn(16, 2, generator=g, dtype=torch.float64) * 3.0
    mix3_norm = dict(mix3, weights=[v / sum(mix3["weights"]) for v in mix3["weights"]])
    out = {"generator": "tests/reference/gmm_reference.py (torch.distributions, float64)",
           "torch_version": torch.__version__,
           "cases": [{"mixture": mix3, "x": x3.tolist(), "log_density": log_density(mix3_norm, x3).tolist()},
                     {"mixture": presets["8gaussians"], "x": x8.tolist(),
                      "log_density": log_density(presets["8gaussians"], x8).tolist()}]}
    write_json(os.path.join(ROOT, "tests", "data", "data", "gmm_reference.json"), out)


if __name__ == "__main__":
    main()
