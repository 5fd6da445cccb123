package org.sparkconnectome.graph.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparkconnectome.graph.WeightedGraph;

/**
 * Louvain community detection (Blondel et al. 2008) in networkx's form: nodes visited in a seeded
 * random order, moved to the neighbouring community with the largest modularity gain, the graph
 * aggregated, and levels repeated while modularity grows by more than {@link #THRESHOLD}.
 */
public final class Louvain {
  /** Smallest modularity gain for another level to be accepted (networkx's default). */
  public static final double THRESHOLD = 1e-7;

  /** A partition found by Louvain and its modularity on the input graph. */
  public record Result(int[] membership, double modularity, long seed) implements Serializable {
  }

  private Louvain() {
  }

  /**
   * The best of {@code runs} runs with seeds {@code seed, seed+1, ...}: different visiting orders
   * find different local optima, so taking the best is the usual way to report Louvain's Q.
   */
  public static Result bestOf(WeightedGraph graph, int runs, long seed, double resolution) {
    if (runs < 1) {
      throw new IllegalArgumentException("Louvain needs at least one run, got " + runs);
    }
    Result best = null;
    for (int r = 0; r < runs; r++) {
      Result result = run(graph, seed + r, resolution);
      if (best == null || result.modularity() > best.modularity()) {
        best = result;
      }
    }
    return best;
  }

  /** One seeded run; communities are numbered 0.. in order of their lowest node. */
  public static Result run(WeightedGraph graph, long seed, double resolution) {
    int n = graph.size();
    int[] membership = new int[n];
    for (int i = 0; i < n; i++) {
      membership[i] = i;
    }
    double m = graph.totalWeight();
    if (m == 0) {
      return new Result(membership, Double.NaN, seed);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][] level = graph.toMatrix();
    double quality = Double.NEGATIVE_INFINITY;
    boolean first = true;
    while (true) {
      int[] moved = new int[level.length];
      boolean improved = oneLevel(level, m, resolution, random, moved);
      if (!first && !improved) {
        break;
      }
      int[] candidate = new int[n];
      for (int i = 0; i < n; i++) {
        candidate[i] = moved[membership[i]];
      }
      double q = Modularity.of(graph, candidate, resolution);
      if (!first && q - quality <= THRESHOLD) {
        break;
      }
      first = false;
      membership = candidate;
      quality = q;
      level = aggregate(level, moved);
    }
    return new Result(canonical(membership), quality, seed);
  }

  /**
   * Local moving on one level. {@code level} is symmetric, its diagonal holding self-loop weights
   * (a self-loop counts twice in a node's degree, as in networkx). Writes each node's community,
   * numbered 0.., into {@code community}; returns whether any node moved.
   */
  private static boolean oneLevel(double[][] level, double m, double resolution,
      SplittableRandom random, int[] community) {
    int n = level.length;
    double[] degree = new double[n];
    for (int i = 0; i < n; i++) {
      double k = 2 * level[i][i];
      for (int j = 0; j < n; j++) {
        if (j != i) {
          k += level[i][j];
        }
      }
      degree[i] = k;
      community[i] = i;
    }
    double[] total = degree.clone();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double[] toCommunity = new double[n];
    int[] touched = new int[n];
    double twoMSquared = 2 * m * m;
    boolean improved = false;
    int moves = 1;
    while (moves > 0) {
      moves = 0;
      for (int u : order) {
        int count = 0;
        double[] row = level[u];
        for (int j = 0; j < n; j++) {
          if (j != u && row[j] != 0) {
            int c = community[j];
            if (toCommunity[c] == 0) {
              touched[count++] = c;
            }
            toCommunity[c] += row[j];
          }
        }
        int old = community[u];
        double k = degree[u];
        total[old] -= k;
        double removeCost = -toCommunity[old] / m + resolution * total[old] * k / twoMSquared;
        int best = old;
        double bestGain = 0;
        for (int t = 0; t < count; t++) {
          int c = touched[t];
          double gain = removeCost + toCommunity[c] / m - resolution * total[c] * k / twoMSquared;
          if (gain > bestGain) {
            bestGain = gain;
            best = c;
          }
        }
        total[best] += k;
        if (best != old) {
          community[u] = best;
          moves++;
          improved = true;
        }
        for (int t = 0; t < count; t++) {
          toCommunity[touched[t]] = 0;
        }
      }
    }
    int[] renumbered = canonical(community);
    System.arraycopy(renumbered, 0, community, 0, n);
    return improved;
  }

  private static double[][] aggregate(double[][] level, int[] community) {
    int size = 0;
    for (int c : community) {
      size = Math.max(size, c + 1);
    }
    double[][] next = new double[size][size];
    for (int i = 0; i < level.length; i++) {
      int ci = community[i];
      next[ci][ci] += level[i][i];
      for (int j = 0; j < level.length; j++) {
        if (j == i || level[i][j] == 0) {
          continue;
        }
        int cj = community[j];
        // Each internal edge is met from both ends; half each time keeps it once.
        next[ci][cj] += ci == cj ? level[i][j] / 2 : level[i][j];
      }
    }
    return next;
  }

  /** Renumbers communities 0.. in order of first appearance. */
  static int[] canonical(int[] membership) {
    int[] map = new int[membership.length];
    Arrays.fill(map, -1);
    int next = 0;
    int[] out = new int[membership.length];
    for (int i = 0; i < membership.length; i++) {
      int c = membership[i];
      if (map[c] < 0) {
        map[c] = next++;
      }
      out[i] = map[c];
    }
    return out;
  }
}
