"""PyTorch reference for difflab-bench-train: the same models and the same training step in eager PyTorch.

Models: the lecture notebook's SimpleUnet (seeds/001; the class of tests/reference/simple_unet.py with the
image channels as a parameter) on 32x32x1, and the DDPM U-Net of Ho et al. 2020 as built by
core/nn/ddpm_unet.cpp (presets "small" on 32x32x1 and "cifar10" on 32x32x3, same parameter counts).
Step: batch gather, t ~ U{1..T}, eps ~ N(0, I), x_t = sqrt(abar) x0 + sqrt(1 - abar) eps, MSE eps-loss,
backward, clip_grad_norm_(1), AdamW, EMA update (decay 0.999).

Run:  /usr/bin/python3 bench/train_reference.py [--device cpu|cuda] [--quick] [--threads N] [--models a,b]
Prints the same CSV lines as difflab-bench-train.
"""
import argparse
import contextlib
import copy
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/tests/reference")
import simple_unet as nb  # noqa: E402  (the notebook's classes, verbatim)


class SimpleUnet(nb.SimpleUnet):
    """The notebook's SimpleUnet with `image_channels` channels (the notebook hard-codes 3)."""

    def __init__(self, image_channels):
        super().__init__()
        self.conv0 = nn.Conv2d(image_channels, 64, 3, padding=1)
        self.output = nn.Conv2d(64, image_channels, 1)

    def forward(self, x, t):
        return super().forward(t - 1.0, x)


def sinusoidal(t, dim):
    half = dim // 2
    f = torch.exp(torch.arange(half, device=t.device) * -(math.log(10000) / (half - 1)))
    a = t.float()[:, None] * f[None]
    return torch.cat((a.sin(), a.cos()), -1)


