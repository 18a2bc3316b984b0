#!/bin/sh
# Models in and out (docs/import.md): difflab-cli samples from PyTorch's safetensors and TorchScript files
# (tests/data/import) and both give the same samples; a trained checkpoint exported as safetensors samples
# exactly as the checkpoint; and the export round-trips through Python: PyTorch loads the weights into the
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
echo "import: ok"
