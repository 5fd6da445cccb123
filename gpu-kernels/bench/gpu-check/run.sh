#!/usr/bin/env bash
# The GPU check, run from the folder gpu-kernels/bench/build-gpu-check.sh prepares
# (gpu-kernels/target/gpu-check/). Needs an NVIDIA driver and nothing else: no JDK, no Maven, no
# network; paths are relative to this script, so the folder can be copied anywhere.
#   1. the folder's own Java runtime runs the JVM reference tests on the same golden data;
#   2. the driver's version, the device's properties and FP32 peak; the kernels' PTX checked
#      against the driver (JIT-loaded) and their fatbins loaded;
#   3. the CUDA contract tests (CudaKernelsTest, tag gpu), once from the fatbins and once from
#      the PTX; skipped tests fail the check;
#   4. benchmarks, end to end and kernels only (CUDA events), with GFLOP/s and % of FP32 peak;
#      last the top-50 correlation of 200,000 x 1,200 (the issue's paper goal), its kernel time
#      predicted from the device's properties first, then measured in FP32 and in TF32.
# The last line says PASS or FAIL, or "no CUDA device (...)" when there is nothing to check.
# Usage: run.sh [--quick] [--jvm] [--n N] [--t T] [--topk-n N] [--keep-going]
#   --quick       1 warm-up and 3 timed runs per benchmark instead of 2 and 5
#   --jvm         also time the JVM backend's dense correlation (slow without a native BLAS)
#   --n, --t      size of the thresholded correlation (default 20000 x 1200)
#   --topk-n      series of the top-50 correlation (default 200000, T from --t; 0 skips it)
#   --keep-going  run every step even without a device (shows what a skipped test does)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
java="$here/jre/bin/java"
launcher="$here/launcher/junit-platform-console-standalone.jar"
say() { echo "gpu-check: $*"; }
if [[ ! -x "$java" || ! -f "$launcher" ]]; then
  say "this is not a prepared folder (no jre/ or launcher/ beside run.sh): build it with" \
    "gpu-kernels/bench/build-gpu-check.sh and run gpu-kernels/target/gpu-check/run.sh"
  exit 1
fi

warmup=2 repeats=5 jvm=false n=20000 t=1200 topk_n=200000 keep_going=false
while (($#)); do
  case "$1" in
    --quick) warmup=1 repeats=3 ;;
    --jvm) jvm=true ;;
    --n) n=${2:?--n needs a value}; shift ;;
    --t) t=${2:?--t needs a value}; shift ;;
    --topk-n) topk_n=${2:?--topk-n needs a value}; shift ;;
    --keep-going) keep_going=true ;;
    *) say "unknown option $1 (see the head of $0)"; exit 64 ;;
  esac
  shift
done

