package org.sparkconnectome.graph.metrics;

import org.sparkconnectome.graph.WeightedGraph;

/**
 * Degree assortativity, as networkx {@code degree_assortativity_coefficient}: the Pearson
 * correlation of the values at the two ends of every edge, each edge taken in both directions.
 */
public final class Assortativity {
  private Assortativity() {
  }

  /** On the binarised graph (node degree), networkx with {@code weight=None}; NaN if undefined. */
  public static double degree(WeightedGraph graph) {
    double[] values = new double[graph.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = graph.degree(i);
    }
    return endCorrelation(graph, values);
  }

  /** On node strength, networkx with {@code weight="weight"} (edges still count once each). */
  public static double strength(WeightedGraph graph) {
    double[] values = new double[graph.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = graph.strength(i);
    }
    return endCorrelation(graph, values);
  }

  private static double endCorrelation(WeightedGraph graph, double[] values) {
    double sum = 0;
    long ends = 0;
    for (int i = 0; i < graph.size(); i++) {
      int k = graph.degree(i);
      sum += values[i] * k;
      ends += k;
    }
    if (ends == 0) {
      return Double.NaN;
    }
    double mean = sum / ends;
    double cross = 0;
    double square = 0;
    for (int i = 0; i < graph.size(); i++) {
      double a = values[i] - mean;
      for (int j : graph.neighbours(i)) {
        cross += a * (values[j] - mean);
        square += a * a;
      }
    }
    return square == 0 ? Double.NaN : cross / square;
  }
}
