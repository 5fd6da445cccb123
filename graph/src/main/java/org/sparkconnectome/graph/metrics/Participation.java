package org.sparkconnectome.graph.metrics;

import org.sparkconnectome.graph.WeightedGraph;

/**
 * BCT's participation coefficient ({@code participation_coef}, undirected, on weights):
 * 1 - sum over modules of (strength into the module / strength)^2; 0 for isolated nodes.
 */
public final class Participation {
  private Participation() {
  }

  /** Participation of every node given a module index per node. */
  public static double[] coefficients(WeightedGraph graph, int[] membership) {
    int n = graph.size();
    int modules = 0;
    for (int c : membership) {
      modules = Math.max(modules, c + 1);
    }
    double[] p = new double[n];
    double[] into = new double[modules];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(into, 0);
      double strength = 0;
      for (int j : graph.neighbours(i)) {
        double w = graph.weight(i, j);
        into[membership[j]] += w;
        strength += w;
      }
      if (strength == 0) {
        continue;
      }
      double squares = 0;
      for (double v : into) {
        squares += v * v;
      }
      p[i] = 1 - squares / (strength * strength);
    }
    return p;
  }
}
