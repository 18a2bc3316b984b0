#!/bin/sh
# Models in and out (docs/import.md): difflab-cli samples from PyTorch's safetensors and TorchScript files
# (tests/data/import) and both give the same samples; a trained checkpoint exported as safetensors, torch.save or
# TorchScript samples as the checkpoint; and the export round-trips through Python: PyTorch loads the weights into the
# reference MLP (tests/reference/import_reference.py), traces it to TorchScript, and Diffusion Lab samples the
# same points from that file.
# usage: test_import.sh DIFFLAB_CLI SOURCE_DIR
set -eu
cli=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
close() {  # close A.npy B.npy TOL
  /usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import sys
import numpy as np
a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
d = float(np.abs(a - b).max())
assert a.shape == b.shape and d <= float(sys.argv[3]), (a.shape, b.shape, d)
PY
}
data=$src/tests/data/import

"$cli" sample --model "$data/mlp.safetensors" --sampler ddim --steps 10 --num 64 --seed 3 --out "$dir/st.npy" \
  2> "$dir/log" || fail "sample from safetensors: $(cat "$dir/log")"
"$cli" sample --model "$data/mlp_ts.pt" --sampler ddim --steps 10 --num 64 --seed 3 --out "$dir/ts.npy" \
  2> "$dir/log" || fail "sample from TorchScript: $(cat "$dir/log")"
close "$dir/st.npy" "$dir/ts.npy" 1e-4 || fail "safetensors and TorchScript samples differ"

"$cli" train --dataset two-moons:512 --model mlp:default --steps 30 --batch-size 64 --threads 1 \
  --out "$dir/m.ckpt" > /dev/null 2>&1 || fail "train"
"$cli" export --model "$dir/m.ckpt" --out "$dir/m.safetensors" > "$dir/log" 2>&1 || fail "export: $(cat "$dir/log")"
[ -f "$dir/m.json" ] || fail "export wrote no sidecar m.json"
"$cli" sample --model "$dir/m.ckpt" --sampler ddim --steps 10 --num 64 --seed 5 --out "$dir/a.npy" 2> /dev/null
"$cli" sample --model "$dir/m.safetensors" --sampler ddim --steps 10 --num 64 --seed 5 --out "$dir/b.npy" \
  2> "$dir/log" || fail "sample from the export: $(cat "$dir/log")"
close "$dir/a.npy" "$dir/b.npy" 0 || fail "the exported weights sample differently from the checkpoint"

/usr/bin/python3 - "$src/tests/reference" "$dir" <<'PY' || fail "Python could not load the export"
import json, sys
sys.path.insert(0, sys.argv[1])
import torch
import import_reference as ir
d = sys.argv[2]
side = json.load(open(d + "/m.json"))
o = side["network"]["options"]
m = ir.Mlp32(data_dim=2, hidden=o["hidden"], num_blocks=o["num_blocks"], time_emb_dim=o["time_emb_dim"],
             num_classes=side["network"]["num_classes"])
m.load_state_dict(ir.load_safetensors(d + "/m.safetensors"))  # strict: every name matches
m.eval()
x, t, y = torch.randn(4, 2), torch.tensor([1.0, 50.0, 500.5, 1000.0]), torch.full((4,), -1)
torch.jit.trace(m, (x, t, y)).save(d + "/py.pt")
side.pop("network")
side["sample_shape"] = [2]
json.dump(side, open(d + "/py.json", "w"))
PY
"$cli" sample --model "$dir/py.pt" --sampler ddim --steps 10 --num 64 --seed 5 --out "$dir/c.npy" \
  2> "$dir/log" || fail "sample from Python's TorchScript: $(cat "$dir/log")"
close "$dir/a.npy" "$dir/c.npy" 1e-4 || fail "Python's round trip samples differently"
# The same weights in torch.save's format: they sample like the checkpoint, and Python's torch.load gives the
# state_dict of the reference module.
"$cli" export --model "$dir/m.ckpt" --out "$dir/e.pt" > "$dir/log" 2>&1 || fail "export .pt: $(cat "$dir/log")"
"$cli" sample --model "$dir/e.pt" --sampler ddim --steps 10 --num 64 --seed 5 --out "$dir/d.npy" \
  2> "$dir/log" || fail "sample from the .pt export: $(cat "$dir/log")"
