#!/bin/sh
# The model zoo (models/zoo.json, docs/models.md) as a user meets it through difflab-cli:
#  * every entry opens by name (`info zoo:NAME`), is an inference checkpoint (EMA weights only, no optimiser
#    state) and records how it was made; diffusion models record their measured quality;
#  * no sample of a shipped 2-D model lies far outside its data: 4000 samples per ODE sampler (ddim, euler,
#    heun, dpmpp-2m) and ddpm, all within 1.5x the data's largest |coordinate| (an eps-model's error at high
#    noise, amplified by the ODE, once threw points to |x| = 59 for data within 2.4; #12);
#  * the Fashion-MNIST model makes garments of the class asked for: 200 guided samples at 10 DPM-Solver++(2M)
#    steps, judged by the shipped classifier, are >= 80 % of their class;
#  * an unknown name is a one-line error listing the zoo.
# usage: test_zoo.sh DIFFLAB_CLI SOURCE_DIR
set -eu
cli=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export DIFFLAB_MODELS_DIR="$src/models"

names=$(/usr/bin/python3 -c "import json,sys; print(' '.join(m['name'] for m in json.load(open(sys.argv[1]))['models']))" \
  "$src/models/zoo.json")
for name in $names; do
  [ -f "$src/models/$(/usr/bin/python3 -c "import json,sys; print([m['file'] for m in json.load(open(sys.argv[1]))['models'] if m['name']==sys.argv[2]][0])" "$src/models/zoo.json" "$name")" ] \
    || fail "zoo.json lists $name, whose file is not in models/"
  "$cli" info "zoo:$name" > "$dir/info" 2>&1 || fail "info zoo:$name: $(cat "$dir/info")"
  if grep -q "^checkpoint " "$dir/info"; then
    grep -q '^inference .*"weights":"ema"' "$dir/info" || fail "zoo:$name is not an EMA inference checkpoint: $(cat "$dir/info")"
    grep -q "^sections     model (" "$dir/info" || fail "zoo:$name holds more than the weights: $(cat "$dir/info")"
    grep -q "^command " "$dir/info" || fail "zoo:$name does not record its training command"
    grep -q "^quality " "$dir/info" || fail "zoo:$name does not record its quality"
  fi
done

for name in two-moons 8gaussians; do
  data=$("$cli" info "zoo:$name" | sed -n 's/^data *"\([^"]*\)".*/\1/p')
  bound=$("$cli" datasets --describe "$data" | /usr/bin/python3 -c "
import re, sys
m = re.search(r'values\s+min (\S+), max (\S+)', sys.stdin.read())
print(1.5 * max(abs(float(m.group(1).rstrip(','))), abs(float(m.group(2).rstrip(',')))))")
  for sampler in ddim euler heun dpmpp-2m ddpm; do
    "$cli" sample --model "zoo:$name" --sampler "$sampler" --steps 50 --num 4000 --seed 1 --threads 2 \
      --out "$dir/$name-$sampler.npy" > "$dir/log" 2>&1 || fail "sample zoo:$name $sampler: $(cat "$dir/log")"
    /usr/bin/python3 - "$dir/$name-$sampler.npy" "$bound" <<'PY' || fail "zoo:$name with $sampler throws outliers"
import sys, numpy as np
x = np.load(sys.argv[1]); bound = float(sys.argv[2])
worst = np.abs(x).max()
print(f"{sys.argv[1].split('/')[-1]}: largest |x| {worst:.2f} (bound {bound:.2f})")
assert np.isfinite(x).all() and worst <= bound, (worst, bound)
PY
  done
done

"$cli" evaluate --model zoo:fashion-mnist --classifier zoo:fashion-mnist-classifier --num 200 --sampler dpmpp-2m \
  --steps 10 --guidance 2 --batch 100 --threads 2 --out "$dir/fm.json" > "$dir/out" 2> "$dir/log" \
  || fail "evaluate zoo:fashion-mnist: $(cat "$dir/log")"
/usr/bin/python3 - "$dir/fm.json" <<'PY' || fail "Fashion-MNIST samples: $(cat "$dir/fm.json")"
import json, sys
r = json.load(open(sys.argv[1]))
print(f"fashion-mnist, 200 samples, w = 2: class accuracy {r['class_accuracy']:.3f}, precision {r['precision']:.3f}")
assert r["class_accuracy"] >= 0.8, r["class_accuracy"]
PY

set +e
"$cli" sample --model zoo:nope --out "$dir/x.npy" > "$dir/out" 2> "$dir/err"
status=$?
set -e
[ "$status" -ne 0 ] || fail "zoo:nope was accepted"
grep -q "unknown zoo model 'nope' (the zoo has: .*fashion-mnist" "$dir/err" || fail "zoo:nope: $(cat "$dir/err")"
[ "$(wc -l < "$dir/err")" -eq 1 ] || fail "zoo:nope: more than one line: $(cat "$dir/err")"
echo "zoo: ok"
