package org.sparkconnectome.graph.metrics;

import java.util.Arrays;

/**
 * Node metrics of a weighted directed graph, as networkx computes them on a {@code DiGraph}:
 * rows are sources, columns targets (the layout of the directed relmats); an entry that is 0 or
 * NaN is no edge and the diagonal is ignored. Weights must not be negative (PageRank's random
 * walk needs them as transition weights).
 *
 * @param inDegree edges into each node
 * @param outDegree edges out of each node
 * @param inStrength summed weights into each node
 * @param outStrength summed weights out of each node
 * @param pageRank networkx's {@code pagerank(G, alpha, weight='weight')}: the walk follows
 *     out-edges in proportion to their weight, a node without out-edges (dangling) jumps to any
 *     node uniformly, and with probability 1 - alpha every step teleports uniformly; sums to 1
 */
public record DirectedMetrics(int[] inDegree, int[] outDegree, double[] inStrength,
    double[] outStrength, double[] pageRank) {
  private static final double TOLERANCE = 1e-15;
  private static final int MAX_ITERATIONS = 100_000;

  /** The metrics of {@code w} with PageRank damping {@code alpha}. */
  public static DirectedMetrics of(double[][] w, double alpha) {
    int n = w.length;
    int[] in = new int[n];
    int[] out = new int[n];
    double[] inStrength = new double[n];
    double[] outStrength = new double[n];
    for (int i = 0; i < n; i++) {
      if (w[i].length != n) {
        throw new IllegalArgumentException("row " + i + " has " + w[i].length
            + " values, expected " + n);
      }
      for (int j = 0; j < n; j++) {
        double v = weight(w, i, j);
        if (v < 0) {
          throw new IllegalArgumentException("negative weight " + v + " from node " + i
              + " to node " + j + ": directed PageRank needs weights >= 0");
        }
        if (v > 0) {
          out[i]++;
          in[j]++;
          outStrength[i] += v;
          inStrength[j] += v;
        }
      }
    }
    return new DirectedMetrics(in, out, inStrength, outStrength,
        pageRank(w, outStrength, alpha));
  }

  private static double weight(double[][] w, int i, int j) {
    double v = w[i][j];
    return i == j || Double.isNaN(v) ? 0 : v;
  }

  /** Power iteration to a fixed point (networkx's, run to a tighter tolerance). */
  private static double[] pageRank(double[][] w, double[] outStrength, double alpha) {
    int n = w.length;
    double[] x = new double[n];
    if (n == 0) {
      return x;
    }
    Arrays.fill(x, 1.0 / n);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double dangling = 0;
      for (int i = 0; i < n; i++) {
        if (outStrength[i] == 0) {
          dangling += x[i];
        }
      }
      double[] next = new double[n];
      Arrays.fill(next, (alpha * dangling + 1 - alpha) / n);
      for (int i = 0; i < n; i++) {
        if (outStrength[i] > 0) {
          double share = alpha * x[i] / outStrength[i];
          for (int j = 0; j < n; j++) {
            next[j] += share * weight(w, i, j);
          }
        }
      }
      double change = 0;
      for (int i = 0; i < n; i++) {
        change += Math.abs(next[i] - x[i]);
      }
      x = next;
      if (change < n * TOLERANCE) {
        break;
      }
    }
    return x;
  }
}
