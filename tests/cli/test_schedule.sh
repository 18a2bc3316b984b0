#!/bin/sh
# difflab-cli schedule against the diffusers-parity reference tables (tests/reference/schedule_reference.py,
# committed under tests/data/schedule): header, one row per t = 1..T least noisy first, β to 1e-12 relative
# (plus 4e-15 absolute after zero-SNR rescaling) and diffusers' float32 β to 1e-6 relative, ᾱ and log-SNR;
# standard output with --out -, no temporary file left behind, and errors that name the bad flag value.
# usage: test_schedule.sh DIFFLAB_CLI REFERENCE_DIR
set -eu
cli=$1
ref=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

header="t,beta,alpha,alpha_bar,sqrt_alpha_bar,sqrt_one_minus_alpha_bar,log_snr,sigma,posterior_variance"

# compare CSV REFERENCE ZTSNR(0|1): CLI columns 2 beta, 4 alpha_bar, 7 log_snr; reference columns 2 beta_f32,
# 3 beta, 4 alpha_bar, 5 log_snr.
compare() {
  awk -F, -v ztsnr="$3" '
    function rel(a, b) { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; return d / (m > 0 ? m : 1e-300) }
    function bad(what) { printf "row %d: %s\n", FNR, what; failed = 1 }
    NR == FNR { if (FNR > 1) { f32[$1] = $2; b[$1] = $3; ab[$1] = $4; ls[$1] = $5 }; nref = FNR - 1; next }
    FNR == 1 { next }
    {
      rows++
      if ($1 != rows) bad("t = " $1 ", expected " rows)
      d = $2 - b[$1]; if (d < 0) d = -d
      if (d > 1e-12 * (b[$1] < 0 ? -b[$1] : b[$1]) + (ztsnr ? 4e-15 : 0)) bad("beta " $2 " vs reference " b[$1])
      if (!ztsnr && rel($2, f32[$1]) > 1e-6) bad("beta " $2 " vs diffusers float32 " f32[$1])
      if (rel($4, ab[$1]) > 1e-10 && ($4 - ab[$1] > 1e-300 || ab[$1] - $4 > 1e-300)) bad("alpha_bar " $4 " vs " ab[$1])
      if ($7 == "-inf" || ls[$1] == "-inf") { if ($7 != ls[$1]) bad("log_snr " $7 " vs " ls[$1]) }
      else if (rel($7, ls[$1]) > 1e-9 && ($7 - ls[$1] > 1e-12 || ls[$1] - $7 > 1e-12)) bad("log_snr " $7 " vs " ls[$1])
      if (rows > 1 && !($4 < prev)) bad("alpha_bar not decreasing (least noisy first)")
      prev = $4
    }
    END { if (rows != nref) { printf "%d rows, reference has %d\n", rows, nref; failed = 1 }; exit failed }
  ' "$2" "$1"
}

check_case() {  # NAME then CLI flags
  name=$1; shift
  "$cli" schedule "$@" --out "$dir/$name.csv" 2> "$dir/log" || fail "$name: $(cat "$dir/log")"
  [ "$(head -n 1 "$dir/$name.csv")" = "$header" ] || fail "$name: header $(head -n 1 "$dir/$name.csv")"
  case "$name" in *_ztsnr) z=1 ;; *) z=0 ;; esac
  compare "$dir/$name.csv" "$ref/$name.csv" "$z" || fail "$name differs from the reference"
}

check_case linear_T1000_0.0001_0.02 --schedule linear --timesteps 1000
check_case linear_T1000_0.0001_0.02_ztsnr --schedule linear --timesteps 1000 --zero-terminal-snr
check_case scaled-linear_T1000_0.00085_0.012_ztsnr --schedule scaled-linear --timesteps 1000 --beta-start 0.00085 --beta-end 0.012 --zero-terminal-snr
check_case cosine_T1000_0.0001_0.02 --schedule cosine --timesteps 1000
check_case cosine_T10_0.0001_0.02_ztsnr --schedule cosine --timesteps 10 --zero-terminal-snr
check_case sigmoid_T3_0.001_0.5 --schedule sigmoid --timesteps 3 --beta-start 0.001 --beta-end 0.5
check_case linear_T1_0.0001_0.02 --schedule linear --timesteps 1

# Written atomically: nothing but the CSVs (and the log) is left in the folder.
[ "$(ls "$dir" | grep -v -c -e '\.csv$' -e '^log$')" -eq 0 ] || fail "stray files: $(ls "$dir")"

# --out - writes the same table to standard output.
"$cli" schedule --schedule cosine --timesteps 1000 --out - > "$dir/stdout.csv" 2> /dev/null
cmp -s "$dir/stdout.csv" "$dir/cosine_T1000_0.0001_0.02.csv" || fail "--out - differs from the file output"

# Bad values: a non-zero exit and a message naming the parameter and its value.
expect_error() {  # PATTERN then CLI flags
  pattern=$1; shift
  if "$cli" schedule "$@" > /dev/null 2> "$dir/err"; then fail "accepted: $*"; fi
  grep -q -F -- "$pattern" "$dir/err" || fail "message for '$*' lacks '$pattern': $(cat "$dir/err")"
}
expect_error "timesteps must be at least 1, got 0" --timesteps 0 --out "$dir/x.csv"
expect_error "beta_start must lie in (0, 1), got 2" --beta-start 2 --out "$dir/x.csv"
expect_error "unknown schedule 'quadratic'" --schedule quadratic --out "$dir/x.csv"
expect_error "zero-terminal-SNR rescaling needs timesteps >= 2" --timesteps 1 --zero-terminal-snr --out "$dir/x.csv"
expect_error "out" --schedule linear
[ ! -e "$dir/x.csv" ] || fail "a failed run wrote its output"
echo "cli schedule: ok"
