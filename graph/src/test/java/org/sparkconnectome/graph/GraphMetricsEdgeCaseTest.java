package org.sparkconnectome.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Graphs the reference cases do not cover: empty, disconnected, isolated nodes, signed input. */
class GraphMetricsEdgeCaseTest {
  private final GraphMetrics metrics = new GraphMetrics(new MetricOptions(7, 3, 2, 5));

  private static List<String> names(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("r" + i);
    }
    return names;
  }

  @Test
  void allZeroMatrix() {
    GraphMetrics.Result r = metrics.compute(names(4), WeightedGraph.of(new double[4][4]), null);
    GlobalMetrics g = r.global();
    assertEquals(0, g.edges());
    assertEquals(4, g.components());
    assertEquals(0, g.globalEfficiency());
    assertTrue(Double.isNaN(g.charPathLength()));
    assertTrue(Double.isNaN(g.louvainModularity()));
    assertTrue(Double.isNaN(g.modularity()));
    assertTrue(Double.isNaN(g.degreeAssortativity()));
    assertTrue(Double.isNaN(g.smallWorldness().sigma()));
    assertEquals(0, g.richClub().length);
    // Every node dangles: PageRank is uniform.
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, r.nodes().pagerank(), 1e-12);
    assertArrayEquals(new double[4], r.nodes().betweenness());
    assertArrayEquals(new double[4], r.nodes().clustering());
  }

  @Test
  void twoComponentsAndAnIsolatedNode() {
    // Triangle 0-1-2 (weights 1, 2, 4), edge 3-4 (weight 2), node 5 alone.
    double[][] w = new double[6][6];
    set(w, 0, 1, 1);
    set(w, 1, 2, 2);
    set(w, 0, 2, 4);
    set(w, 3, 4, 2);
    GraphMetrics.Result r = metrics.compute(names(6), WeightedGraph.of(w),
        new int[] {0, 0, 0, 1, 1, 2});
    GlobalMetrics g = r.global();
    assertEquals(3, g.components());
    // Finite distances: 0-1 via 2 is 0.25+0.5=0.75 < 1; 0-2 0.25; 1-2 0.5; 3-4 0.5 (both ways).
    assertEquals((0.75 + 0.25 + 0.5 + 0.5) * 2 / 8, g.charPathLength(), 1e-12);
    assertEquals((1 / 0.75 + 4 + 2 + 2) * 2 / 30, g.globalEfficiency(), 1e-12);
    // The shortest 0-1 path runs through 2.
    assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0}, r.nodes().betweenness(), 1e-12);
    assertEquals(0, r.nodes().degree()[5]);
    assertEquals(0, r.nodes().participation()[5]);
    assertEquals(0, r.nodes().localEfficiency()[5]);
    // Each component is its own module: Q = sum of L_c/m - (d_c/2m)^2.
    double m = 9;
    double expectedQ = 7 / m - Math.pow(14 / (2 * m), 2) + 2 / m - Math.pow(4 / (2 * m), 2);
    assertEquals(expectedQ, g.modularity(), 1e-12);
    assertEquals(expectedQ, g.louvainModularity(), 1e-12);
    double sum = 0;
    for (double p : r.nodes().pagerank()) {
      sum += p;
    }
    assertEquals(1, sum, 1e-9);
  }

  @Test
  void negativeWeightsUnderEachPolicy() {
    double[][] m = new double[4][4];
    set(m, 0, 1, 0.8);
    set(m, 1, 2, 0.4);
    set(m, 2, 3, -0.5);
    set(m, 0, 3, -0.7);
    Connectome c = Connectome.fromMatrix(names(4), m);

    GraphAnalysis drop = metrics.analyse(c, ThresholdPolicy.parse("drop", "none"), null);
    assertEquals(1, drop.parts().size());
    assertEquals(2, drop.primary().global().edges());
    assertEquals(2, drop.primary().global().components());

    GraphAnalysis abs = metrics.analyse(c, ThresholdPolicy.parse("abs", "none"), null);
    assertEquals(ThresholdPolicy.Sign.ABSOLUTE, abs.primary().sign());
    assertEquals(4, abs.primary().global().edges());
    assertEquals(1, abs.primary().global().components());
    assertEquals(0.8 + 0.7, abs.primary().nodes().strength()[0], 1e-12);

    GraphAnalysis separate = metrics.analyse(c, ThresholdPolicy.parse("separate", "none"), null);
    assertEquals(2, separate.parts().size());
    SignedMetrics negative = separate.parts().get(1);
    assertEquals(ThresholdPolicy.Sign.NEGATIVE, negative.sign());
    assertArrayEquals(new double[] {0.7, 0, 0.5, 1.2}, negative.nodes().strength(), 1e-12);
    assertArrayEquals(new int[] {1, 2, 1, 0}, separate.primary().nodes().degree());
  }

  private static void set(double[][] w, int i, int j, double v) {
    w[i][j] = v;
    w[j][i] = v;
  }
}
