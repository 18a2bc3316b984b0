"""Reference outputs for the C++ networks' forward passes (core/nn): the sinusoidal time embedding
(Vaswani et al. 2017 §3.5 / Ho et al. 2020, as the lecture notebook's SinusoidalPositionEmbeddings) and the
residual MLP denoiser (core/nn/mlp_denoiser.h), written here in PyTorch with the same parameter names.

Weights are set deterministically: the parameters sorted by name get ordinals i = 0, 1, ...; element k of the
flattened parameter i is 0.3 * sin(0.7 k + 1.3 i + 0.1). The C++ test applies the same formula.

The lecture notebook's SimpleUnet (tests/reference/simple_unet.py, the notebook's classes verbatim, 3 channels)
gets the same weights and runs in float64 in training mode (BatchNorm on batch statistics, so the deterministic
weights cannot blow the activations up), on a non-square 16x32 input: a parity check of the whole network,
transposed convolutions included, against the architecture it reproduces.

Re-run:  /usr/bin/python3 tests/reference/nn_parity.py > tests/data/nn/nn_parity.json
"""
import json
import math

import sys

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import simple_unet as nb  # noqa: E402  (the notebook's classes, verbatim)


def sinusoidal(t, dim):
    half = dim // 2
    scale = math.log(10000) / (half - 1)
    freqs = torch.exp(torch.arange(half, dtype=torch.float64) * -scale)
    args = t.double()[:, None] * freqs[None, :]
    return torch.cat((args.sin(), args.cos()), dim=-1)


class Block(nn.Module):
    def __init__(self, hidden, emb):
        super().__init__()
        self.norm = nn.LayerNorm(hidden)
        self.fc1 = nn.Linear(hidden, hidden)
        self.emb_proj = nn.Linear(emb, hidden)
        self.fc2 = nn.Linear(hidden, hidden)

    def forward(self, h, emb):
        return h + self.fc2(F.silu(self.fc1(F.silu(self.norm(h))) + self.emb_proj(emb)))


class MlpDenoiser(nn.Module):
    def __init__(self, data_dim, hidden, num_blocks, time_emb_dim, num_classes):
        super().__init__()
        self.time_emb_dim, self.num_classes = time_emb_dim, num_classes
        self.time_fc1 = nn.Linear(time_emb_dim, hidden)
        self.time_fc2 = nn.Linear(hidden, hidden)
        self.class_embed = nn.Embedding(num_classes + 1, hidden)
        self.input = nn.Linear(data_dim, hidden)
        self.blocks = nn.ModuleList([Block(hidden, hidden) for _ in range(num_blocks)])
        self.out_norm = nn.LayerNorm(hidden)
        self.output = nn.Linear(hidden, data_dim)

    def forward(self, x, t, y):
        emb = self.time_fc2(F.silu(self.time_fc1(sinusoidal(t, self.time_emb_dim))))
        emb = emb + self.class_embed(torch.where(y < 0, torch.full_like(y, self.num_classes), y))
        emb = F.silu(emb)
        h = self.input(x)
        for b in self.blocks:
            h = b(h, emb)
        return self.output(F.silu(self.out_norm(h)))


def set_weights(model):
    with torch.no_grad():
        for i, (name, p) in enumerate(sorted(model.named_parameters())):
            k = torch.arange(p.numel(), dtype=torch.float64)
            p.copy_((0.3 * torch.sin(0.7 * k + 1.3 * i + 0.1)).reshape(p.shape))


if __name__ == "__main__":
    t = torch.tensor([1.0, 10.0, 250.0, 500.0, 1000.0], dtype=torch.float64)
    x = torch.tensor([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.0], [2.0, -2.0], [0.1, 0.9]], dtype=torch.float64)
    y = torch.tensor([0, 2, -1, 1, -1])
    model = MlpDenoiser(data_dim=2, hidden=32, num_blocks=2, time_emb_dim=16, num_classes=3).double()
    set_weights(model)
    out = model(x, t, y)

    # The notebook builds its embedding frequencies with the default dtype (arange(int) * float): float64 here,
    # like the C++ embedding of a float64 t.
    torch.set_default_dtype(torch.float64)
    unet = nb.SimpleUnet().double().train()
    set_weights(unet)
    gen = torch.Generator().manual_seed(3)
    ux = torch.randn(2, 3, 16, 32, generator=gen, dtype=torch.float64)
    ut = torch.tensor([0.0, 617.0], dtype=torch.float64)  # the notebook's 0-based time index
    with torch.no_grad():
        uout = unet(ut, ux)
    print(json.dumps({
        "t": t.tolist(), "x": x.tolist(), "y": y.tolist(),
        "embedding_dim": 32, "embedding": sinusoidal(t, 32).tolist(),
        "mlp": {"data_dim": 2, "hidden": 32, "num_blocks": 2, "time_emb_dim": 16, "num_classes": 3,
                "parameter_names": [n for n, _ in sorted(model.named_parameters())], "output": out.tolist()},
        # t_index is the notebook's 0-based index; the C++ SimpleUnet takes t = t_index + 1 (time_offset -1).
        "simple_unet": {"t_index": ut.tolist(), "x": ux.flatten().tolist(), "x_shape": list(ux.shape),
                        "output": uout.flatten().tolist()},
    }))