# JCuda writes its native library to java.io.tmpdir and loads it from there: a private one,
# removed on exit, inside this folder (a /tmp mounted noexec cannot load it) unless the folder
# is read-only.
tmp=$(mktemp -d "$here/tmp.XXXXXX" 2>/dev/null || mktemp -d "${TMPDIR:-/tmp}/gpu-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
jars=$(printf '%s:' "$here"/lib/*.jar)
jars=${jars%:}
# One line per log record (BackendFallback's "CUDA unavailable (...)" and the like).
run_java=("$java" -Djava.io.tmpdir="$tmp" -XX:+UseParallelGC
  '-Djava.util.logging.SimpleFormatter.format=%4$s: %5$s%6$s%n')
failures=()

[[ -f "$here/BUILD-INFO" ]] && sed 's/^/gpu-check: folder /' "$here/BUILD-INFO"
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
say "host: $(uname -srm), glibc ${glibc:-unknown}"
if ! started=$("$java" -Xshare:auto -version 2>&1); then
  say "the folder's Java runtime does not start on this host: $(head -n 1 <<<"$started")" \
    "(see 'needs' above; this host has glibc ${glibc:-unknown})"
  exit 1
fi
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm \
    --format=csv,noheader 2>&1 | sed 's/^/gpu-check: nvidia-smi: /'
else
  say "nvidia-smi: not on PATH"
fi

# A count from the launcher's summary table: summary LOG 'tests successful'.
summary() { sed -n "s/^\[ *\([0-9][0-9]*\) $2 *\]\$/\1/p" "$1" | head -n 1; }

# Runs JUnit's console launcher and judges its summary; the test tree is shown when SHOW is
# "tree" or the run fails. Usage: junit LABEL SHOW TAG CLASS[,CLASS...] [-Dprop=value...]
junit() {
  local label=$1 show=$2 tag=$3 classes=$4
  shift 4
  local log="$tmp/$label.log"
  local selectors=() class
  for class in ${classes//,/ }; do
    selectors+=(--select-class "$class")
  done
  [[ -n "$tag" ]] && selectors+=(--include-tag "$tag")
  "${run_java[@]}" -Dreference.data="$here/reference" "$@" \
    -jar "$launcher" execute --disable-banner --disable-ansi-colors --details=tree \
    --fail-if-no-tests --class-path "$here/test-classes:$here/classes:$jars" \
    "${selectors[@]}" >"$log" 2>&1
  local rc=$?
  local ok failed aborted skipped verdict=""
  ok=$(summary "$log" 'tests successful') failed=$(summary "$log" 'tests failed')
  aborted=$(summary "$log" 'tests aborted') skipped=$(summary "$log" 'tests skipped')
  if [[ -z "$ok" || -z "$failed" || -z "$aborted" || -z "$skipped" ]]; then
    verdict="the launcher printed no summary (exit $rc)"
  elif ((ok + failed + aborted + skipped == 0)); then
    verdict="no tests found (exit $rc)"
  elif ((rc != 0 || failed > 0)); then
    verdict="$failed of $((ok + failed + aborted + skipped)) tests failed (exit $rc)"
  elif ((aborted + skipped > 0)); then
    verdict="$((aborted + skipped)) tests skipped, $ok passed (a skip fails this check)"
  fi
  if [[ "$show" == tree || -n "$verdict" ]]; then
    # The tree and any output; the launcher's summary table is judged below instead.
    grep -vE '^\[ +[0-9]+ [a-z ]+\]$|^\s*$' "$log" | sed 's/^/gpu-check:   /'
  fi
  if [[ -n "$verdict" ]]; then
    failures+=("$label: $verdict")
    say "$label: FAILED: $verdict"
    return 1
  fi
  say "$label: $ok tests passed"
}

say "step 1: the folder's Java runtime and the JVM reference path on the golden data"
junit jvm-reference summary "" org.sparkconnectome.kernels.correlation.JvmVoxelCorrelatorTest,\
org.sparkconnectome.kernels.smoothing.JvmVolumeSmootherTest,\
org.sparkconnectome.kernels.spectral.JvmCrossSpectraTest

say "step 2: driver, device, kernel images"
"${run_java[@]}" -cp "$here/classes:$jars" org.sparkconnectome.kernels.bench.CudaDeviceReport
report=$?
case $report in
  0) ;;
  2)
    if [[ $keep_going == false ]]; then
      exit 2
    fi
    failures+=("no CUDA device") ;;
  3) failures+=("a kernel image did not load (above)") ;;
  *) failures+=("CudaDeviceReport exited with $report") ;;
esac

say "step 3: CUDA contract tests against the golden values"
junit cuda-fatbin tree gpu org.sparkconnectome.kernels.accel.CudaKernelsTest \
  -Dconnectome.cuda.image=fatbin
junit cuda-ptx-jit tree gpu org.sparkconnectome.kernels.accel.CudaKernelsTest \
  -Dconnectome.cuda.image=ptx

say "step 4: benchmarks"
"${run_java[@]}" -Xmx16g -cp "$here/classes:$jars" \
  org.sparkconnectome.kernels.bench.CudaKernelTimings --n "$n" --t "$t" --threshold 0.5 \
  --warmup "$warmup" --repeats "$repeats" --jvm "$jvm" --topk-n "$topk_n" --topk-k 50
bench=$?
((bench == 0)) || failures+=("benchmarks exited with $bench")

if ((${#failures[@]})); then
  summary=$(printf '%s; ' "${failures[@]}")
  say "FAIL: ${summary%; }"
  exit 1
fi
say "PASS: kernels load (fatbin and PTX JIT), CUDA contract tests pass, timings above"
