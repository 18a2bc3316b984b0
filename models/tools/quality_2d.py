#!/usr/bin/env python3
"""Quality report of a 2-D zoo model (docs/models.md), as JSON for `difflab-cli export --quality`.

For each sampler (ddpm, ddim, euler, heun, dpmpp-2m) at 10 and 50 steps: the squared energy distance
(Székely & Rizzo 2013) of 2000 samples to 20000 fresh points of the training data set (another draw than
training's), beside the floor (2000 fresh data points against the same reference); and the largest |x| of
4000 samples at 50 steps beside the data's (the ODE samplers of an ε-model threw points to |x| ≈ 59; #12).

usage: quality_2d.py DIFFLAB_CLI MODEL.ckpt DATA_SPEC OUT.json     (run with /usr/bin/python3: numpy, torch)
"""
import csv
import json
import subprocess
import sys
import tempfile

import numpy as np
import torch

SAMPLERS = ["ddpm", "ddim", "euler", "heun", "dpmpp-2m"]


def energy_distance(x, y):
    x = torch.tensor(x, dtype=torch.float64)
    y = torch.tensor(y, dtype=torch.float64)
    return (2 * torch.cdist(x, y).mean() - torch.cdist(x, x).mean() - torch.cdist(y, y).mean()).item()


def main():
    cli, model, data, out = sys.argv[1:5]
    base = data.split(":")[0]
    with tempfile.TemporaryDirectory() as tmp:
        run = lambda *a: subprocess.run([cli, *a], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        run("datasets", "--describe", f"{base}:20000", "--seed", "7", "--out", f"{tmp}/ref.npy")
        run("datasets", "--describe", f"{base}:2000", "--seed", "8", "--out", f"{tmp}/floor.npy")
        ref = np.load(f"{tmp}/ref.npy")
        floor = energy_distance(np.load(f"{tmp}/floor.npy"), ref)
        run("compare", "--model", model, "--samplers", ",".join(SAMPLERS), "--steps", "10,50", "--num", "2000",
            "--reference", f"{tmp}/ref.npy", "--csv", f"{tmp}/compare.csv")
        report = []
        for row in csv.DictReader(open(f"{tmp}/compare.csv")):
            report.append({"metric": "energy distance", "sampler": row["sampler"], "steps": int(row["steps"]),
                           "num": 2000, "energy_distance": float(row["distance"]), "energy_floor": floor,
                           "reference": f"{base}:20000 (seed 7)"})
        data_max = float(np.abs(ref).max())
        for s in SAMPLERS:
            run("sample", "--model", model, "--sampler", s, "--steps", "50", "--num", "4000", "--seed", "1",
                "--out", f"{tmp}/x.npy")
            x = np.load(f"{tmp}/x.npy")
            report.append({"metric": "largest |x|", "sampler": s, "steps": 50, "num": 4000,
                           "max_abs": float(np.abs(x).max()), "data_max_abs": data_max})
    json.dump(report, open(out, "w"), indent=1)
    for r in report:
        print(r)


if __name__ == "__main__":
    main()
