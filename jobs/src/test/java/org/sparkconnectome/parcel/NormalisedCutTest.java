package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The normalised cut on graphs whose cut is known. */
class NormalisedCutTest {

  /** Groups of {@code size} nodes, dense inside (weight 0.8-1), a few weak edges between. */
  private static NormalisedCut.Cut blocks(int groups, int size, int k, long seed,
      long cutSeed) {
    Random random = new Random(seed);
    List<int[]> edges = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    int n = groups * size;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        boolean same = i / size == j / size;
        if (same && random.nextDouble() < 0.5) {
          edges.add(new int[] {i, j});
          weights.add(0.8 + 0.2 * random.nextDouble());
        } else if (!same && random.nextDouble() < 0.01) {
          edges.add(new int[] {i, j});
          weights.add(0.1);
        }
      }
    }
    int[] from = edges.stream().mapToInt(e -> e[0]).toArray();
    int[] to = edges.stream().mapToInt(e -> e[1]).toArray();
    double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
    return NormalisedCut.cut(n, from, to, w, k, cutSeed);
  }

  @Test
  void cutsWeaklyJoinedGroupsApart() {
    int size = 40;
    NormalisedCut.Cut cut = blocks(5, size, 5, 7, 1);
    assertEquals(5, cut.count());
    int[] truth = new int[5 * size];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = i / size;
    }
    assertEquals(1.0, AdjustedRand.index(truth, cut.labels()), 1e-12,
        Arrays.toString(cut.labels()));
    // Group 0 holds node 0: labels are numbered by first appearance.
    assertEquals(0, cut.labels()[0]);
    assertEquals(1, cut.labels()[size]);
    // Five nearly separate groups: five eigenvalues close to P's largest, 1.
    for (double lambda : cut.eigenvalues()) {
      assertTrue(lambda > 0.8 && lambda <= 1 + 1e-12, Arrays.toString(cut.eigenvalues()));
    }
  }

  @Test
  void isolatedNodesDoNotTakeAClusterEach() {
    // Chains of 30 and 36 nodes (not the same length: a single-vector Lanczos can miss a copy of
    // an exactly repeated eigenvalue) plus 20 nodes without edges (voxels below the
    // threshold): the offset keeps the isolated ones from taking eigenvectors of their own.
    int n = 86;
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < 29; i++) {
      edges.add(new int[] {i, i + 1});
    }
    for (int i = 30; i < 65; i++) {
      edges.add(new int[] {i, i + 1});
    }
    int[] from = edges.stream().mapToInt(e -> e[0]).toArray();
    int[] to = edges.stream().mapToInt(e -> e[1]).toArray();
    double[] w = new double[from.length];
    Arrays.fill(w, 1.0);
    NormalisedCut.Cut cut = NormalisedCut.cut(n, from, to, w, 2, 1);
    for (int i = 1; i < 30; i++) {
      assertEquals(cut.labels()[0], cut.labels()[i], "chain A stays whole");
    }
    for (int i = 31; i < 66; i++) {
      assertEquals(cut.labels()[30], cut.labels()[i], "chain B stays whole");
    }
    assertTrue(cut.labels()[0] != cut.labels()[30], "the two chains are cut apart");
    // An isolated node's row of P is its diagonal alone, 0.5 / (0 + 1): no eigenvalue near 1.
    assertTrue(cut.eigenvalues()[1] > 0.75, Arrays.toString(cut.eigenvalues()));
  }

  @Test
  void theSeedOnlyMovesTheStartOfTheRotation() {
    // The same graph, rotations started from other rows: the same partition.
    NormalisedCut.Cut a = blocks(4, 30, 4, 11, 1);
    for (long seed = 2; seed < 6; seed++) {
      NormalisedCut.Cut b = blocks(4, 30, 4, 11, seed);
      assertEquals(1.0, AdjustedRand.index(a.labels(), b.labels()), 1e-12, "seed " + seed);
      assertEquals(a.eigenvalues()[3], b.eigenvalues()[3], 0.0);
    }
  }
}
