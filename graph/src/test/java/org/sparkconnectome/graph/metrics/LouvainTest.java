package org.sparkconnectome.graph.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkconnectome.graph.WeightedGraph;

class LouvainTest {
  @Test
  void findsTwoCliquesJoinedByOneWeakEdge() {
    double[][] w = new double[10][10];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        if (i != j && (i < 5) == (j < 5)) {
          w[i][j] = 1;
        }
      }
    }
    w[4][5] = 0.1;
    w[5][4] = 0.1;
    WeightedGraph g = WeightedGraph.of(w);
    Louvain.Result r = Louvain.bestOf(g, 5, 1, 1.0);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, r.membership());
    assertEquals(Modularity.of(g, r.membership(), 1.0), r.modularity(), 1e-12);
  }

  @Test
  void sameSeedSamePartition() {
    double[][] w = new double[12][12];
    for (int i = 0; i < 12; i++) {
      int j = (i + 1) % 12;
      w[i][j] = 1 + i % 3;
      w[j][i] = w[i][j];
    }
    WeightedGraph g = WeightedGraph.of(w);
    assertArrayEquals(Louvain.run(g, 42, 1.0).membership(), Louvain.run(g, 42, 1.0).membership());
  }
}
