package org.sparkconnectome.graph.metrics;

import java.util.Arrays;
import org.sparkconnectome.graph.WeightedGraph;

/**
 * Weighted shortest paths with distance = 1/weight (strong connections are short), by Dijkstra
 * from every node. The graphs are small and dense, so the search scans an array instead of a heap.
 */
public final class ShortestPaths {
  private ShortestPaths() {
  }

  /** Edge lengths 1/weight, +infinity where there is no edge, 0 on the diagonal. */
  public static double[][] edgeLengths(WeightedGraph graph) {
    int n = graph.size();
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(d[i], Double.POSITIVE_INFINITY);
      d[i][i] = 0;
      for (int j : graph.neighbours(i)) {
        d[i][j] = 1.0 / graph.weight(i, j);
      }
    }
    return d;
  }

  /** All-pairs distances; +infinity between nodes in different components. */
  public static double[][] distances(WeightedGraph graph) {
    int n = graph.size();
    double[][] lengths = edgeLengths(graph);
    int[][] neighbours = neighbourLists(graph);
    double[][] dist = new double[n][];
    for (int s = 0; s < n; s++) {
      dist[s] = new double[n];
      fromSource(s, lengths, neighbours, dist[s], new int[n]);
    }
    return dist;
  }

  /**
   * Dijkstra from one source: fills {@code dist} and writes the settled nodes in order of
   * non-decreasing distance into {@code order}; returns how many nodes were reached.
   */
  static int fromSource(int source, double[][] lengths, int[][] neighbours, double[] dist,
      int[] order) {
    int n = dist.length;
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    boolean[] settled = new boolean[n];
    // A binary heap with stale entries skipped on removal: random graphs improve a tentative
    // distance only O(log degree) times per node, far fewer pushes than edges.
    double[] keys = new double[Math.max(16, n)];
    int[] nodes = new int[keys.length];
    dist[source] = 0;
    keys[0] = 0;
    nodes[0] = source;
    int size = 1;
    int reached = 0;
    while (size > 0) {
      double best = keys[0];
      int v = nodes[0];
      size--;
      siftDown(keys, nodes, size, keys[size], nodes[size]);
      if (settled[v]) {
        continue;
      }
      settled[v] = true;
      order[reached++] = v;
      double[] lv = lengths[v];
      for (int w : neighbours[v]) {
        double alt = best + lv[w];
        if (!settled[w] && alt < dist[w]) {
          dist[w] = alt;
          if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            nodes = Arrays.copyOf(nodes, size * 2);
          }
          siftUp(keys, nodes, size++, alt, w);
        }
      }
    }
    return reached;
  }

  private static void siftUp(double[] keys, int[] nodes, int at, double key, int node) {
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      keys[at] = keys[parent];
      nodes[at] = nodes[parent];
      at = parent;
    }
    keys[at] = key;
    nodes[at] = node;
  }

  /** Places (key, node), the former last entry, from the root down in a heap of {@code size}. */
  private static void siftDown(double[] keys, int[] nodes, int size, double key, int node) {
    if (size == 0) {
      return;
    }
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && keys[child + 1] < keys[child]) {
        child++;
      }
      if (keys[child] >= key) {
        break;
      }
      keys[at] = keys[child];
      nodes[at] = nodes[child];
      at = child;
    }
    keys[at] = key;
    nodes[at] = node;
  }

  static int[][] neighbourLists(WeightedGraph graph) {
    int[][] lists = new int[graph.size()][];
    for (int i = 0; i < lists.length; i++) {
      lists[i] = graph.neighbours(i);
    }
    return lists;
  }

  /** Mean of the finite off-diagonal distances (characteristic path length); NaN if none. */
  public static double characteristicPathLength(double[][] distances) {
    double sum = 0;
    long count = 0;
    for (int i = 0; i < distances.length; i++) {
      for (int j = 0; j < distances.length; j++) {
        if (i != j && Double.isFinite(distances[i][j])) {
          sum += distances[i][j];
          count++;
        }
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }
}
