#!/bin/sh
# difflab-cli datasets and train --dataset: the listing names every built-in spec, --describe reports size,
# shape and classes (toy sets and Fashion-MNIST when installed), unreadable specs fail with the fault, and a
# 50-step training run on two moons writes a checkpoint that records the spec.
# usage: test_datasets.sh DIFFLAB_CLI
set -eu
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" datasets > "$dir/list" || fail "datasets exited with $?"
for spec in fashion-mnist:train fashion-mnist:test two-moons swiss-roll 8gaussians checkerboard rings gmm:two-gaussians; do
  grep -q "^$spec " "$dir/list" || fail "listing lacks $spec"
done

"$cli" datasets --describe rings:500 > "$dir/rings" || fail "describe rings exited with $?"
grep -q "^size *500$" "$dir/rings" || fail "rings:500 size: $(cat "$dir/rings")"
grep -q "^sample shape 2$" "$dir/rings" || fail "rings sample shape"
grep -q "outer ring" "$dir/rings" || fail "rings class names"

if [ -f /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz ]; then
  "$cli" datasets --describe fashion-mnist:test > "$dir/fm"
  grep -q "^size *10000$" "$dir/fm" || fail "fashion-mnist:test size"
  grep -q "^sample shape 1×28×28$" "$dir/fm" || fail "fashion-mnist sample shape"
  grep -q "Ankle boot *1000$" "$dir/fm" || fail "fashion-mnist classes"
fi

printf 'not an idx file' > "$dir/bad"
if "$cli" datasets --describe "idx:$dir/bad" 2> "$dir/err"; then fail "a bad IDX file was accepted"; fi
grep -q "$dir/bad: wrong magic number" "$dir/err" || fail "bad IDX message: $(cat "$dir/err")"
if "$cli" datasets --describe no-such-set 2> "$dir/err"; then fail "an unknown spec was accepted"; fi
grep -q "unknown dataset 'no-such-set'" "$dir/err" || fail "unknown spec message"

"$cli" train --dataset two-moons --steps 50 --threads 1 --out "$dir/tm.ckpt" > "$dir/train" 2>&1 ||
  fail "train --dataset two-moons: $(tail -3 "$dir/train")"
"$cli" info "$dir/tm.ckpt" | grep -q '"two-moons", "points", sample shape \[2\], 4096 samples' ||
  fail "checkpoint data: $("$cli" info "$dir/tm.ckpt" | grep data)"
if "$cli" train --dataset two-moons --steps 5 --cuda-graph --out "$dir/g.ckpt" 2> "$dir/err" > /dev/null; then
  fail "train --cuda-graph on the CPU was accepted"
fi
grep -q -- "--cuda-graph needs --device cuda" "$dir/err" || fail "--cuda-graph message: $(cat "$dir/err")"
# A config (or a checkpoint from a GPU run) asking for the CUDA graph trains on the CPU with the ordinary step.
printf '{"dataset": "two-moons", "trainer": {"cuda_graph": true, "total_steps": 5}}' > "$dir/graph.json"
"$cli" train --config "$dir/graph.json" --threads 1 --out "$dir/g.ckpt" 2> "$dir/err" > /dev/null ||
  fail "a cuda_graph config on the CPU: $(tail -3 "$dir/err")"
grep -q "note: cuda_graph is for CUDA devices" "$dir/err" || fail "cuda_graph note: $(cat "$dir/err")"
# eps-prediction with zero terminal SNR is refused (Lin et al. 2024), unless insisted on.
if "$cli" train --dataset two-moons --steps 2 --zero-terminal-snr --out "$dir/z.ckpt" 2> "$dir/err" > /dev/null; then
  fail "eps-prediction with --zero-terminal-snr was accepted"
fi
grep -q "objective v" "$dir/err" || fail "eps + zero terminal SNR message: $(cat "$dir/err")"
"$cli" train --dataset two-moons --steps 2 --threads 1 --zero-terminal-snr --allow-eps-zero-snr --out "$dir/z.ckpt" \
  2> "$dir/err" > /dev/null || fail "--allow-eps-zero-snr: $(tail -3 "$dir/err")"
grep -q "^warning: eps-prediction" "$dir/err" || fail "--allow-eps-zero-snr warning: $(cat "$dir/err")"
"$cli" train --dataset two-moons --steps 2 --threads 1 --zero-terminal-snr --objective v --out "$dir/v.ckpt" \
  2> "$dir/err" > /dev/null || fail "v-prediction with zero terminal SNR: $(tail -3 "$dir/err")"
echo "datasets CLI: OK"
