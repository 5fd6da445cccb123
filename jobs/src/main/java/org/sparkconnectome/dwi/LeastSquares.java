package org.sparkconnectome.dwi;

/**
 * Least-squares solution of a small tall system by Householder QR: the numerically safe way to
 * solve the tensor design, whose b-value columns are three orders of magnitude above the S0 one.
 */
final class LeastSquares {
  private LeastSquares() {
  }

  /**
   * Minimises {@code |A x - b|} for {@code A} of {@code m} rows and {@code n <= m} full-rank
   * columns, stored row-major in {@code a[i * n + j]}. Both arrays are overwritten; the
   * solution lands in {@code x[0..n)}.
   */
  static void solve(double[] a, double[] b, int m, int n, double[] x) {
    for (int k = 0; k < n; k++) {
      double norm = 0;
      for (int i = k; i < m; i++) {
        norm += a[i * n + k] * a[i * n + k];
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        continue;
      }
      double alpha = a[k * n + k] > 0 ? -norm : norm;
      // v = column k below the diagonal with v[k] = a[k][k] - alpha; H = I - 2 v v^T / v^T v.
      double vk = a[k * n + k] - alpha;
      double vtv = vk * vk;
      for (int i = k + 1; i < m; i++) {
        vtv += a[i * n + k] * a[i * n + k];
      }
      if (vtv == 0) {
        continue;
      }
      a[k * n + k] = vk;
      for (int j = k + 1; j < n; j++) {
        double dot = 0;
        for (int i = k; i < m; i++) {
          dot += a[i * n + k] * a[i * n + j];
        }
        double f = 2 * dot / vtv;
        for (int i = k; i < m; i++) {
          a[i * n + j] -= f * a[i * n + k];
        }
      }
      double dot = 0;
      for (int i = k; i < m; i++) {
        dot += a[i * n + k] * b[i];
      }
      double f = 2 * dot / vtv;
      for (int i = k; i < m; i++) {
        b[i] -= f * a[i * n + k];
      }
      a[k * n + k] = alpha;
    }
    for (int k = n - 1; k >= 0; k--) {
      double s = b[k];
      for (int j = k + 1; j < n; j++) {
        s -= a[k * n + j] * x[j];
      }
      x[k] = a[k * n + k] == 0 ? 0 : s / a[k * n + k];
    }
  }
}
