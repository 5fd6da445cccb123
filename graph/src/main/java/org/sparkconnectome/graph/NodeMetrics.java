package org.sparkconnectome.graph;

import java.io.Serializable;
import java.util.List;

/**
 * Per-node metrics of one graph, each array in region order.
 *
 * @param names region labels
 * @param degree number of edges
 * @param strength sum of edge weights
 * @param clustering Onnela weighted clustering (weights scaled by the largest)
 * @param pagerank networkx PageRank, damping 0.85, on weights
 * @param betweenness unnormalised betweenness on distances 1/weight, each pair once
 * @param participation BCT participation coefficient over {@code community}
 * @param localEfficiency networkx local efficiency (unweighted)
 * @param community the given partition's community index, or the Louvain one without a partition
 * @param louvainCommunity community of the best Louvain partition
 */
public record NodeMetrics(List<String> names, int[] degree, double[] strength,
    double[] clustering, double[] pagerank, double[] betweenness, double[] participation,
    double[] localEfficiency, int[] community, int[] louvainCommunity) implements Serializable {

  /** Number of nodes. */
  public int size() {
    return names.size();
  }
}
