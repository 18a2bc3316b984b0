"""Checks for tests/cli/test_ode_cli.sh (python3 + torch 1.13 only; no numpy).

usage: ode_cli_checks.py COMMAND ARGS...
  make-data MIXTURE.json OUT.npy            64 exact samples of the mixture, float32 [64, 2] (seed 0)
  roundtrip X.npy XR.npy Z.npy              decoded latents reconstruct X (relative error <= 1e-3), Z ~ N(0, I)
  curve CURVE.csv                           DDIM error falls with steps; NFE = 2 N
  shape FILE.npy D0 D1 ...                  the array's shape
  likelihood MIXTURE.json X.npy LOGP.npy    mean |log p_ODE - log p_exact| <= 0.02 nats
  vlb TERMS.csv T                           T + 2 rows; L_T + sum L_{t-1} + L_0 == total
"""
import ast
import csv
import json
import math
import struct
import sys

import torch

DTYPES = {"<f4": (torch.float32, 4), "<f8": (torch.float64, 8)}


def read_npy(path):
    data = open(path, "rb").read()
    assert data[:6] == b"\x93NUMPY", path
    major = data[6]
    if major == 1:
        (hlen,), start = struct.unpack("<H", data[8:10]), 10
    else:
        (hlen,), start = struct.unpack("<I", data[8:12]), 12
    header = ast.literal_eval(data[start:start + hlen].decode("latin1"))
    dtype, size = DTYPES[header["descr"]]
    shape = header["shape"]
    body = data[start + hlen:]
    n = math.prod(shape)
    fmt = "<%d%s" % (n, "f" if size == 4 else "d")
    return torch.tensor(struct.unpack(fmt, body[:n * size]), dtype=torch.float64).reshape(shape)


def write_npy(path, t):
    t = t.to(torch.float32).contiguous()
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % (tuple(t.shape),)
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        f.write(struct.pack("<%df" % t.numel(), *t.flatten().tolist()))


def mixture(path):
    m = json.load(open(path))
    w = torch.tensor(m["weights"], dtype=torch.float64)
    return w / w.sum(), torch.tensor(m["means"], dtype=torch.float64), torch.tensor(m["covariances"], dtype=torch.float64)


def main(cmd, *a):
    if cmd == "make-data":
        w, mu, cov = mixture(a[0])
        g = torch.Generator().manual_seed(0)
        k = torch.multinomial(w, 64, replacement=True, generator=g)
        z = torch.randn(64, mu.shape[1], generator=g, dtype=torch.float64)
        L = torch.linalg.cholesky(cov)
        write_npy(a[1], mu[k] + torch.einsum("nij,nj->ni", L[k], z))
    elif cmd == "roundtrip":
        x, xr, z = (read_npy(p) for p in a)
        assert x.shape == xr.shape == z.shape == (64, 2), (x.shape, xr.shape, z.shape)
        rel = (xr - x).norm(dim=1) / x.norm(dim=1)
        assert rel.max() <= 1e-3, rel.max()
        assert 0.7 < z.std() < 1.3, z.std()
    elif cmd == "curve":
        rows = list(csv.DictReader(open(a[0])))
        steps = [int(r["steps"]) for r in rows]
        mse = [float(r["mse"]) for r in rows]
        assert all(m1 > m2 for m1, m2 in zip(mse, mse[1:])), mse
        # The default solver, Heun: 2N − 1 evaluations each way, plus at most 8 that invert the final denoise
        # exactly (ode/inversion.h).
        assert all(2 * (2 * s - 1) <= int(r["nfe"]) <= 2 * (2 * s - 1) + 8 for r, s in zip(rows, steps)), rows
    elif cmd == "shape":
        shape = tuple(read_npy(a[0]).shape)
        assert shape == tuple(int(s) for s in a[1:]), shape
    elif cmd == "likelihood":
        w, mu, cov = mixture(a[0])
        x, lp = read_npy(a[1]), read_npy(a[2])
        comp = torch.distributions.MultivariateNormal(mu, covariance_matrix=cov)
        exact = torch.logsumexp(comp.log_prob(x.unsqueeze(1)) + w.log(), dim=1)
        err = (lp - exact).abs().mean().item()
        assert lp.shape == exact.shape and err <= 0.02, err
        print("mean |error| = %.2e nats" % err)
    elif cmd == "vlb":
        rows = list(csv.DictReader(open(a[0])))
        assert len(rows) == int(a[1]) + 2, len(rows)
        assert rows[0]["term"] == "L_T" and rows[-2]["term"] == "L_0" and rows[-1]["term"] == "total"
        total = float(rows[-1]["nats"])
        parts = sum(float(r["nats"]) for r in rows[:-1])
        assert math.isfinite(total) and abs(parts - total) <= 1e-6 * max(1.0, abs(total)), (parts, total)
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main(*sys.argv[1:])
