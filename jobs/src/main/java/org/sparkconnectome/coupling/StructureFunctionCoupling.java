package org.sparkconnectome.coupling;

import java.util.ArrayList;
import java.util.List;

/**
 * Structure-function coupling of one subject's structural (SC) and functional (FC) matrices over
 * one atlas, as Baum et al. 2020 (PNAS 117:771): node i's coupling is the Spearman correlation of
 * row i of SC with row i of FC over the other nodes j; with {@code structuralEdgesOnly} (Baum's
 * choice, the default) only over the j where SC_ij &gt; 0. The whole-matrix correlations are
 * Spearman's over the upper triangle (i &lt; j), all of it and its SC &gt; 0 edges. Pairs where
 * either matrix is NaN (an uncovered region) are left out everywhere.
 */
public final class StructureFunctionCoupling {
  /** Fewer edges than this give a node no coupling (NaN): a rank correlation of two is +-1. */
  public static final int MIN_EDGES = 3;

  private StructureFunctionCoupling() {
  }

  /**
   * One subject's result.
   *
   * @param coupling per node, NaN where it has fewer than {@link #MIN_EDGES} edges or a constant
   *     profile
   * @param edges per node, how many j entered its correlation
   * @param wholeR Spearman over every finite upper-triangle pair
   * @param wholeEdges how many pairs that is
   * @param structuralR Spearman over the upper-triangle pairs with SC &gt; 0
   * @param structuralEdges how many pairs that is
   */
  public record Result(double[] coupling, int[] edges, double wholeR, int wholeEdges,
      double structuralR, int structuralEdges) {
  }

  /** Coupling of square matrices of one size, nodes in one order. */
  public static Result of(double[][] sc, double[][] fc, boolean structuralEdgesOnly) {
    int n = sc.length;
    if (fc.length != n) {
      throw new IllegalArgumentException("matrix sizes differ: " + n + " and " + fc.length);
    }
    double[] coupling = new double[n];
    int[] edges = new int[n];
    for (int i = 0; i < n; i++) {
      List<double[]> pairs = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (j != i && usable(sc[i][j], fc[i][j], structuralEdgesOnly)) {
          pairs.add(new double[] {sc[i][j], fc[i][j]});
        }
      }
      edges[i] = pairs.size();
      coupling[i] = pairs.size() < MIN_EDGES ? Double.NaN : spearman(pairs);
    }
    List<double[]> all = new ArrayList<>();
    List<double[]> structural = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (usable(sc[i][j], fc[i][j], false)) {
          all.add(new double[] {sc[i][j], fc[i][j]});
          if (sc[i][j] > 0) {
            structural.add(new double[] {sc[i][j], fc[i][j]});
          }
        }
      }
    }
    return new Result(coupling, edges, spearman(all), all.size(), spearman(structural),
        structural.size());
  }

  private static boolean usable(double s, double f, boolean structuralEdgesOnly) {
    return Double.isFinite(s) && Double.isFinite(f) && (!structuralEdgesOnly || s > 0);
  }

  private static double spearman(List<double[]> pairs) {
    double[] x = new double[pairs.size()];
    double[] y = new double[pairs.size()];
    for (int k = 0; k < x.length; k++) {
      x[k] = pairs.get(k)[0];
      y[k] = pairs.get(k)[1];
    }
    return SpearmanCorrelation.of(x, y);
  }
}
