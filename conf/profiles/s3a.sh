# Sourced by the other profiles: S3 (s3a://) settings for spark-submit in the array s3a_conf,
# and the jars S3A needs in the array s3a_jars.
#
# Credentials: never put keys on the command line (they show in `ps` and in shell history).
# S3A's default chain tries, in order, fs.s3a.access.key/secret.key (set them in a Hadoop
# credential store: hadoop.security.credential.provider.path), the environment variables
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, then the instance or pod role (EC2 instance profile,
# EKS IRSA web identity). Leave fs.s3a.aws.credentials.provider alone to keep that chain.
#
# Environment:
#   S3_ENDPOINT     endpoint of an S3-compatible store (MinIO, Ceph RGW, ...); unset for AWS S3
#   S3_REGION       region of the bucket (default us-east-1)
#   S3_PATH_STYLE   true for stores without virtual-host buckets (default true with S3_ENDPOINT)
#   CONNECTOME_HOME the project folder (to find the hadoop-aws jars the build resolved)
s3a_conf=(
  # Tables are committed by the S3A "magic" committer: files are written as pending multipart
  # uploads and made visible at job commit, with no rename (a rename on S3 is a copy).
  --conf spark.sql.sources.commitProtocolClass=org.apache.spark.internal.io.cloud.PathOutputCommitProtocol
  --conf spark.sql.parquet.output.committer.class=org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter
  --conf spark.hadoop.fs.s3a.committer.name=magic
  --conf spark.hadoop.fs.s3a.committer.magic.enabled=true
  --conf spark.hadoop.fs.s3a.endpoint.region="${S3_REGION:-us-east-1}"
  # Many runs are read at once: one connection per concurrent reader and writer.
  --conf spark.hadoop.fs.s3a.connection.maximum=200
  --conf spark.hadoop.fs.s3a.threads.max=64
)
if [[ -n "${S3_ENDPOINT:-}" ]]; then
  s3a_conf+=(--conf spark.hadoop.fs.s3a.endpoint="$S3_ENDPOINT"
    --conf spark.hadoop.fs.s3a.path.style.access="${S3_PATH_STYLE:-true}")
  if [[ "$S3_ENDPOINT" == http://* ]]; then
    s3a_conf+=(--conf spark.hadoop.fs.s3a.connection.ssl.enabled=false)
  fi
fi
# hadoop-aws, the AWS SDK modules it uses and Spark's committer binding, as resolved by the build
# (provided scope): about 14 MB, instead of the SDK's 640 MB bundle that --packages would fetch.
# Skip this when the cluster's Spark already has them (a hadoop-cloud build, EMR, Dataproc).
s3a_jars=()
classpath_file="${CONNECTOME_HOME:-.}/jobs/target/launcher-classpath.txt"
if [[ -f "$classpath_file" ]]; then
  s3a_jars=(--jars "$(tr ':' '\n' < "$classpath_file" \
    | grep -E '/(hadoop-aws|spark-hadoop-cloud_[^/]*|analyticsaccelerator-s3|wildfly-openssl)-[^/]*\.jar$|/software/amazon/awssdk/|/reactive-streams-' \
    | paste -sd, -)")
fi
