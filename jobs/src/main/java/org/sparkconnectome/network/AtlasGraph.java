package org.sparkconnectome.network;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.ThresholdPolicy;
import org.sparkconnectome.graph.WeightedGraph;
import org.sparkconnectome.graph.metrics.Centrality;
import org.sparkconnectome.graph.metrics.ShortestPaths;

/**
 * The cohort atlas graph of one atlas and measure: per edge the mean weight over runs, the
 * fraction of runs in which the edge survives the threshold policy, and a one-sample t; edges in
 * at least the consensus fraction of runs form the graph, on which PageRank and all-pairs
 * weighted shortest paths are computed.
 *
 * <p>The cohort is reduced with a tree aggregation of per-edge sums, so the driver holds a few
 * numbers per edge whatever the number of runs.
 */
final class AtlasGraph {
  private static final double PATH_TOLERANCE = 1e-9;

  /** The three tables' rows for one atlas and measure. */
  record Tables(List<Row> vertices, List<Row> edges, List<Row> paths) {
  }

  private AtlasGraph() {
  }

  static Tables compute(JavaRDD<Row> connectomes, Atlas atlas, String measure,
      NetworkSettings settings) {
    int n = atlas.regions().size();
    int pairs = n * (n - 1) / 2;
    ThresholdPolicy policy = settings.policy();
    List<String> names = atlas.regionNames();
    // Per pair: runs with a value, sum, sum of squares, runs where the edge survives the policy.
    double[] zero = new double[4 * pairs];
    double[] sums = connectomes.treeAggregate(zero, (acc, row) -> {
      List<Double> upper = row.getList(row.fieldIndex("upper"));
      double[] values = new double[upper.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = upper.get(i);
      }
      WeightedGraph kept = policy.apply(Connectome.fromUpperTriangle(names, values)).get(0)
          .graph();
      int p = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++, p++) {
          double v = values[(int) Connectome.upperIndex(i, j, n)];
          if (!Double.isNaN(v)) {
            acc[4 * p] += 1;
            acc[4 * p + 1] += v;
            acc[4 * p + 2] += v * v;
          }
          if (kept.weight(i, j) > 0) {
            acc[4 * p + 3] += 1;
          }
        }
      }
      return acc;
    }, (a, b) -> {
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
      return a;
    }, 2);
    long runs = connectomes.count();
    double[][] weights = new double[n][n];
    List<Row> edges = new ArrayList<>();
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, p++) {
        double count = sums[4 * p];
        if (count == 0) {
          continue;
        }
        double mean = sums[4 * p + 1] / count;
        double variance = count > 1
            ? (sums[4 * p + 2] - count * mean * mean) / (count - 1) : Double.NaN;
        double t = variance > 0 ? mean / Math.sqrt(variance / count) : Double.NaN;
        double fraction = sums[4 * p + 3] / runs;
        if (fraction >= settings.consensus() && mean > 0 && fraction > 0) {
          weights[i][j] = mean;
          weights[j][i] = mean;
          edges.add(RowFactory.create(atlas.name(), measure, i, j, mean, fraction,
              Double.isFinite(t) ? t : null, (long) count));
        }
      }
    }
    WeightedGraph graph = WeightedGraph.of(weights);
    double[] pagerank = Centrality.pageRank(graph);
    double[][] centroids = atlas.centroidsMm();
    double[] volumes = atlas.volumesMm3();
    List<Row> vertices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Atlas.Region r = atlas.regions().get(i);
      vertices.add(RowFactory.create(atlas.name(), measure, i, r.name(), r.network(),
          r.hemisphere(), finite(centroids[i][0]), finite(centroids[i][1]),
          finite(centroids[i][2]), volumes[i], graph.degree(i), graph.strength(i),
          finite(pagerank[i])));
    }
    double[][] lengths = ShortestPaths.edgeLengths(graph);
    double[][] distances = ShortestPaths.distances(graph);
    List<Row> paths = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      for (int d = 0; d < n; d++) {
        if (s != d && Double.isFinite(distances[s][d])) {
          paths.add(RowFactory.create(atlas.name(), measure, s, d, distances[s][d],
              path(s, d, lengths, distances)));
        }
      }
    }
    return new Tables(vertices, edges, paths);
  }

  /** One shortest path, walking from the source along edges that keep the distance exact. */
  static Integer[] path(int source, int target, double[][] lengths, double[][] distances) {
    List<Integer> nodes = new ArrayList<>(List.of(source));
    int at = source;
    while (at != target) {
      int next = -1;
      for (int u = 0; u < lengths.length && next < 0; u++) {
        double step = lengths[at][u];
        if (u != at && Double.isFinite(step)
            && Math.abs(step + distances[u][target] - distances[at][target])
            <= PATH_TOLERANCE * Math.max(1, distances[at][target])) {
          next = u;
        }
      }
      if (next < 0) {
        throw new IllegalStateException("no shortest-path step from " + at + " to " + target);
      }
      nodes.add(next);
      at = next;
    }
    return nodes.toArray(new Integer[0]);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
