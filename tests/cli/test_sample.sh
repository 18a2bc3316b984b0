#!/bin/sh
# difflab-cli sample on the shipped 8-Gaussians mixture (exact denoiser): writes float32 NPY of the requested
# shape, is reproducible for a seed, and reports bad flags and guidance on an unconditional model clearly.
# usage: test_sample.sh DIFFLAB_CLI SOURCE_DIR
set -eu
cli=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mixture=$src/resources/mixtures/8gaussians.json
if [ ! -f "$mixture" ]; then  # a test-local mixture when the preset is missing
  mixture=$dir/mix.json
  echo '{"weights":[0.5,0.5],"means":[[-2,0],[2,0]],"covariances":[[[0.1,0],[0,0.1]],[[0.1,0],[0,0.1]]]}' > "$mixture"
fi

# NPY header: magic, version 1.0, then the dict with dtype and shape.
"$cli" sample --model "$mixture" --sampler ddim --steps 10 --num 200 --seed 3 --timesteps 200 --out "$dir/a.npy" 2> "$dir/log"
head -c 128 "$dir/a.npy" | grep -a -q "'descr': '<f4', 'fortran_order': False, 'shape': (200, 2)" || fail "NPY header: $(head -c 128 "$dir/a.npy")"
[ "$(wc -c < "$dir/a.npy")" -eq $((128 + 200 * 2 * 4)) ] || fail "NPY size $(wc -c < "$dir/a.npy")"
grep -q "step 10/10" "$dir/log" || fail "no progress line: $(cat "$dir/log")"

# The same seed gives the same bytes; another seed does not.
"$cli" sample --model "$mixture" --sampler ddim --steps 10 --num 200 --seed 3 --timesteps 200 --out "$dir/b.npy" 2> /dev/null
cmp -s "$dir/a.npy" "$dir/b.npy" || fail "same seed, different samples"
"$cli" sample --model "$mixture" --sampler ddim --steps 10 --num 200 --seed 4 --timesteps 200 --out "$dir/c.npy" 2> /dev/null
cmp -s "$dir/a.npy" "$dir/c.npy" && fail "different seeds, same samples"

# Class-conditional sampling and guidance on the mixture's components.
"$cli" sample --model "$mixture" --sampler dpmpp-2m --steps 8 --num 16 --class 1 --guidance 2 --timesteps 200 --out "$dir/g.npy" 2> "$dir/log"
grep -q "NFE 16" "$dir/log" || fail "a guided step should cost 2 evaluations: $(cat "$dir/log")"

# --class all: every class in turn, class-major (8 modes, 2 samples each, mode k at angle 45° k).
"$cli" sample --model "$mixture" --sampler ddim --steps 20 --num 16 --class all --guidance 2 --timesteps 200 --out "$dir/all.npy" 2> /dev/null
/usr/bin/python3 - "$dir/all.npy" <<'PY' || fail "--class all: samples not in their classes' modes"
import math, sys
import numpy as np
x = np.load(sys.argv[1])
assert x.shape == (16, 2), x.shape
for i, (a, b) in enumerate(x):
    k = i // 2
    angle = math.radians(45 * k)
    centre = 2 * math.sqrt(2) * np.array([math.cos(angle), math.sin(angle)])
    assert np.linalg.norm(np.array([a, b]) - centre) < 1.5, (i, a, b, centre)
PY

# --class all with N not a multiple of the classes (12 of 8): the classes in turn, so every class appears.
"$cli" sample --model "$mixture" --sampler ddim --steps 20 --num 12 --class all --guidance 2 --timesteps 200 --out "$dir/turn.npy" 2> /dev/null
/usr/bin/python3 - "$dir/turn.npy" <<'PY' || fail "--class all, 12 of 8: samples not in their classes' modes"
import math, sys
import numpy as np
x = np.load(sys.argv[1])
assert x.shape == (12, 2), x.shape
for i, (a, b) in enumerate(x):
    k = i % 8
    angle = math.radians(45 * k)
    centre = 2 * math.sqrt(2) * np.array([math.cos(angle), math.sin(angle)])
    assert np.linalg.norm(np.array([a, b]) - centre) < 1.5, (i, a, b, centre)
