package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The Delta tables of an output folder as the fault tests see them: the commit files on disk
 * (watched while a driver runs, so no Spark is needed), the latest version of each, and their
 * rows compared with an uninterrupted run's.
 */
final class TableCommits {
  /** A commit file of a Delta table: {@code _delta_log/00000000000000000003.json}. */
  private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");
  /** The table written last; it records which runs were skipped, so it differs by design. */
  static final String RUN_REPORT = "run_report";
  private static final List<String> REPORT_KEY = List.of("subject", "session", "task", "run",
      "pipeline", "source", "settings_hash");

  private TableCommits() {
  }

  /** Every {@code tables/<name>/_delta_log/<n>.json}, as "name/n.json". */
  static Set<String> files(Path out) throws IOException {
    Set<String> commits = new TreeSet<>();
    Path tables = out.resolve("tables");
    if (!Files.isDirectory(tables)) {
      return commits;
    }
    try (Stream<Path> names = Files.list(tables)) {
      for (Path table : names.toList()) {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
          continue;
        }
        try (Stream<Path> entries = Files.list(log)) {
          entries.map(p -> p.getFileName().toString())
              .filter(n -> COMMIT.matcher(n).matches())
              .forEach(n -> commits.add(table.getFileName() + "/" + n));
        } catch (java.nio.file.NoSuchFileException e) {
          // A table folder that appears or goes while we look: the next look sees it.
        }
      }
    }
    return commits;
  }

  /** The latest committed version of every table, by name. */
  static Map<String, Long> versions(Path out) throws IOException {
    Map<String, Long> versions = new TreeMap<>();
    for (String commit : files(out)) {
      int slash = commit.indexOf('/');
      long version = Long.parseLong(commit.substring(slash + 1,
          commit.length() - ".json".length()));
      versions.merge(commit.substring(0, slash), version, Math::max);
    }
    return versions;
  }

  static Dataset<Row> rows(SparkSession spark, Path out, String table) {
    return spark.read().format("delta").load(out.resolve("tables").resolve(table).toString());
  }

  /**
   * Every table equal to the uninterrupted run's ({@link #assertSameRows}); the run report by
   * its runs and settings (a nightly run after a fault skips what the previous night
   * computed, where the uninterrupted run computed everything), with none failed.
   */
  static void assertSameTables(SparkSession spark, Path expected, Path actual)
      throws IOException {
    assertEquals(versions(expected).keySet(), versions(actual).keySet(), "tables");
    for (String table : versions(expected).keySet()) {
      if (!table.equals(RUN_REPORT)) {
        assertSameRows(spark, expected, actual, table);
      }
    }
    assertEquals(sorted(rows(spark, expected, RUN_REPORT), REPORT_KEY),
        sorted(rows(spark, actual, RUN_REPORT), REPORT_KEY), "run_report runs");
    assertEquals(0, rows(spark, actual, RUN_REPORT).filter("status = 'failed'").count(),
        "failed runs in the run report");
  }

  /**
   * The same rows in both tables: the same count and the same rows once floating-point and map
   * columns are left out (floats may differ in their last bits between runs, and the derivative
   * files are compared to a tolerance instead), so a partial or a mixed table cannot pass. The
   * manifest's {@code hashed_at} says when a scan read a file, which differs between any two
   * runs, and is left out too.
   */
  static void assertSameRows(SparkSession spark, Path expected, Path actual, String table) {
    Dataset<Row> e = rows(spark, expected, table);
    Dataset<Row> a = rows(spark, actual, table);
    assertEquals(e.count(), a.count(), table + ": rows");
    List<String> exact = new ArrayList<>();
    for (StructField field : e.schema().fields()) {
      String type = field.dataType().simpleString();
      if (!type.contains("double") && !type.contains("float") && !type.startsWith("map")
          && !field.name().equals("hashed_at")) {
        exact.add(field.name());
      }
    }
    assertEquals(sorted(e, exact), sorted(a, exact), table + ": rows by " + exact);
  }

  private static List<String> sorted(Dataset<Row> rows, List<String> columns) {
    if (columns.isEmpty()) {
      return List.of();
    }
    return rows.selectExpr(columns.toArray(new String[0])).collectAsList().stream()
        .map(Row::toString).sorted().collect(Collectors.toList());
  }
}
