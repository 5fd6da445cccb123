package org.sparkconnectome.graph.metrics;

import org.sparkconnectome.graph.WeightedGraph;

/**
 * Onnela's weighted clustering coefficient, as networkx {@code clustering(G, weight="weight")}:
 * weights are divided by the largest weight, each triangle contributes the cube root of the
 * product of its three scaled weights, and the sum is divided by k(k-1)/2.
 */
public final class Clustering {
  private Clustering() {
  }

  /** Clustering of every node; 0 for nodes with fewer than two neighbours or no triangle. */
  public static double[] onnela(WeightedGraph graph) {
    int n = graph.size();
    double max = graph.maxWeight();
    double[] c = new double[n];
    if (max == 0) {
      return c;
    }
    for (int i = 0; i < n; i++) {
      int[] nbrs = graph.neighbours(i);
      int k = nbrs.length;
      if (k < 2) {
        continue;
      }
      double triangles = 0;
      for (int a = 0; a < k; a++) {
        int j = nbrs[a];
        double wij = graph.weight(i, j) / max;
        for (int b = a + 1; b < k; b++) {
          int h = nbrs[b];
          double wjh = graph.weight(j, h);
          if (wjh != 0) {
            triangles += Math.cbrt(wij * (wjh / max) * (graph.weight(h, i) / max));
          }
        }
      }
      c[i] = 2 * triangles / ((double) k * (k - 1));
    }
    return c;
  }

  /** Mean over all nodes (networkx {@code average_clustering}, zeros included); NaN if empty. */
  public static double mean(double[] clustering) {
    if (clustering.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : clustering) {
      sum += v;
    }
    return sum / clustering.length;
  }
}
