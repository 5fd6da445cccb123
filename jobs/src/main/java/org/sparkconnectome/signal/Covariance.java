package org.sparkconnectome.signal;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;

/**
 * Sample covariance of the regions' signals, as {@code numpy.cov(Y.T, bias=...)}.
 *
 * <p>The biased estimate divides by T ({@code bias=True}, the XCP-D / nilearn "covariance"
 * output), the unbiased one by T - 1 (numpy's default, used for partial correlation).
 */
public final class Covariance {

  private Covariance() {
  }

  /** Covariance over all regions, NaN rows and columns for degenerate regions. */
  public static RegionMatrix of(TimeSeries series, boolean unbiased) {
    RegionSignals signals = new RegionSignals(series);
    return signals.expand(healthy(signals.healthySeries(), unbiased));
  }

  /**
   * Covariance of a series without degenerate columns, row-major (symmetric, both triangles
   * filled).
   *
   * <p>One BLAS {@code dsyrk} on the centred series (OpenBLAS when installed, netlib's Java BLAS
   * otherwise) instead of a triple loop reading columns with a stride of n: the row-major T x n
   * series is the column-major n x T matrix A, and {@code A A^T} is the sum of products. The sum
   * is divided by T or T - 1 afterwards, as numpy does.
   */
  static double[] healthy(TimeSeries series, boolean unbiased) {
    int t = series.timepoints();
    int n = series.regions();
    if (unbiased && t < 2) {
      throw new IllegalArgumentException("unbiased covariance needs at least 2 time points");
    }
    double[] cov = new double[n * n];
    if (n == 0) {
      return cov;
    }
    if (t == 0) {
      // No samples: 0 / 0, as the sums of products have always given.
      Arrays.fill(cov, Double.NaN);
      return cov;
    }
    double[] centred = centred(series);
    // Column-major C = A A^T, upper triangle: C(i, j) for i <= j at cov[i + j * n].
    BLAS.getInstance().dsyrk("U", "N", n, t, 1.0, centred, n, 0.0, cov, n);
    double divisor = unbiased ? t - 1 : t;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i <= j; i++) {
        double value = cov[i + j * n] / divisor;
        cov[i + j * n] = value;
        cov[j + i * n] = value;
      }
    }
    return cov;
  }

  /** Each column minus its mean, row-major; the means are summed row by row (sequential reads). */
  static double[] centred(TimeSeries series) {
    int t = series.timepoints();
    int n = series.regions();
    double[] out = series.values().clone();
    double[] mean = new double[n];
    for (int k = 0; k < t; k++) {
      int row = k * n;
      for (int j = 0; j < n; j++) {
        mean[j] += out[row + j];
      }
    }
    for (int j = 0; j < n; j++) {
      mean[j] /= t;
    }
    for (int k = 0; k < t; k++) {
      int row = k * n;
      for (int j = 0; j < n; j++) {
        out[row + j] -= mean[j];
      }
    }
    return out;
  }

  /** Correlation from a covariance: {@code C_ij / sqrt(C_ii C_jj)}, diagonal exactly 1, clipped. */
  static double[] toCorrelation(double[] cov, int n) {
    double[] corr = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // clipped to [-1, 1] like numpy.corrcoef: rounding can step just outside
        double r = cov[i * n + j] / Math.sqrt(cov[i * n + i] * cov[j * n + j]);
        corr[i * n + j] = i == j ? 1.0 : Math.max(-1.0, Math.min(1.0, r));
      }
    }
    return corr;
  }
}
