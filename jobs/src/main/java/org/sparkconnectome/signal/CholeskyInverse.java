package org.sparkconnectome.signal;

/**
 * Inverse of a symmetric positive definite matrix through its Cholesky factor
 * {@code A = L L^T}, then {@code A^-1 = L^-T L^-1}.
 */
final class CholeskyInverse {

  private CholeskyInverse() {
  }

  /**
   * The inverse of the n x n row-major matrix {@code a}.
   *
   * @throws ArithmeticException naming the failing pivot when {@code a} is not positive definite
   */
  static double[] invert(double[] a, int n) {
    double[] l = new double[n * n];
    for (int j = 0; j < n; j++) {
      double d = a[j * n + j];
      for (int k = 0; k < j; k++) {
        d -= l[j * n + k] * l[j * n + k];
      }
      // A pivot this small relative to the diagonal means the matrix is numerically singular.
      if (!(d > 1e-12 * Math.abs(a[j * n + j]))) {
        throw new ArithmeticException("matrix is not positive definite (pivot " + j + " is "
            + d + ")");
      }
      double ljj = Math.sqrt(d);
      l[j * n + j] = ljj;
      for (int i = j + 1; i < n; i++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        l[i * n + j] = s / ljj;
      }
    }
    // Invert the lower triangle in place of a fresh array.
    double[] li = new double[n * n];
    for (int j = 0; j < n; j++) {
      li[j * n + j] = 1.0 / l[j * n + j];
      for (int i = j + 1; i < n; i++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= l[i * n + k] * li[k * n + j];
        }
        li[i * n + j] = s / l[i * n + i];
      }
    }
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int k = j; k < n; k++) {
          s += li[k * n + i] * li[k * n + j];
        }
        inv[i * n + j] = s;
        inv[j * n + i] = s;
      }
    }
    return inv;
  }
}