close "$dir/a.npy" "$dir/d.npy" 0 || fail "the .pt export samples differently from the checkpoint"
/usr/bin/python3 - "$src/tests/reference" "$dir" <<'PY' || fail "Python's torch.load could not load the .pt export"
import json, sys
sys.path.insert(0, sys.argv[1])
import torch
import import_reference as ir
d = sys.argv[2]
side = json.load(open(d + "/e.json"))
o = side["network"]["options"]
m = ir.Mlp32(data_dim=2, hidden=o["hidden"], num_blocks=o["num_blocks"], time_emb_dim=o["time_emb_dim"],
             num_classes=side["network"]["num_classes"])
m.load_state_dict(torch.load(d + "/e.pt", weights_only=True))  # strict; PyTorch >= 2.6 loads weights_only
st = ir.load_safetensors(d + "/m.safetensors")
assert all(torch.equal(m.state_dict()[k], st[k]) for k in st), "the .pt and safetensors exports differ"
PY

# The checkpoint traced to TorchScript (export --format torchscript): it samples like the checkpoint, Python's
# torch.jit.load runs it at another batch size with PyTorch's reference module's output, and int64 timesteps
# give what float ones do.
"$cli" export --model "$dir/m.ckpt" --out "$dir/traced.pt" --format torchscript > "$dir/log" 2>&1 \
  || fail "export --format torchscript: $(cat "$dir/log")"
grep -q "TorchScript" "$dir/log" || fail "export --format torchscript says: $(cat "$dir/log")"
"$cli" sample --model "$dir/traced.pt" --sampler ddim --steps 10 --num 64 --seed 5 --out "$dir/f.npy" \
  2> "$dir/log" || fail "sample from the TorchScript export: $(cat "$dir/log")"
close "$dir/a.npy" "$dir/f.npy" 1e-5 || fail "the TorchScript export samples differently from the checkpoint"
/usr/bin/python3 - "$src/tests/reference" "$dir" <<'PY' || fail "Python's torch.jit.load could not run the export"
import json, sys
sys.path.insert(0, sys.argv[1])
import torch
import import_reference as ir
d = sys.argv[2]
side = json.load(open(d + "/traced.json"))
assert side["sample_shape"] == [2] and "network" not in side, side
net = json.load(open(d + "/m.json"))["network"]
o = net["options"]
ref = ir.Mlp32(data_dim=2, hidden=o["hidden"], num_blocks=o["num_blocks"], time_emb_dim=o["time_emb_dim"],
               num_classes=net["num_classes"])
ref.load_state_dict(ir.load_safetensors(d + "/m.safetensors"))
ref.eval()
ts = torch.jit.load(d + "/traced.pt")
assert set(dict(ts.named_parameters())) == set(dict(ref.named_parameters())), "parameter names differ"
x, t = torch.randn(7, 2), torch.tensor([1, 2, 50, 250, 500, 999, 1000])
y = torch.tensor([0, 1, -1, 0, 1, -1, 0]) if side["class_names"] else torch.full((7,), -1)
args = (x, t.float()) + ((y,) if side["class_names"] else ())
with torch.no_grad():
    want = ref(x, t.float(), y)
    got = ts(*args)
    got_int = ts(x, t, *args[2:])
err = float((got - want).abs().max())
assert err <= 1e-5 * max(1.0, float(want.abs().max())), err
assert torch.equal(got, got_int), "int64 timesteps differ from float ones"
PY

# The notebook's way, torch.save(model): the whole pickled module samples (images, as PNG too).
"$cli" sample --model "$data/notebook_module.pt" --sampler ddim --steps 5 --num 4 --out "$dir/nb.npy" \
  --grid "$dir/nb.png" 2> "$dir/log" || fail "sample from a torch.save module: $(cat "$dir/log")"
[ -s "$dir/nb.png" ] || fail "no PNG grid from the notebook model"
# A torch.save file without its sidecar, and a weights file without its sidecar, say what they need.
/usr/bin/python3 -c "import torch; torch.save({'w': torch.zeros(2)}, '$dir/sd.pt')"
"$cli" sample --model "$dir/sd.pt" --out "$dir/x.npy" 2> "$dir/log" && fail "a state_dict without sidecar was accepted"
grep -q "sd.json" "$dir/log" || fail "state_dict sidecar message: $(cat "$dir/log")"
cp "$dir/m.safetensors" "$dir/alone.safetensors"
"$cli" sample --model "$dir/alone.safetensors" --out "$dir/x.npy" 2> "$dir/log" && fail "no sidecar was accepted"
grep -q "alone.json" "$dir/log" || fail "sidecar message: $(cat "$dir/log")"
[ "$(wc -l < "$dir/log")" -eq 1 ] || fail "the error is not one line: $(cat "$dir/log")"
# diffusers UNet2DModel folders (tests/reference/diffusers_unet_reference.py): the folder, its config.json or a
# pipeline folder sample images; info says what was recognised.
"$cli" sample --model "$data/diffusers/ddpm-like" --sampler ddim --steps 5 --num 4 --out "$dir/df.npy" \
  --grid "$dir/df.png" 2> "$dir/log" || fail "sample from a diffusers folder: $(cat "$dir/log")"
