package org.sparkconnectome.graph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * In/out degree, in/out strength and directed weighted PageRank against networkx on a DiGraph
 * (data-samples/reference/graph/directed.json, made by generators/directed_graph.py).
 */
class DirectedMetricsTest {

  private static JsonNode reference() throws IOException {
    String dir = System.getProperty("reference.data");
    assertNotNull(dir, "system property reference.data (data-samples/reference) is not set");
    return new ObjectMapper().readTree(Path.of(dir, "graph", "directed.json").toFile());
  }

  @Test
  void matchesNetworkxOnADiGraphWithADanglingNode() throws IOException {
    JsonNode ref = reference();
    JsonNode rows = ref.get("matrix");
    int n = rows.size();
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        w[i][j] = rows.get(i).get(j).asDouble();
      }
    }
    DirectedMetrics m = DirectedMetrics.of(w, 0.85);
    double sum = 0;
    for (int k = 0; k < n; k++) {
      assertEquals(ref.get("in_degree").get(k).asInt(), m.inDegree()[k], "in degree " + k);
      assertEquals(ref.get("out_degree").get(k).asInt(), m.outDegree()[k], "out degree " + k);
      assertEquals(ref.get("in_strength").get(k).asDouble(), m.inStrength()[k], 1e-12);
      assertEquals(ref.get("out_strength").get(k).asDouble(), m.outStrength()[k], 1e-12);
      assertEquals(ref.get("pagerank").get(k).asDouble(), m.pageRank()[k], 1e-10,
          "pagerank " + k);
      sum += m.pageRank()[k];
    }
    assertEquals(1.0, sum, 1e-12);
    assertEquals(0, m.outDegree()[5], "the reference has its dangling node");
  }

  @Test
  void negativeWeightsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> DirectedMetrics.of(new double[][] {{0, -1}, {1, 0}}, 0.85));
  }
}
