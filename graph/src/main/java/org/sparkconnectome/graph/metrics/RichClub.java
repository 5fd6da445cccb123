package org.sparkconnectome.graph.metrics;

import org.sparkconnectome.graph.WeightedGraph;

/**
 * Unnormalised rich-club coefficient on the binarised graph, as networkx
 * {@code rich_club_coefficient(G, normalized=False)}: for each degree k, the density of the edges
 * among nodes of degree greater than k, for every k where more than one such node exists.
 */
public final class RichClub {
  private RichClub() {
  }

  /** Entry k holds phi(k); the array ends at the last k with at least two richer nodes. */
  public static double[] coefficients(WeightedGraph graph) {
    int n = graph.size();
    if (graph.edgeCount() == 0) {
      return new double[0];
    }
    int[] degree = new int[n];
    int maxDegree = 0;
    for (int i = 0; i < n; i++) {
      degree[i] = graph.degree(i);
      maxDegree = Math.max(maxDegree, degree[i]);
    }
    // Edges counted by the smaller endpoint degree: an edge is in the club of k while k < that.
    long[] edgesByMinDegree = new long[maxDegree + 1];
    long[] nodesByDegree = new long[maxDegree + 1];
    for (int i = 0; i < n; i++) {
      nodesByDegree[degree[i]]++;
      for (int j : graph.neighbours(i)) {
        if (j > i) {
          edgesByMinDegree[Math.min(degree[i], degree[j])]++;
        }
      }
    }
    double[] phi = new double[maxDegree + 1];
    long richer = n;
    long edges = graph.edgeCount();
    int k = 0;
    for (; k <= maxDegree; k++) {
      richer -= nodesByDegree[k];
      edges -= edgesByMinDegree[k];
      if (richer <= 1) {
        break;
      }
      phi[k] = 2.0 * edges / ((double) richer * (richer - 1));
    }
    return java.util.Arrays.copyOf(phi, k);
  }
}
