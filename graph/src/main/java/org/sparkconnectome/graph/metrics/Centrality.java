package org.sparkconnectome.graph.metrics;

import org.sparkconnectome.graph.WeightedGraph;

/** Node centralities: PageRank on weights and betweenness on distances 1/weight, as networkx. */
public final class Centrality {
  /** Damping factor, networkx's default. */
  public static final double PAGERANK_ALPHA = 0.85;
  /** networkx's default per-node tolerance: stops about 1e-6 short of the fixed point. */
  public static final double NETWORKX_TOLERANCE = 1e-6;
  /** networkx's default iteration limit. */
  public static final int NETWORKX_MAX_ITERATIONS = 100;
  /**
   * Tolerance of {@link #pageRank(WeightedGraph)}: iterates to the fixed point, which is what
   * published reference values hold (networkx's default stop differs from it by up to ~1e-6).
   */
  public static final double CONVERGED_TOLERANCE = 1e-13;
  /** Iteration limit at {@link #CONVERGED_TOLERANCE}: 0.85^1000 is far below any tolerance. */
  public static final int CONVERGED_MAX_ITERATIONS = 1000;

  private Centrality() {
  }

  /** PageRank iterated to its fixed point (networkx's algorithm at a tight tolerance). */
  public static double[] pageRank(WeightedGraph graph) {
    return pageRank(graph, CONVERGED_TOLERANCE, CONVERGED_MAX_ITERATIONS);
  }

  /**
   * networkx {@code pagerank(G, alpha=0.85, weight="weight", tol=tolerance,
   * max_iter=maxIterations)}: uniform start and teleport vector, dangling (isolated) nodes spread
   * their rank uniformly, stop when the L1 change is below n * tolerance. With
   * {@link #NETWORKX_TOLERANCE} and {@link #NETWORKX_MAX_ITERATIONS} it repeats networkx's
   * default result; the values sum to 1 within the tolerance.
   */
  public static double[] pageRank(WeightedGraph graph, double tolerance, int maxIterations) {
    int n = graph.size();
    if (n == 0) {
      return new double[0];
    }
    int[][] neighbours = ShortestPaths.neighbourLists(graph);
    double[] inverseStrength = new double[n];
    for (int i = 0; i < n; i++) {
      double s = graph.strength(i);
      inverseStrength[i] = s == 0 ? 0 : 1.0 / s;
    }
    double[] x = new double[n];
    java.util.Arrays.fill(x, 1.0 / n);
    double teleport = 1.0 / n;
    for (int iter = 0; iter < maxIterations; iter++) {
      double dangling = 0;
      for (int i = 0; i < n; i++) {
        if (inverseStrength[i] == 0) {
          dangling += x[i];
        }
      }
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        double share = x[i] * inverseStrength[i];
        for (int j : neighbours[i]) {
          next[j] += share * graph.weight(i, j);
        }
      }
      double err = 0;
      for (int j = 0; j < n; j++) {
        next[j] = PAGERANK_ALPHA * (next[j] + dangling * teleport)
            + (1 - PAGERANK_ALPHA) * teleport;
        err += Math.abs(next[j] - x[j]);
      }
      x = next;
      if (err < n * tolerance) {
        return x;
      }
    }
    throw new ArithmeticException("PageRank did not converge in " + maxIterations
        + " iterations");
  }

  /**
   * networkx {@code betweenness_centrality(G, normalized=False, weight=distance)} with distance
   * 1/weight: Brandes' accumulation, each unordered pair of endpoints counted once, endpoints
   * excluded. Equal-length paths are recognised by exact equality of the summed lengths, as
   * networkx does.
   */
  public static double[] betweenness(WeightedGraph graph) {
    int n = graph.size();
    double[][] lengths = ShortestPaths.edgeLengths(graph);
    int[][] neighbours = ShortestPaths.neighbourLists(graph);
    double[] bc = new double[n];
    double[] dist = new double[n];
    int[] order = new int[n];
    double[] sigma = new double[n];
    double[] delta = new double[n];
    for (int s = 0; s < n; s++) {
      int reached = ShortestPaths.fromSource(s, lengths, neighbours, dist, order);
      java.util.Arrays.fill(sigma, 0);
      sigma[s] = 1;
      for (int k = 1; k < reached; k++) {
        int w = order[k];
        double paths = 0;
        for (int v : neighbours[w]) {
          if (isPredecessor(v, w, dist, lengths)) {
            paths += sigma[v];
          }
        }
        sigma[w] = paths;
      }
      java.util.Arrays.fill(delta, 0);
      for (int k = reached - 1; k > 0; k--) {
        int w = order[k];
        double coefficient = (1 + delta[w]) / sigma[w];
        for (int v : neighbours[w]) {
          if (isPredecessor(v, w, dist, lengths)) {
            delta[v] += sigma[v] * coefficient;
          }
        }
        bc[w] += delta[w];
      }
    }
    for (int i = 0; i < n; i++) {
      bc[i] *= 0.5;
    }
    return bc;
  }

  private static boolean isPredecessor(int v, int w, double[] dist, double[][] lengths) {
    // lengths is symmetric; reading row w keeps the scan over w's neighbours in one row.
    return Double.isFinite(dist[v]) && dist[v] + lengths[w][v] == dist[w];
  }
}
