#!/usr/bin/env bash
# Runs our benchmarks and the numpy/scipy peers in the same session, interleaved over a few rounds
# (the machine is shared, so one round alone is noise), and prints median times and ratios.
# Usage: gpu-kernels/bench/compare.sh [rounds] [backend]   (run from anywhere; needs bin/connectome
# built, or falls back to the gpu-kernels classes with KernelBenchmark through java directly).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=${1:-3}
backend=${2:-jvm}

# Debian's OpenBLAS 0.3.21 may not recognise a recent Xeon and fall back to its generic
# "Prescott" kernels (about 4x slower); name the core it should use when the CPU has AVX-512. (On
# the 2-core development VM it picks SkylakeX by itself, as numpy 2.4's bundled 0.3.31 does.)
if [[ -z "${OPENBLAS_CORETYPE:-}" ]] && grep -q avx512f /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=SkylakeX
fi
# Ours: one OpenBLAS thread per calling thread, as bin/connectome runs it (the correlator's
# fork-join pool is the parallelism). The numpy peer keeps OpenBLAS's own threads: its default.
ours_env=(env OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}")

if [[ -x "$root/bin/connectome" ]] && "$root/bin/connectome" bench --help >/dev/null 2>&1; then
  ours() { "${ours_env[@]}" "$root/bin/connectome" bench "$@" --json 2>/dev/null | tail -n 1; }
else
  cp_file=$(mktemp)
  (cd "$root" && mvn -B -q -o -pl gpu-kernels dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" >/dev/null)
  classpath="$root/gpu-kernels/target/classes:$(cat "$cp_file")"
  ours() {
    # --add-modules: the smoother's Vector API rows, as conf/jvm-options gives bin/connectome.
    "${ours_env[@]}" java --add-modules=jdk.incubator.vector -Xmx6g -cp "$classpath" \
      org.sparkconnectome.kernels.bench.BenchMain "$@" 2>/dev/null | tail -n 1
  }
fi

field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
median() { python3 -c "import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))" "$@"; }

corr_ours=(); corr_peer=(); smooth_ours=(); smooth_peer=(); spec_ours=(); spec_peer=()
for ((r = 1; r <= rounds; r++)); do
  line=$(ours correlation --n 8000 --t 1200 --backend "$backend")
  echo "ours : $line"; corr_ours+=("$(field "$line" seconds)")
  line=$(python3 "$here/peer_correlation.py" --n 8000 --t 1200)
  echo "numpy: $line"; corr_peer+=("$(field "$line" seconds)")
  # Three warm-up batches: the Vector API loops run boxed until C2 has compiled them (one
  # batch of 50 volumes is not always enough; a pipeline task smooths hundreds of volumes).
  line=$(ours smoothing --shape 91,109,91,50 --fwhm 6 --voxel 2 --backend "$backend" \
    --warmup 3 --repeats 3)
  echo "ours : $line"; smooth_ours+=("$(field "$line" seconds)")
  line=$(python3 "$here/peer_smoothing.py" --shape 91,109,91,50 --fwhm 6 --voxel 2 --repeats 3)
  echo "scipy: $line"; smooth_peer+=("$(field "$line" seconds)")
  line=$(ours spectral --channels 64 --samples 500 --sfreq 250 --epochs 300 --backend "$backend")
  echo "ours : $line"; spec_ours+=("$(field "$line" seconds)")
  line=$(python3 "$here/peer_spectral.py" --channels 64 --samples 500 --sfreq 250 --epochs 300)
  echo "numpy: $line"; spec_peer+=("$(field "$line" seconds)")
done

co=$(median "${corr_ours[@]}"); cp=$(median "${corr_peer[@]}")
so=$(median "${smooth_ours[@]}"); sp=$(median "${smooth_peer[@]}")
eo=$(median "${spec_ours[@]}"); ep=$(median "${spec_peer[@]}")
python3 - "$co" "$cp" "$so" "$sp" "$eo" "$ep" <<'PY'
import sys
co, cp, so, sp, eo, ep = map(float, sys.argv[1:])
print(f"correlation 8000 series x 1200 time points: ours {co:.3f} s, numpy {cp:.3f} s, "
      f"speed-up {cp / co:.2f}x (goal 1.3x)")
print(f"smoothing 50 x 91x109x91, fwhm 6 mm, 2 mm voxels: ours {so:.3f} s, scipy {sp:.3f} s, "
      f"speed-up {sp / so:.2f}x (goal 5x)")
print(f"spectral 64 channels x 300 epochs of 2 s at 250 Hz, hann: ours {eo:.3f} s, "
      f"numpy/scipy {ep:.3f} s, speed-up {ep / eo:.2f}x")
PY
