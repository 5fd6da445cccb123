#!/usr/bin/env bash
# The GPU check: runs the prepared folder's run.sh (gpu-kernels/target/gpu-check/, made by
# build-gpu-check.sh), building the folder first where this machine can (JDK, Maven, nvcc).
# A GPU machine needs only the folder and its NVIDIA driver. Arguments go to run.sh:
#   gpu-kernels/bench/run-on-gpu.sh [--quick] [--jvm] [--n N] [--t T]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
folder="$here/../target/gpu-check"
if [[ ! -x "$folder/run.sh" ]]; then
  if command -v mvn >/dev/null && command -v nvcc >/dev/null && command -v jlink >/dev/null; then
    "$here/build-gpu-check.sh"
  else
    echo "run-on-gpu: no prepared folder at gpu-kernels/target/gpu-check and no JDK, Maven and" \
      "nvcc to build it: run gpu-kernels/bench/build-gpu-check.sh on a build machine and bring" \
      "the folder along" >&2
    exit 1
  fi
fi
exec "$folder/run.sh" "$@"
