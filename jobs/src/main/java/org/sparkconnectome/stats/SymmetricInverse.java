package org.sparkconnectome.stats;

/** Inverse of a small symmetric positive-definite matrix by Cholesky factorisation. */
final class SymmetricInverse {
  private SymmetricInverse() {
  }

  /** {@code a^-1}; throws IllegalArgumentException when {@code a} is not positive definite. */
  static double[][] of(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(sum > 1e-12 * Math.max(1.0, Math.abs(a[i][i])))) {
            throw new IllegalArgumentException("matrix is singular (column " + i
                + " depends on the others)");
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int c = 0; c < n; c++) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double s = i == c ? 1 : 0;
        for (int k = 0; k < i; k++) {
          s -= l[i][k] * y[k];
        }
        y[i] = s / l[i][i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double s = y[i];
        for (int k = i + 1; k < n; k++) {
          s -= l[k][i] * inv[k][c];
        }
        inv[i][c] = s / l[i][i];
      }
    }
    return inv;
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
