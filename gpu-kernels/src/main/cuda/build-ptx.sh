#!/usr/bin/env bash
# Compiles every kernel source here to PTX for compute capability 8.0 and 9.0 and validates each
# PTX with ptxas. Usage: build-ptx.sh <output dir>. Without nvcc the build goes on (CUDA backend
# then reports itself unavailable at run time).
set -euo pipefail
out=${1:?usage: build-ptx.sh <output dir>}
src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v nvcc >/dev/null 2>&1; then
  echo "build-ptx: nvcc not on PATH, skipping PTX (the CUDA backend will be unavailable)"
  exit 0
fi
mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu)
  for cc in 80 90; do
    ptx="$out/${name}.sm_${cc}.ptx"
    if [[ -f "$ptx" && "$ptx" -nt "$cu" && "$ptx" -nt "$src/portable.h" ]]; then
      continue
    fi
    nvcc --ptx -arch=compute_${cc} -O3 -I "$src" -o "$ptx" "$cu"
    ptxas -arch=sm_${cc} -o "$scratch/${name}.sm_${cc}.cubin" "$ptx"
    echo "build-ptx: $(basename "$ptx") built and validated by ptxas for sm_${cc}"
  done
done
