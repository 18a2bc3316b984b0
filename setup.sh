#!/usr/bin/env bash
# Diffusion Lab set-up: installs the Debian 12 packages that are missing, builds, then either starts the
# GUI (`./setup.sh run`) or runs every test through CTest (`./setup.sh test`).
#   ./setup.sh run    install, build in Release, start the GUI on the built-in Fashion-MNIST data
#   ./setup.sh test   install, build in Release, run all tests, then the core tests (CTest label "core") once
#                     more with oneDNN/ATen kernels forced down to AVX2/default (this is what .ci/run calls)
#   ./setup.sh build  install and build only
#   ./setup.sh fuzz   build the readers' libFuzzer harnesses with clang (BUILD_DIR-fuzz) and run each for
#                     FUZZ_SECONDS (default 30); `test` ends with this too (docs/reliability.md)
#   ./setup.sh sanitize  build the core, the CLI and their tests with AddressSanitizer + UBSan (CMake preset
#                     "sanitize", build-sanitize/) and run them; any report fails (docs/reliability.md)
# Environment: BUILD_DIR (default build), JOBS (default: number of cores), DIFFLAB_GUI (ON/OFF), FUZZ_SECONDS.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-run}
build_dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
gui=${DIFFLAB_GUI:-ON}

packages=(
  build-essential cmake ninja-build ccache pkg-config zlib1g-dev
  libtorch-dev libgloo-dev libopenblas0-pthread nlohmann-json3-dev libstb-dev doctest-dev
  dataset-fashion-mnist python3-torch python3-numpy clang-format
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev  # MP4 export (optional: found by pkg-config)
)
if [ "$mode" = test ] || [ "$mode" = fuzz ]; then
  packages+=(clang libclang-rt-14-dev)  # libFuzzer, AddressSanitizer, UBSan
fi
if [ "$mode" = sanitize ]; then
  packages+=(ffmpeg)  # as for test: the CLI tests decode MP4s
  gui=OFF
fi
if [ "$mode" = test ]; then
  packages+=(ffmpeg)  # ffprobe decodes the exported MP4s (tests/cli/test_animate.sh, tests/core/test_animation_writer.cpp)
fi
if [ "$gui" = ON ]; then
  packages+=(qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqcustomplot-dev
             libgl-dev xvfb xauth fonts-dejavu-core
             fonts-wqy-microhei)  # a CJK font: the Simplified Chinese interface, also offscreen (5 MB)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing missing packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

# The readers' fuzz harnesses (tests/fuzz): a clang build of the core with libFuzzer, ASan and UBSan, then each
# harness for FUZZ_SECONDS from its committed seeds. Any crash or sanitizer report fails.
run_fuzz() {
  local fuzz_dir="$build_dir-fuzz" start=$SECONDS
  cmake -S . -B "$fuzz_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DDIFFLAB_FUZZ=ON -DDIFFLAB_GUI=OFF -DDIFFLAB_FUZZ_SECONDS="${FUZZ_SECONDS:-30}" "${launcher[@]}" > /dev/null
  cmake --build "$fuzz_dir" -j "$jobs" --target difflab_fuzzers
  echo "setup: fuzz harnesses built in $((SECONDS - start)) s; running each for ${FUZZ_SECONDS:-30} s"
  ctest --test-dir "$fuzz_dir" --output-on-failure -j "$jobs" -L fuzz
}
if [ "$mode" = fuzz ]; then
  run_fuzz
  exit $?
fi
# The core, the CLI and their tests with AddressSanitizer and UBSan (GCC's), from CMakePresets.json. About 40 min
# to build and 25 min to run on 2 cores; not part of `test` (CI's 90 minutes), its last result is in
# docs/reliability.md.
if [ "$mode" = sanitize ]; then
  start=$SECONDS
  cmake --preset sanitize "${launcher[@]}"
  cmake --build --preset sanitize -j "$jobs"
  echo "setup: sanitizer build took $((SECONDS - start)) s"
  start=$SECONDS
  status=0
  ctest --preset sanitize -j "$jobs" || status=1
  echo "setup: sanitizer tests took $((SECONDS - start)) s"
  exit "$status"
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDIFFLAB_GUI="$gui" \
      -DDIFFLAB_WARNINGS_AS_ERRORS="${CI:+ON}" "${launcher[@]}"
cmake --build "$build_dir" -j "$jobs"

case "$mode" in
  run)
    exec "$build_dir/app/gui/difflab" ;;
  test)
    if [ -z "${DISPLAY:-}" ]; then export QT_QPA_PLATFORM=offscreen; fi
    status=0
    # The format is .clang-format's (STYLE.md); a file that differs fails the run.
    if ! clang-format --dry-run --Werror $(git ls-files '*.cpp' '*.h' 2>/dev/null) 2>/tmp/difflab-format.log; then
      echo "setup: these files differ from .clang-format (fix: clang-format -i FILE):" >&2
      grep -o '^[^:]*:' /tmp/difflab-format.log | sort -u >&2
      status=1
    fi
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" || status=1
    # float32 results depend on the kernels oneDNN and ATen pick for this CPU (AVX-512, AMX, AVX2): the core
    # tests' tolerances must hold for all of them (tests/core/tolerance.h), so they run once more on others.
    echo "setup: core tests again with the CPU kernels forced down" \
         "(ONEDNN_MAX_CPU_ISA=AVX2, ATEN_CPU_CAPABILITY=default and avx2: other kernels than this CPU's best)"
    start=$SECONDS
    for aten in default avx2; do
      echo "setup: ATEN_CPU_CAPABILITY=$aten"
      ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=$aten \
        ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" -L core || status=1
    done
    echo "setup: forced-down core tests took $((SECONDS - start)) s"
    run_fuzz || status=1
    exit "$status" ;;
  build) ;;
  *) echo "usage: $0 run|test|build|fuzz|sanitize" >&2; exit 2 ;;
esac
