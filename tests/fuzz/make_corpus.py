"""Seed corpora for the libFuzzer harnesses (tests/fuzz/fuzz_readers.cpp): small valid inputs of every reader,
from which the fuzzer mutates. Re-run (needs the built CLI for the checkpoint and the PNG recipe):

  /usr/bin/python3 tests/fuzz/make_corpus.py build/app/difflab-cli tests/fuzz/corpus
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "reference"))
import import_reference as ir  # noqa: E402


def put(out, reader, name, data):
    os.makedirs(os.path.join(out, reader), exist_ok=True)
    with open(os.path.join(out, reader, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def png(width, height, channels, pixels, text=None):
    """A PNG (8-bit, no filter) with optional tEXt chunks."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    colour = {1: 0, 3: 2, 4: 6}[channels]
    raw = b"".join(b"\x00" + bytes(pixels[y * width * channels:(y + 1) * width * channels]) for y in range(height))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0))
    for k, v in (text or {}).items():
        out += chunk(b"tEXt", k.encode() + b"\x00" + v.encode())
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def main(cli, out):
    shutil.rmtree(out, ignore_errors=True)
    # NPY: the reader's test files (dtypes, orders, shapes, versions).
    io_dir = os.path.join(ROOT, "tests", "data", "io")
    for name in sorted(os.listdir(io_dir)):
        put(out, "npy", name, open(os.path.join(io_dir, name), "rb").read())
    # safetensors: small files of every dtype, and an MLP's names.
    tensors = {"a": torch.arange(6, dtype=torch.float32).reshape(2, 3), "b": torch.tensor([1, -2], dtype=torch.int64),
               "c": torch.ones(2, dtype=torch.float16), "d": torch.zeros(1, 2, dtype=torch.bfloat16),
               "e": torch.tensor([0.5], dtype=torch.float64)}
    with tempfile.TemporaryDirectory() as tmp:
        ir.save_safetensors(os.path.join(tmp, "s"), tensors, {"format": "pt"})
        put(out, "safetensors", "dtypes.safetensors", open(os.path.join(tmp, "s"), "rb").read())
        mlp = {"input.weight": torch.ones(8, 2), "input.bias": torch.zeros(8), "time_fc1.weight": torch.ones(8, 4),
               "output.weight": torch.ones(2, 8), "blocks.0.fc1.weight": torch.ones(8, 8),
               "class_embed.weight": torch.ones(3, 8)}
        ir.save_safetensors(os.path.join(tmp, "m"), mlp)
        put(out, "safetensors", "mlp-names.safetensors", open(os.path.join(tmp, "m"), "rb").read())
        # torch.save: a state_dict, a dict holding one, a whole module.
        torch.save({"w": torch.ones(2, 2), "b": torch.zeros(2)}, os.path.join(tmp, "sd.pt"))
        torch.save({"model": {"w": torch.ones(3)}, "step": 7}, os.path.join(tmp, "nested.pt"))
        torch.save(torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2)), os.path.join(tmp, "module.pt"))
        for name in ("sd.pt", "nested.pt", "module.pt"):
            put(out, "torch_pickle", name, open(os.path.join(tmp, name), "rb").read())
        # A Diffusion Lab checkpoint of a tiny MLP, and a PNG with its sampling recipe.
        config = {"data": {"dataset": "two-moons:64"},
                  "network": {"kind": "mlp", "sample_shape": [2],
                              "options": {"hidden": 4, "num_blocks": 1, "time_emb_dim": 4}},
                  "trainer": {"total_steps": 2, "batch_size": 8}}
        with open(os.path.join(tmp, "c.json"), "w") as f:
            json.dump(config, f)
        subprocess.run([cli, "train", "--config", os.path.join(tmp, "c.json"), "--threads", "1",
                        "--out", os.path.join(tmp, "m.ckpt")], check=True, capture_output=True)
        put(out, "checkpoint", "tiny-mlp.ckpt", open(os.path.join(tmp, "m.ckpt"), "rb").read())
        subprocess.run([cli, "sample", "--model", os.path.join(ROOT, "tests/data/import/diffusers/ddpm-like"),
                        "--steps", "2", "--num", "1", "--out", os.path.join(tmp, "s.npy"),
                        "--grid", os.path.join(tmp, "g.png")], check=True, capture_output=True)
        put(out, "png_recipe", "recipe.png", open(os.path.join(tmp, "g.png"), "rb").read())
        put(out, "image", "recipe.png", open(os.path.join(tmp, "g.png"), "rb").read())
    # JSON: configs, mixtures, sidecars.
    mixtures = os.path.join(ROOT, "resources", "mixtures")
    for name in sorted(os.listdir(mixtures)):
        text = open(os.path.join(mixtures, name)).read()
        put(out, "mixture", name, text)
        put(out, "json", "mixture-" + name, text)
    put(out, "json", "config.json", json.dumps(config))
    put(out, "json", "nested.json", '{"a": [1, 2.5e-3, true, null, {"b": "\\u00e9\\n"}]}')
    for name in ("mlp.json", "mlp_ts.json", "notebook_sd.json"):
        text = open(os.path.join(ROOT, "tests", "data", "import", name)).read()
        put(out, "sidecar", name, text)
    put(out, "sidecar", "minimal.json", '{"schedule_preset": "notebook", "sample_shape": [3, 32, 32]}')
    # diffusers: config.json and scheduler_config.json as the two halves of one input.
    for folder, unet, sched in (("ddpm-like", "config.json", "scheduler_config.json"),
                                ("defaults-legacy", "unet/config.json", "scheduler/scheduler_config.json")):
        base = os.path.join(ROOT, "tests", "data", "import", "diffusers", folder)
        a, b = open(os.path.join(base, unet)).read(), open(os.path.join(base, sched)).read()
        n = max(len(a), len(b))
        put(out, "diffusers_config", folder + ".json", a.ljust(n) + b.ljust(n))
    # IDX: 2 images of 3×4 and their labels.
    put(out, "idx", "images-idx3-ubyte", struct.pack(">IIII", 0x803, 2, 3, 4) + bytes(range(24)))
    put(out, "idx", "labels-idx1-ubyte", struct.pack(">II", 0x801, 2) + bytes([3, 9]))
    # CIFAR-10: two records (label byte + 3·32·32 pixels).
    put(out, "cifar10", "batch.bin", bytes([1]) + bytes(3072) + bytes([7]) + bytes(range(256)) * 12)
    # Images: PNG grey / RGB / RGBA, a BMP and a PGM.
    put(out, "image", "grey.png", png(3, 2, 1, list(range(6))))
    put(out, "image", "rgb.png", png(2, 2, 3, list(range(12))))
    put(out, "image", "rgba.png", png(2, 1, 4, list(range(8))))
    row = bytes([0, 0, 255, 0, 255, 0]) + bytes(2)  # 2 BGR pixels, padded to 4 bytes
    bmp_pixels = row * 2
    put(out, "image", "tiny.bmp", b"BM" + struct.pack("<IHHI", 54 + len(bmp_pixels), 0, 0, 54) +
        struct.pack("<IiiHHIIiiII", 40, 2, 2, 1, 24, 0, len(bmp_pixels), 2835, 2835, 0, 0) + bmp_pixels)
    put(out, "image", "tiny.pgm", b"P5\n2 2\n255\n" + bytes([0, 64, 128, 255]))
    for reader in sorted(os.listdir(out)):
        files = os.listdir(os.path.join(out, reader))
        print(f"{reader}: {len(files)} seeds, {sum(os.path.getsize(os.path.join(out, reader, f)) for f in files)} bytes")


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]))
