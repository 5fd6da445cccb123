package org.sparkconnectome.graph;

import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.graph.metrics.Assortativity;
import org.sparkconnectome.graph.metrics.Centrality;
import org.sparkconnectome.graph.metrics.Clustering;
import org.sparkconnectome.graph.metrics.Components;
import org.sparkconnectome.graph.metrics.Efficiency;
import org.sparkconnectome.graph.metrics.Louvain;
import org.sparkconnectome.graph.metrics.Modularity;
import org.sparkconnectome.graph.metrics.Participation;
import org.sparkconnectome.graph.metrics.RichClub;
import org.sparkconnectome.graph.metrics.ShortestPaths;
import org.sparkconnectome.graph.metrics.SmallWorld;

/**
 * Computes every per-subject metric of a connectome: the single entry point for the CLI and for
 * Spark tasks (stateless, so one instance can be shared by a task's records).
 */
public final class GraphMetrics {
  private final MetricOptions options;

  public GraphMetrics(MetricOptions options) {
    this.options = options;
  }

  /**
   * Applies the policy and computes the metrics of each resulting graph.
   *
   * @param partition a community index per region (aligned with the connectome's names), or null
   */
  public GraphAnalysis analyse(Connectome connectome, ThresholdPolicy policy, int[] partition) {
    List<SignedMetrics> parts = new ArrayList<>();
    for (ThresholdPolicy.SignedGraph g : policy.apply(connectome)) {
      Result r = compute(connectome.names(), g.graph(), partition);
      parts.add(new SignedMetrics(g.sign(), r.nodes(), r.global()));
    }
    return new GraphAnalysis(policy, options, List.copyOf(parts));
  }

  /** Node and global metrics of one graph. */
  public record Result(NodeMetrics nodes, GlobalMetrics global) {
  }

  /** The metrics of one non-negative graph; {@code partition} may be null. */
  public Result compute(List<String> names, WeightedGraph graph, int[] partition) {
    int n = graph.size();
    if (names.size() != n || (partition != null && partition.length != n)) {
      throw new IllegalArgumentException("graph has " + n + " nodes but " + names.size()
          + " names" + (partition == null ? "" : " and " + partition.length
              + " partition entries"));
    }
    int[] degree = new int[n];
    double[] strength = new double[n];
    for (int i = 0; i < n; i++) {
      degree[i] = graph.degree(i);
      strength[i] = graph.strength(i);
    }
    double[][] distances = ShortestPaths.distances(graph);
    double[] clustering = Clustering.onnela(graph);
    double[] local = Efficiency.localUnweighted(graph);
    Louvain.Result louvain = Louvain.bestOf(graph, options.louvainRuns(), options.seed(), 1.0);
    int[] community = partition == null ? louvain.membership() : partition.clone();
    NodeMetrics nodes = new NodeMetrics(List.copyOf(names), degree, strength, clustering,
        Centrality.pageRank(graph), Centrality.betweenness(graph),
        Participation.coefficients(graph, community), local, community, louvain.membership());

    double pathLength = ShortestPaths.characteristicPathLength(distances);
    double meanClustering = Clustering.mean(clustering);
    SmallWorld.Result smallWorld = SmallWorld.sigma(graph, meanClustering, pathLength,
        options.nullGraphs(), options.swapsPerEdge(), options.seed());
    int communities = 0;
    for (int c : louvain.membership()) {
      communities = Math.max(communities, c + 1);
    }
    double possible = (double) n * (n - 1) / 2;
    GlobalMetrics global = new GlobalMetrics(n, graph.edgeCount(), graph.totalWeight(),
        possible == 0 ? Double.NaN : graph.edgeCount() / possible,
        pathLength, Efficiency.global(distances), Efficiency.mean(local), meanClustering,
        partition == null ? Double.NaN : Modularity.of(graph, partition, 1.0),
        louvain.modularity(), communities, Components.count(graph),
        Assortativity.degree(graph), Assortativity.strength(graph), RichClub.coefficients(graph),
        smallWorld);
    return new Result(nodes, global);
  }
}
