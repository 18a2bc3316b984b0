#!/bin/sh
# Compiles (syntax and types, no linking) every source with CUDA-only code as if DIFFLAB_HAS_CUDA were set,
# against LibTorch's own CUDA headers (Debian's libtorch-dev ships ATen/cuda and c10/cuda) and a CUDA
# toolkit's headers, so that the CUDA paths keep compiling on a CPU-only machine. Registered as a test only
# where a CUDA toolkit is found (tests/CMakeLists.txt); it checks LibTorch 1.13's API, so the 2.x branches
# (TORCH_VERSION >= 2.4) are checked only on the GPU machine's build.
#   tests/cuda/check_cuda_code.sh SOURCE_DIR CUDA_INCLUDE_DIR [CXX]
set -eu
src=${1:?usage: check_cuda_code.sh SOURCE_DIR CUDA_INCLUDE_DIR [CXX]}
cuda_include=${2:?usage: check_cuda_code.sh SOURCE_DIR CUDA_INCLUDE_DIR [CXX]}
cxx=${3:-c++}
stub=$(mktemp -d)
trap 'rm -rf "$stub"' EXIT
# A header CMake generates when LibTorch itself is built; Debian's package leaves it out.
mkdir -p "$stub/c10/cuda/impl"
printf '#pragma once\n#define C10_CUDA_BUILD_SHARED_LIBS\n' > "$stub/c10/cuda/impl/cuda_cmake_macros.h"
status=0
for f in $(grep -rl 'DIFFLAB_HAS_CUDA' "$src/core" "$src/bench" "$src/app" --include='*.cpp'); do
  if "$cxx" -std=c++17 -fsyntax-only -Wall -Wextra -Werror -Wno-unused-parameter -DDIFFLAB_HAS_CUDA=1 \
      -D_GLIBCXX_USE_CXX11_ABI=1 -I"$src/core" -isystem "$stub" -isystem /usr/include/torch/csrc/api/include \
      -isystem "$cuda_include" "$f"; then
    echo "ok: ${f#"$src"/}"
  else
    echo "FAILED: ${f#"$src"/}"
    status=1
  fi
done
exit $status
