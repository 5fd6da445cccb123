package org.sparkconnectome.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a table of an output folder whether it was written as Delta Lake or plain Parquet. */
final class OutputTables {
  private OutputTables() {
  }

  static Dataset<Row> read(SparkSession spark, Path out, String name) {
    Path table = out.resolve("tables").resolve(name);
    String format = Files.isDirectory(table.resolve("_delta_log")) ? "delta" : "parquet";
    return spark.read().format(format).load(table.toString());
  }
}
