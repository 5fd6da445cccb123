package org.sparkconnectome.parcel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Spatially constrained agglomerative Ward clustering, merge for merge as scikit-learn's
 * {@code ward_tree} with a connectivity matrix: a heap of candidate merges (edges of the
 * graph) keyed by the increase of inertia, ties broken by (new node, neighbour) as Python's
 * tuple order does, stale entries skipped when popped. O(E log E) for E edges.
 *
 * <p>The Ward distance of two clusters is computed from their moments (size and feature sums)
 * as {@code n_a n_b / (n_a + n_b) * |mean_a - mean_b|^2}, which is what the Lance-Williams
 * recurrence for Ward gives, but does not need the distance of both merged clusters to every
 * neighbour (on a sparse graph a neighbour of one need not neighbour the other). The
 * arithmetic is sklearn's {@code compute_ward_dist}, in the same order, so that near-ties fall
 * the same way.
 */
public final class SpatialWard {

  private SpatialWard() {
  }

  /** A candidate merge of clusters {@code a} and {@code b}, {@code a > b} (sklearn's order). */
  private record Merge(double inertia, int a, int b) implements Comparable<Merge> {
    @Override
    public int compareTo(Merge o) {
      int c = Double.compare(inertia, o.inertia);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(a, o.a);
      return c != 0 ? c : Integer.compare(b, o.b);
    }
  }

  /**
   * Labels 0..k-1 of the n nodes after n - k merges, numbered by each cluster's lowest node.
   *
   * @param features row-major n x f feature matrix
   * @param neighbours each node's neighbours (symmetric, no self loops)
   * @throws IllegalArgumentException when the graph has more than k connected pieces
   */
  public static int[] cluster(double[] features, int f, int[][] neighbours, int k) {
    int n = neighbours.length;
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("cannot make " + k + " clusters of " + n + " nodes");
    }
    int nodes = 2 * n - k;
    // Cluster sums live in the slot of a node id; merged ids n.. get fresh slots.
    double[][] sums = new double[nodes][];
    double[] size = new double[nodes];
    int[] parent = new int[nodes];
    boolean[] used = new boolean[nodes];
    List<int[]> adjacency = new ArrayList<>(nodes);
    PriorityQueue<Merge> heap = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      sums[i] = Arrays.copyOfRange(features, i * f, (i + 1) * f);
      size[i] = 1;
      parent[i] = i;
      used[i] = true;
      adjacency.add(neighbours[i]);
    }
    for (int i = 0; i < n; i++) {
      for (int j : neighbours[i]) {
        if (j < i) {
          heap.add(new Merge(distance(size, sums, i, j, f), i, j));
        }
      }
    }
    int[] visited = new int[nodes];
    Arrays.fill(visited, -1);
    for (int next = n; next < nodes; next++) {
      Merge m;
      do {
        m = heap.poll();
        if (m == null) {
          throw new IllegalArgumentException("the connectivity graph has more than " + k
              + " connected pieces: " + (nodes - next + k) + " clusters remain unmergeable");
        }
      } while (!used[m.a()] || !used[m.b()]);
      int i = m.a();
      int j = m.b();
      parent[i] = next;
      parent[j] = next;
      parent[next] = next;
      used[i] = false;
      used[j] = false;
      used[next] = true;
      size[next] = size[i] + size[j];
      double[] merged = new double[f];
      double[] si = sums[i];
      double[] sj = sums[j];
      for (int d = 0; d < f; d++) {
        merged[d] = si[d] + sj[d];
      }
      sums[next] = merged;
      sums[i] = null;
      sums[j] = null;
      visited[next] = next;
      int[] heads = new int[adjacency.get(i).length + adjacency.get(j).length];
      int count = 0;
      for (int[] list : List.of(adjacency.get(i), adjacency.get(j))) {
        for (int node : list) {
          int root = root(parent, node);
          if (visited[root] != next) {
            visited[root] = next;
            heads[count++] = root;
          }
        }
      }
      int[] mergedNeighbours = Arrays.copyOf(heads, count);
      adjacency.set(i, null);
      adjacency.set(j, null);
      adjacency.add(mergedNeighbours);
      for (int c : mergedNeighbours) {
        // The neighbour's list need not name the new node: its old entries resolve to it.
        heap.add(new Merge(distance(size, sums, next, c, f), next, c));
      }
    }
    return labels(parent, n);
  }

  /** sklearn's compute_ward_dist for one pair, in its arithmetic order. */
  private static double distance(double[] size, double[][] sums, int a, int b, int f) {
    double na = size[a];
    double nb = size[b];
    double weight = (na * nb) / (na + nb);
    double[] sa = sums[a];
    double[] sb = sums[b];
    double pa = 0;
    for (int d = 0; d < f; d++) {
      double diff = sa[d] / na - sb[d] / nb;
      pa += diff * diff;
    }
    return pa * weight;
  }

  private static int root(int[] parent, int node) {
    int r = node;
    while (parent[r] != r) {
      r = parent[r];
    }
    while (parent[node] != r) {
      int up = parent[node];
      parent[node] = r;
      node = up;
    }
    return r;
  }

  private static int[] labels(int[] parent, int n) {
    int[] labels = new int[n];
    int[] byRoot = new int[parent.length];
    Arrays.fill(byRoot, -1);
    int next = 0;
    for (int i = 0; i < n; i++) {
      int r = root(parent, i);
      if (byRoot[r] < 0) {
        byRoot[r] = next++;
      }
      labels[i] = byRoot[r];
    }
    return labels;
  }
}
