package org.sparkconnectome.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sparkconnectome.graph.GraphMetrics;
import org.sparkconnectome.graph.MetricOptions;
import org.sparkconnectome.graph.WeightedGraph;

/**
 * The cohort's atlas graph as the report draws it: the mean connectome's positive part, its
 * PageRank per node (node size) and its strongest edges.
 *
 * @param pagerank per region, in the names' order
 * @param strongest edges by decreasing weight
 */
record CohortGraph(List<String> names, double[][] mean, double[] pagerank,
    List<Edge> strongest) {

  /** One undirected edge between matrix indices {@code a < b}. */
  record Edge(int a, int b, double weight) {
  }

  /** Builds the graph; keeps the {@code max(n, 10)} strongest positive edges. */
  static CohortGraph of(List<String> names, double[][] mean) {
    int n = names.size();
    double[][] positive = new double[n][n];
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double w = mean[i][j];
        if (i != j && Double.isFinite(w) && w > 0) {
          positive[i][j] = w;
          if (i < j) {
            edges.add(new Edge(i, j, w));
          }
        }
      }
    }
    // One Louvain run and no null graphs: only PageRank is used, the rest is not worth its time.
    GraphMetrics metrics = new GraphMetrics(new MetricOptions(0, 1, 0, 1));
    double[] pagerank = metrics.compute(names, WeightedGraph.of(positive), null).nodes()
        .pagerank();
    edges.sort(Comparator.comparingDouble(Edge::weight).reversed());
    List<Edge> strongest = List.copyOf(edges.subList(0, Math.min(edges.size(),
        Math.max(n, 10))));
    return new CohortGraph(names, mean, pagerank, strongest);
  }
}
