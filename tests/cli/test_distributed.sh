#!/bin/bash
# Data-parallel training that loses a rank ends with an error, never a hang, and rank 0 keeps the last complete
# step: (1) two ranks started torchrun-style (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT), rank 1 killed with
# SIGKILL; (2) rank 1 stopped with SIGSTOP and --dist-timeout 5; (3) Ctrl-C on rank 1 alone stops both after
# the same step; (4) --nproc 3, its rank 1 killed: the error names the signal and rank 2 does not outlive rank 0. Also: the GUI-less help lists --nproc, and --nproc under torchrun's variables is refused.
# usage: test_distributed.sh DIFFLAB_CLI
set -u
cli=$1
dir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$dir"/*.err; do [ -f "$f" ] && { echo "--- $f" >&2; tail -5 "$f" >&2; }; done; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Waits until FILE has a line "step N/..." with N >= $2 (up to 60 s).
wait_for_step() {
  for _ in $(seq 600); do
    n=$(grep -o '^step [0-9]*' "$1" 2>/dev/null | tail -1 | cut -d' ' -f2)
    [ -n "$n" ] && [ "$n" -ge "$2" ] && return 0
    sleep 0.1
  done
  fail "no step $2 in $1"
}
# Waits up to $2 seconds for pid $1 to end; its exit status in $status.
wait_end() {
  for _ in $(seq $(( $2 * 10 ))); do
    if ! kill -0 "$1" 2>/dev/null; then wait "$1"; status=$?; return 0; fi
    sleep 0.1
  done
  fail "process $1 still running after $2 s: a lost rank hangs the run"
}
train_args=(train --dataset two-moons:512 --model mlp --batch-size 64 --steps 1000000 --threads 1 --log-every 1
            --checkpoint-every 0 --seed 5)

"$cli" train --help 2>&1 | grep -q -- "--nproc N" || fail "train --help does not describe --nproc"
if RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=1 "$cli" train --nproc 2 --steps 1 2> "$dir/both.err"; then
  fail "--nproc was accepted under torchrun's variables"
fi
grep -q "leave --nproc out under torchrun or srun" "$dir/both.err" || fail "--nproc under torchrun: $(cat "$dir/both.err")"
if RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=http "$cli" train --steps 1 2> "$dir/port.err"; then
  fail "MASTER_PORT=http was accepted"
fi
grep -q "MASTER_PORT is 'http', not a port number 1..65535" "$dir/port.err" || fail "bad port: $(cat "$dir/port.err")"

for case in kill stop; do
  port=$(free_port)
  export WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port
  RANK=0 "$cli" "${train_args[@]}" --dist-timeout 5 --out "$dir/$case.ckpt" > "$dir/$case.out" 2> "$dir/$case.err" &
  r0=$!
  RANK=1 "$cli" "${train_args[@]}" --dist-timeout 5 --out "$dir/$case.ckpt" > /dev/null 2> "$dir/$case-1.err" &
  r1=$!
  pids+=("$r0" "$r1")
  unset WORLD_SIZE MASTER_ADDR MASTER_PORT
  wait_for_step "$dir/$case.out" 20
  if [ $case = kill ]; then kill -9 "$r1"; else kill -STOP "$r1"; fi
  start=$(date +%s)
  wait_end "$r0" 60
  [ "$status" -ne 0 ] || fail "$case: rank 0 exited with 0 after losing rank 1"
  if [ $case = kill ]; then
    grep -q "a rank left the run while exchanging the gradients at step" "$dir/$case.err" || fail "kill: message"
  else
    grep -q "a rank did not answer within 5 s while exchanging" "$dir/$case.err" || fail "stop: message"
    [ $(( $(date +%s) - start )) -le 30 ] || fail "stop: took longer than the 5 s timeout allows"
  fi
  grep -q "is saved in '$dir/$case.ckpt'" "$dir/$case.err" || fail "$case: the last step was not saved"
  [ "$(grep -c Traceback "$dir/$case.err")" = 0 ] || fail "$case: a traceback"
  [ "$(wc -l < "$dir/$case.err")" -le 4 ] || fail "$case: more than a line of error: $(cat "$dir/$case.err")"
  saved=$("$cli" info "$dir/$case.ckpt" | grep -o 'step [0-9]*' | head -1 | cut -d' ' -f2)
  last=$(grep -o '^step [0-9]*' "$dir/$case.out" | tail -1 | cut -d' ' -f2)
  [ -n "$saved" ] && [ "$saved" -ge 20 ] && [ "$saved" -eq "$last" ] || fail "$case: saved step $saved, last printed $last"
  kill -9 "$r1" 2>/dev/null
done

# Ctrl-C (SIGINT) on rank 1 alone: its vote ends both ranks after the same step; rank 0 saves it, exits 130.
port=$(free_port)
export WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$port
RANK=0 "$cli" "${train_args[@]}" --out "$dir/vote.ckpt" > "$dir/vote.out" 2> "$dir/vote.err" &
r0=$!
RANK=1 "$cli" "${train_args[@]}" --out "$dir/vote.ckpt" > /dev/null 2> "$dir/vote-1.err" &
r1=$!
pids+=("$r0" "$r1")
unset WORLD_SIZE MASTER_ADDR MASTER_PORT
wait_for_step "$dir/vote.out" 20
kill -INT "$r1"
wait_end "$r1" 30
[ "$status" = 0 ] || fail "vote: rank 1 exited with $status"
wait_end "$r0" 30
[ "$status" = 130 ] || fail "vote: rank 0 exited with $status, not 130"
grep -q "stopped by another rank's signal at step" "$dir/vote.err" || fail "vote: rank 0 did not stop"
stopped=$(grep -o "signal at step [0-9]*" "$dir/vote.err" | grep -o '[0-9]*$')
saved=$("$cli" info "$dir/vote.ckpt" | grep -o 'step [0-9]*' | head -1 | cut -d' ' -f2)
[ "$saved" = "$stopped" ] || fail "vote: saved step $saved, stopped at $stopped"

# --nproc 3: the launcher's rank 1 killed; the error names it, and rank 2 does not outlive rank 0.
"$cli" "${train_args[@]}" --batch-size 63 --nproc 3 --out "$dir/nproc.ckpt" > "$dir/nproc.out" 2> "$dir/nproc.err" &
r0=$!
pids+=("$r0")
wait_for_step "$dir/nproc.out" 20
children=($(pgrep -P "$r0" | sort -n))
[ ${#children[@]} = 2 ] || fail "--nproc 3 started ${#children[@]} child processes, not 2"
pids+=("${children[@]}")
rank1=$(for c in "${children[@]}"; do tr '\0' '\n' < /proc/$c/environ | grep -qx RANK=1 && echo "$c"; done)
[ -n "$rank1" ] || fail "--nproc 3: no child has RANK=1"
kill -9 "$rank1"
wait_end "$r0" 60
[ "$status" -ne 0 ] || fail "--nproc: exited with 0 after losing rank 1"
grep -q "rank 1 was killed by signal 9" "$dir/nproc.err" || fail "--nproc: the error does not name the killed rank"
[ -f "$dir/nproc.ckpt" ] || fail "--nproc: no checkpoint kept"
for c in "${children[@]}"; do
  if kill -0 "$c" 2>/dev/null && [ "$(ps -o stat= -p "$c" | cut -c1)" != Z ]; then fail "--nproc: child $c outlived rank 0"; fi
done
echo "ok: killed and stalled ranks end the run with an error and keep the last step"
