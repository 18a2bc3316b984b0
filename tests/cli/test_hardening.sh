#!/bin/sh
# Bad input and ordinary events (#17): arrays of the wrong shape or with NaN are refused with both shapes named,
# zero progress intervals and out-of-range integers are refused, a missing output folder is found before
# training starts, deeply nested JSON is refused without a crash, and SIGTERM ends training with the checkpoint
# saved; no LibTorch backtrace reaches the user; empty data sets and overflowing mixture weights are handled.
# A bad file or value is one "error:" line and exit status 1; a bad flag value is exit status 2 with the
# command's usage, as for every other flag.
# usage: test_hardening.sh DIFFLAB_CLI SOURCE_DIR
set -eu
cli=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
mixture=$src/resources/mixtures/two-gaussians.json
refuse() {  # refuse STATUS PATTERN ARGS...: exits STATUS with a message matching PATTERN (one error line for 1)
  want=$1
  pattern=$2
  shift 2
  status=0
  "$cli" "$@" > "$dir/out" 2> "$dir/err" || status=$?
  [ "$status" -eq "$want" ] || fail "$* exited $status: $(cat "$dir/err")"
  grep -q -- "$pattern" "$dir/err" || fail "$*: expected '$pattern' in: $(cat "$dir/err")"
  if [ "$want" -eq 1 ]; then
    [ "$(grep -c "error:" "$dir/err")" -eq 1 ] || fail "$*: not one error line: $(cat "$dir/err")"
  fi
}
py() { /usr/bin/python3 -c "import numpy as np; $1"; }

py "np.save('$dir/wrong.npy', np.zeros((32, 3), np.float32))"
refuse 1 "\[32, 3\] does not match the model's samples \[2\]" invert --model "$mixture" --input "$dir/wrong.npy" --out "$dir/z.npy"
py "a = np.zeros((8, 2), np.float32); a[3, 1] = np.nan; np.save('$dir/nan.npy', a)"
refuse 1 "NaN or infinite values, the first is sample 3" invert --model "$mixture" --input "$dir/nan.npy" --out "$dir/z.npy"
py "np.save('$dir/huge.npy', np.full((4, 2), 1e30, np.float32))"
refuse 1 "values up to" likelihood --model "$mixture" --input "$dir/huge.npy" --out "$dir/l.npy"
py "np.save('$dir/one.npy', np.zeros((2,), np.float32))"
"$cli" invert --model "$mixture" --input "$dir/one.npy" --out "$dir/z.npy" 2> /dev/null || fail "one unbatched sample"

# A job that cannot fit in memory is refused up front with what it needs; absurd schedules are refused by range.
refuse 1 "of memory, and this machine has" sample --model "$mixture" --num 100000000000 --out "$dir/s.npy"
refuse 1 "timesteps must be at most 10000000" sample --model "$mixture" --num 4 --timesteps 2000000000 --out "$dir/s.npy"
refuse 2 "guidance must lie in \[-1000, 1000\]" sample --model "$mixture" --num 4 --guidance 1e30 --out "$dir/s.npy"
refuse 2 "progress-every must be at least 1" sample --model "$mixture" --num 4 --progress-every 0 --out "$dir/s.npy"
refuse 2 "log-every must be at least 1" train --dataset two-moons:256 --steps 5 --log-every 0 --out "$dir/m.ckpt"
refuse 2 "out of range" train --dataset two-moons:256 --steps 99999999999999999999 --out "$dir/m.ckpt"
refuse 1 "does not exist" train --dataset two-moons:256 --steps 5 --out "$dir/no/such/m.ckpt"
printf '{"trainer": {"total_steps": 1.5}}' > "$dir/c.json"
refuse 2 "c.json': trainer options: field 'total_steps' must be an integer, got 1.5" train --config "$dir/c.json" --out "$dir/m.ckpt"
/usr/bin/python3 -c "print('{\"dataset\": ' + '[' * 200000 + ']' * 200000 + '}')" > "$dir/deep.json"
refuse 2 "nested deeper than 100 levels" train --config "$dir/deep.json" --out "$dir/m.ckpt"

# No LibTorch backtrace reaches a user: a network option LibTorch refuses is one line.
printf '{"dataset": "two-moons:256", "network": {"kind": "mlp", "options": {"time_emb_dim": 3}}}' > "$dir/ted.json"
refuse 1 "time_emb_dim must be even and >= 4, got 3" train --config "$dir/ted.json" --steps 2 --out "$dir/m.ckpt"
grep -q "Exception raised from\|frame #" "$dir/err" && fail "a LibTorch backtrace reached the user: $(cat "$dir/err")"
# An IDX header that promises no images: one line naming the spec, not half a table and a backtrace.
py "import struct; open('$dir/none-img','wb').write(struct.pack('>IIII', 0x803, 0, 28, 28)); open('$dir/none-lab','wb').write(struct.pack('>II', 0x801, 0))"
refuse 1 "holds no samples" datasets --describe "idx:$dir/none-img,$dir/none-lab"
[ -s "$dir/out" ] && fail "a table was printed for an empty data set: $(cat "$dir/out")"
# Mixture weights whose sum overflows are equal components, not NaN samples.
printf '{"weights": [1e308, 1e308], "means": [[-1, 0], [1, 0]], "covariances": [[[0.1, 0], [0, 0.1]], [[0.1, 0], [0, 0.1]]]}' > "$dir/huge-w.json"
"$cli" sample --model "$dir/huge-w.json" --num 64 --steps 10 --out "$dir/hw.npy" > /dev/null 2> "$dir/err" || fail "huge weights: $(cat "$dir/err")"
py "x = np.load('$dir/hw.npy'); assert np.isfinite(x).all() and (x[:, 0] < 0).any() and (x[:, 0] > 0).any(), x[:4]"

# SIGTERM (a scheduler's pre-emption) stops training after the current step with the checkpoint saved.
"$cli" train --dataset two-moons:1024 --steps 1000000 --threads 1 --log-every 10 --out "$dir/t.ckpt" \
  > /dev/null 2> "$dir/train.log" &
pid=$!
for _ in $(seq 1 300); do  # until the first progress line: the signal handlers are in place
  grep -q "^step" "$dir/train.log" 2> /dev/null && break
  sleep 0.2
done
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 130 ] || fail "SIGTERM: exit $status: $(tail -3 "$dir/train.log")"
"$cli" info "$dir/t.ckpt" > /dev/null || fail "no valid checkpoint after SIGTERM"
ls "$dir" | grep -q "tmp-" && fail "a temporary file was left: $(ls "$dir")"
echo "hardening: ok"
