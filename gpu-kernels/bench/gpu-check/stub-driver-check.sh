#!/usr/bin/env bash
# Tests the GPU check's device report on a machine without a GPU: builds stub-libcuda.c (a
# stand-in libcuda.so.1) and runs CudaDeviceReport from the prepared folder against it, once per
# case (a good driver, cuInit failing, no device, a driver too old for the PTX, a fatbin without
# code for the device), checking each exit status and message. Needs cc and the folder that
# gpu-kernels/bench/build-gpu-check.sh makes. Usage: stub-driver-check.sh [FOLDER]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
folder=${1:-$here/../../target/gpu-check}
if [[ ! -x "$folder/jre/bin/java" ]]; then
  echo "stub-driver-check: no prepared folder at $folder (run build-gpu-check.sh)" >&2
  exit 1
fi
stub=$(mktemp -d)
trap 'rm -rf "$stub"' EXIT
cc -shared -fPIC -o "$stub/libcuda.so.1" "$here/stub-libcuda.c"
jars=$(printf '%s:' "$folder"/lib/*.jar)
failed=0

# check NAME EXPECTED_STATUS EXPECTED_TEXT [VAR=value...]
check() {
  local name=$1 status=$2 text=$3 output rc
  shift 3
  set +e
  output=$(env LD_LIBRARY_PATH="$stub" "$@" "$folder/jre/bin/java" -Djava.io.tmpdir="$stub" \
    -cp "$folder/classes:$jars" org.sparkconnectome.kernels.bench.CudaDeviceReport 2>&1)
  rc=$?
  set -e
  if [[ $rc == "$status" ]] && grep -qF -- "$text" <<<"$output"; then
    echo "stub-driver-check: ok   $name (exit $rc): $(grep -F -- "$text" <<<"$output" | head -n 1)"
  else
    echo "stub-driver-check: FAIL $name: exit $rc (wanted $status), wanted a line with: $text"
    sed 's/^/    /' <<<"$output"
    failed=1
  fi
}

check "good driver" 0 "FP32 peak: 66908 GFLOP/s = 132 SMs x 128 lanes x 1.980 GHz x 2 (FMA)"
check "cuInit fails" 2 "no CUDA device (the driver refused to start: CUDA_ERROR_NO_DEVICE)" \
  STUB_CUDA_INIT=100
check "no device" 2 "no CUDA device (the driver sees none" STUB_CUDA_COUNT=0
check "old driver" 3 "PTX ISA 9.0 needs a driver for CUDA 13.0; this driver is 12.4 \
(cuModuleLoadData: CUDA_ERROR_UNSUPPORTED_PTX_VERSION)" STUB_CUDA_DRIVER=12040 STUB_CUDA_PTX=222
check "no SASS" 3 "correlation.fatbin did not load (cuModuleLoadData: \
CUDA_ERROR_NO_BINARY_FOR_GPU)" STUB_CUDA_FATBIN=209
exit $failed
