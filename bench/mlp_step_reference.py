"""PyTorch eager reference for difflab-bench-mlp-step: the same 2-D MLP and the same DSM and SSM-VR steps.

Network: core/nn/mlp_denoiser.cpp layer for layer (sinusoidal time embedding -> Linear -> SiLU -> Linear, SiLU;
input Linear; residual blocks h + fc2(SiLU(fc1(SiLU(LayerNorm(h))) + emb_proj(emb))); SiLU(LayerNorm) -> output
Linear). Sizes: "score-lab" (hidden 64, 2 blocks, time embedding 32) and "two-moons" (hidden 128, 3 blocks,
time embedding 64). Steps as ScoreMatchingRace::step() (core/score/score_matching.cpp), op for op: batch gather,
t ~ U{1..1000}, eps ~ N(0, I), q_sample on the linear schedule, then
  dsm: forward, (weight * importance * per-sample MSE).mean(), backward, AdamW, loss.item()
  ssm: forward on x requiring grad, v . grad_x(v . eps_hat) with create_graph, SSM-VR loss, backward, AdamW,
       loss.item()
Batch 256, AdamW lr 3e-3 without weight decay (torch's default implementation for CPU tensors).

Run:  /usr/bin/python3 bench/mlp_step_reference.py [--sizes a,b] [--objectives dsm,ssm] [--threads 1,2]
                                                    [--warmup N] [--steps N] [--repeats N] [--quick]
Prints the same CSV lines as difflab-bench-mlp-step (median over repeats of the ms/step of a run).
"""
import argparse
import math
import time

import torch
import torch.nn.functional as F
from torch import nn

SIZES = {"score-lab": (64, 2, 32), "two-moons": (128, 3, 64)}


def sinusoidal(t, dim):  # core/nn/sinusoidal_embedding.cpp, freq_shift 1
    half = dim // 2
    freqs = torch.exp(torch.arange(half, dtype=torch.float32) * -(math.log(10000.0) / (half - 1.0)))
    a = t.float()[:, None] * freqs[None]
    return torch.cat((a.sin(), a.cos()), -1)


class Block(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.norm = nn.LayerNorm(hidden)
        self.fc1 = nn.Linear(hidden, hidden)
        self.emb_proj = nn.Linear(hidden, hidden)
        self.fc2 = nn.Linear(hidden, hidden)

    def forward(self, h, emb):
        a = self.fc1(F.silu(self.norm(h))) + self.emb_proj(emb)
        return h + self.fc2(F.silu(a))


class MlpDenoiser(nn.Module):
    def __init__(self, data_dim, hidden, num_blocks, time_emb_dim):
        super().__init__()
        self.time_emb_dim = time_emb_dim
        self.time_fc1 = nn.Linear(time_emb_dim, hidden)
        self.time_fc2 = nn.Linear(hidden, hidden)
        self.input = nn.Linear(data_dim, hidden)
        self.blocks = nn.ModuleList(Block(hidden) for _ in range(num_blocks))
        self.out_norm = nn.LayerNorm(hidden)
        self.output = nn.Linear(hidden, data_dim)

    def forward(self, x, t):
        emb = self.time_fc2(F.silu(self.time_fc1(sinusoidal(t, self.time_emb_dim))))
        emb = F.silu(emb)
        h = self.input(x)
        for block in self.blocks:
            h = block(h, emb)
        return self.output(F.silu(self.out_norm(h)))


def two_moons(n, gen):
    """Two moons in model scale (the figures do not depend on the points)."""
    u = torch.rand(n, generator=gen) * math.pi
    upper = torch.stack((u.cos(), u.sin()), 1)
    lower = torch.stack((1 - u.cos(), 0.5 - u.sin()), 1)
    pts = torch.where((torch.arange(n) % 2 == 0)[:, None], upper, lower)
    return (pts + 0.05 * torch.randn(n, 2, generator=gen) - torch.tensor([0.5, 0.25])) / 0.9


def ms_per_step(size, objective, threads, warmup, steps, repeats, batch=256):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(1)
    data = two_moons(2000, gen)
    betas = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)
    alpha_bar = torch.cumprod(1 - betas, 0)
    weight_table = torch.ones(1000, dtype=torch.float64)  # LossWeighting::None
    hidden, blocks, temb = SIZES[size]
    net = MlpDenoiser(2, hidden, blocks, temb)
    net.train()
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=0.0)

    def step():
        idx = torch.randint(data.shape[0], (batch,), generator=gen)
        x0 = data.index_select(0, idx)
        eps = torch.randn(x0.shape, generator=gen)
        t = torch.randint(1, 1001, (batch,), generator=gen)
        iw = torch.ones(batch)
        ab = alpha_bar.index_select(0, (t - 1).clamp(0, 999)).float().reshape(-1, 1)
        x_t = ab.sqrt() * x0 + (1.0 - ab).sqrt() * eps
        t_float = t.float()
        opt.zero_grad()
        if objective == "dsm":
            pred = net(x_t, t_float)
            d = pred - eps
            w = weight_table.index_select(0, (t - 1).clamp(0, 999)).float()
            loss = (w * iw * (d * d).reshape(batch, -1).mean(1)).mean()
        else:
            sigma = torch.sqrt(1.0 - alpha_bar.index_select(0, (t - 1).clamp(0, 999)))
            x = x_t.detach().requires_grad_(True)
            eps_hat = net(x, t_float)
            s = sigma.float().view(batch, 1)
            v = torch.randn(x.shape, generator=gen)
            grad = torch.autograd.grad((v * eps_hat).sum(), x, create_graph=True)[0]
            vjv = torch.zeros(batch) + (grad * v).reshape(batch, -1).sum(1)
            vjv = vjv / 1.0
            ssm = (eps_hat.pow(2).reshape(batch, -1).sum(1) - 2.0 * s.view(batch) * vjv) / 2.0
            loss = (iw * ssm).mean()
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(warmup):
        step()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        runs.append(1000.0 * (time.perf_counter() - start) / steps)
    return sorted(runs)[len(runs) // 2]  # as the C++: the middle run (the upper one of an even count)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="score-lab,two-moons")
    p.add_argument("--objectives", default="dsm,ssm")
    p.add_argument("--threads", default="1,2")
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    if a.quick:
        a.warmup, a.steps, a.repeats = 3, 5, 1
    print(f"# mlp_step_reference.py: PyTorch {torch.__version__}, batch 256, warmup {a.warmup}, steps {a.steps}, "
          f"repeats {a.repeats}")
    print("size,objective,threads,ms_per_step")
    for size in a.sizes.split(","):
        if size not in SIZES:
            raise SystemExit(f"unknown size {size} (score-lab, two-moons)")
        for objective in a.objectives.split(","):
            if objective not in ("dsm", "ssm"):
                raise SystemExit(f"--objectives takes dsm and/or ssm, got {objective}")
            for threads in a.threads.split(","):
                ms = ms_per_step(size, objective, int(threads), a.warmup, a.steps, a.repeats)
                print(f"{size},{objective},{threads},{ms}", flush=True)


if __name__ == "__main__":
    main()
