package org.sparkconnectome.stats;

import java.io.Serializable;

/**
 * The edge-wise general linear model of the network-based statistic: for every edge, the t
 * statistic of one design column (the contrast of interest) with the other columns as nuisance.
 *
 * <p>Permutations follow Freedman and Lane (1983), as MRtrix3 and PALM do: the data are first
 * residualised against the nuisance columns, the residuals are permuted, and the full model is
 * fitted again. Because the model is the same for every permutation, a t statistic needs only
 * {@code 1 + q} inner products per edge with permuted weight vectors (the contrast row of the
 * pseudo-inverse and an orthonormal basis of the design), computed for blocks of permutations at
 * once so that each data value is read once per block.
 */
public final class EdgeGlm implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Edges per cache block of the blocked products. */
  private static final int EDGE_BLOCK = 256;

  private final int subjects;
  private final int edges;
  /** Nuisance-residualised data, subject-major: {@code residual[s * edges + e]}. */
  private final double[] residual;
  private final double[] sumOfSquares;
  /** Contrast row of the design's pseudo-inverse. */
  private final double[] contrastWeights;
  /** Orthonormal basis of the design's column space, one row per basis vector. */
  private final double[][] basis;
  private final double varianceFactor;
  private final int degreesOfFreedom;

  private EdgeGlm(int subjects, int edges, double[] residual, double[] sumOfSquares,
      double[] contrastWeights, double[][] basis, double varianceFactor, int degreesOfFreedom) {
    this.subjects = subjects;
    this.edges = edges;
    this.residual = residual;
    this.sumOfSquares = sumOfSquares;
    this.contrastWeights = contrastWeights;
    this.basis = basis;
    this.varianceFactor = varianceFactor;
    this.degreesOfFreedom = degreesOfFreedom;
  }

  /**
   * Prepares the model.
   *
   * @param data one row per subject, one column per edge
   * @param design one row per subject; must include an intercept column if one is wanted
   * @param column the design column whose coefficient is tested (positive direction)
   */
  public static EdgeGlm prepare(double[][] data, double[][] design, int column) {
    int n = data.length;
    int q = design[0].length;
    if (design.length != n) {
      throw new IllegalArgumentException("design has " + design.length + " rows for " + n
          + " subjects");
    }
    if (n <= q) {
      throw new IllegalArgumentException(n + " subjects are too few for a design of " + q
          + " columns");
    }
    int e = data[0].length;
    double[][] xtxInverse = SymmetricInverse.of(SymmetricInverse.gram(design));
    double[] weights = new double[n];
    for (int s = 0; s < n; s++) {
      double w = 0;
      for (int k = 0; k < q; k++) {
        w += xtxInverse[column][k] * design[s][k];
      }
      weights[s] = w;
    }
    double[][] nuisance = new double[n][q - 1];
    for (int s = 0; s < n; s++) {
      for (int k = 0, c = 0; k < q; k++) {
        if (k != column) {
          nuisance[s][c++] = design[s][k];
        }
      }
    }
    double[] residual = new double[n * e];
    for (int s = 0; s < n; s++) {
      System.arraycopy(data[s], 0, residual, s * e, e);
    }
    if (q > 1) {
      double[][] z = orthonormalColumns(nuisance);
      project(residual, n, e, z);
    }
    double[] ss = new double[e];
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < e; j++) {
        double v = residual[s * e + j];
        ss[j] += v * v;
      }
    }
    return new EdgeGlm(n, e, residual, ss, weights, orthonormalColumns(design),
        xtxInverse[column][column], n - q);
  }

  public int subjects() {
    return subjects;
  }

  public int edges() {
    return edges;
  }

  /** Residual degrees of freedom: subjects minus design columns. */
  public int degreesOfFreedom() {
    return degreesOfFreedom;
  }

  /** The t statistics of the unpermuted data. */
  public double[] observed() {
    int[] identity = new int[subjects];
    for (int i = 0; i < subjects; i++) {
      identity[i] = i;
    }
    return tStatistics(new int[][] {identity})[0];
  }

  /**
   * The t statistics for each permutation ({@code perm[r]}: the subject whose residuals row
   * {@code r} receives): one array of edge values per permutation.
   */
  public double[][] tStatistics(int[][] perms) {
    int b = perms.length;
    int rowsPer = 1 + basis.length;
    double[][] weights = new double[b * rowsPer][subjects];
    for (int p = 0; p < b; p++) {
      int[] perm = perms[p];
      for (int r = 0; r < subjects; r++) {
        weights[p * rowsPer][perm[r]] = contrastWeights[r];
        for (int k = 0; k < basis.length; k++) {
          weights[p * rowsPer + 1 + k][perm[r]] = basis[k][r];
        }
      }
    }
    double[][] products = new double[weights.length][edges];
    for (int e0 = 0; e0 < edges; e0 += EDGE_BLOCK) {
      int e1 = Math.min(edges, e0 + EDGE_BLOCK);
      // One output row stays in L1 while the block's data (subjects x EDGE_BLOCK) stays in L2.
      for (int a = 0; a < weights.length; a++) {
        double[] out = products[a];
        double[] w = weights[a];
        for (int s = 0; s < subjects; s++) {
          double m = w[s];
          if (m == 0) {
            continue;
          }
          int offset = s * edges;
          for (int j = e0; j < e1; j++) {
            out[j] += m * residual[offset + j];
          }
        }
      }
    }
    double[][] t = new double[b][edges];
    for (int p = 0; p < b; p++) {
      double[] beta = products[p * rowsPer];
      for (int j = 0; j < edges; j++) {
        double rss = sumOfSquares[j];
        for (int k = 0; k < basis.length; k++) {
          double c = products[p * rowsPer + 1 + k][j];
          rss -= c * c;
        }
        double scale = sumOfSquares[j] * 1e-12;
        t[p][j] = sumOfSquares[j] > 0 && rss > scale
            ? beta[j] / Math.sqrt(rss / degreesOfFreedom * varianceFactor) : Double.NaN;
      }
    }
    return t;
  }

  /** Orthonormal basis (modified Gram-Schmidt) of a matrix's columns, as rows. */
  static double[][] orthonormalColumns(double[][] x) {
    int n = x.length;
    int q = x[0].length;
    double[][] basis = new double[q][n];
    int rank = 0;
    for (int c = 0; c < q; c++) {
      double[] v = new double[n];
      double norm0 = 0;
      for (int s = 0; s < n; s++) {
        v[s] = x[s][c];
        norm0 += v[s] * v[s];
      }
      for (int k = 0; k < rank; k++) {
        double dot = 0;
        for (int s = 0; s < n; s++) {
          dot += basis[k][s] * v[s];
        }
        for (int s = 0; s < n; s++) {
          v[s] -= dot * basis[k][s];
        }
      }
      double norm = 0;
      for (int s = 0; s < n; s++) {
        norm += v[s] * v[s];
      }
      if (norm <= 1e-20 * Math.max(norm0, 1e-300)) {
        throw new IllegalArgumentException("design column " + c
            + " is a combination of the others");
      }
      norm = Math.sqrt(norm);
      for (int s = 0; s < n; s++) {
        basis[rank][s] = v[s] / norm;
      }
      rank++;
    }
    return basis;
  }

  /** Removes from each column of {@code y} (subject-major) its projection on the basis rows. */
  private static void project(double[] y, int n, int e, double[][] basis) {
    for (double[] z : basis) {
      double[] dots = new double[e];
      for (int s = 0; s < n; s++) {
        double zs = z[s];
        int offset = s * e;
        for (int j = 0; j < e; j++) {
          dots[j] += zs * y[offset + j];
        }
      }
      for (int s = 0; s < n; s++) {
        double zs = z[s];
        int offset = s * e;
        for (int j = 0; j < e; j++) {
          y[offset + j] -= zs * dots[j];
        }
      }
    }
  }
}
