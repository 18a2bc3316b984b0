#!/bin/sh
# Runs difflab-bench-train and bench/train_reference.py with the same arguments and prints the figures side by
# side with the ratio C++ / PyTorch.
#   bench/run_train_bench.sh BUILD_DIR [--device cpu|cuda] [--quick] [--threads N] [--models a,b] [--steps N]
# PYTHON (default /usr/bin/python3, the interpreter with Debian's python3-torch) runs the reference.
set -eu
build=${1:?usage: run_train_bench.sh BUILD_DIR [bench arguments]}
shift
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-/usr/bin/python3}
cpp_out=$(mktemp) py_out=$(mktemp)
trap 'rm -f "$cpp_out" "$py_out"' EXIT
"$build/bench/difflab-bench-train" "$@" | tee "$cpp_out" >&2
"$python" "$here/train_reference.py" "$@" | tee "$py_out" >&2
echo
printf '%-14s %6s %5s %6s %14s %14s %7s\n' model batch prec device "C++ img/s" "PyTorch img/s" ratio
awk -F, 'NR == FNR { if ($0 !~ /^#/ && $1 != "model") py[$1 "," $2 "," $3 "," $4] = $5; next }
         $0 !~ /^#/ && $1 != "model" { k = $1 "," $2 "," $3 "," $4
           r = (k in py && py[k] > 0) ? sprintf("%.2f", $5 / py[k]) : "-"
           printf "%-14s %6s %5s %6s %14.1f %14.1f %7s\n", $1, $2, $3, $4, $5, (k in py ? py[k] : 0), r }' \
    "$py_out" "$cpp_out"
