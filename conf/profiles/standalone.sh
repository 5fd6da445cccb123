#!/usr/bin/env bash
# spark-submit to a Spark standalone cluster (sbin/start-master.sh + start-worker.sh):
#   SPARK_MASTER=spark://master:7077 conf/profiles/standalone.sh run --bids s3a://b/bids --out s3a://b/out
# Client mode: the driver runs here, so --bids/--out on local disk must be on a file system every
# worker sees at the same path (NFS, Lustre); s3a:// and hdfs:// need nothing shared.
set -euo pipefail
export CONNECTOME_HOME="${CONNECTOME_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1 installation}"
: "${SPARK_MASTER:?set SPARK_MASTER, e.g. spark://master.example.org:7077}"
source "$CONNECTOME_HOME/conf/profiles/s3a.sh"
jar=$(ls "$CONNECTOME_HOME"/jobs/target/connectome-jobs-*.jar | grep -v original- | head -n 1)
# --load-spark-defaults: with --properties-file alone Spark skips the site's own spark-defaults.conf
# (in $SPARK_CONF_DIR, default $SPARK_HOME/conf: event log, history server, site limits). With it
# both are read: our file's keys win over the site's, and --conf over both.
# Standalone has no external shuffle service by default; dynamic allocation relies on
# shuffle tracking (spark-defaults.conf). Cap what one nightly run may take:
exec "$SPARK_HOME/bin/spark-submit" \
  --master "$SPARK_MASTER" \
  --deploy-mode client \
  --name "connectome $1" \
  --properties-file "$CONNECTOME_HOME/conf/spark-defaults.conf" --load-spark-defaults \
  --conf spark.cores.max="${CONNECTOME_MAX_CORES:-64}" \
  "${s3a_conf[@]}" "${s3a_jars[@]}" \
  --class org.sparkconnectome.cli.ConnectomeCli "$jar" "$@"
