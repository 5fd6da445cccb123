package org.sparkconnectome.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Connected components of the supra-threshold edges of a network (edges joined when they share
 * a region), as the network-based statistic defines them: an edge is supra-threshold when its
 * statistic is finite and at least the threshold (MRtrix3's convention). A component's size is
 * its number of edges.
 *
 * @param nodes number of regions
 * @param first first region of each edge
 * @param second second region of each edge
 */
public record EdgeComponents(int nodes, int[] first, int[] second) implements Serializable {

  /** The off-diagonal edges of an {@code n}-region network in row-major upper-triangle order. */
  public static EdgeComponents upperTriangle(int n) {
    int e = n * (n - 1) / 2;
    int[] a = new int[e];
    int[] b = new int[e];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[k] = i;
        b[k] = j;
        k++;
      }
    }
    return new EdgeComponents(n, a, b);
  }

  public int edges() {
    return first.length;
  }

  /**
   * Component label (0, 1, ...) of each supra-threshold edge, -1 below threshold; components
   * numbered by decreasing size (ties by first edge).
   */
  public int[] label(double[] statistic, double threshold) {
    int[] parent = unionFind(statistic, threshold);
    int e = edges();
    int[] sizeByRoot = new int[nodes];
    int[] firstEdgeByRoot = new int[nodes];
    Arrays.fill(firstEdgeByRoot, -1);
    for (int k = 0; k < e; k++) {
      if (supra(statistic[k], threshold)) {
        int root = find(parent, first[k]);
        sizeByRoot[root]++;
        if (firstEdgeByRoot[root] < 0) {
          firstEdgeByRoot[root] = k;
        }
      }
    }
    Integer[] roots = IntStream.range(0, nodes)
        .filter(r -> sizeByRoot[r] > 0).boxed().toArray(Integer[]::new);
    Arrays.sort(roots, (x, y) -> sizeByRoot[x] != sizeByRoot[y]
        ? Integer.compare(sizeByRoot[y], sizeByRoot[x])
        : Integer.compare(firstEdgeByRoot[x], firstEdgeByRoot[y]));
    int[] labelOfRoot = new int[nodes];
    for (int i = 0; i < roots.length; i++) {
      labelOfRoot[roots[i]] = i;
    }
    int[] labels = new int[e];
    for (int k = 0; k < e; k++) {
      labels[k] = supra(statistic[k], threshold) ? labelOfRoot[find(parent, first[k])] : -1;
    }
    return labels;
  }

  /** Size in edges of the largest supra-threshold component (0 when there is none). */
  public int largest(double[] statistic, double threshold) {
    int[] parent = unionFind(statistic, threshold);
    int[] size = new int[nodes];
    int max = 0;
    for (int k = 0; k < edges(); k++) {
      if (supra(statistic[k], threshold)) {
        int root = find(parent, first[k]);
        max = Math.max(max, ++size[root]);
      }
    }
    return max;
  }

  private int[] unionFind(double[] statistic, double threshold) {
    int[] parent = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      parent[i] = i;
    }
    for (int k = 0; k < edges(); k++) {
      if (supra(statistic[k], threshold)) {
        int a = find(parent, first[k]);
        int b = find(parent, second[k]);
        if (a != b) {
          parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    return parent;
  }

  private static boolean supra(double value, double threshold) {
    return Double.isFinite(value) && value >= threshold;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
