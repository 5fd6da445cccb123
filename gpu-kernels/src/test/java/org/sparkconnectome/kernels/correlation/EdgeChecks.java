package org.sparkconnectome.kernels.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Compares sparse edge output with a dense reference, exact up to ties within a tolerance. */
public final class EdgeChecks {

  private EdgeChecks() {
  }

  /**
   * The threshold edges must be exactly the pairs i &lt; j with |r| >= threshold, except pairs
   * whose |r| lies within tol of the threshold, which may go either way.
   */
  public static void assertThresholdEdges(double[] reference, int n, double threshold,
      EdgeList edges, double tol) {
    Set<Long> seen = new HashSet<>();
    for (int e = 0; e < edges.size(); e++) {
      int i = edges.row(e);
      int j = edges.col(e);
      assertTrue(i < j, "edge (" + i + ", " + j + ") is not in the upper triangle");
      assertTrue(seen.add((long) i * n + j), "edge (" + i + ", " + j + ") emitted twice");
      double r = reference[i * n + j];
      assertEquals(r, edges.value(e), tol, "r of edge (" + i + ", " + j + ")");
      assertTrue(Math.abs(r) >= threshold - tol, "edge (" + i + ", " + j + ") has |r| = "
          + Math.abs(r) + " below the threshold " + threshold);
    }
    int expected = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double r = Math.abs(reference[i * n + j]);
        if (r >= threshold + tol) {
          expected++;
          assertTrue(seen.contains((long) i * n + j), "missing edge (" + i + ", " + j
              + ") with |r| = " + r);
        }
      }
    }
    assertTrue(expected > 0, "the test data should give some edges above the threshold");
  }

  /** Each row's top-k partners must match the reference's, up to near-ties at the k-th value. */
  public static void assertTopK(double[] reference, int n, int k, EdgeList edges, double tol) {
    Map<Integer, Set<Integer>> byRow = new HashMap<>();
    for (int e = 0; e < edges.size(); e++) {
      int i = edges.row(e);
      int j = edges.col(e);
      assertTrue(i != j, "self edge at " + i);
      assertEquals(reference[i * n + j], edges.value(e), tol, "r of edge (" + i + ", " + j + ")");
      assertTrue(byRow.computeIfAbsent(i, x -> new HashSet<>()).add(j), "duplicate edge");
    }
    for (int i = 0; i < n; i++) {
      Set<Integer> got = byRow.getOrDefault(i, Set.of());
      assertEquals(Math.min(k, n - 1), got.size(), "partners of row " + i);
      double[] strengths = new double[n - 1];
      int m = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          strengths[m++] = Math.abs(reference[i * n + j]);
        }
      }
      java.util.Arrays.sort(strengths);
      double kth = strengths[strengths.length - got.size()];
      for (int j = 0; j < n; j++) {
        double strength = Math.abs(reference[i * n + j]);
        if (j == i) {
          continue;
        }
        if (strength > kth + tol) {
          assertTrue(got.contains(j), "row " + i + " misses partner " + j);
        } else if (strength < kth - tol) {
          assertTrue(!got.contains(j), "row " + i + " keeps weak partner " + j);
        }
      }
    }
  }
}
