#!/bin/sh
# Runs difflab-bench-mlp-step and bench/mlp_step_reference.py with the same arguments and prints the figures side
# by side with the ratio PyTorch / C++ (above 1: the C++ step is faster).
#   bench/run_mlp_step_bench.sh BUILD_DIR [--sizes a,b] [--objectives dsm,ssm] [--threads 1,2] [--warmup N]
#                                         [--steps N] [--repeats N] [--quick]
# PYTHON (default /usr/bin/python3, the interpreter with Debian's python3-torch) runs the reference.
set -eu
build=${1:?usage: run_mlp_step_bench.sh BUILD_DIR [bench arguments]}
shift
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-/usr/bin/python3}
cpp_out=$(mktemp) py_out=$(mktemp)
trap 'rm -f "$cpp_out" "$py_out"' EXIT
"$build/bench/difflab-bench-mlp-step" "$@" | tee "$cpp_out" >&2
"$python" "$here/mlp_step_reference.py" "$@" | tee "$py_out" >&2
echo
printf '%-10s %5s %7s %12s %16s %14s\n' size step threads "C++ ms/step" "PyTorch ms/step" "PyTorch/C++"
awk -F, 'NR == FNR { if ($0 !~ /^#/ && $1 != "size") py[$1 "," $2 "," $3] = $4; next }
         $0 !~ /^#/ && $1 != "size" { k = $1 "," $2 "," $3
           r = (k in py && $4 > 0) ? sprintf("%.2f", py[k] / $4) : "-"
           printf "%-10s %5s %7s %12.2f %16.2f %14s\n", $1, $2, $3, $4, (k in py ? py[k] : 0), r }' \
    "$py_out" "$cpp_out"
