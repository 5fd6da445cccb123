package org.sparkconnectome.stats;

import org.sparkconnectome.signal.Cholesky;

/** Design inverses for the statistics: {@link Cholesky}'s, with the error in design terms. */
final class SymmetricInverse {
  private SymmetricInverse() {
  }

  /**
   * {@code a^-1}; throws IllegalArgumentException, naming the dependent column, when {@code a}
   * is not positive definite.
   */
  static double[][] of(double[][] a) {
    try {
      return Cholesky.inverse(a);
    } catch (Cholesky.NotPositiveDefiniteException e) {
      throw new IllegalArgumentException("matrix is singular (column " + e.pivot()
          + " depends on the others)", e);
    }
  }

  /** {@code x' x} of a row-major matrix with rows as observations. */
  static double[][] gram(double[][] x) {
    int q = x[0].length;
    double[][] g = new double[q][q];
    for (double[] row : x) {
      for (int a = 0; a < q; a++) {
        for (int b = 0; b < q; b++) {
          g[a][b] += row[a] * row[b];
        }
      }
    }
    return g;
  }
}
