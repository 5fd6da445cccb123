#!/usr/bin/env bash
# Throughput of the fMRI stage against the same steps in one Python process (the peer), on the
# same cohort in the same session. Per-run seconds on our side are the Spark task times in
# run-report.json (one core: --master local[1]); the peer runs single-threaded BLAS.
# Usage: jobs/bench/fmri-vs-python.sh [BIDS_DIR] [REPEATS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bids="${1:-$root/data-samples/sample-cohort}"
repeats="${2:-3}"
atlas=$(ls "$bids"/atlas/*_dseg.nii.gz | head -n 1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
peer=$(/usr/bin/python3 "$root/jobs/bench/peer_fmri.py" "$bids" "$atlas" "$repeats")
best=""
for i in $(seq "$repeats"); do
  "$root/bin/connectome" --quiet run --bids "$bids" --out "$out/run$i" --master 'local[1]' \
    --set fmri.measures=pearson,shrunk,covariance --set report.enabled=false \
    --set graph.measures=none --set dwi.tracking=off >/dev/null 2>&1 || true
  s=$(/usr/bin/python3 -c "
import json,statistics,sys
r=json.load(open('$out/run$i/run-report.json'))['runs']
print(statistics.median([x['seconds'] for x in r if x['pipeline']=='fmri' and x['status']=='computed']))")
  best="$best $s"
done
ours=$(echo $best | tr ' ' '\n' | sort -g | sed -n "$(( (repeats + 1) / 2 ))p")
/usr/bin/python3 -c "
import json
peer=json.loads('''$peer''')
ours=$ours
print(json.dumps({'ours_seconds_per_run': ours, 'peer_seconds_per_run': peer['seconds_per_run'],
  'ratio_peer_over_ours': peer['seconds_per_run']/ours, 'ours_runs_per_hour_per_core': 3600/ours,
  'peer_runs_per_hour': peer['runs_per_hour']}))"
