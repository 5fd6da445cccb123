#!/usr/bin/env bash
# NBS permutation benchmark: 5000 permutations on 200 subjects x 400 regions (79,800 edges),
# on local[1] and local[2], one JSON line each. Build first: mvn -DskipTests package.
# Usage: jobs/bench/nbs-bench.sh [SUBJECTS] [REGIONS] [PERMUTATIONS] [MASTERS...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
subjects="${1:-200}"
regions="${2:-400}"
permutations="${3:-5000}"
shift $(( $# < 3 ? $# : 3 ))
masters=("$@")
[[ ${#masters[@]} -gt 0 ]] || masters=("local[1]" "local[2]")
jar=$(ls "$root"/jobs/target/connectome-jobs-*.jar | grep -v original- | head -n 1)
# MLlib's BLAS comes with the compile-scope dependencies, which the launcher classpath lacks.
extra=$(find "$HOME/.m2/repository/dev/ludovic/netlib/blas" -name 'blas-*.jar' | head -n 1)
mapfile -t jvm_opts < <(grep -v '^#' "$root/conf/jvm-options" | sed '/^$/d')
for master in "${masters[@]}"; do
  java "${jvm_opts[@]}" -Xmx6g -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
    -cp "$jar:$(cat "$root/jobs/target/launcher-classpath.txt"):$extra" \
    org.sparkconnectome.stats.NbsBenchmark "$subjects" "$regions" "$permutations" "$master" \
    2>/dev/null | grep '^{'
done
