#!/bin/sh
# The ODE-lab subcommands on a 2-D Gaussian mixture (exact denoiser): invert/decode round trips (RK45 to
# relative error <= 1e-3), DDIM's error falling with steps, interpolation frames and GIF, the ODE likelihood
# against the mixture's exact log-density, VLB terms summing to their total, and clear errors.
# Numbers are checked by ode_cli_checks.py (python3 + torch).
# usage: test_ode_cli.sh DIFFLAB_CLI SOURCE_DIR
set -eu
cli=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mixture=$src/resources/mixtures/two-gaussians.json
if [ ! -f "$mixture" ]; then  # a test-local mixture when the preset is missing
  mixture=$dir/mix.json
  echo '{"weights":[0.5,0.5],"means":[[-2,0],[2,0]],"covariances":[[[0.25,0],[0,0.25]],[[0.25,0],[0,0.25]]]}' > "$mixture"
fi
sched="--timesteps 200"

python=${PYTHON:-/usr/bin/python3}  # Debian's python3 with python3-torch
check() { "$python" "$src/tests/cli/ode_cli_checks.py" "$@"; }
# Data: exact samples of the mixture (seeded), float32 [64, 2].
check make-data "$mixture" "$dir/x.npy"

# RK45 round trip.
"$cli" invert --model "$mixture" $sched --input "$dir/x.npy" --solver rk45 --rtol 1e-6 --atol 1e-6 --check --out "$dir/z.npy" > "$dir/log" 2> /dev/null
rel=$(sed -n 's/.*relative error mean \([^,]*\),.*/\1/p' "$dir/log")
"$python" -c "import sys; sys.exit(0 if float('$rel') <= 1e-3 else 1)" || fail "RK45 round trip relative error $rel: $(cat "$dir/log")"
"$cli" decode --model "$mixture" $sched --input "$dir/z.npy" --solver rk45 --rtol 1e-6 --atol 1e-6 --out "$dir/xr.npy" > /dev/null 2>&1
check roundtrip "$dir/x.npy" "$dir/xr.npy" "$dir/z.npy" || fail "decode of invert's latents"

# DDIM inversion: the reconstruction error falls as the number of steps grows.
"$cli" invert --model "$mixture" $sched --input "$dir/x.npy" --steps 10 --curve 4,16,64 --curve-out "$dir/curve.csv" --out "$dir/zd.npy" > /dev/null 2>&1
check curve "$dir/curve.csv" || fail "default-solver curve: $(cat "$dir/curve.csv")"

# Exact steps by default: DDIM at 10 steps round-trips over 20x better than its plain reversed walk (--exact-steps 0).
rel_of() { sed -n 's/.*relative error mean \([^,]*\),.*/\1/p' "$1"; }
"$cli" invert --model "$mixture" $sched --input "$dir/x.npy" --solver ddim --steps 10 --check --out "$dir/ze.npy" > "$dir/exact.log" 2> /dev/null
"$cli" invert --model "$mixture" $sched --input "$dir/x.npy" --solver ddim --steps 10 --exact-steps 0 --check --out "$dir/zp.npy" > "$dir/plain.log" 2> /dev/null
grep -q "exact steps: largest step residual" "$dir/exact.log" || fail "exact steps are not the default: $(cat "$dir/exact.log")"
! grep -q "exact steps" "$dir/plain.log" || fail "--exact-steps 0 still walked exact steps: $(cat "$dir/plain.log")"
exact=$(rel_of "$dir/exact.log") plain=$(rel_of "$dir/plain.log")
"$python" -c "import sys; sys.exit(0 if float('$exact') < 0.05 * float('$plain') else 1)" \
  || fail "default exact steps $exact against the plain walk $plain"

# Interpolation: K frames and an animated GIF.
"$cli" interpolate --model "$mixture" $sched --a seed:1 --b seed:2 --frames 6 --steps 20 --out "$dir/f.npy" --gif "$dir/f.gif" > "$dir/log" 2>&1
check shape "$dir/f.npy" 6 2 || fail "frames shape"
head -c 6 "$dir/f.gif" | grep -q GIF89a || fail "GIF magic"
grep -q "latent norms" "$dir/log" || fail "no latent norms: $(cat "$dir/log")"
"$cli" interpolate --model "$mixture" $sched --a "$dir/x.npy@3" --b "latent:$dir/z.npy@5" --frames 3 --path lerp --out "$dir/g.npy" > /dev/null 2>&1 || fail "interpolate from data and latent files"

# Likelihood: equals the mixture's exact log-density (mean |error| <= 0.02 nats).
"$cli" likelihood --model "$mixture" $sched --input "$dir/x.npy" --out "$dir/logp.npy" > "$dir/log" 2> /dev/null
grep -q "bits/dim" "$dir/log" || fail "no bits/dim line: $(cat "$dir/log")"
grep -q "exact noised mixture" "$dir/log" || fail "prior not stated: $(cat "$dir/log")"
check likelihood "$mixture" "$dir/x.npy" "$dir/logp.npy" || fail "likelihood against the exact density"
"$cli" likelihood --model "$mixture" $sched --input "$dir/x.npy" --divergence gaussian --probes 4 --rtol 1e-4 --atol 1e-4 --out "$dir/logp4.npy" > "$dir/log" 2> /dev/null
grep -q "across probe seeds" "$dir/log" || fail "no spread across probe seeds: $(cat "$dir/log")"

# VLB: per-timestep terms sum to the total.
"$cli" vlb --model "$mixture" $sched --input "$dir/x.npy" --out "$dir/vlb.csv" > "$dir/log" 2> /dev/null
grep -q "bits/dim" "$dir/log" || fail "vlb prints no bits/dim: $(cat "$dir/log")"
check vlb "$dir/vlb.csv" 200 || fail "VLB terms"

# Errors: exit status and a message naming the fault.
expect_error() {  # expect_error STATUS PATTERN ARGS...
  status=$1; pattern=$2; shift 2
  set +e
  "$cli" "$@" > "$dir/out" 2> "$dir/err"
  got=$?
  set -e
  [ "$got" -eq "$status" ] || fail "exit $got (want $status) for: $* -- $(cat "$dir/err")"
  grep -q -- "$pattern" "$dir/err" || fail "message lacks '$pattern' for: $* -- $(cat "$dir/err")"
}
echo '{"weights":[1],"means":[[0,0]],"covariances":[[[1,0],[0,1]]]}' > "$dir/one.json"
expect_error 2 "cannot invert" invert --model "$mixture" --input "$dir/x.npy" --solver euler-ancestral --out "$dir/o.npy"
expect_error 2 "input" invert --model "$mixture" --out "$dir/o.npy"
expect_error 2 "unconditional" interpolate --model "$dir/one.json" --a seed:1 --b seed:2 --class-a 0 --out "$dir/o.npy"
expect_error 1 "missing.npy" likelihood --model "$mixture" --input "$dir/missing.npy" --out "$dir/o.npy"
expect_error 2 "row after" interpolate --model "$mixture" --a "$dir/x.npy@x" --b seed:2 --out "$dir/o.npy"
expect_error 2 "divergence" likelihood --model "$mixture" --input "$dir/x.npy" --divergence sometimes --out "$dir/o.npy"
echo "ok"
