#!/usr/bin/env bash
# Builds the GPU check folder, gpu-kernels/target/gpu-check/, on a build machine (JDK 17, Maven,
# nvcc; no GPU needed). The folder runs the CUDA check on a bare GPU machine that has only the
# NVIDIA driver: no JDK, no Maven, no network. It holds the gpu-kernels classes and test classes
# (with PTX and fatbins), their jars, JUnit's console launcher, the reference data the CUDA
# contract tests compare against, a jlink'ed Java runtime, and run.sh. Usage:
#   gpu-kernels/bench/build-gpu-check.sh          then, on the GPU machine:
#   gpu-kernels/target/gpu-check/run.sh
# Maven runs offline first and goes online (Maven Central only) only if an artifact is missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/gpu-kernels/target/gpu-check"
limit_mib=50
say() { echo "build-gpu-check: $*"; }
die() { echo "build-gpu-check: $*" >&2; exit 1; }

for tool in nvcc jlink jdeps jar readelf; do
  command -v "$tool" >/dev/null || die "$tool is not on PATH (needs a JDK 17 and the CUDA toolkit)"
done
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
[[ -d "$java_home/jmods" ]] || die "no $java_home/jmods: jlink needs a JDK with jmods"

cd "$root"
rm -rf "$out"
# Maven 3.8 prints colour resets even in batch mode; the sed drops them.
maven() {
  mvn -B -q -pl gpu-kernels -Pgpu-check "$@" process-test-classes 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g'
}
if ! maven -o; then
  say "offline build failed; retrying online to fetch what is missing from Maven Central"
  rm -rf "$out"
  maven
fi

classes="$root/gpu-kernels/target/classes"
for module in smoothing correlation spectral; do
  for image in "$module.sm_80.ptx" "$module.sm_90.ptx" "$module.fatbin"; do
    [[ -f "$classes/org/sparkconnectome/kernels/ptx/$image" ]] \
      || die "no $image in gpu-kernels/target/classes: did build-ptx.sh run with nvcc?"
  done
done
cp -r "$classes" "$out/classes"
cp -r "$root/gpu-kernels/target/test-classes" "$out/test-classes"

# JUnit's launcher carries its own Jupiter engine: it must be the release the tests compiled
# against.
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$root/pom.xml")
engine=$(unzip -p "$out"/launcher/junit-platform-console-standalone.jar META-INF/MANIFEST.MF \
  | sed -n 's/^Engine-Version-junit-jupiter: *\([^[:space:]]*\).*/\1/p')
[[ "$engine" == "$junit" ]] || die "console launcher runs Jupiter $engine, the project uses \
$junit: change junit.platform.version in gpu-kernels/pom.xml"

# JCuda's natives jar carries four libraries; keep the driver API one only. The others need
# CUDA runtime libraries (libnvrtc.so.12, ...) that a machine with only the driver lacks, and the
# PTX compiler alone is 24 MB.
natives=$(ls "$out"/lib/jcuda-natives-*-linux-x86_64.jar)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && unzip -q "$natives" 'lib/libJCudaDriver-*' 'META-INF/*')
driver_so=$(ls "$scratch"/lib/libJCudaDriver-*.so)
needed=$(readelf -d "$driver_so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
say "$(basename "$driver_so") needs: $needed"
if grep -qE 'libcudart|libnvrtc|libnvJitLink|libnvptxcompiler|libcublas' <<<"$needed"; then
  die "$(basename "$driver_so") links a CUDA runtime library; the GPU machines have the driver only"
fi
grep -q 'libcuda.so.1' <<<"$needed" || die "$(basename "$driver_so") does not link libcuda.so.1"
rm "$natives"
jar --create --file "${natives%.jar}-driver-only.jar" -C "$scratch" .

reference="$root/data-samples/reference"
mkdir -p "$out/reference/signal"
for file in signal/connectivity.json signal/smoothing.json signal/eeg_cross_spectra.json \
  signal/eeg_fir.json; do
  [[ -f "$reference/$file" ]] || die "missing reference file $reference/$file"
  cp "$reference/$file" "$out/reference/$file"
done
say "reference data from $(cd "$reference" && pwd)"

modules=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 \
  "$out/classes" "$out/test-classes" "$out"/lib/*.jar)
# Left out on purpose: java.desktop and java.sql (Jackson and the launcher use them only if
# present), jdk.incubator.vector (netlib's optional Vector API BLAS, off unless --add-modules).
modules=$(tr ',' '\n' <<<"$modules,java.logging" \
  | grep -vxE 'java.desktop|java.sql|jdk.incubator.vector' | sort -u | paste -sd, -)
say "jlink modules: $modules"
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$out/jre"
if command -v strip >/dev/null; then
  # Debian's libjvm.so keeps its symbol table (4 MB); the JVM needs only the dynamic symbols.
  find "$out/jre" -name '*.so' -exec strip --strip-unneeded {} +
fi
glibc=$(find "$out/jre" "$scratch/lib" -name '*.so' -exec objdump -T {} + 2>/dev/null \
  | grep -oE 'GLIBC_[0-9.]+' | sort -uV | tail -1)

cp "$here/gpu-check/run.sh" "$out/run.sh"
chmod +x "$out/run.sh"
isa=$(sed -n 's/^\.version //p' "$classes/org/sparkconnectome/kernels/ptx/smoothing.sm_90.ptx")
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null) || commit=unknown
if [[ $commit != unknown ]] && ! git -C "$root" diff --quiet HEAD; then
  commit+=" (with uncommitted changes)"
fi
{
  echo "commit: $commit"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n)"
  echo "nvcc: $(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p')"
  echo "java: $("$out/jre/bin/java" -version 2>&1 | head -n 1)"
  echo "needs: x86-64 Linux with glibc >= ${glibc#GLIBC_}, an NVIDIA driver (libcuda.so.1) that" \
    "loads PTX ISA $isa"
} >"$out/BUILD-INFO"
sed 's/^/build-gpu-check: /' "$out/BUILD-INFO"

size_kib=$(du -sk "$out" | cut -f1)
say "$out: $(du -sh "$out" | cut -f1) ($((size_kib / 1024)) MiB; limit $limit_mib MiB)"
du -sh "$out"/* | sed 's/^/build-gpu-check:   /'
((size_kib < limit_mib * 1024)) || die "the folder is over $limit_mib MiB"
