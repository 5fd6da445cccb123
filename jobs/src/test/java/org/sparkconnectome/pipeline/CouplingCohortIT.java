package org.sparkconnectome.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.PythonPeer;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * Structure-function coupling of the sample cohort (a tractogram and a BOLD run per subject):
 * per-node coupling and whole-matrix r from {@code run} agree to 1e-12 with scipy's spearmanr on
 * the relmat TSVs the same run wrote ({@code data-samples/reference/generators/sfcoupling.py}).
 */
@Tag("spark")
class CouplingCohortIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double TOLERANCE = 1e-12;

  @RegisterExtension
  static final RequiredTool SCIPY = PythonPeer.modules("scipy", "python3-scipy", "scipy");

  @TempDir
  Path work;

  @Test
  void couplingAgreesWithScipyOnTheWrittenRelmats() throws IOException {
    Path bids = work.resolve("bids");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    Path out = work.resolve("out");
    CliRun run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString(),
        "--set", "fmri.measures=pearson", "--set", "graph.null_graphs=0",
        "--set", "graph.louvain_runs=2");
    assertEquals(0, run.exitCode(), run.err());

    PythonPeer.Result peer = PythonPeer.run(TestData.reference()
        .resolve("generators/sfcoupling.py").toString(), out.toString(),
        "pearsoncorrelation", "streamlinecount", "structural");
    assertEquals(0, peer.exitCode(), peer.output());
    JsonNode expected = JSON.readTree(peer.output());
    assertEquals(4, expected.size(), "four subjects with both matrices: " + peer.output());

    double worst = 0;
    int nodes = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> pair = it.next();
      String stem = pair.getKey().replace("stat-pearsoncorrelation_relmat.tsv",
          "stat-sfcoupling_nodes");
      List<String> lines = Files.readAllLines(out.resolve(stem + ".tsv"));
      assertEquals("node\tcoupling\tn_edges", lines.get(0));
      JsonNode coupling = pair.getValue().get("coupling");
      JsonNode edges = pair.getValue().get("n_edges");
      assertEquals(coupling.size(), lines.size() - 1, stem);
      for (int i = 0; i < coupling.size(); i++) {
        String[] cells = lines.get(i + 1).split("\t");
        assertEquals(edges.get(i).asInt(), Integer.parseInt(cells[2]), stem + " node " + i);
        if (coupling.get(i).isNull()) {
          assertEquals("n/a", cells[1], stem + " node " + i);
        } else {
          worst = Math.max(worst, Math.abs(coupling.get(i).asDouble()
              - Double.parseDouble(cells[1])));
          nodes++;
        }
      }
      JsonNode sidecar = JSON.readTree(out.resolve(stem + ".json").toFile());
      worst = Math.max(worst, Math.abs(pair.getValue().get("whole").asDouble()
          - sidecar.get("WholeMatrix").get("SpearmanR").asDouble()));
      worst = Math.max(worst, Math.abs(pair.getValue().get("structural").asDouble()
          - sidecar.get("StructuralEdges").get("SpearmanR").asDouble()));
      assertEquals(pair.getValue().get("n_whole").asInt(),
          sidecar.get("WholeMatrix").get("Edges").asInt());
      assertEquals(pair.getValue().get("n_structural").asInt(),
          sidecar.get("StructuralEdges").get("Edges").asInt());
    }
    System.out.printf("coupling vs scipy: %d node values, largest difference %.3g%n", nodes,
        worst);
    assertTrue(nodes > 0, "some nodes have a coupling");
    assertTrue(worst <= TOLERANCE, "largest difference from scipy " + worst);

    String tables = out.resolve("tables").toString();
    List<Row> matrices = SharedSpark.get().read().format("delta")
        .load(tables + "/coupling_matrices").collectAsList();
    assertEquals(4, matrices.size());
    for (Row m : matrices) {
      String reason = m.getAs("reason");
      assertEquals("computed", m.getAs("status"), reason);
    }
    assertEquals(nodes, SharedSpark.get().read().format("delta").load(tables + "/coupling")
        .filter(col("coupling").isNotNull()).count());
  }
}
