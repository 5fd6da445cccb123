package org.sparkconnectome.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.PythonPeer;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * The directed fMRI measures through the {@code run} command on two subjects whose region
 * L_Visual_1 drives R_Default_2 at lag 1 (generators/directed_cohort.py): sub-01 has no volume
 * censored (one stretch: statsmodels' grangercausalitytests and VAR.test_causality apply as
 * they are), sub-02 has censored volumes (the script builds the segment rule's design by hand).
 */
@Tag("spark")
class DirectedCohortIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STEM = "_task-rest_space-MNI152NLin2009cAsym_atlas-Sample_stat-";
  private static final int ORDER = 2;
  private static final int MAX_LAG = 3;
  private static final double TOLERANCE = 1e-6;
  private static final List<String> DIRECTED = List.of("laggedcorrelation", "grangerf",
      "conditionalgrangerf");
  private static final List<String> METRICS = List.of("in_degree", "out_degree",
      "in_strength", "out_strength", "pagerank");
  private static final String DIRECTED_HEADER = "node\t" + String.join("\t", METRICS);
  private static final double NETWORKX_TOLERANCE = 1e-9;

  @RegisterExtension
  static final RequiredTool STATSMODELS = PythonPeer.modules("statsmodels",
      "install the Debian packages python3-statsmodels, python3-nibabel and python3-scipy",
      "statsmodels", "nibabel", "scipy", "numpy");

  @TempDir
  static Path dir;
  private static Path out;
  private static CliRun run;

  /** The cohort and its run, made once for the class when the first test needs them. */
  private static synchronized void cohort() throws IOException {
    if (run != null) {
      return;
    }
    Path bids = dir.resolve("bids");
    PythonPeer.Result made = PythonPeer.run(script().toString(), "cohort",
        TestData.sampleCohort().toString(), bids.toString());
    assertEquals(0, made.exitCode(), made.output());
    out = dir.resolve("out");
    run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString(),
        "--set", "fmri.measures=pearson,laggedcorrelation,grangerf,conditionalgrangerf",
        "--set", "fmri.granger_order=" + ORDER, "--set", "fmri.max_lag=" + MAX_LAG,
        "--set", "fmri.denoise=motion6", "--set", "fmri.bandpass=off",
        "--set", "fmri.min_clean_seconds=0");
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void thePlantedInfluenceIsFoundInItsDirectionOnly() throws IOException {
    cohort();
    for (String sub : List.of("01", "02")) {
      List<String> header = List.of(Files.readAllLines(path(sub, "grangerf")).get(0)
          .split("\t"));
      List<String> names = header.subList(1, header.size());
      int a = names.indexOf("L_Visual_1");
      int b = names.indexOf("R_Default_2");
      double[][] fm = relmat(sub, "grangerf");
      double[][] pm = relmat(sub, "grangerp");
      assertTrue(fm[a][b] > 30, "sub-" + sub + " A->B F " + fm[a][b]);
      assertTrue(pm[a][b] < 1e-8, "sub-" + sub + " A->B p " + pm[a][b]);
      assertTrue(pm[b][a] > 0.001, "sub-" + sub + " B->A p " + pm[b][a]);
      assertTrue(fm[b][a] < fm[a][b] / 5, "sub-" + sub + " B->A F " + fm[b][a]);
      double[][] lag = relmat(sub, "laggedcorrelationlag");
      assertEquals(1.0, lag[a][b], "sub-" + sub + " the peak lag of A->B");
      assertTrue(relmat(sub, "laggedcorrelation")[a][b] > 0.4, "lagged r");
      assertTrue(relmat(sub, "conditionalgrangerp")[a][b] < 1e-8, "conditional");
    }
  }

  @Test
  void everyDirectedMatrixEqualsStatsmodelsOnTheWrittenSeries() throws IOException {
    cohort();
    PythonPeer.Result checked = PythonPeer.run(script().toString(), "check", out.toString(),
        Integer.toString(ORDER), Integer.toString(MAX_LAG));
    assertEquals(0, checked.exitCode(), checked.output());
    JsonNode result = JSON.readTree(checked.output());
    assertEquals(1, result.get("sub-01").get("stretches").asInt(), "sub-01 is uncensored");
    assertTrue(result.get("sub-02").get("stretches").asInt() > 1, "sub-02 is censored");
    assertTrue(result.get("sub-01").get("max_relative_difference")
        .has("statsmodels_grangerf"), "sub-01 is checked by grangercausalitytests itself");
    result.fields().forEachRemaining(s -> s.getValue().get("max_relative_difference").fields()
        .forEachRemaining(d -> assertTrue(d.getValue().asDouble() <= TOLERANCE,
            s.getKey() + " " + d.getKey() + " differs by " + d.getValue().asDouble())));
    assertEquals(2, result.size(), checked.output());
  }

  @Test
  void directedRelmatsSayDirectedAndStayOutOfTheUndirectedTables() throws IOException {
    cohort();
    Path func = out.resolve("sub-02/func");
    for (String stat : List.of("laggedcorrelation", "laggedcorrelationlag", "grangerf",
        "grangerp", "conditionalgrangerf", "conditionalgrangerp")) {
      JsonNode sidecar = JSON.readTree(func.resolve("sub-02" + STEM + stat + "_relmat.json")
          .toFile());
      assertTrue(sidecar.get("Directed").asBoolean(), stat + " sidecar says Directed");
      Path nodes = func.resolve("sub-02" + STEM + stat + "_nodes.tsv");
      if (stat.endsWith("lag") || stat.endsWith("p")) {
        assertFalse(Files.exists(nodes), stat + ": a companion matrix gets no network metrics");
      } else {
        assertEquals(DIRECTED_HEADER, Files.readAllLines(nodes).get(0),
            stat + ": directed metrics, not the undirected ones");
      }
    }
    assertEquals(0, SharedSpark.get().read().format("delta")
        .load(out.resolve("tables/connectomes").toString())
        .filter(col("measure").isin(DIRECTED.toArray())).count(),
        "no directed matrix among the symmetric connectome rows");
    JsonNode pearson = JSON.readTree(func.resolve("sub-02" + STEM
        + "pearsoncorrelation_relmat.json").toFile());
    assertFalse(pearson.get("Directed").asBoolean());
    assertTrue(Files.exists(func.resolve("sub-02" + STEM + "pearsoncorrelation_nodes.tsv")));
  }

  /**
   * The directed node metrics (docs/directed.md "Network metrics"), in the node TSVs and
   * {@code tables/directed_node_metrics}, against networkx's DiGraph on the written relmats.
   */
  @Nested
  class DirectedNetworkMetrics {
    @RegisterExtension
    final RequiredTool networkx = PythonPeer.modules("networkx",
        "install the Debian package python3-networkx", "networkx", "numpy");

    @Test
    void agreeWithNetworkxAndTheDriverHasTheLargestOutStrength() throws IOException {
      cohort();
      PythonPeer.Result peer = PythonPeer.run(script().toString(), "network", out.toString());
      assertEquals(0, peer.exitCode(), peer.output());
      JsonNode expected = JSON.readTree(peer.output());
      assertEquals(2, expected.size(), peer.output());
      Dataset<Row> table = SharedSpark.get().read().format("delta")
          .load(out.resolve("tables/directed_node_metrics").toString()).cache();
      double worst = 0;
      int compared = 0;
      for (String sub : List.of("01", "02")) {
        for (String measure : DIRECTED) {
          JsonNode ref = expected.get("sub-" + sub).get(measure);
          List<String> names = new ArrayList<>();
          ref.get("nodes").forEach(n -> names.add(n.asText()));
          Map<String, double[]> tsv = nodeTsv(sub, measure);
          List<Row> rows = table.filter(col("subject").equalTo(sub)
              .and(col("measure").equalTo(measure))).collectAsList();
          assertEquals(names.size(), rows.size(), "sub-" + sub + " " + measure + " table rows");
          for (Row r : rows) {
            assertEquals("positive", r.getAs("graph"), "graph.negative drop: positive part");
            int k = names.indexOf(r.<String>getAs("node"));
            assertTrue(k >= 0, "node " + r.getAs("node"));
            for (String metric : METRICS) {
              double want = ref.get(metric).get(k).asDouble();
              double inTable = ((Number) r.getAs(metric)).doubleValue();
              double inFile = tsv.get(metric)[k];
              assertEquals(inTable, inFile, 0, "sub-" + sub + " " + measure + " " + metric
                  + ": table and TSV");
              worst = Math.max(worst, Math.abs(inTable - want));
              assertEquals(want, inTable, NETWORKX_TOLERANCE, "sub-" + sub + " " + measure
                  + " " + metric + " of " + names.get(k));
              compared++;
            }
          }
          if (!measure.equals("laggedcorrelation")) {
            double[] strength = tsv.get("out_strength");
            int driver = 0;
            for (int k = 1; k < strength.length; k++) {
              driver = strength[k] > strength[driver] ? k : driver;
            }
            assertEquals("L_Visual_1", names.get(driver), "sub-" + sub + " " + measure
                + ": the planted driver has the largest out-strength");
          }
        }
      }
      System.out.printf("directed metrics vs networkx: %d values, largest difference %.3g%n",
          compared, worst);
      table.unpersist();
    }
  }

  /** A directed node TSV's metric columns, in node order. */
  private static Map<String, double[]> nodeTsv(String sub, String measure) throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("sub-" + sub + "/func/sub-" + sub
        + STEM + measure + "_nodes.tsv"));
    assertEquals(DIRECTED_HEADER, lines.get(0));
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (int c = 0; c < METRICS.size(); c++) {
      double[] values = new double[lines.size() - 1];
      for (int i = 1; i < lines.size(); i++) {
        values[i - 1] = Double.parseDouble(lines.get(i).split("\t")[c + 1]);
      }
      columns.put(METRICS.get(c), values);
    }
    return columns;
  }

  private static Path path(String sub, String stat) {
    return out.resolve("sub-" + sub + "/func/sub-" + sub + STEM + stat + "_relmat.tsv");
  }

  /** A directed relmat as written: rows = sources, columns = targets, n/a as NaN. */
  private static double[][] relmat(String sub, String stat) throws IOException {
    List<String> lines = Files.readAllLines(path(sub, stat));
    double[][] m = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split("\t");
      m[i - 1] = new double[cells.length - 1];
      for (int j = 1; j < cells.length; j++) {
        m[i - 1][j - 1] = cells[j].equals("n/a") ? Double.NaN : Double.parseDouble(cells[j]);
      }
    }
    return m;
  }

  private static Path script() {
    return TestData.reference().resolve("generators/directed_cohort.py");
  }
}
