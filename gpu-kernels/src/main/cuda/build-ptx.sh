#!/usr/bin/env bash
# Compiles every kernel source here to PTX for compute capability 8.0 and 9.0 (validated by
# ptxas), and to one fatbin per source holding SASS for sm_80 and sm_90 plus compute_90 PTX, so
# that an A100/H100/H200 loads machine code (no JIT at start) and newer devices JIT the PTX.
# Usage: build-ptx.sh <output dir>. Without nvcc the build goes on (CUDA backend then reports
# itself unavailable at run time).
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
fresh() {
  [[ -f "$1" && "$1" -nt "$2" && "$1" -nt "$src/portable.h" && "$1" -nt "${BASH_SOURCE[0]}" ]]
}
for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu)
  for cc in 80 90; do
    ptx="$out/${name}.sm_${cc}.ptx"
    if fresh "$ptx" "$cu"; then
      continue
    fi
    nvcc --ptx -arch=compute_${cc} -O3 -I "$src" -o "$ptx" "$cu"
    ptxas -arch=sm_${cc} -o "$scratch/${name}.sm_${cc}.cubin" "$ptx"
    echo "build-ptx: $(basename "$ptx") built and validated by ptxas for sm_${cc}"
  done
  fatbin="$out/${name}.fatbin"
  if ! fresh "$fatbin" "$cu"; then
    nvcc --fatbin -O3 -I "$src" -o "$fatbin" "$cu" \
      -gencode arch=compute_80,code=sm_80 \
      -gencode arch=compute_90,code=sm_90 \
      -gencode arch=compute_90,code=compute_90
    echo "build-ptx: $(basename "$fatbin") built (SASS sm_80, sm_90; PTX compute_90)"
  fi
done
