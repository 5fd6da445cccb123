package org.sparkconnectome.graph;

import java.io.Serializable;

/**
 * Whole-graph metrics of one graph. Undefined values (no edges, no partition given) are NaN.
 *
 * @param nodes number of nodes
 * @param edges number of undirected edges
 * @param totalWeight sum of edge weights
 * @param density edges / (n(n-1)/2)
 * @param charPathLength mean finite off-diagonal distance (distance = 1/weight)
 * @param globalEfficiency mean of 1/distance over off-diagonal pairs, 0 when none is reachable
 * @param meanLocalEfficiency networkx local efficiency (unweighted)
 * @param meanClustering mean Onnela clustering over all nodes
 * @param modularity modularity of the given partition; NaN without one
 * @param louvainModularity modularity of the best Louvain partition
 * @param louvainCommunities number of communities of that partition
 * @param components number of connected components (isolated nodes included)
 * @param degreeAssortativity networkx degree assortativity on the binarised graph
 * @param strengthAssortativity the same correlation on node strengths
 * @param richClub unnormalised rich-club coefficient phi(k) for k = 0, 1, ... (binarised)
 * @param smallWorldness sigma and its parts against degree-preserving null graphs
 */
public record GlobalMetrics(int nodes, long edges, double totalWeight, double density,
    double charPathLength, double globalEfficiency, double meanLocalEfficiency,
    double meanClustering, double modularity, double louvainModularity, int louvainCommunities,
    int components, double degreeAssortativity, double strengthAssortativity, double[] richClub,
    org.sparkconnectome.graph.metrics.SmallWorld.Result smallWorldness) implements Serializable {
}
