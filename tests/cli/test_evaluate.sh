#!/bin/sh
# difflab-cli train-classifier and evaluate end to end on Fashion-MNIST, tiny and fast: a classifier of 20 steps,
# a diffusion model of 2, and a report whose figures lie in their ranges, with the fields the docs promise; bad
# flags and a diffusion checkpoint given as the classifier get one-line errors.
# usage: test_evaluate.sh DIFFLAB_CLI SOURCE_DIR
set -eu
cli=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" train-classifier --steps 20 --batch 32 --ch 8 --threads 2 --out "$dir/cls.ckpt" > "$dir/log" 2>&1 \
  || fail "train-classifier: $(cat "$dir/log")"
grep -q "test accuracy by t" "$dir/log" || fail "no accuracy line: $(cat "$dir/log")"
"$cli" info "$dir/cls.ckpt" > "$dir/info" || fail "info on a classifier"
grep -q "^classifier " "$dir/info" && grep -q "fashion-mnist:train (10 classes)" "$dir/info" || fail "info: $(cat "$dir/info")"
"$cli" train --config "$src/models/configs/fashion-mnist-cpu.json" --steps 2 --batch-size 8 --threads 2 \
  --out "$dir/fm.ckpt" > "$dir/log" 2>&1 || fail "train: $(cat "$dir/log")"
"$cli" evaluate --model "$dir/fm.ckpt" --classifier "$dir/cls.ckpt" --num 40 --steps 2 --batch 20 \
  --out "$dir/report.json" > "$dir/out" 2> "$dir/log" || fail "evaluate: $(cat "$dir/log")"
grep -q "Fréchet distance" "$dir/out" || fail "no Fréchet line: $(cat "$dir/out")"
/usr/bin/python3 - "$dir/report.json" <<'PY' || fail "report: $(cat "$dir/report.json")"
import json, sys
r = json.load(open(sys.argv[1]))
for key in ("frechet", "frechet_floor", "precision", "recall", "class_accuracy", "reference", "floor_reference"):
    assert key in r, key
assert r["frechet"] >= 0 and r["frechet_floor"] >= 0
assert 0 <= r["precision"] <= 1 and 0 <= r["recall"] <= 1 and 0 <= r["class_accuracy"] <= 1
assert r["reference"] == "fashion-mnist:test" and r["floor_reference"] == "fashion-mnist:train"
assert r["num"] == 40 and r["sampler"] == "ddim" and r["steps"] == 2
PY

expect_error() {  # expect_error STATUS PATTERN ARGS...
  status=$1; pattern=$2; shift 2
  set +e
  "$cli" "$@" > "$dir/out" 2> "$dir/err"
  got=$?
  set -e
  [ "$got" -eq "$status" ] || fail "exit $got (want $status) for: $* -- $(cat "$dir/err")"
  grep -q -- "$pattern" "$dir/err" || fail "message lacks '$pattern' for: $* -- $(cat "$dir/err")"
}
expect_error 2 "num must lie in" evaluate --model "$dir/fm.ckpt" --classifier "$dir/cls.ckpt" --num 5
expect_error 1 "not a classifier" evaluate --model "$dir/fm.ckpt" --classifier "$dir/fm.ckpt" --num 40
expect_error 2 "leave out --schedule" train-classifier --like "$dir/fm.ckpt" --schedule cosine --out "$dir/x.ckpt"
expect_error 1 "labelled images" train-classifier --data two-moons --steps 2 --out "$dir/x.ckpt"
echo "evaluate: ok"
