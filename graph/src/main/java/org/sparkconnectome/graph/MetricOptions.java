package org.sparkconnectome.graph;

import java.io.Serializable;

/**
 * Settings of the randomised metrics: Louvain runs (best modularity kept) and the null graphs of
 * small-worldness, all derived from one seed so a result can be reproduced.
 *
 * @param seed base seed of Louvain runs and null graphs
 * @param louvainRuns Louvain runs with seeds seed, seed+1, ...; the best modularity is kept
 * @param nullGraphs degree-preserving random graphs for small-worldness; 0 skips it
 * @param swapsPerEdge double-edge swaps per edge when randomising
 */
public record MetricOptions(long seed, int louvainRuns, int nullGraphs, int swapsPerEdge)
    implements Serializable {

  public MetricOptions {
    if (louvainRuns < 1) {
      throw new IllegalArgumentException("louvainRuns must be at least 1, got " + louvainRuns);
    }
    if (nullGraphs < 0 || swapsPerEdge < 1) {
      throw new IllegalArgumentException("nullGraphs must be >= 0 and swapsPerEdge >= 1, got "
          + nullGraphs + " and " + swapsPerEdge);
    }
  }

  /** Seed 0, 10 Louvain runs, 10 null graphs with 10 swaps per edge. */
  public static MetricOptions defaults() {
    return new MetricOptions(0, 10, 10, 10);
  }
}
