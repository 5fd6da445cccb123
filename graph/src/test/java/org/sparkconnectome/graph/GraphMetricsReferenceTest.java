package org.sparkconnectome.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkconnectome.graph.ReferenceData.assertClose;
import static org.sparkconnectome.graph.ReferenceData.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkconnectome.graph.metrics.Centrality;
import org.sparkconnectome.graph.metrics.ShortestPaths;

/** Every metric against networkx's values on the shared weighted30 graph and generated graphs. */
class GraphMetricsReferenceTest {
  private static final double TOLERANCE = 1e-6;
  private static final double LOUVAIN_TOLERANCE = 1e-3;

  private static GraphMetrics.Result compute(JsonNode ref) {
    WeightedGraph graph = WeightedGraph.of(ReferenceData.matrix(ref));
    int[] partition = ReferenceData.ints(ref.get("partition"));
    return new GraphMetrics(MetricOptions.defaults())
        .compute(ReferenceData.names(ref), graph, partition);
  }

  @Test
  void weighted30MatchesNetworkx() throws IOException {
    JsonNode ref = ReferenceData.weighted30();
    GraphMetrics.Result r = compute(ref);
    assertCommon(ref, r);
    double[][] distances = ShortestPaths.distances(WeightedGraph.of(ReferenceData.matrix(ref)));
    JsonNode expected = ref.get("shortest_path_distance");
    for (int i = 0; i < distances.length; i++) {
      assertClose("distance row " + i, doubles(expected.get(i)), distances[i], TOLERANCE);
    }
  }

  static Stream<JsonNode> generatedCases() throws IOException {
    return ReferenceData.generatedCases().stream();
  }

  @ParameterizedTest
  @MethodSource("generatedCases")
  void generatedGraphsMatchNetworkx(JsonNode ref) {
    GraphMetrics.Result r = compute(ref);
    assertCommon(ref, r);
    String name = ref.get("name").asText();
    NodeMetrics nodes = r.nodes();
    GlobalMetrics global = r.global();
    assertClose(name + " participation", doubles(ref.get("participation")),
        nodes.participation(), TOLERANCE);
    assertClose(name + " local efficiency", doubles(ref.get("local_efficiency_nodes")),
        nodes.localEfficiency(), TOLERANCE);
    assertEquals(ref.get("local_efficiency").asDouble(), global.meanLocalEfficiency(), TOLERANCE);
    assertEquals(ref.get("degree_assortativity").asDouble(), global.degreeAssortativity(),
        TOLERANCE, name + " degree assortativity");
    assertEquals(ref.get("strength_assortativity").asDouble(), global.strengthAssortativity(),
        TOLERANCE, name + " strength assortativity");
    assertClose(name + " rich club", doubles(ref.get("rich_club")), global.richClub(), TOLERANCE);
    assertEquals(ref.get("average_clustering").asDouble(), global.meanClustering(), TOLERANCE);
    double[] networkxDefault = Centrality.pageRank(WeightedGraph.of(ReferenceData.matrix(ref)),
        Centrality.NETWORKX_TOLERANCE, Centrality.NETWORKX_MAX_ITERATIONS);
    assertClose(name + " pagerank at networkx's default tolerance",
        doubles(ref.get("pagerank_networkx_default")), networkxDefault, 1e-12);
  }

  private static void assertCommon(JsonNode ref, GraphMetrics.Result r) {
    NodeMetrics nodes = r.nodes();
    GlobalMetrics global = r.global();
    String name = ref.has("name") ? ref.get("name").asText() : "weighted30";
    assertArrayEquals(ReferenceData.ints(ref.get("degree")), nodes.degree(), name + " degree");
    assertClose(name + " strength", doubles(ref.get("strength")), nodes.strength(), TOLERANCE);
    assertClose(name + " clustering", doubles(ref.get("clustering")), nodes.clustering(),
        TOLERANCE);
    assertClose(name + " pagerank", doubles(ref.get("pagerank")), nodes.pagerank(), TOLERANCE);
    assertClose(name + " betweenness", doubles(ref.get("betweenness")), nodes.betweenness(),
        TOLERANCE);
    assertEquals(ref.get("char_path_length").asDouble(), global.charPathLength(), TOLERANCE,
        name + " char path length");
    assertEquals(ref.get("global_efficiency").asDouble(), global.globalEfficiency(), TOLERANCE,
        name + " global efficiency");
    assertEquals(ref.get("modularity").asDouble(), global.modularity(), TOLERANCE,
        name + " modularity");
    assertEquals(ref.get("components").asInt(), global.components(), name + " components");
    double louvain = ref.get("louvain_best_of_10_seeds").asDouble();
    assertTrue(global.louvainModularity() >= louvain - LOUVAIN_TOLERANCE,
        name + " Louvain Q " + global.louvainModularity() + " below networkx's " + louvain);
    assertEquals(List.copyOf(ReferenceData.names(ref)), nodes.names());
  }
}
