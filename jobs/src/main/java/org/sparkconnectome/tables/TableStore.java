package org.sparkconnectome.tables;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The output tables under {@code OUT/tables/}, as Delta Lake tables: each write is one atomic
 * commit (readers see the previous version or the new one, never a mix), and every commit is
 * kept in the table's history with the run that made it ({@code userMetadata}), so "what did the
 * run of date X produce" is a time-travel read.
 */
public final class TableStore {
  private final SparkSession spark;
  private final String outRoot;
  private final String runLabel;

  /**
   * @param runLabel recorded with every commit of this run (e.g. "nightly 2026-11-22T02:00Z")
   */
  public TableStore(SparkSession spark, String outRoot, String runLabel) {
    this.spark = spark;
    this.outRoot = outRoot;
    this.runLabel = runLabel;
  }

  public String path(String table) {
    return TablePaths.table(outRoot, table);
  }

  /** Replaces the table's content in one commit (schema changes allowed). */
  public void replace(String table, Dataset<Row> rows) {
    rows.write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .option("userMetadata", runLabel)
        .save(path(table));
  }

  /**
   * Whether the table's current content equals {@code rows} (same columns, same rows with their
   * multiplicities): then a nightly run leaves it at its version. Two small jobs on the driver's
   * tables; a table whose columns differ (an older schema) counts as changed.
   */
  public boolean holds(String table, Dataset<Row> rows) {
    if (!exists(table)) {
      return false;
    }
    Dataset<Row> current = spark.read().format("delta").load(path(table));
    if (!java.util.Arrays.equals(current.columns(), rows.columns())) {
      return false;
    }
    return current.exceptAll(rows).isEmpty() && rows.exceptAll(current).isEmpty();
  }

  /** Whether the table exists (as a Delta table). */
  public boolean exists(String table) {
    try {
      Path log = new Path(path(table), "_delta_log");
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(log);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The table's current content, or an empty frame of {@code schema} when it does not exist. */
  public Dataset<Row> read(String table, StructType schema) {
    if (!exists(table)) {
      return spark.createDataFrame(java.util.List.of(), schema);
    }
    return spark.read().format("delta").load(path(table));
  }
}