class GroupNorm32(nn.GroupNorm):
    """GroupNorm in fp32, returned in the input's dtype (guided-diffusion's GroupNorm32): torch 1.13's CPU
    autocast has no fp32 rule for group_norm and fails on bf16 activations; the C++ U-Net does the same."""

    def forward(self, x):
        return super().forward(x.float()).type(x.dtype)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb, dropout):
        super().__init__()
        self.norm1 = GroupNorm32(32, cin, eps=1e-6)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.temb_proj = nn.Linear(temb, cout)
        self.norm2 = GroupNorm32(32, cout, eps=1e-6)
        self.dropout = nn.Dropout(dropout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.nin_shortcut = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.temb_proj(F.silu(temb))[:, :, None, None]
        h = self.conv2(self.dropout(F.silu(self.norm2(h))))
        return (self.nin_shortcut(x) if self.nin_shortcut is not None else x) + h


class AttnBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.norm = GroupNorm32(32, c, eps=1e-6)
        self.q, self.k, self.v, self.proj_out = (nn.Conv2d(c, c, 1) for _ in range(4))

    def forward(self, x):
        b, c, h, w = x.shape
        n = self.norm(x)
        q = self.q(n).reshape(b, c, h * w).transpose(1, 2)
        k = self.k(n).reshape(b, c, h * w)
        v = self.v(n).reshape(b, c, h * w).transpose(1, 2)
        a = torch.softmax(torch.bmm(q, k) / math.sqrt(c), -1)
        return x + self.proj_out(torch.bmm(a, v).transpose(1, 2).reshape(b, c, h, w))


class DdpmUnet(nn.Module):
    def __init__(self, cin, ch, mult, nres, attn, dropout, size):
        super().__init__()
        self.ch, temb = ch, 4 * ch
        self.temb_dense0, self.temb_dense1 = nn.Linear(ch, temb), nn.Linear(temb, temb)
        self.conv_in = nn.Conv2d(cin, ch, 3, padding=1)
        self.down, self.up, self.down_kind, self.up_kind = nn.ModuleList(), nn.ModuleList(), [], []
        skips, c, res = [ch], ch, size
        for lvl, m in enumerate(mult):
            for _ in range(nres):
                self.down.append(ResBlock(c, ch * m, temb, dropout)); self.down_kind.append("res"); c = ch * m
                if res in attn:
                    self.down.append(AttnBlock(c)); self.down_kind.append("attn")
                skips.append(c)
            if lvl != len(mult) - 1:
                self.down.append(nn.Conv2d(c, c, 3, stride=2, padding=1)); self.down_kind.append("down")
                skips.append(c); res = (res + 1) // 2
        self.mid = nn.ModuleList([ResBlock(c, c, temb, dropout), AttnBlock(c), ResBlock(c, c, temb, dropout)])
        for lvl in reversed(range(len(mult))):
            for _ in range(nres + 1):
                self.up.append(ResBlock(c + skips.pop(), ch * mult[lvl], temb, dropout)); self.up_kind.append("res")
                c = ch * mult[lvl]
                if res in attn:
                    self.up.append(AttnBlock(c)); self.up_kind.append("attn")
            if lvl != 0:
                self.up.append(nn.Conv2d(c, c, 3, padding=1)); self.up_kind.append("up"); res *= 2
        self.norm_out, self.conv_out = GroupNorm32(32, c, eps=1e-6), nn.Conv2d(c, cin, 3, padding=1)

    def forward(self, x, t):
        temb = self.temb_dense1(F.silu(self.temb_dense0(sinusoidal(t, self.ch))))
        hs = [self.conv_in(x)]
        h = hs[-1]
        for i, (kind, m) in enumerate(zip(self.down_kind, self.down)):
            h = m(h, temb) if kind == "res" else m(h)
            if not (i + 1 < len(self.down_kind) and self.down_kind[i + 1] == "attn"):
                hs.append(h)
        h = self.mid[2](self.mid[1](self.mid[0](h, temb)), temb)
        for kind, m in zip(self.up_kind, self.up):
            if kind == "res":
                h = m(torch.cat((h, hs.pop()), 1), temb)
            elif kind == "up":
                h = m(F.interpolate(h, scale_factor=2, mode="nearest"))
            else:
                h = m(h)
        return self.conv_out(F.silu(self.norm_out(h)))


def make(model):
    if model == "simple-unet":
        return SimpleUnet(1), (1, 32, 32)
    if model == "ddpm-small":
        return DdpmUnet(1, 32, (1, 2, 2), 2, (8,), 0.1, 32), (1, 32, 32)
    if model == "ddpm-cifar10":
        return DdpmUnet(3, 128, (1, 2, 2, 2), 2, (16,), 0.1, 32), (3, 32, 32)
    raise SystemExit(f"unknown model {model}")


def images_per_second(model_name, batch, bf16, device, warmup, steps):
    torch.manual_seed(0)
    net, shape = make(model_name)
    net = net.to(device)
    channels_last = bf16 and device.startswith("cuda")  # as the C++ trainer: channels_last on CUDA only
    if channels_last:
        net = net.to(memory_format=torch.channels_last)
    ema = copy.deepcopy(net).eval()
    opt = torch.optim.AdamW(net.parameters(), lr=2e-4, weight_decay=0.0)
    data = (torch.rand((1024,) + shape) * 2 - 1).to(device)
    betas = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)
    abar = torch.cumprod(1 - betas, 0).float().to(device)

    def step():
        idx = torch.randint(0, data.shape[0], (batch,), device=device)
        t = torch.randint(1, 1001, (batch,), device=device)
        x0 = data[idx]
        eps = torch.randn_like(x0)
        a = abar[t - 1].view(-1, 1, 1, 1)
        xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
        if channels_last:
            xt = xt.contiguous(memory_format=torch.channels_last)
        with torch.autocast(device.split(":")[0], dtype=torch.bfloat16) if bf16 else contextlib.nullcontext():
            pred = net(xt, t.float())
        loss = F.mse_loss(pred.float(), eps)
        loss.item()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            for pe, p in zip(ema.parameters(), net.parameters()):
                pe.mul_(0.999).add_(p, alpha=0.001)

    net.train()
    for _ in range(warmup):
        step()
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    return steps * batch / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cpu")
    p.add_argument("--models", default="simple-unet,ddpm-small,ddpm-cifar10")
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--precision", default="fp32,bf16")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--batch", type=int, default=0)
    p.add_argument("--profile", default="")
    p.add_argument("--cuda-graph", action="store_true", help="ignored: the reference is PyTorch eager, what the C++ graph is compared with")
    a = p.parse_args()
    if a.quick:
        a.warmup, a.steps = 1, 2
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    cuda = a.device.startswith("cuda")
    print(f"# train_reference.py: PyTorch {torch.__version__}, device {a.device}, threads {torch.get_num_threads()}, "
          f"warmup {a.warmup}, steps {a.steps}")
    print("model,batch,precision,device,images_per_second")
    for m in a.models.split(","):
        batches = [128, 512] if m == "simple-unet" else [128]
        if a.quick and not cuda and m == "ddpm-cifar10":
            batches = [32]
        if a.batch > 0:
            batches = [a.batch]
        for b in batches:
            for bf16 in [q == "bf16" for q in a.precision.split(",")]:
                ips = images_per_second(m, b, bf16, a.device, a.warmup, a.steps)
                print(f"{m},{b},{'bf16' if bf16 else 'fp32'},{a.device},{ips}", flush=True)


if __name__ == "__main__":
    main()
