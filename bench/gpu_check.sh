#!/bin/bash
# The one-command GPU check (docs/distributed.md, docs/performance.md). Made for the `device` tool: at most ten
# minutes in all, a time limit on each part, one summary table at the end, logs under $OUT.
#
#   bench/gpu_check.sh --prepare   here, with the Debian packages: copies what the GPU machine lacks (the
#                                  header-only libraries, the Fashion-MNIST test set) into .gpu-check/
#   bench/gpu_check.sh             on the GPU machine, from the repository root, with .gpu-check carried:
#                                  run(command="bench/gpu_check.sh", carry=[".gpu-check", "build-cuda"])
#   bench/gpu_check.sh --dry-run   on a CPU machine with an ordinary build (BUILD_DIR, default build/): every
#                                  part runs the same commands with CPU stand-ins and tiny sizes
#
# Parts: (1) build the CLI, tests and benchmarks against the machine's CUDA LibTorch (reusing build-cuda/ when
# carried); (2) ctest on that build; (3) train each preset for 300 steps in fp32, bf16 + channels_last and
# with --cuda-graph, checking that the loss falls and that the first steps' losses match the CPU's; (4) the
# train and sample benchmarks against PyTorch eager, with and without CUDA graphs, as ratios; (5) the
# data-parallel path: a 1-GPU NCCL group and a 2-process Gloo group.
set -u
mode=gpu
case "${1:-}" in
  --dry-run) mode=dry ;;
  --prepare) mode=prepare ;;
  "") ;;
  *) echo "usage: bench/gpu_check.sh [--dry-run | --prepare]" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
kit=$root/.gpu-check

if [ $mode = prepare ]; then
  rm -rf "$kit" && mkdir -p "$kit/include" "$kit/share/cmake" "$kit/data"
  cp -r /usr/include/nlohmann /usr/include/doctest /usr/include/stb "$kit/include/"
  cp -r /usr/share/cmake/nlohmann_json "$kit/share/cmake/"
  cp /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz \
     "$kit/data/"
  du -sh "$kit"
  exit 0
fi

out=${OUT:-$root/gpu-check-out}
mkdir -p "$out"
summary=$out/summary.txt
: > "$summary"
failed=0
check_start=$(date +%s)
# The whole check stops starting parts when its budget (default 570 s, under the device tool's 600 s per
# command) is spent; the parts left are reported as "skip".
deadline=$(( check_start + ${GPU_CHECK_BUDGET:-570} ))
skipped=0
# record PART RESULT SECONDS NOTE
record() {
  local result=$2 note=$4
  if [ "$skipped" = 1 ]; then result=skip; note="not run: the check's time budget was spent"; fi
  skipped=0
  printf '%-34s %-7s %5ss  %s\n' "$1" "$result" "$3" "$note" | tee -a "$summary" >&2
  if [ "$result" = FAIL ]; then failed=1; fi
  return 0
}
# run_part NAME LIMIT_SECONDS LOG COMMAND...: runs under `timeout` (the part's limit or what is left of the
# budget), prints the command first (so a dry run shows every command), returns its status (124: the limit
# passed; 125: not started, the budget is spent).
run_part() {
  local name=$1 limit=$2 log=$3; shift 3
  local left=$(( deadline - $(date +%s) ))
  echo "+ [$name, limit ${limit}s] $*" | tee -a "$out/commands.txt" >&2
  if [ "$left" -lt 10 ]; then skipped=1; echo "skipped: the time budget is spent" > "$log"; return 125; fi
  [ "$left" -lt "$limit" ] && limit=$left
  timeout --kill-after=10 "$limit" "$@" > "$log" 2>&1
}

if [ $mode = gpu ]; then
  build=$root/build-cuda
  device=cuda
  python=$(command -v python3)
  steps=300
  presets=("mlp:default two-moons:4096 256" "simple-unet:notebook FM 64" "ddpm-unet:small FM 64")
  modes=(fp32 bf16 graph)
else
  build=${BUILD_DIR:-$root/build}
  device=cpu
  python=/usr/bin/python3
  steps=20
  presets=("mlp:default two-moons:4096 256" "ddpm-unet:small FM 8")
  modes=(fp32 bf16)  # --cuda-graph needs CUDA: the CPU build refuses it
