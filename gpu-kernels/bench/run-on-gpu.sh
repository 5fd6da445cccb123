#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: builds gpu-kernels (PTX via nvcc), runs the CUDA correctness
# tests (tag "gpu", which must not skip here), then the CUDA benchmarks, printing GFLOP/s against
# the device's FP32 peak. Usage: gpu-kernels/bench/run-on-gpu.sh [n] [t]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${1:-20000}
t=${2:-1200}
cd "$root"
command -v nvidia-smi >/dev/null || { echo "run-on-gpu: no nvidia-smi, no NVIDIA driver" >&2; exit 1; }
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv

mvn -B -q -pl gpu-kernels -am install -DskipTests
ls gpu-kernels/target/classes/org/sparkconnectome/kernels/ptx/*.ptx >/dev/null \
  || { echo "run-on-gpu: no PTX was built (is nvcc on PATH?)" >&2; exit 1; }
mvn -B -pl gpu-kernels surefire:test -Dgroups=gpu -Dtest='CudaKernelsTest' \
  -Dsurefire.failIfNoSpecifiedTests=false | tee /tmp/run-on-gpu-tests.log | tail -n 15
if grep -q "Skipped: [1-9]" /tmp/run-on-gpu-tests.log; then
  echo "run-on-gpu: the CUDA tests skipped: the device or driver did not load" >&2
  exit 1
fi

cp_file=$(mktemp)
mvn -B -q -pl gpu-kernels dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="$root/gpu-kernels/target/classes:$(cat "$cp_file")"
bench() { java -Xmx16g -cp "$classpath" org.sparkconnectome.kernels.bench.BenchMain "$@" | tail -n 1; }

# FP32 peak = SMs x FP32 lanes per SM x 2 (FMA) x max SM clock; lanes from the compute capability.
peak=$(python3 - <<'PY'
import subprocess
out = subprocess.run(["nvidia-smi", "--query-gpu=clocks.max.sm,compute_cap,name",
                      "--format=csv,noheader,nounits"], capture_output=True, text=True).stdout
clock, cap, name = [v.strip() for v in out.splitlines()[0].split(",", 2)]
sms = subprocess.run(["nvidia-smi", "-q"], capture_output=True, text=True).stdout
count = None
for line in sms.splitlines():
    if "Multiprocessor Count" in line or "Streaming Multiprocessors" in line:
        count = int(line.split(":")[1])
if count is None:
    # nvidia-smi does not list SMs on every driver; the usual counts per product.
    count = {"H100": 132, "H200": 132, "A100": 108, "L40S": 142, "A10": 72}.get(
        next((k for k in ["H100", "H200", "A100", "L40S", "A10"] if k in name), ""), 0)
lanes = {"8.0": 64, "8.6": 128, "8.9": 128, "9.0": 128}.get(cap, 128)
print(count * lanes * 2 * float(clock) / 1000.0)
PY
)
echo "device FP32 peak: ${peak} GFLOP/s"
report() {
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); p=float(sys.argv[2]);
print(sys.argv[1]); print(f"  -> {r[\"gflops\"]:.1f} GFLOP/s = {100*r[\"gflops\"]/p:.1f}% of peak" if p > 0 else "")' "$1" "$peak"
}
report "$(bench correlation --n 8000 --t 1200 --backend cuda)"
report "$(bench correlation --n "$n" --t "$t" --backend cuda --threshold 0.5)"
report "$(bench smoothing --shape 91,109,91,50 --fwhm 6 --voxel 2 --backend cuda)"
report "$(bench correlation --n 8000 --t 1200 --backend jvm)"
