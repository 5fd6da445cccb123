package org.sparkconnectome.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the reference graphs (shared weighted30 and the committed networkx cases) for tests. */
public final class ReferenceData {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReferenceData() {
  }

  /** data-samples/reference/graph/weighted30.json; fails (never skips) when it is missing. */
  public static JsonNode weighted30() throws IOException {
    String dir = System.getProperty("reference.data");
    assertNotNull(dir, "system property reference.data (data-samples/reference) is not set");
    Path file = Path.of(dir, "graph", "weighted30.json");
    assertTrue(Files.isRegularFile(file), "missing reference file " + file);
    return MAPPER.readTree(file.toFile());
  }

  /** The cases of the committed networkx references (see generate_references.py). */
  public static List<JsonNode> generatedCases() throws IOException {
    try (InputStream in = ReferenceData.class.getResourceAsStream(
        "GraphMetrics/references.json")) {
      assertNotNull(in, "references.json not on the test classpath");
      List<JsonNode> cases = new ArrayList<>();
      MAPPER.readTree(in).get("cases").forEach(cases::add);
      return cases;
    }
  }

  /** Region names of a case, or n00.. when the case has none. */
  public static List<String> names(JsonNode graph) {
    List<String> names = new ArrayList<>();
    if (graph.has("names")) {
      graph.get("names").forEach(n -> names.add(n.asText()));
    } else {
      for (int i = 0; i < graph.get("matrix").size(); i++) {
        names.add(String.format("n%02d", i));
      }
    }
    return names;
  }

  public static double[][] matrix(JsonNode graph) {
    JsonNode rows = graph.get("matrix");
    double[][] m = new double[rows.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = doubles(rows.get(i));
    }
    return m;
  }

  public static double[] doubles(JsonNode array) {
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).isNull() ? Double.POSITIVE_INFINITY : array.get(i).asDouble();
    }
    return v;
  }

  public static int[] ints(JsonNode array) {
    int[] v = new int[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).asInt();
    }
    return v;
  }

  /** Element-wise comparison with a message naming the metric and the node. */
  public static void assertClose(String metric, double[] expected, double[] actual,
      double tolerance) {
    assertEquals(expected.length, actual.length, metric + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, metric + " of node " + i);
    }
  }
}
