package org.sparkconnectome.signal;

/**
 * Partial correlation between regions from the precision matrix {@code P} (inverse of the
 * unbiased covariance, as {@code numpy.linalg.inv(numpy.cov(Y.T))}):
 * {@code -P_ij / sqrt(P_ii P_jj)}, diagonal 1.
 *
 * <p>The covariance is inverted by Cholesky; it must be positive definite, which fails when
 * there are at least as many healthy regions as time points (or when signals are collinear).
 * The error then says so and points to the Ledoit-Wolf shrunk estimate, which is always
 * invertible.
 */
public final class PartialCorrelation {

  private PartialCorrelation() {
  }

  /** Partial correlations; degenerate regions get NaN rows and columns. */
  public static RegionMatrix of(TimeSeries series) {
    RegionSignals signals = new RegionSignals(series);
    TimeSeries healthy = signals.healthySeries();
    int n = healthy.regions();
    int t = healthy.timepoints();
    String advice = ": use the 'shrunk' measure (Ledoit-Wolf), whose covariance is always "
        + "invertible";
    if (n >= t) {
      throw new IllegalArgumentException("partial correlation needs more time points than "
          + "regions, got " + t + " time points for " + n + " regions" + advice);
    }
    double[] covariance = Covariance.healthy(healthy, true);
    double reciprocalCondition = reciprocalCondition(covariance, n);
    if (reciprocalCondition < MIN_RECIPROCAL_CONDITION) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the covariance "
          + "of %d regions is numerically singular (reciprocal condition %.1e): the region "
          + "signals are linearly dependent, as global signal regression makes them when the "
          + "atlas covers every brain voxel%s", n, reciprocalCondition, advice));
    }
    double[] precision;
    try {
      precision = Cholesky.inverse(covariance, n);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the covariance of " + n + " regions over " + t
          + " time points is singular (collinear region signals)" + advice, e);
    }
    return signals.expand(fromPrecision(precision, n));
  }

  /**
   * Below this ratio of smallest to largest eigenvalue of the correlation matrix the precision
   * matrix is dominated by the near-dependency (and by rounding): the "partial correlations"
   * come out near -1 everywhere. Sample correlation matrices of real data with fewer regions than
   * volumes stay far above it (about (1 - sqrt(N/T))^2 / N).
   */
  static final double MIN_RECIPROCAL_CONDITION = 1e-6;

  /** Smallest over largest eigenvalue of the correlation matrix of this covariance. */
  static double reciprocalCondition(double[] covariance, int n) {
    double[] correlation = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        correlation[i * n + j] = covariance[i * n + j]
            / Math.sqrt(covariance[i * n + i] * covariance[j * n + j]);
      }
    }
    double[] values = SymmetricEigen.of(correlation, n).values();
    return values[0] / values[n - 1];
  }

  static double[] fromPrecision(double[] precision, int n) {
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i * n + j] = i == j ? 1.0 : -precision[i * n + j]
            / Math.sqrt(precision[i * n + i] * precision[j * n + j]);
      }
    }
    return out;
  }
}
