package org.sparkconnectome.stage;

import org.apache.spark.sql.types.StructType;

/**
 * A table a stage adds per-run rows to, under {@code OUT/tables/<name>}: replaced in one commit
 * per run of the pipeline, with the previous rows of the runs that were not recomputed carried
 * over. Its schema starts with {@link RunTables#withKey()} and ends with {@code source}.
 */
public record StageTable(String name, StructType schema) {
}
