package org.sparkconnectome.signal;

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

  /** Covariance of a series without degenerate columns, row-major. */
  static double[] healthy(TimeSeries series, boolean unbiased) {
    int t = series.timepoints();
    int n = series.regions();
    if (unbiased && t < 2) {
      throw new IllegalArgumentException("unbiased covariance needs at least 2 time points");
    }
    double[] centred = centred(series);
    double[] cov = new double[n * n];
    double divisor = unbiased ? t - 1 : t;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < t; k++) {
          sum += centred[k * n + i] * centred[k * n + j];
        }
        cov[i * n + j] = sum / divisor;
        cov[j * n + i] = sum / divisor;
      }
    }
    return cov;
  }

  /** Each column minus its mean, row-major. */
  static double[] centred(TimeSeries series) {
    int t = series.timepoints();
    int n = series.regions();
    double[] out = series.values().clone();
    for (int j = 0; j < n; j++) {
      double mean = 0;
      for (int k = 0; k < t; k++) {
        mean += out[k * n + j];
      }
      mean /= t;
      for (int k = 0; k < t; k++) {
        out[k * n + j] -= mean;
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
