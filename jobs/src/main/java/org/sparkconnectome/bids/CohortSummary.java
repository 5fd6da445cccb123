package org.sparkconnectome.bids;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The table {@code connectome scan} prints: what the cohort holds, and what was refused. */
public final class CohortSummary {
  private CohortSummary() {
  }

  /** How many refused files are listed by name before the rest are only counted. */
  static final int LISTED_PROBLEMS = 20;

  /** Prints the summary; every result it collects is aggregated, so its size is bounded. */
  public static void print(Dataset<Row> manifest, PrintWriter out) {
    Dataset<Row> valid = manifest.filter(col("status").equalTo(ManifestEntry.VALID));
    long subjects = manifest.select("subject").distinct().count();
    long sessions = manifest.filter(col("session").isNotNull())
        .select("subject", "session").distinct().count();
    out.printf("Cohort: %d subjects, %d sessions, %d data files%n", subjects, sessions,
        valid.count());
    List<Row> groups = valid.groupBy("dataset", "modality", "suffix", "task", "space")
        .agg(count("*").as("files"), countDistinct("subject").as("subjects"))
        .orderBy("dataset", "modality", "suffix", "task", "space")
        .collectAsList();
    String format = "%-12s %-8s %-14s %-10s %-28s %7s %9s%n";
    out.printf(format, "dataset", "datatype", "suffix", "task", "space", "files", "subjects");
    for (Row r : groups) {
      out.printf(format, r.getString(0), text(r.getString(1)), r.getString(2),
          text(r.getString(3)), text(r.getString(4)), r.getLong(5), r.getLong(6));
    }
    printRecordings(valid, out);
    Dataset<Row> refused = manifest.filter(col("status").notEqual(ManifestEntry.VALID));
    long refusedCount = refused.count();
    if (refusedCount > 0) {
      out.printf("%nNot used (%d files):%n", refusedCount);
      for (Row r : refused.select("path", "status", "reason").orderBy("path")
          .limit(LISTED_PROBLEMS).collectAsList()) {
        out.printf("  %s  [%s] %s%n", r.getString(0), r.getString(1), r.getString(2));
      }
      if (refusedCount > LISTED_PROBLEMS) {
        out.printf("  ... and %d more (see the manifest table's status column)%n",
            refusedCount - LISTED_PROBLEMS);
      }
    }
    out.flush();
  }

  /**
   * EEG recordings at a glance: channel counts, sampling rates and durations (the manifest's
   * {@code shape} is channels by samples per channel for a recording).
   */
  private static void printRecordings(Dataset<Row> valid, PrintWriter out) {
    Dataset<Row> recordings = valid.filter(col("sampling_rate").isNotNull());
    Row r = recordings.agg(count("*"), min(element_at(col("shape"), 1)),
        max(element_at(col("shape"), 1)), min("sampling_rate"), max("sampling_rate"),
        sum(element_at(col("shape"), 2).divide(col("sampling_rate"))),
        min(element_at(col("shape"), 2).divide(col("sampling_rate"))),
        max(element_at(col("shape"), 2).divide(col("sampling_rate")))).first();
    if (r.getLong(0) == 0) {
      return;
    }
    out.printf(java.util.Locale.ROOT, "EEG: %d recordings, %d-%d channels, %s-%s Hz, "
        + "%.1f-%.1f s each (%.2f h in all)%n", r.getLong(0), r.getInt(1), r.getInt(2),
        r.getDouble(3), r.getDouble(4), r.getDouble(6), r.getDouble(7), r.getDouble(5) / 3600);
  }

  private static String text(String value) {
    return value == null ? "-" : value;
  }
}
