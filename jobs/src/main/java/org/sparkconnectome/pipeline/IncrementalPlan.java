package org.sparkconnectome.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the nightly run may skip: a run whose source, content hash, paired-files hash and
 * pipeline settings hash equal those of a run the previous report says was computed. Failed runs
 * are never skipped, so they are retried every night until they succeed.
 */
final class IncrementalPlan {
  private IncrementalPlan() {
  }

  /** Previous computed runs as (source, input_key, settings_hash, pipeline). */
  static Dataset<Row> computedBefore(Dataset<Row> previousReport) {
    return previousReport.filter(col("status").isin("computed", "skipped"))
        .select(col("source"), concat_ws("|", element_at(col("input_hashes"), col("source")),
            element_at(col("input_hashes"), lit("paired"))).as("input_key"),
            col("settings_hash"), col("pipeline"));
  }

  /** A manifest row's input key, comparable with {@link #computedBefore}. */
  static Column inputKey() {
    return concat_ws("|", col("content_hash"), col("paired_hash"));
  }

  /** The manifest rows whose previous result still holds. */
  static Dataset<Row> unchanged(Dataset<Row> rows, Dataset<Row> before, String pipeline,
      String settingsHash) {
    Dataset<Row> done = before.filter(col("pipeline").equalTo(pipeline)
        .and(col("settings_hash").equalTo(settingsHash))).alias("b");
    Dataset<Row> candidates = rows.withColumn("input_key", inputKey()).alias("r");
    return candidates.join(done, col("r.bids_uri").equalTo(col("b.source"))
        .and(col("r.input_key").equalTo(col("b.input_key"))), "left_semi")
        .drop("input_key");
  }

  /** The manifest rows to (re)compute. */
  static Dataset<Row> changed(Dataset<Row> rows, Dataset<Row> before, String pipeline,
      String settingsHash) {
    Dataset<Row> done = before.filter(col("pipeline").equalTo(pipeline)
        .and(col("settings_hash").equalTo(settingsHash))).alias("b");
    Dataset<Row> candidates = rows.withColumn("input_key", inputKey()).alias("r");
    return candidates.join(done, col("r.bids_uri").equalTo(col("b.source"))
        .and(col("r.input_key").equalTo(col("b.input_key"))), "left_anti")
        .drop("input_key");
  }
}
