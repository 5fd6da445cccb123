package org.sparkconnectome.graph.metrics;

import org.sparkconnectome.graph.WeightedGraph;

/**
 * Newman's weighted modularity of a partition, as networkx {@code community.modularity(G,
 * communities, weight="weight", resolution=1)}: sum over communities of L_c/m - (d_c/2m)^2.
 */
public final class Modularity {
  private Modularity() {
  }

  /**
   * Modularity of {@code membership} (a community index per node, any non-negative integers) at
   * the given resolution; NaN for a graph without edges, where it is undefined.
   */
  public static double of(WeightedGraph graph, int[] membership, double resolution) {
    int n = graph.size();
    if (membership.length != n) {
      throw new IllegalArgumentException("partition has " + membership.length
          + " entries for " + n + " nodes");
    }
    int communities = 0;
    for (int c : membership) {
      if (c < 0) {
        throw new IllegalArgumentException("community index " + c + " is negative");
      }
      communities = Math.max(communities, c + 1);
    }
    double[] internal = new double[communities];
    double[] degreeSum = new double[communities];
    double m = 0;
    for (int i = 0; i < n; i++) {
      for (int j : graph.neighbours(i)) {
        double w = graph.weight(i, j);
        degreeSum[membership[i]] += w;
        if (j > i) {
          m += w;
          if (membership[i] == membership[j]) {
            internal[membership[i]] += w;
          }
        }
      }
    }
    if (m == 0) {
      return Double.NaN;
    }
    double norm = 1.0 / (4 * m * m);
    double q = 0;
    for (int c = 0; c < communities; c++) {
      q += internal[c] / m - resolution * degreeSum[c] * degreeSum[c] * norm;
    }
    return q;
  }
}
