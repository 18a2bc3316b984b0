"""Files from PyTorch for the import tests (core/model/imported_model.h, docs/import.md), and PyTorch's outputs
on fixed inputs, so the tests check that Diffusion Lab reads them and computes what PyTorch computes.

  mlp.safetensors + mlp.json      the residual MLP of nn_parity.py (our parameter names), deterministic weights
                                  (nn_parity.set_weights), written with this file's safetensors writer — the
                                  format of safetensors.torch.save_file, which Debian does not package;
  mlp_ts.pt + mlp_ts.json         the same network traced with torch.jit.trace (float32), forward(x, t, y);
  expected.json                   the network's output on fixed (x, t, y), in float64;
  notebook_sd.pt + .json          a small notebook-style SimpleUnet (the notebook's classes, channels 4..64,
                                  3 × 32 × 32, BatchNorm running statistics set) saved as torch.save(state_dict);
  notebook_module.pt + .json      the same model saved whole, torch.save(model), as the notebook does;
  notebook_x.npy, notebook_eps.npy  its input batch and output (float64) at the notebook's time indices 0 and 150;
  notebook_x64.npy, notebook_eps64.npy  the same at 3 × 64 × 64 (time indices 20 and 299).

Also a module: load_safetensors / save_safetensors and the float32 MLP, for tests/cli/test_import.sh.

Re-run:  /usr/bin/python3 tests/reference/import_reference.py tests/data/import
"""
import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nn_parity as ref  # noqa: E402
import simple_unet as nb  # noqa: E402
from torch import nn  # noqa: E402

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
          torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8"}
FROM_NAME = {v: k for k, v in DTYPES.items()}


def save_safetensors(path, tensors, metadata=None):
    """The safetensors layout (8-byte little-endian header length, JSON header, data buffer)."""
    header, data = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().cpu()
        raw = t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.view(torch.int16).numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + data)


def load_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    n = struct.unpack("<Q", blob[:8])[0]
    header = json.loads(blob[8:8 + n])
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, end = e["data_offsets"]
        buf = bytearray(blob[8 + n + b:8 + n + end])
        out[name] = torch.frombuffer(buf, dtype=FROM_NAME[e["dtype"]]).reshape(e["shape"]).clone() if end > b else \
            torch.zeros(e["shape"], dtype=FROM_NAME[e["dtype"]])
    return out


class Mlp32(ref.MlpDenoiser):
    """nn_parity's MLP with the time embedding in float32, for float32 tracing (forward(x, t, y)). Like the C++
    MLP, an unconditional one (num_classes = 0) has no class embedding."""

    def __init__(self, data_dim, hidden, num_blocks, time_emb_dim, num_classes):
        super().__init__(data_dim, hidden, num_blocks, time_emb_dim, num_classes)
        if num_classes == 0:
            self.class_embed = None

    def forward(self, x, t, y):
        half = self.time_emb_dim // 2
        freqs = torch.exp(torch.arange(half, dtype=torch.float32) * -(math.log(10000) / (half - 1)))
        args = t.float()[:, None] * freqs[None, :]
        emb = torch.cat((args.sin(), args.cos()), dim=-1)
        emb = self.time_fc2(F.silu(self.time_fc1(emb)))
        if self.class_embed is not None:
            emb = emb + self.class_embed(torch.where(y < 0, torch.full_like(y, self.num_classes), y))
        emb = F.silu(emb)
        h = self.input(x)
        for b in self.blocks:
            h = b(h, emb)
        return self.output(F.silu(self.out_norm(h)))


class SmallUnet(nb.SimpleUnet):
    """The notebook's SimpleUnet with fewer channels (the notebook's Block and embedding classes, verbatim)."""

    def __init__(self, down=(4, 8, 16, 32, 64), time_emb_dim=32):
        nn.Module.__init__(self)
        up = tuple(reversed(down))
        self.time_mlp = nn.Sequential(nb.SinusoidalPositionEmbeddings(time_emb_dim),
                                      nn.Linear(time_emb_dim, time_emb_dim), nn.ReLU())
        self.conv0 = nn.Conv2d(3, down[0], 3, padding=1)
        self.downs = nn.ModuleList([nb.Block(down[i], down[i + 1], time_emb_dim) for i in range(len(down) - 1)])
        self.ups = nn.ModuleList([nb.Block(up[i], up[i + 1], time_emb_dim, up=True) for i in range(len(up) - 1)])
        self.output = nn.Conv2d(up[-1], 3, 1)


