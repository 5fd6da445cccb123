package org.sparkconnectome.signal;

import java.util.Arrays;

/**
 * The Cholesky factor {@code A = L L^T} of a symmetric positive-definite matrix, and its inverse
 * {@code A^-1 = L^-T L^-1}: the one implementation behind partial correlation, the planted
 * connectivity of the sample cohort, and the design and kernel inverses of the statistics.
 */
public final class Cholesky {

  /**
   * A pivot at most this fraction of its diagonal entry means the matrix is numerically
   * singular; the test is relative, so it does not depend on the units of the matrix.
   */
  static final double RELATIVE_PIVOT = 1e-12;

  private Cholesky() {
  }

  /** Thrown when a matrix is not (numerically) positive definite, naming the failing pivot. */
  public static final class NotPositiveDefiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int pivot;

    NotPositiveDefiniteException(int pivot, double value) {
      super("matrix is not positive definite (pivot " + pivot + " is " + value + ")");
      this.pivot = pivot;
    }

    /** The row and column (0-based) whose pivot failed: it depends on the ones before it. */
    public int pivot() {
      return pivot;
    }
  }

  /**
   * The lower-triangular factor {@code L} of the n x n matrix {@code a} (only its lower triangle
   * is read).
   *
   * @throws NotPositiveDefiniteException when {@code a} is not positive definite
   */
  public static double[][] factor(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > RELATIVE_PIVOT * Math.abs(a[j][j]))) {
        throw new NotPositiveDefiniteException(j, d);
      }
      double ljj = Math.sqrt(d);
      l[j][j] = ljj;
      for (int i = j + 1; i < n; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / ljj;
      }
    }
    return l;
  }

  /**
   * The inverse of the symmetric positive-definite matrix {@code a}.
   *
   * @throws NotPositiveDefiniteException when {@code a} is not positive definite
   */
  public static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] l = factor(a);
    double[][] li = new double[n][n];
    for (int j = 0; j < n; j++) {
      li[j][j] = 1.0 / l[j][j];
      for (int i = j + 1; i < n; i++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= l[i][k] * li[k][j];
        }
        li[i][j] = s / l[i][i];
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int k = j; k < n; k++) {
          s += li[k][i] * li[k][j];
        }
        inv[i][j] = s;
        inv[j][i] = s;
      }
    }
    return inv;
  }

  /**
   * The inverse of the n x n row-major matrix {@code a}.
   *
   * @throws NotPositiveDefiniteException when {@code a} is not positive definite
   */
  public static double[] inverse(double[] a, int n) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(a, i * n, (i + 1) * n);
    }
    double[][] inv = inverse(rows);
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(inv[i], 0, out, i * n, n);
    }
    return out;
  }
}
