package org.sparkconnectome.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;

/**
 * Asserts that two output folders of {@code connectome run} hold the same results: the same
 * derivative files, every matrix and time series equal to a tolerance, the same tables, and the
 * same rows in the connectomes table.
 */
final class OutputComparison {
  /** Floating-point sums may be reordered between runs: equal to this, not bit for bit. */
  static final double TOLERANCE = 1e-9;
  private static final List<String> CONNECTOME_KEY = List.of("subject", "session", "task",
      "acquisition", "run", "space", "atlas", "measure");

  private OutputComparison() {
  }

  static void assertSameResults(SparkSession spark, Path expected, Path actual)
      throws IOException {
    TreeSet<String> expectedFiles = derivativeFiles(expected);
    TreeSet<String> actualFiles = derivativeFiles(actual);
    assertEquals(expectedFiles, actualFiles, "derivative files of " + actual);
    long relmats = expectedFiles.stream().filter(f -> f.endsWith("_relmat.tsv")).count();
    assertTrue(relmats >= 20, "the sample cohort gives at least 20 matrices, found " + relmats);
    for (String file : expectedFiles) {
      if (file.endsWith("_relmat.tsv")) {
        assertSameMatrix(expected.resolve(file), actual.resolve(file));
      } else if (file.endsWith("_timeseries.tsv")) {
        assertSameNumbers(expected.resolve(file), actual.resolve(file));
      }
    }
    assertEquals(tableNames(expected), tableNames(actual), "tables of " + actual);
    assertSameConnectomeTable(spark, expected, actual);
  }

  /** Every file outside tables/ (those are compared by content, not by part-file names). */
  static TreeSet<String> derivativeFiles(Path out) throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(Files::isRegularFile)
          .map(p -> out.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith("tables/"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static TreeSet<String> tableNames(Path out) throws IOException {
    try (Stream<Path> tables = Files.list(out.resolve("tables"))) {
      return tables.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static void assertSameMatrix(Path expected, Path actual) throws IOException {
    Connectome e = RelmatTsv.read(expected);
    Connectome a = RelmatTsv.read(actual);
    assertEquals(e.names(), a.names(), actual.toString());
    double[][] em = e.toMatrix();
    double[][] am = a.toMatrix();
    for (int i = 0; i < em.length; i++) {
      for (int j = 0; j < em.length; j++) {
        assertClose(em[i][j], am[i][j], actual + " [" + i + "," + j + "]");
      }
    }
  }

  private static void assertSameNumbers(Path expected, Path actual) throws IOException {
    List<String> e = Files.readAllLines(expected);
    List<String> a = Files.readAllLines(actual);
    assertEquals(e.size(), a.size(), actual + ": lines");
    assertEquals(e.get(0), a.get(0), actual + ": header");
    for (int line = 1; line < e.size(); line++) {
      String[] ev = e.get(line).split("\t", -1);
      String[] av = a.get(line).split("\t", -1);
      assertEquals(ev.length, av.length, actual + ": columns of line " + line);
      for (int c = 0; c < ev.length; c++) {
        if (ev[c].equals(av[c])) {
          continue;
        }
        assertClose(Double.parseDouble(ev[c]), Double.parseDouble(av[c]),
            actual + ": line " + line + " column " + c);
      }
    }
  }

  private static void assertSameConnectomeTable(SparkSession spark, Path expected, Path actual) {
    Map<String, Row> e = connectomeRows(spark, expected);
    Map<String, Row> a = connectomeRows(spark, actual);
    assertFalse(e.isEmpty(), "connectomes table of " + expected + " is empty");
    assertEquals(e.keySet(), a.keySet(), "connectome rows of " + actual);
    for (Map.Entry<String, Row> entry : e.entrySet()) {
      Row er = entry.getValue();
      Row ar = a.get(entry.getKey());
      String where = "connectomes " + entry.getKey();
      assertEquals(er.<String>getAs("settings_hash"), ar.<String>getAs("settings_hash"), where);
      assertEquals(er.<Integer>getAs("n_regions"), ar.<Integer>getAs("n_regions"), where);
      assertEquals(er.getList(er.fieldIndex("regions")), ar.getList(ar.fieldIndex("regions")),
          where);
      List<Double> ev = er.getList(er.fieldIndex("upper"));
      List<Double> av = ar.getList(ar.fieldIndex("upper"));
      assertEquals(ev.size(), av.size(), where);
      for (int i = 0; i < ev.size(); i++) {
        assertClose(ev.get(i), av.get(i), where + " upper[" + i + "]");
      }
    }
  }

  /** Rows by their key; the connectomes table holds one small row per run and measure. */
  private static Map<String, Row> connectomeRows(SparkSession spark, Path out) {
    Map<String, Row> rows = new TreeMap<>();
    for (Row row : OutputTables.read(spark, out, "connectomes").collectAsList()) {
      String key = CONNECTOME_KEY.stream().map(c -> String.valueOf(row.<Object>getAs(c)))
          .collect(Collectors.joining("/"));
      assertEquals(null, rows.put(key, row), "two connectome rows for " + key);
    }
    return rows;
  }

  private static void assertClose(double expected, double actual, String where) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      assertEquals(Double.isNaN(expected), Double.isNaN(actual), where + ": n/a differs");
      return;
    }
    assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), where);
  }
}