def notebook_files(out):
    torch.manual_seed(0)
    unet = SmallUnet()
    with torch.no_grad():  # running statistics that matter in eval mode
        for m in unet.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(7)
    unet.eval()
    torch.save(unet.state_dict(), os.path.join(out, "notebook_sd.pt"))
    torch.save(unet, os.path.join(out, "notebook_module.pt"))
    side = {"network": {"kind": "simple-unet", "preset": "notebook", "sample_shape": [3, 32, 32],
                        "options": {"down_channels": [4, 8, 16, 32, 64], "time_emb_dim": 32}},
            "schedule_preset": "notebook", "prediction": "eps", "data": {"kind": "images"}}
    for name in ("notebook_sd", "notebook_module"):
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(side, f, indent=2)
    x = torch.randn(2, 3, 32, 32, generator=torch.Generator().manual_seed(1))
    torch.set_default_dtype(torch.float64)  # the notebook's embedding frequencies follow the default dtype
    with torch.no_grad():
        eps = unet.double()(torch.tensor([0.0, 150.0]), x.double())  # the notebook's 0-based time index
    torch.set_default_dtype(torch.float32)
    import numpy as np
    np.save(os.path.join(out, "notebook_x.npy"), x.numpy())
    np.save(os.path.join(out, "notebook_eps.npy"), eps.numpy())
    # The same weights on the 64 × 64 images (a U-Net's weights fix no image size).
    x64 = torch.randn(2, 3, 64, 64, generator=torch.Generator().manual_seed(2))
    torch.set_default_dtype(torch.float64)
    with torch.no_grad():
        eps64 = unet(torch.tensor([20.0, 299.0]), x64.double())
    torch.set_default_dtype(torch.float32)
    np.save(os.path.join(out, "notebook_x64.npy"), x64.numpy())
    np.save(os.path.join(out, "notebook_eps64.npy"), eps64.numpy())


MLP = {"data_dim": 2, "hidden": 32, "num_blocks": 2, "time_emb_dim": 16, "num_classes": 3}


def sidecar(extra):
    base = {"schedule": {"family": "linear", "timesteps": 1000, "beta_start": 1e-4, "beta_end": 0.02},
            "prediction": "eps", "data": {"kind": "points", "normalization": "identity"},
            "class_names": ["a", "b", "c"]}
    base.update(extra)
    return base


def main(out):
    os.makedirs(out, exist_ok=True)
    model = ref.MlpDenoiser(**MLP)
    ref.set_weights(model)
    state = {k: v.float() for k, v in model.state_dict().items()}
    save_safetensors(os.path.join(out, "mlp.safetensors"), state, {"source": "tests/reference/import_reference.py"})
    network = {"kind": "mlp", "preset": "default", "sample_shape": [2], "num_classes": MLP["num_classes"],
               "options": {"hidden": MLP["hidden"], "num_blocks": MLP["num_blocks"],
                           "time_emb_dim": MLP["time_emb_dim"]}}
    with open(os.path.join(out, "mlp.json"), "w") as f:
        json.dump(sidecar({"network": network}), f, indent=2)

    m32 = Mlp32(**MLP)
    m32.load_state_dict(state)
    m32.eval()
    x = torch.tensor([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.0], [2.0, -2.0], [0.1, 0.9]])
    t = torch.tensor([1.0, 10.0, 250.5, 500.0, 1000.0])
    y = torch.tensor([0, 2, -1, 1, -1])
    traced = torch.jit.trace(m32, (x, t, y))
    traced.save(os.path.join(out, "mlp_ts.pt"))
    with open(os.path.join(out, "mlp_ts.json"), "w") as f:
        json.dump(sidecar({"sample_shape": [2]}), f, indent=2)

    model = model.double()
    with torch.no_grad():
        expected = model(x.double(), t.double(), y)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"x": x.tolist(), "t": t.tolist(), "y": y.tolist(), "eps": expected.tolist()}, f)
    notebook_files(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/import")
