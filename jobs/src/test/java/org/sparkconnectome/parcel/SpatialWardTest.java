package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Ward merges checked by hand on chains, and against scikit-learn on a small grid. */
class SpatialWardTest {

  private static int[][] chain(int n) {
    int[][] neighbours = new int[n][];
    for (int i = 0; i < n; i++) {
      neighbours[i] = i == 0 ? new int[] {1}
          : i == n - 1 ? new int[] {n - 2} : new int[] {i - 1, i + 1};
    }
    return neighbours;
  }

  @Test
  void mergesTheClosestNeighboursFirst() {
    // Ward costs: (1,0) 0.5, (2,1) 8, (3,2) 0.5; then {0,1} and {2,3} stay.
    int[] labels = SpatialWard.cluster(new double[] {0, 1, 5, 6}, 1, chain(4), 2);
    assertArrayEquals(new int[] {0, 0, 1, 1}, labels);
  }

  @Test
  void theGraphKeepsApartSimilarNodesThatAreNotNeighbours() {
    // Unconstrained Ward would put 3 with 0 and 1 (0.1 from both). On the chain: (1,0) costs
    // 0.005 first; then {0,1}-2 costs 2/3 * 9.95^2 = 66.0 and (3,2) 0.5 * 9.9^2 = 49.0.
    int[] labels = SpatialWard.cluster(new double[] {0, 0.1, 10, 0.1}, 1, chain(4), 2);
    assertArrayEquals(new int[] {0, 0, 1, 1}, labels);
  }

  @Test
  void breaksTiesAsSklearnsHeapOfTuples() {
    // (0.5, 1, 0) pops before (0.5, 2, 1): the pair with the lower new node id merges.
    assertArrayEquals(new int[] {0, 0, 1},
        SpatialWard.cluster(new double[] {0, 1, 2}, 1, chain(3), 2));
  }

  @Test
  void refusesMoreConnectedPiecesThanClusters() {
    int[][] twoPieces = {{1}, {0}, {3}, {2}};
    assertThrows(IllegalArgumentException.class,
        () -> SpatialWard.cluster(new double[] {0, 1, 2, 3}, 1, twoPieces, 1));
    assertArrayEquals(new int[] {0, 0, 1, 1},
        SpatialWard.cluster(new double[] {0, 1, 2, 3}, 1, twoPieces, 2));
  }

  /**
   * scikit-learn 1.2, once with {@code /usr/bin/python3}: {@code m = np.ones((4, 3, 3), bool);
   * m[0, 0, 0] = m[3, 2, 1] = False; X = np.random.default_rng(3).standard_normal((34, 3))
   * .round(3); AgglomerativeClustering(4, linkage="ward", connectivity=grid_to_graph(4, 3, 3,
   * mask=m)).fit_predict(X)}.
   */
  @Test
  void labelsEqualSklearnsWardOnAMaskedGrid() {
    double[] x = {2.041, -2.556, 0.418, -0.568, -0.453, -0.216, -2.02, -0.232, -0.865, 3.323,
        0.226, -0.353, -0.281, -0.668, -1.055, -0.391, 0.482, -0.239, 0.958, -0.2, 0.024, 1.546,
        0.545, -0.505, -0.183, 0.541, 1.935, -0.27, -0.244, 1.002, -0.886, -0.292, 0.883, 0.58,
        0.092, 0.67, -2.828, 1.021, -0.96, -1.669, 0.276, 0.701, -0.445, -1.076, 0.026, -0.053,
        1.406, 0.747, 0.194, 1.112, -0.206, -0.926, 0.584, 0.583, -0.215, -0.783, 0.229, -2.494,
        0.69, 0.491, -1.639, 0.061, -0.964, 0.757, -2.034, -0.914, 0.71, 1.156, -2.158, -0.498,
        0.328, -0.609, 1.591, -1.191, 0.355, -1.048, 1.406, -0.022, -0.372, -1.718, 1.682, 0.753,
        0.754, 1.138, 0.349, -0.639, -0.8, -0.8, 1.37, -1.46, -0.596, -0.321, 0.225, 0.575,
        -1.249, -1.73, -0.004, 1.214, 0.757, 0.216, -0.317, 0.293};
    int[] sklearn = {0, 1, 3, 0, 1, 3, 0, 0, 1, 1, 1, 1, 3, 1, 3, 3, 3, 1, 1, 1, 3, 2, 2, 3, 2,
        3, 1, 1, 2, 3, 1, 2, 3, 2};
    boolean[] inMask = new boolean[36];
    Arrays.fill(inMask, true);
    inMask[0] = false; // m[0, 0, 0]
    inMask[3 + 4 * (2 + 3 * 1)] = false; // m[3, 2, 1]
    GridGraph graph = GridGraph.of(new int[] {4, 3, 3}, inMask);
    assertEquals(34, graph.size());
    int[] ours = SpatialWard.cluster(x, 3, graph.neighbours(), 4);
    assertEquals(1.0, AdjustedRand.index(ours, sklearn), 0.0);
  }
}