fi
export PYTHON=$python
cli=$build/app/difflab-cli
fm_dir=$kit/data
[ -f "$fm_dir/t10k-images-idx3-ubyte.gz" ] || fm_dir=/usr/share/datasets/fashion-mnist
fm="idx:$fm_dir/t10k-images-idx3-ubyte.gz,$fm_dir/t10k-labels-idx1-ubyte.gz"

# --- 1. build -------------------------------------------------------------------------------------------------
t0=$(date +%s)
if [ $mode = gpu ]; then
  torch_prefix=$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')
  run_part build 360 "$out/build.log" bash -c "
    cmake -S . -B '$build' -G Ninja -DCMAKE_BUILD_TYPE=Release -DDIFFLAB_GUI=OFF \
      -DCMAKE_PREFIX_PATH='$torch_prefix;$kit' &&
    cmake --build '$build' -j \$(nproc) --target difflab-cli difflab-bench-train difflab-bench-sample \
      test_train test_model test_sampling test_nn test_distributed"
  status=$?
else
  run_part build 60 "$out/build.log" test -x "$cli"
  status=$?
fi
if [ $status = 0 ]; then
  record "1 build ($device LibTorch)" ok $(( $(date +%s) - t0 )) "$(grep -m1 -o 'CUDA in LibTorch *: *[A-Z]*' "$out/build.log" || echo "$build")"
else
  record "1 build ($device LibTorch)" FAIL $(( $(date +%s) - t0 )) "status $status; see build.log"
  cat "$summary"; exit 1
fi

# --- 2. ctest -------------------------------------------------------------------------------------------------
t0=$(date +%s)
if [ $mode = gpu ]; then tests='^(train|model|sampling|nn|distributed)$'; else tests='^(schedule)$'; fi
run_part ctest 150 "$out/ctest.log" ctest --test-dir "$build" -R "$tests" --timeout 140 -j 4 --output-on-failure
status=$?
record "2 ctest $tests" $([ $status = 0 ] && echo ok || echo FAIL) $(( $(date +%s) - t0 )) \
  "$(grep -E 'tests passed|tests failed' "$out/ctest.log" | tail -1)"

# --- 3. training on the device ----------------------------------------------------------------------------------
# losses FILE: the loss column of the progress lines
losses() { sed -n 's/^step [0-9]*\/[0-9]*  loss \([0-9.eE+-]*\).*/\1/p' "$1"; }
for entry in "${presets[@]}"; do
  read -r model data batch <<< "$entry"
  [ "$data" = FM ] && data=$fm
  tag=${model//:/-}
  common=(train --dataset "$data" --model "$model" --seed 1 --threads 4 --lr 1e-3)
  # The first 5 steps on the CPU and on the device, fp32, batch 8 (the CPU's side stays short): the same losses
  # up to kernel rounding (cuDNN may use TF32 in convolutions: 1e-2 relative allows for it).
  t0=$(date +%s)
  run_part "match $tag" 120 "$out/match-$tag-cpu.log" "$cli" "${common[@]}" --batch-size 8 --steps 5 --log-every 1 \
    --device cpu --out "$out/match-$tag-cpu.ckpt"
  run_part "match $tag" 120 "$out/match-$tag-dev.log" "$cli" "${common[@]}" --batch-size 8 --steps 5 --log-every 1 \
    --device "$device" --out "$out/match-$tag-dev.ckpt"
  worst=$(paste <(losses "$out/match-$tag-cpu.log") <(losses "$out/match-$tag-dev.log") |
          awk 'NF == 2 { d = ($1 - $2) / $1; if (d < 0) d = -d; if (d > w) w = d; n++ } END { if (n == 5) printf "%.2e", w; else print "none" }')
  ok=$(awk -v w="$worst" 'BEGIN { print (w != "none" && w < 1e-2) ? "ok" : "FAIL" }')
  record "3 $tag first steps cpu=$device" "$ok" $(( $(date +%s) - t0 )) "max relative loss difference $worst"
  for m in "${modes[@]}"; do
    case $m in fp32) extra=() ;; bf16) extra=(--bf16 --channels-last) ;; graph) extra=(--cuda-graph) ;; esac
    t0=$(date +%s)
    run_part "train $tag $m" 150 "$out/train-$tag-$m.log" "$cli" "${common[@]}" --batch-size "$batch" \
      --steps "$steps" --log-every 10 \
      --device "$device" "${extra[@]}" --out "$out/train-$tag-$m.ckpt"
    status=$?
    verdict=$(losses "$out/train-$tag-$m.log" | awk '{ v[NR] = $1 } END {
        if (NR < 2) { print "FAIL no progress lines"; exit }
        k = NR >= 6 ? 3 : 1; a = 0; b = 0
        for (i = 1; i <= k; i++) { a += v[i]; b += v[NR - k + i] }
        printf "%s loss %.4f -> %.4f", (b < a ? "ok" : "FAIL"), a / k, b / k }')
    rate=$(grep -o '[0-9.]* img/s' "$out/train-$tag-$m.log" | tail -1)
    [ $status = 0 ] || verdict="FAIL status $status"
    record "3 train $tag $m" "${verdict%% *}" $(( $(date +%s) - t0 )) "${verdict#* }, $rate"
  done
