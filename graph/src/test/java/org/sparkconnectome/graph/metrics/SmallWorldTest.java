package org.sparkconnectome.graph.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.graph.WeightedGraph;

class SmallWorldTest {
  /** Ring lattice (each node to its 3 nearest on each side) with a few long shortcuts. */
  private static WeightedGraph wattsStrogatzLike() {
    int n = 60;
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 1; k <= 3; k++) {
        int j = (i + k) % n;
        w[i][j] = 1 + (i % 4) * 0.25;
        w[j][i] = w[i][j];
      }
    }
    int[][] shortcuts = {{0, 30}, {10, 45}, {20, 55}, {5, 37}};
    for (int[] s : shortcuts) {
      w[s[0]][s[1]] = 1;
      w[s[1]][s[0]] = 1;
    }
    return WeightedGraph.of(w);
  }

  @Test
  void swapsKeepDegreesAndChangeEdges() {
    WeightedGraph g = wattsStrogatzLike();
    WeightedGraph r = NullModels.degreePreserving(g, 10, new SplittableRandom(3));
    int[] before = new int[g.size()];
    int[] after = new int[g.size()];
    int changed = 0;
    for (int i = 0; i < g.size(); i++) {
      before[i] = g.degree(i);
      after[i] = r.degree(i);
      for (int j = 0; j < g.size(); j++) {
        if ((g.weight(i, j) == 0) != (r.weight(i, j) == 0)) {
          changed++;
        }
      }
    }
    assertArrayEquals(before, after);
    assertEquals(g.edgeCount(), r.edgeCount());
    assertTrue(changed > g.edgeCount(), "only " + changed + " entries changed");
    assertEquals(g.totalWeight(), r.totalWeight(), 1e-9);
  }

  @Test
  void smallWorldGraphHasSigmaAboveOneAndSeedsReproduce() {
    WeightedGraph g = wattsStrogatzLike();
    double c = Clustering.mean(Clustering.onnela(g));
    double l = ShortestPaths.characteristicPathLength(ShortestPaths.distances(g));
    SmallWorld.Result a = SmallWorld.sigma(g, c, l, 5, 10, 11);
    SmallWorld.Result b = SmallWorld.sigma(g, c, l, 5, 10, 11);
    assertTrue(a.sigma() > 1.5, "sigma " + a.sigma());
    assertEquals(a, b);
    assertNotEquals(a.sigma(), SmallWorld.sigma(g, c, l, 5, 10, 12).sigma());
  }
}
