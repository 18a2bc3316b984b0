#!/bin/sh
# Runs difflab-bench-sample and bench/sample_reference.py with the same arguments and prints the figures side
# by side with the ratio C++ / PyTorch.
#   bench/run_sample_bench.sh BUILD_DIR [--device cpu|cuda] [--models a,b] [--nfe 50,100] [--batch 256] [--threads N]
# PYTHON (default /usr/bin/python3, the interpreter with Debian's python3-torch) runs the reference.
set -eu
build=${1:?usage: run_sample_bench.sh BUILD_DIR [bench arguments]}
shift
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-/usr/bin/python3}
cpp_out=$(mktemp) py_out=$(mktemp)
trap 'rm -f "$cpp_out" "$py_out"' EXIT
"$build/bench/difflab-bench-sample" "$@" | tee "$cpp_out" >&2
"$python" "$here/sample_reference.py" "$@" | tee "$py_out" >&2
echo
printf '%-12s %6s %5s %5s %6s %12s %14s %7s\n' model batch nfe prec device "C++ img/s" "PyTorch img/s" ratio
awk -F, 'NR == FNR { if ($0 !~ /^#/ && $1 != "model") py[$1 "," $2 "," $3 "," $4 "," $5] = $6; next }
         $0 !~ /^#/ && $1 != "model" { k = $1 "," $2 "," $3 "," $4 "," $5
           r = (k in py && py[k] > 0) ? sprintf("%.2f", $6 / py[k]) : "-"
           printf "%-12s %6s %5s %5s %6s %12.2f %14.2f %7s\n", $1, $2, $3, $4, $5, $6, (k in py ? py[k] : 0), r }' \
    "$py_out" "$cpp_out"
