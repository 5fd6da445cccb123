package org.sparkconnectome.stats;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.signal.FisherZ;

/**
 * Reads the features of a cohort from the tables of {@code connectome run}
 * ({@code OUT/tables/connectomes} and {@code OUT/tables/participants}), reading only the columns
 * it needs.
 */
public final class FeatureLoader {
  /** Measures that are correlations, hence Fisher z-transformed when asked. */
  static final Set<String> CORRELATIONS = Set.of("pearson", "partial", "shrunk");
  /** Values that mean "not known" in participants.tsv. */
  private static final Set<String> MISSING = Set.of("", "n/a", "na", "nan", "null");
  /** Correlations are clipped to this magnitude before arctanh so that z stays finite. */
  private static final double MAX_CORRELATION = 1 - 1e-7;

  private FeatureLoader() {
  }

  /**
   * The features of every run with the atlas and measure.
   *
   * @param tables the folder holding the tables (OUT/tables)
   * @param atlas the atlas name, or null for the only one in the table
   * @param required participants columns a row must have (label, covariates, site)
   */
  public static CohortFeatures load(SparkSession spark, String tables, String atlas,
      String measure, boolean fisherZ, List<String> required) throws IOException {
    String connectomes = child(tables, "connectomes");
    String participants = child(tables, "participants");
    requireTable(spark, connectomes, "connectomes");
    requireTable(spark, participants, "participants");
    Dataset<Row> all = spark.read().format("delta").load(connectomes)
        .select("subject", "session", "run", "atlas", "measure", "regions", "upper")
        .filter(col("measure").equalTo(measure));
    String chosen = atlas;
    if (chosen == null || chosen.isEmpty()) {
      List<String> atlases = all.select("atlas").distinct().as(
          Encoders.STRING()).collectAsList();
      if (atlases.size() != 1) {
        throw new UserException(connectomes + ": " + (atlases.isEmpty()
            ? "no connectomes of measure '" + measure + "'"
            : "several atlases " + atlases + ": choose one with --atlas"));
      }
      chosen = atlases.get(0);
    }
    List<Row> rows = all.filter(col("atlas").equalTo(chosen))
        .orderBy("subject", "session", "run").collectAsList();
    if (rows.isEmpty()) {
      throw new UserException(connectomes + ": no connectomes of atlas '" + chosen
          + "' and measure '" + measure + "'");
    }
    Map<String, Map<String, String>> phenotypes = readParticipants(spark, participants);
    Map<String, Integer> excluded = new TreeMap<>();
    excluded.put("failed_runs", failedRuns(spark, tables));
    List<String> regions = rows.get(0).getList(5);
    boolean z = fisherZ && CORRELATIONS.contains(measure);
    List<FeatureRow> out = new ArrayList<>();
    for (Row row : rows) {
      String subject = row.getString(0);
      Map<String, String> pheno = phenotypes.get(subject);
      if (pheno == null) {
        count(excluded, "no_participants_row");
        continue;
      }
      String missing = required.stream().filter(c -> isMissing(pheno.get(c))).findFirst()
          .orElse(null);
      if (missing != null) {
        count(excluded, "missing_" + missing);
        continue;
      }
      if (!regions.equals(row.getList(5))) {
        count(excluded, "different_regions");
        continue;
      }
      double[] values = offDiagonal(row.getList(6), regions.size(), z);
      if (values == null) {
        count(excluded, "non_finite_values");
        continue;
      }
      out.add(new FeatureRow(subject, row.getString(1), row.getString(2), pheno, values));
    }
    excluded.entrySet().removeIf(e -> e.getValue() == 0);
    return new CohortFeatures(chosen, measure, List.copyOf(regions), out, excluded);
  }

  /** Participants table as subject to column to value (strings, as participants.tsv). */
  private static Map<String, Map<String, String>> readParticipants(SparkSession spark,
      String path) {
    Dataset<Row> table = spark.read().format("delta").load(path);
    String[] columns = table.columns();
    Map<String, Map<String, String>> out = new HashMap<>();
    for (Row row : table.collectAsList()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < columns.length; i++) {
        Object v = row.get(i);
        values.put(columns[i], v == null ? null : v.toString());
      }
      out.put(values.get("subject"), values);
    }
    return out;
  }

  private static int failedRuns(SparkSession spark, String tables) throws IOException {
    String report = child(tables, "run_report");
    if (!exists(spark, report)) {
      return 0;
    }
    return (int) spark.read().format("delta").load(report)
        .filter(col("status").equalTo("failed")).count();
  }

  /** Off-diagonal values of a stored upper triangle (diagonal included), or null if any NaN. */
  static double[] offDiagonal(List<Double> upper, int n, boolean fisherZ) {
    double[] out = new double[n * (n - 1) / 2];
    int k = 0;
    int u = 0;
    for (int i = 0; i < n; i++) {
      u++;
      for (int j = i + 1; j < n; j++) {
        Double v = upper.get(u++);
        if (v == null || !Double.isFinite(v)) {
          return null;
        }
        out[k++] = fisherZ
            ? FisherZ.arctanh(Math.max(-MAX_CORRELATION, Math.min(MAX_CORRELATION, v))) : v;
      }
    }
    return out;
  }

  static boolean isMissing(String value) {
    return value == null || MISSING.contains(value.trim().toLowerCase(Locale.ROOT));
  }

  private static void count(Map<String, Integer> counts, String reason) {
    counts.merge(reason, 1, Integer::sum);
  }

  private static String child(String folder, String name) {
    return folder.endsWith("/") ? folder + name : folder + "/" + name;
  }

  private static void requireTable(SparkSession spark, String path, String name)
      throws IOException {
    if (!exists(spark, path)) {
      throw new UserException(path + ": no " + name + " table; give --tables OUT/tables of a "
          + "finished 'connectome run'");
    }
  }

  private static boolean exists(SparkSession spark, String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.exists(p);
  }
}
