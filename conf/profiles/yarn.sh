#!/usr/bin/env bash
# spark-submit to Hadoop YARN (HADOOP_CONF_DIR points at the cluster's configuration):
#   conf/profiles/yarn.sh run --bids hdfs:///data/abcd/bids --out hdfs:///derivatives/abcd
# Cluster mode: the driver runs in the YARN application master, so this machine may disconnect.
set -euo pipefail
export CONNECTOME_HOME="${CONNECTOME_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1 installation}"
: "${HADOOP_CONF_DIR:?set HADOOP_CONF_DIR to the cluster configuration}"
source "$CONNECTOME_HOME/conf/profiles/s3a.sh"
jar=$(ls "$CONNECTOME_HOME"/jobs/target/connectome-jobs-*.jar | grep -v original- | head -n 1)
# --load-spark-defaults: with --properties-file alone Spark skips the site's own spark-defaults.conf
# (in $SPARK_CONF_DIR, default $SPARK_HOME/conf: event log, history server, site limits). With it
# both are read: our file's keys win over the site's, and --conf over both.
# A second attempt of the application is safe: outputs are overwritten, tables committed
# at the end. Two attempts at most, so a real bug does not run four times.
# Executors lost to preemption are not the application's fault.
exec "$SPARK_HOME/bin/spark-submit" \
  --master yarn \
  --deploy-mode cluster \
  --queue "${YARN_QUEUE:-default}" \
  --name "connectome $1" \
  --properties-file "$CONNECTOME_HOME/conf/spark-defaults.conf" --load-spark-defaults \
  --conf spark.yarn.maxAppAttempts=2 \
  --conf spark.yarn.max.executor.failures=20 \
  "${s3a_conf[@]}" "${s3a_jars[@]}" \
  --class org.sparkconnectome.cli.ConnectomeCli "$jar" "$@"
