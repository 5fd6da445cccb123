package org.sparkconnectome.graph.metrics;

import java.util.SplittableRandom;
import org.sparkconnectome.graph.WeightedGraph;

/**
 * Degree-preserving random graphs by double-edge swaps (Maslov and Sneppen 2002): edges (a,b)
 * and (c,d) become (a,d) and (c,b), each new edge keeping the weight of the edge it came from.
 * Degrees are kept exactly; strengths only approximately; connectedness is not enforced.
 */
public final class NullModels {
  /** Attempts allowed per requested swap before giving up on a graph that cannot be rewired. */
  private static final int ATTEMPTS_PER_SWAP = 10;

  private NullModels() {
  }

  /** A randomised copy with about {@code swapsPerEdge} successful swaps per edge. */
  public static WeightedGraph degreePreserving(WeightedGraph graph, int swapsPerEdge,
      SplittableRandom random) {
    int n = graph.size();
    int edges = Math.toIntExact(graph.edgeCount());
    double[][] w = graph.toMatrix();
    if (edges < 2) {
      return WeightedGraph.of(w);
    }
    int[] from = new int[edges];
    int[] to = new int[edges];
    int e = 0;
    for (int i = 0; i < n; i++) {
      for (int j : graph.neighbours(i)) {
        if (j > i) {
          from[e] = i;
          to[e] = j;
          e++;
        }
      }
    }
    long target = (long) swapsPerEdge * edges;
    long attempts = target * ATTEMPTS_PER_SWAP;
    long done = 0;
    for (long t = 0; t < attempts && done < target; t++) {
      int e1 = random.nextInt(edges);
      int e2 = random.nextInt(edges);
      if (e1 == e2) {
        continue;
      }
      int a = from[e1];
      int b = to[e1];
      int c = from[e2];
      int d = to[e2];
      if (random.nextBoolean()) {
        int s = c;
        c = d;
        d = s;
      }
      if (a == d || c == b || w[a][d] != 0 || w[c][b] != 0) {
        continue;
      }
      double w1 = w[a][b];
      double w2 = w[c][d];
      w[a][b] = 0;
      w[b][a] = 0;
      w[c][d] = 0;
      w[d][c] = 0;
      w[a][d] = w1;
      w[d][a] = w1;
      w[c][b] = w2;
      w[b][c] = w2;
      from[e1] = a;
      to[e1] = d;
      from[e2] = c;
      to[e2] = b;
      done++;
    }
    return WeightedGraph.of(w);
  }
}
