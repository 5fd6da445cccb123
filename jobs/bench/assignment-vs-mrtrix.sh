#!/usr/bin/env bash
# Streamline-to-region assignment throughput per core: spark-connectome's StructuralRunProcessor
# (one thread, in-process, fastest of 7 after a warm-up pass) against MRtrix3's
# `tck2connectome -nthreads 1` (fastest of 5 wall-clock runs, including its start-up) on the same
# generated tractogram and atlas, in the same session. Fastest, not median: on a shared machine
# the noise only ever adds time.
# Usage: jobs/bench/assignment-vs-mrtrix.sh [STREAMLINES] [end_voxels|radial_search:MM]
# Needs: a built project (mvn -DskipTests package) and tck2connectome (Debian package mrtrix3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
streamlines="${1:-200000}"
method="${2:-radial_search:4}"
command -v tck2connectome >/dev/null || { echo "tck2connectome not found (apt install mrtrix3)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/bin/connectome" sample --out "$work/cohort" --subjects 1 --timepoints 10 \
  --streamlines "$streamlines" >/dev/null
tck=$(ls "$work"/cohort/sub-01/dwi/*_tractography.tck)
atlas=$(ls "$work"/cohort/atlas/*_dseg.nii.gz)
count=$(grep -a -m1 '^count:' "$tck" | awk '{print $2+0}')

if [[ "$method" == end_voxels ]]; then
  mr_opts=(-assignment_end_voxels)
else
  mr_opts=(-assignment_radial_search "${method#radial_search:}")
fi
times=()
for run in 1 2 3 4 5; do
  start=$(date +%s.%N)
  tck2connectome "$tck" "$atlas" "$work/mr.csv" -nthreads 1 -force -quiet "${mr_opts[@]}"
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
mr_seconds=$(printf '%s\n' "${times[@]}" | sort -g | head -n 1)

jar=$(ls "$root"/jobs/target/connectome-jobs-*.jar | grep -v original- | head -n 1)
ours=$(java -XX:ActiveProcessorCount=1 -cp "$jar:$(cat "$root/jobs/target/launcher-classpath.txt")" \
  org.sparkconnectome.dwi.AssignmentThroughput "$tck" "$atlas" "$method" 7 | tail -n 1)
our_rate=$(echo "$ours" | sed 's/.*"streamlines_per_second":\([0-9.]*\).*/\1/')
mr_rate=$(echo "$count / $mr_seconds" | bc -l)
ratio=$(echo "$our_rate / $mr_rate" | bc -l)
printf '{"streamlines":%d,"method":"%s","mrtrix_seconds":%.4f,"mrtrix_streamlines_per_second":%.1f,"ours":%s,"ratio_ours_over_mrtrix":%.2f}\n' \
  "$count" "$method" "$mr_seconds" "$mr_rate" "$ours" "$ratio"
