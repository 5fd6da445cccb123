package org.sparkconnectome.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkconnectome.graph.ThresholdPolicy;

/**
 * How a directed matrix (rows = sources, columns = targets) becomes the non-negative weighted
 * digraphs the directed metrics need, by the same {@code graph.negative} and
 * {@code graph.threshold} settings and in the same order as {@link ThresholdPolicy} does for the
 * undirected matrices: NaN and the diagonal dropped; the threshold on |weight| (absolute:
 * |w| &gt;= value; proportional: the round(p * n(n-1)) strongest of the n(n-1) ordered pairs,
 * ties broken by lower row-major position); then the sign rule. Granger F statistics are never
 * negative, so the sign rule only changes the lagged correlation: {@code drop} keeps its
 * positive part, {@code abs} takes |r|, {@code separate} gives the positive graph and the
 * magnitudes of the negative edges (for an F matrix that graph has no edges).
 */
final class DirectedWeights {
  private DirectedWeights() {
  }

  /** One weighted digraph of the rule, with the part of the matrix it holds. */
  record Part(ThresholdPolicy.Sign sign, double[][] weights) {
  }

  /** The digraphs {@code policy} makes from the full matrix {@code m} (not changed). */
  static List<Part> apply(double[][] m, ThresholdPolicy policy) {
    double[][] kept = thresholded(m, policy);
    List<Part> parts = new ArrayList<>();
    switch (policy.negative()) {
      case DROP -> parts.add(new Part(ThresholdPolicy.Sign.POSITIVE, signPart(kept, 1)));
      case ABSOLUTE -> parts.add(new Part(ThresholdPolicy.Sign.ABSOLUTE, signPart(kept, 0)));
      case SEPARATE -> {
        parts.add(new Part(ThresholdPolicy.Sign.POSITIVE, signPart(kept, 1)));
        parts.add(new Part(ThresholdPolicy.Sign.NEGATIVE, signPart(kept, -1)));
      }
      default -> throw new IllegalStateException("unknown rule " + policy.negative());
    }
    return parts;
  }

  /** Keeps positive (1), negative as magnitudes (-1) or all as magnitudes (0). */
  private static double[][] signPart(double[][] kept, int sign) {
    int n = kept.length;
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = kept[i][j];
        if (sign == 0 || (sign > 0 && v > 0) || (sign < 0 && v < 0)) {
          w[i][j] = Math.abs(v);
        }
      }
    }
    return w;
  }

  private static double[][] thresholded(double[][] m, ThresholdPolicy policy) {
    int n = m.length;
    double[][] w = new double[n][];
    for (int i = 0; i < n; i++) {
      if (m[i].length != n) {
        throw new IllegalArgumentException("row " + i + " has " + m[i].length
            + " values, expected " + n);
      }
      w[i] = m[i].clone();
      for (int j = 0; j < n; j++) {
        if (i == j || Double.isNaN(w[i][j])
            || (policy.kind() == ThresholdPolicy.Kind.ABSOLUTE
                && Math.abs(w[i][j]) < policy.value())) {
          w[i][j] = 0;
        }
      }
    }
    if (policy.kind() == ThresholdPolicy.Kind.PROPORTIONAL) {
      keepStrongest(w, policy.value());
    }
    return w;
  }

  private static void keepStrongest(double[][] w, double fraction) {
    int n = w.length;
    long keep = Math.round((double) n * (n - 1) * fraction);
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (w[i][j] != 0) {
          edges.add(new int[] {i, j});
        }
      }
    }
    int[][] sorted = edges.toArray(new int[0][]);
    // Stable sort: equal magnitudes keep row-major order, so the result does not depend on chance.
    Arrays.sort(sorted, (a, b) -> Double.compare(Math.abs(w[b[0]][b[1]]),
        Math.abs(w[a[0]][a[1]])));
    for (int e = (int) Math.min(keep, sorted.length); e < sorted.length; e++) {
      w[sorted[e][0]][sorted[e][1]] = 0;
    }
  }
}
