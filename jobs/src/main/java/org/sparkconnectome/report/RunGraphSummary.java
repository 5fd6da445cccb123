package org.sparkconnectome.report;

import java.io.Serializable;
import java.util.List;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.GlobalMetrics;
import org.sparkconnectome.graph.GraphMetrics;
import org.sparkconnectome.graph.MetricOptions;
import org.sparkconnectome.graph.ThresholdPolicy;

/**
 * Whole-graph summaries of one run's correlation connectome (negative weights dropped, no
 * threshold), with modularity of the atlas's networks as the partition.
 */
record RunGraphSummary(double density, double globalEfficiency, double meanClustering,
    double charPathLength, double networkModularity, double louvainModularity)
    implements Serializable {

  /** Names of the metrics in the order of {@link #values()}, as the report labels them. */
  static final List<String> NAMES = List.of("density", "global efficiency", "mean clustering",
      "characteristic path length", "modularity of the atlas networks", "Louvain modularity");

  /** @param partition network index per region, or null when the atlas names no networks */
  static RunGraphSummary of(List<String> names, double[][] matrix, int[] partition) {
    // Few Louvain runs and no null graphs: a report summary, not the statistics of record.
    GraphMetrics metrics = new GraphMetrics(new MetricOptions(0, 3, 0, 1));
    GlobalMetrics g = metrics.analyse(Connectome.fromMatrix(names, zeroNaN(matrix)),
        ThresholdPolicy.defaults(), partition).primary().global();
    return new RunGraphSummary(g.density(), g.globalEfficiency(), g.meanClustering(),
        g.charPathLength(), g.modularity(), g.louvainModularity());
  }

  double[] values() {
    return new double[] {density, globalEfficiency, meanClustering, charPathLength,
        networkModularity, louvainModularity};
  }

  private static double[][] zeroNaN(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
      for (int j = 0; j < m.length; j++) {
        if (Double.isNaN(out[i][j])) {
          out[i][j] = 0;
        }
      }
    }
    return out;
  }
}
