package org.sparkconnectome.stats;

import java.util.List;

/**
 * What the network-based statistic found.
 *
 * @param t edge t statistics (off-diagonal, row-major upper triangle)
 * @param componentOfEdge component index of each supra-threshold edge, -1 otherwise
 * @param components components by decreasing size
 * @param nullMaxSize largest component size of each permutation, by permutation index
 */
public record NbsResult(double[] t, int[] componentOfEdge, List<Component> components,
    double[] nullMaxSize, double threshold, int permutations, long seed) {

  /**
   * One supra-threshold component.
   *
   * @param edges indices of its edges
   * @param size number of edges (the statistic the FWE p-value is computed on)
   * @param intensity sum of its edges' t statistics
   * @param pValue family-wise error corrected: (1 + #{null max size >= size}) / (1 + N)
   */
  public record Component(int[] edges, int size, double intensity, double pValue) {
  }
}
