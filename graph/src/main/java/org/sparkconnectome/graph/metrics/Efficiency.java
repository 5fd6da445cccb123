package org.sparkconnectome.graph.metrics;

import org.sparkconnectome.graph.WeightedGraph;

/**
 * Efficiencies. Global efficiency is weighted (mean of 1/distance with distance from
 * {@link ShortestPaths}). Local efficiency follows networkx's definition, which ignores weights:
 * for each node, the hop-count global efficiency of the subgraph induced by its neighbours.
 * (BCT's weighted local efficiency is a different quantity and is not what this computes.)
 */
public final class Efficiency {
  private Efficiency() {
  }

  /** Mean of 1/distance over ordered off-diagonal pairs, unreachable pairs counting 0. */
  public static double global(double[][] distances) {
    int n = distances.length;
    if (n < 2) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && Double.isFinite(distances[i][j])) {
          sum += 1.0 / distances[i][j];
        }
      }
    }
    return sum / ((double) n * (n - 1));
  }

  /** networkx {@code local_efficiency} per node (unweighted); its mean is networkx's value. */
  public static double[] localUnweighted(WeightedGraph graph) {
    int n = graph.size();
    long[][] adjacency = new long[n][words(n)];
    for (int i = 0; i < n; i++) {
      for (int j : graph.neighbours(i)) {
        adjacency[i][j >>> 6] |= 1L << j;
      }
    }
    double[] local = new double[n];
    for (int v = 0; v < n; v++) {
      local[v] = inducedHopEfficiency(graph.neighbours(v), adjacency);
    }
    return local;
  }

  /** Hop-count global efficiency of the subgraph induced by {@code nodes}, with bitset BFS. */
  private static double inducedHopEfficiency(int[] nodes, long[][] adjacency) {
    int k = nodes.length;
    if (k < 2) {
      return 0;
    }
    int words = words(k);
    long[][] sub = new long[k][words];
    for (int a = 0; a < k; a++) {
      long[] row = adjacency[nodes[a]];
      for (int b = 0; b < k; b++) {
        int u = nodes[b];
        if ((row[u >>> 6] & (1L << u)) != 0) {
          sub[a][b >>> 6] |= 1L << b;
        }
      }
    }
    double sum = 0;
    long[] visited = new long[words];
    long[] frontier = new long[words];
    long[] next = new long[words];
    for (int s = 0; s < k; s++) {
      java.util.Arrays.fill(visited, 0);
      java.util.Arrays.fill(frontier, 0);
      visited[s >>> 6] |= 1L << s;
      frontier[s >>> 6] |= 1L << s;
      int unvisited = k - 1;
      int frontierSize = 1;
      for (int hops = 1; frontierSize > 0 && unvisited > 0; hops++) {
        java.util.Arrays.fill(next, 0);
        // Expand from whichever side is smaller: dense neighbourhoods finish in few cheap steps.
        if (frontierSize <= unvisited) {
          for (int a = 0; a < k; a++) {
            if ((frontier[a >>> 6] & (1L << a)) != 0) {
              for (int w = 0; w < words; w++) {
                next[w] |= sub[a][w];
              }
            }
          }
        } else {
          for (int b = 0; b < k; b++) {
            if ((visited[b >>> 6] & (1L << b)) == 0 && intersects(sub[b], frontier)) {
              next[b >>> 6] |= 1L << b;
            }
          }
        }
        frontierSize = 0;
        for (int w = 0; w < words; w++) {
          next[w] &= ~visited[w];
          visited[w] |= next[w];
          frontierSize += Long.bitCount(next[w]);
        }
        long[] swap = frontier;
        frontier = next;
        next = swap;
        sum += frontierSize / (double) hops;
        unvisited -= frontierSize;
      }
    }
    return sum / ((double) k * (k - 1));
  }

  private static boolean intersects(long[] a, long[] b) {
    for (int w = 0; w < a.length; w++) {
      if ((a[w] & b[w]) != 0) {
        return true;
      }
    }
    return false;
  }

  private static int words(int bits) {
    return (bits + 63) >>> 6;
  }

  /** Mean of per-node values; NaN for an empty graph. */
  public static double mean(double[] values) {
    return Clustering.mean(values);
  }
}