PY

# Classifier guidance with the exact mixture classifier, alone (the model unconditional): at s = 1 every sample
# comes from the chosen component (Dhariwal & Nichol 2021, Alg. 2; p_t(x) p_t(y | x) = p_t(x, y)).
if [ "$mixture" = "$src/resources/mixtures/8gaussians.json" ]; then
  "$cli" sample --model "$mixture" --sampler ddim --steps 50 --num 200 --class 2 --classifier exact --out "$dir/cg.npy" 2> "$dir/log"
  grep -q "guidance: exact mixture posterior" "$dir/log" || fail "no guidance line: $(cat "$dir/log")"
  /usr/bin/python3 - "$dir/cg.npy" <<'PY' || fail "classifier guidance: samples not in component 2"
import math, sys
import numpy as np
x = np.load(sys.argv[1])
centre = 2 * math.sqrt(2) * np.array([math.cos(math.radians(90)), math.sin(math.radians(90))])
d = np.linalg.norm(x - centre, axis=1)
assert np.mean(d < 1.5) > 0.97, np.mean(d < 1.5)
assert np.linalg.norm(x.mean(0) - centre) < 0.15, x.mean(0)
PY
fi

# Errors: exit status and a message that names the fault.
expect_error() {  # expect_error STATUS PATTERN ARGS...
  status=$1; pattern=$2; shift 2
  set +e
  "$cli" sample "$@" > "$dir/out" 2> "$dir/err"
  got=$?
  set -e
  [ "$got" -eq "$status" ] || fail "exit $got (want $status) for: $* -- $(cat "$dir/err")"
  grep -q -- "$pattern" "$dir/err" || fail "message lacks '$pattern' for: $* -- $(cat "$dir/err")"
}
echo '{"weights":[1],"means":[[0,0]],"covariances":[[[1,0],[0,1]]]}' > "$dir/one.json"
expect_error 1 "unconditional" --model "$dir/one.json" --class 0 --guidance 3 --out "$dir/x.npy"
expect_error 2 "needs a class-conditional model" --model "$dir/one.json" --class all --out "$dir/x.npy"
expect_error 2 "classifier guidance steers towards one class" --model "$mixture" --classifier exact --out "$dir/x.npy"
expect_error 1 "unconditional" --model "$dir/one.json" --class 0 --classifier exact --out "$dir/x.npy"
expect_error 1 "neither a Diffusion Lab checkpoint" --model "$dir/log" --out "$dir/x.npy"
expect_error 1 "cannot open model file" --model "$dir/missing.ckpt" --out "$dir/x.npy"
expect_error 2 "needs --class" --model "$mixture" --guidance 2 --out "$dir/x.npy"
expect_error 2 "model" --out "$dir/x.npy"
expect_error 2 "steps" --model "$mixture" --steps 0 --out "$dir/x.npy"
expect_error 2 "spacing" --model "$mixture" --spacing sideways --out "$dir/x.npy"
expect_error 2 "needs an image model" --model "$mixture" --grid "$dir/g.png" --out "$dir/x.npy"
expect_error 1 "unknown class 'nine'" --model "$mixture" --class nine --out "$dir/x.npy"
[ ! -e "$dir/x.npy" ] || fail "an error left an output file"
# A mixture on a zero-terminal-SNR schedule says so in its description; few Heun steps warn (spread too wide).
"$cli" sample --model "$src/resources/mixtures/two-gaussians.json" --zero-terminal-snr --sampler heun --steps 3 \
  --num 10 --out "$dir/z.npy" > "$dir/log" 2>&1 || fail "zero terminal SNR mixture: $(tail -3 "$dir/log")"
grep -q "linear schedule, T = 1000, zero terminal SNR" "$dir/log" || fail "description: $(head -2 "$dir/log")"
grep -q "^warning: heun on beta spacing with 3 steps measures badly (spread" "$dir/log" ||
  fail "no spread warning: $(grep warning "$dir/log")"
echo "sample CLI: all checks passed"
