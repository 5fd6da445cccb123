#!/usr/bin/env bash
# spark-submit straight to Kubernetes (without the spark-operator; for the operator see
# conf/profiles/spark-application.yaml):
#   K8S_API=https://api.k8s.example.org:6443 CONNECTOME_IMAGE=registry.example.org/spark-connectome:0.1.0 \
#     conf/profiles/kubernetes.sh run --bids s3a://cohort/bids --out s3a://cohort/derivatives
# The image is Spark 4.1.0's (docker-image-tool.sh) with the jobs jar at
# /opt/spark-connectome/connectome-jobs.jar and the S3 jars (see s3a.sh) in /opt/spark/jars.
# Credentials come from the Kubernetes secret "connectome-s3" (keys access-key, secret-key) as
# environment variables, which S3A's default credential chain reads; with IRSA/workload identity
# drop the secretKeyRef lines.
set -euo pipefail
export CONNECTOME_HOME="${CONNECTOME_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 4.1 installation}"
: "${K8S_API:?set K8S_API to the Kubernetes API server URL}"
: "${CONNECTOME_IMAGE:?set CONNECTOME_IMAGE to the Spark image with the jobs jar}"
# The image already carries the S3 jars: only the settings (s3a_conf) are used here.
source "$CONNECTOME_HOME/conf/profiles/s3a.sh"
# --load-spark-defaults: with --properties-file alone Spark skips the site's own spark-defaults.conf
# (in $SPARK_CONF_DIR, default $SPARK_HOME/conf: event log, history server, site limits). With it
# both are read: our file's keys win over the site's, and --conf over both.
# Pod memory = executor memory + overhead (spark-defaults.conf): 10 GiB per executor pod.
exec "$SPARK_HOME/bin/spark-submit" \
  --master "k8s://$K8S_API" \
  --deploy-mode cluster \
  --name "connectome-$1" \
  --properties-file "$CONNECTOME_HOME/conf/spark-defaults.conf" --load-spark-defaults \
  --conf spark.kubernetes.namespace="${K8S_NAMESPACE:-imaging}" \
  --conf spark.kubernetes.container.image="$CONNECTOME_IMAGE" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark \
  --conf spark.kubernetes.driver.secretKeyRef.AWS_ACCESS_KEY_ID=connectome-s3:access-key \
  --conf spark.kubernetes.driver.secretKeyRef.AWS_SECRET_ACCESS_KEY=connectome-s3:secret-key \
  --conf spark.kubernetes.executor.secretKeyRef.AWS_ACCESS_KEY_ID=connectome-s3:access-key \
  --conf spark.kubernetes.executor.secretKeyRef.AWS_SECRET_ACCESS_KEY=connectome-s3:secret-key \
  --conf spark.kubernetes.executor.request.cores=4 \
  "${s3a_conf[@]}" \
  --class org.sparkconnectome.cli.ConnectomeCli \
  local:///opt/spark-connectome/connectome-jobs.jar "$@"
