package org.sparkconnectome.stage;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rows of the run report: one per run and pipeline, whatever became of it. */
public final class RunReportTable {
  private RunReportTable() {
  }

  public static final String COMPUTED = "computed";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";
  /** Position of {@code status} in {@link #SCHEMA}. */
  static final int STATUS_COLUMN = 8;

  public static final StructType SCHEMA = new StructType()
      .add("subject", DataTypes.StringType, false)
      .add("session", DataTypes.StringType, true)
      .add("task", DataTypes.StringType, true)
      .add("acquisition", DataTypes.StringType, true)
      .add("run", DataTypes.StringType, true)
      .add("space", DataTypes.StringType, true)
      .add("pipeline", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("reason", DataTypes.StringType, true)
      .add("input_hashes", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
          false)
      .add("settings_hash", DataTypes.StringType, false)
      .add("seconds", DataTypes.DoubleType, false)
      .add("outputs", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /**
   * A run's {@code input_hashes}: its source file's content hash and the hash of its paired
   * files and sidecars, as the manifest has them. The nightly plan compares exactly these with
   * the manifest's {@code content_hash} and {@code paired_hash}, so every stage uses this.
   */
  public static Map<String, String> inputHashes(String source, String contentHash,
      String pairedHash) {
    Map<String, String> hashes = new java.util.LinkedHashMap<>();
    hashes.put(source, contentHash);
    hashes.put("paired", pairedHash == null ? "" : pairedHash);
    return hashes;
  }

  /** Rows hold Scala maps for MapType columns. */
  public static scala.collection.Map<String, String> scalaMap(Map<String, String> map) {
    return scala.jdk.javaapi.CollectionConverters.asScala(new java.util.TreeMap<>(map));
  }

  /** A report line for any run, identified by its entities and source file. */
  public static Row row(Map<String, String> entities, String source, String pipeline,
      String status, String reason, Map<String, String> inputHashes, String settingsHash,
      double seconds, String[] outputs) {
    Object[] key = RunTables.key(entities);
    return RowFactory.create(key[0], key[1], key[2], key[3], key[4], key[5], pipeline,
        source, status, reason, scalaMap(inputHashes), settingsHash, seconds, outputs);
  }
}
