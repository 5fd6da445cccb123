"""Airflow DAG: nightly connectome recomputation with SparkSubmitOperator.

Needs apache-airflow-providers-apache-spark and an Airflow connection "spark_connectome" of type
Spark whose host is the master (spark://host:7077, yarn, or k8s://https://...). Exit code 3 of
`nightly` (some runs failed; they are retried the next night) fails the task so that it shows.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

COHORT = "s3a://imaging-cohort/bids"
OUTPUT = "s3a://imaging-cohort/derivatives/connectome"
JOBS_JAR = "/opt/spark-connectome/jobs/target/connectome-jobs-0.1.0-SNAPSHOT.jar"

# The same settings as conf/spark-defaults.conf and conf/profiles/s3a.sh.
SPARK_CONF = {
    "spark.executor.cores": "4",
    "spark.executor.memory": "8g",
    "spark.executor.memoryOverhead": "2g",
    "spark.driver.memory": "4g",
    "spark.serializer": "org.apache.spark.serializer.JavaSerializer",
    "spark.sql.shuffle.partitions": "64",
    "spark.speculation": "false",
    "spark.dynamicAllocation.enabled": "true",
    "spark.dynamicAllocation.shuffleTracking.enabled": "true",
    "spark.dynamicAllocation.maxExecutors": "50",
    "spark.sql.sources.commitProtocolClass":
        "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
    "spark.sql.parquet.output.committer.class":
        "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter",
    "spark.hadoop.fs.s3a.committer.name": "magic",
    "spark.hadoop.fs.s3a.committer.magic.enabled": "true",
    "spark.hadoop.fs.s3a.endpoint.region": "us-east-1",
}

with DAG(
    dag_id="connectome_nightly",
    schedule="15 1 * * *",
    start_date=datetime(2025, 1, 1),
    # One night at a time over the same output; no backfill of missed nights (the next run
    # recomputes everything that changed anyway).
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=30)},
    tags=["imaging", "connectome"],
) as dag:
    SparkSubmitOperator(
        task_id="nightly",
        conn_id="spark_connectome",
        application=JOBS_JAR,
        java_class="org.sparkconnectome.cli.ConnectomeCli",
        name="connectome-nightly",
        application_args=["nightly", "--bids", COHORT, "--out", OUTPUT],
        # No credentials here: Airflow logs the spark-submit command line. S3A finds them in the
        # workers' environment or instance role (see docs/operations.md).
        conf=SPARK_CONF,
        verbose=False,
    )