/usr/bin/python3 -c "import numpy as np, sys; a = np.load('$dir/df.npy'); assert a.shape == (4, 3, 16, 16), a.shape" \
  || fail "diffusers samples have the wrong shape"
"$cli" sample --model "$data/diffusers/ddpm-like/config.json" --sampler ddim --steps 5 --num 4 --out "$dir/df2.npy" \
  2> "$dir/log" || fail "sample from a diffusers config.json: $(cat "$dir/log")"
close "$dir/df.npy" "$dir/df2.npy" 0 || fail "the folder and its config.json sample differently"
"$cli" info "$data/diffusers/defaults-legacy" > "$dir/info" 2> "$dir/log" || fail "info on a diffusers pipeline: $(cat "$dir/log")"
grep -q "diffusers UNet2DModel" "$dir/info" || fail "info: $(cat "$dir/info")"
grep -q '"family":"cosine"' "$dir/info" || fail "info lacks the scheduler's cosine schedule: $(cat "$dir/info")"
grep -q "sample shape \[1, 8, 8\]" "$dir/info" || fail "info lacks the sample shape: $(cat "$dir/info")"
# info on an imported file: what the loader recognised; --json for scripts.
"$cli" info "$data/mlp.safetensors" > "$dir/info" 2> "$dir/log" || fail "info on safetensors: $(cat "$dir/log")"
grep -q "classes      a, b, c" "$dir/info" || fail "info on safetensors: $(cat "$dir/info")"
"$cli" info "$data/mlp_ts.pt" --json > "$dir/info.json" 2> "$dir/log" || fail "info --json: $(cat "$dir/log")"
/usr/bin/python3 -c "import json; j = json.load(open('$dir/info.json')); assert j['sample_shape'] == [2], j" \
  || fail "info --json on TorchScript: $(cat "$dir/info.json")"
# A sidecar without "network": the architecture is recognised from the weights' names and shapes.
cp "$data/notebook_sd.pt" "$dir/nb.pt"
echo '{"schedule_preset": "notebook"}' > "$dir/nb.json"
"$cli" sample --model "$dir/nb.pt" --out "$dir/x.npy" 2> "$dir/log" && fail "a U-Net without its image size opened"
grep -q "field 'sample_shape': the weights are a simple-unet" "$dir/log" || fail "image size message: $(cat "$dir/log")"
"$cli" info "$dir/nb.pt" > "$dir/info" 2> "$dir/log" && fail "info on a U-Net without its image size succeeded"
grep -q "recognised   simple-unet" "$dir/info" || fail "info does not say what it recognised: $(cat "$dir/info")"
echo '{"schedule_preset": "notebook", "sample_shape": [3, 32, 32]}' > "$dir/nb.json"
"$cli" sample --model "$dir/nb.pt" --sampler ddim --steps 3 --num 2 --out "$dir/x.npy" 2> "$dir/log" \
  || fail "a recognised U-Net with its image size: $(cat "$dir/log")"
# A training checkpoint's dict with raw and EMA weights: the EMA weights open (what one samples from).
/usr/bin/python3 - "$src/tests/reference" "$dir" <<'PY' || fail "could not write the model/ema dict"
import sys
sys.path.insert(0, sys.argv[1])
import torch
import import_reference as ir
d = sys.argv[2]
ema = ir.load_safetensors(d + "/m.safetensors")
raw = {k: torch.zeros_like(v) for k, v in ema.items()}
torch.save({"model": raw, "ema": ema, "step": 30}, d + "/both.pt")
PY
cp "$dir/m.json" "$dir/both.json"
"$cli" sample --model "$dir/both.pt" --sampler ddim --steps 10 --num 64 --seed 5 --out "$dir/e2.npy" \
  2> "$dir/log" || fail "sample from a model/ema dict: $(cat "$dir/log")"
close "$dir/a.npy" "$dir/e2.npy" 0 || fail "the model/ema dict did not open its EMA weights"
echo "import: ok"
