package org.sparkconnectome.bids;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** The phenotypes of {@code participants.tsv}: one row per subject, every column as text. */
public final class Participants {
  private Participants() {
  }

  /**
   * The table with {@code participant_id} reduced to the subject label ("01" for "sub-01") in a
   * {@code subject} column, or null when the dataset has no participants.tsv.
   */
  public static Dataset<Row> read(SparkSession spark, String bidsUri) throws IOException {
    Path tsv = new Path(bidsUri, "participants.tsv");
    FileSystem fs = tsv.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(tsv)) {
      return null;
    }
    Dataset<Row> table = spark.read()
        .option("sep", "\t")
        .option("header", "true")
        .option("nullValue", "n/a")
        .option("inferSchema", "false")
        .csv(tsv.toString());
    if (!java.util.Arrays.asList(table.columns()).contains("participant_id")) {
      throw new org.sparkconnectome.config.UserException(
          tsv + ": no 'participant_id' column (BIDS requires it as the first column)");
    }
    return table.withColumn("subject",
        functions.regexp_replace(functions.col("participant_id"), "^sub-", ""));
  }
}