done

# --- 4. benchmarks against PyTorch eager ------------------------------------------------------------------------
bench_variants=("")
[ $mode = gpu ] && bench_variants=("" --cuda-graph)
for graph in "${bench_variants[@]}"; do
  suffix=${graph:+ graph}
  t0=$(date +%s)
  if [ $mode = gpu ]; then args=(--device cuda --quick); else args=(--device cpu --quick --models ddpm-small --batch 8 --precision fp32 --threads 2); fi
  run_part "bench train$suffix" 150 "$out/bench-train${graph:+-graph}.log" bench/run_train_bench.sh "$build" "${args[@]}" $graph
  status=$?
  record "4 bench train$suffix" $([ $status = 0 ] && echo ok || echo FAIL) $(( $(date +%s) - t0 )) \
    "ratios C++/PyTorch: $(awk '$NF ~ /^[0-9.]+$/ && NF == 7 { printf "%s/%s/%s %s  ", $1, $2, $3, $NF }' "$out/bench-train${graph:+-graph}.log")"
  t0=$(date +%s)
  if [ $mode = gpu ]; then args=(--device cuda --nfe 50); else args=(--device cpu --models ddpm-small --nfe 5 --batch 8 --precision fp32 --threads 2); fi
  run_part "bench sample$suffix" 150 "$out/bench-sample${graph:+-graph}.log" bench/run_sample_bench.sh "$build" "${args[@]}" $graph
  status=$?
  record "4 bench sample$suffix" $([ $status = 0 ] && echo ok || echo FAIL) $(( $(date +%s) - t0 )) \
    "ratios C++/PyTorch: $(awk '$NF ~ /^[0-9.]+$/ && NF == 8 { printf "%s/%s/%s/%s %s  ", $1, $2, $3, $4, $NF }' "$out/bench-sample${graph:+-graph}.log")"
done

# --- 5. data-parallel path ----------------------------------------------------------------------------------------
t0=$(date +%s)
if [ $mode = gpu ]; then backend=nccl; else backend=gloo; fi
run_part "group of one ($backend)" 120 "$out/group-$backend.log" "$cli" train --dataset two-moons:4096 --model mlp \
  --batch-size 256 --steps 100 --log-every 10 --device "$device" --backend "$backend" --out "$out/group-$backend.ckpt"
status=$?
record "5 1-process $backend group" $([ $status = 0 ] && grep -q "step 100/100" "$out/group-$backend.log" && echo ok || echo FAIL) \
  $(( $(date +%s) - t0 )) "$(grep -o '[0-9.]* img/s' "$out/group-$backend.log" | tail -1)"
t0=$(date +%s)
run_part "2 processes (gloo)" 120 "$out/nproc2.log" "$cli" train --dataset two-moons:4096 --model mlp --batch-size 256 \
  --steps 100 --log-every 10 --device cpu --threads 1 --nproc 2 --out "$out/nproc2.ckpt"
status=$?
record "5 2-process gloo group (CPU)" $([ $status = 0 ] && grep -q "step 100/100" "$out/nproc2.log" && echo ok || echo FAIL) \
  $(( $(date +%s) - t0 )) "$(grep -o '[0-9.]* img/s' "$out/nproc2.log" | tail -1)"

echo >&2
echo "GPU check ($mode, $device): $(( $(date +%s) - check_start )) s in all; logs in $out" | tee -a "$summary"
if [ $mode = gpu ]; then nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader >> "$summary" 2>&1; fi
cat "$summary"
exit $failed
