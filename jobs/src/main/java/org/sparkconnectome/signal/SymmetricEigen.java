package org.sparkconnectome.signal;

import java.util.function.DoubleUnaryOperator;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix, and the matrix functions built from them.
 *
 * @param size matrix order n
 * @param values eigenvalues, ascending
 * @param vectors eigenvectors as columns of an n x n row-major matrix
 */
record SymmetricEigen(int size, double[] values, double[] vectors) {

  /** Decomposes with the best available solver. */
  static SymmetricEigen of(double[] a, int n) {
    return SymmetricEigenSolver.best().decompose(a, n);
  }

  /** {@code V f(diag(w)) V^T}: the matrix function f (log, exp, inverse square root). */
  double[] map(DoubleUnaryOperator f) {
    int n = size;
    double[] fw = new double[n];
    for (int k = 0; k < n; k++) {
      fw[k] = f.applyAsDouble(values[k]);
    }
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += vectors[i * n + k] * fw[k] * vectors[j * n + k];
        }
        out[i * n + j] = s;
        out[j * n + i] = s;
      }
    }
    return out;
  }

  /** Product of two n x n row-major matrices. */
  static double[] multiply(double[] a, double[] b, int n) {
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i * n + k];
        for (int j = 0; j < n; j++) {
          out[i * n + j] += aik * b[k * n + j];
        }
      }
    }
    return out;
  }

  /** {@code w a w} symmetrised (both w and a symmetric): removes rounding asymmetry. */
  static double[] congruence(double[] w, double[] a, int n) {
    double[] out = multiply(multiply(w, a, n), w, n);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double mean = 0.5 * (out[i * n + j] + out[j * n + i]);
        out[i * n + j] = mean;
        out[j * n + i] = mean;
      }
    }
    return out;
  }
}
