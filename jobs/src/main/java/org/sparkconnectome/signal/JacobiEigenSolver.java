package org.sparkconnectome.signal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Cyclic Jacobi eigen-solver for symmetric matrices: plain JVM code, accurate to a few ulps of
 * the largest eigenvalue, and fast enough for region counts up to about a thousand.
 */
final class JacobiEigenSolver implements SymmetricEigenSolver {

  private static final int MAX_SWEEPS = 100;

  @Override
  public SymmetricEigen decompose(double[] input, int n) {
    double[] a = input.clone();
    double[] v = new double[n * n];
    for (int i = 0; i < n; i++) {
      v[i * n + i] = 1.0;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double x = a[i * n + j] * a[i * n + j];
          total += x;
          if (i != j) {
            off += x;
          }
        }
      }
      if (off <= 1e-30 * total || off == 0) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(a, v, n, p, q);
        }
      }
    }
    double[] diagonal = new double[n];
    for (int i = 0; i < n; i++) {
      diagonal[i] = a[i * n + i];
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> diagonal[i]));
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int k = 0; k < n; k++) {
      values[k] = diagonal[order[k]];
      for (int i = 0; i < n; i++) {
        vectors[i * n + k] = v[i * n + order[k]];
      }
    }
    return new SymmetricEigen(n, values, vectors);
  }

  /** One rotation that zeroes a[p][q] (Golub and Van Loan, symmetric Schur decomposition). */
  private static void rotate(double[] a, double[] v, int n, int p, int q) {
    double apq = a[p * n + q];
    if (apq == 0) {
      return;
    }
    double app = a[p * n + p];
    double aqq = a[q * n + q];
    double tau = (aqq - app) / (2 * apq);
    double t = Math.signum(tau) == 0 ? 1.0 : Math.signum(tau)
        / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
    double c = 1 / Math.sqrt(1 + t * t);
    double s = t * c;
    for (int k = 0; k < n; k++) {
      double akp = a[k * n + p];
      double akq = a[k * n + q];
      a[k * n + p] = c * akp - s * akq;
      a[k * n + q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) {
      double apk = a[p * n + k];
      double aqk = a[q * n + k];
      a[p * n + k] = c * apk - s * aqk;
      a[q * n + k] = s * apk + c * aqk;
    }
    for (int k = 0; k < n; k++) {
      double vkp = v[k * n + p];
      double vkq = v[k * n + q];
      v[k * n + p] = c * vkp - s * vkq;
      v[k * n + q] = s * vkp + c * vkq;
    }
  }
}
