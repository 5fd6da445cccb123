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
    double[] precision;
    try {
      precision = CholeskyInverse.invert(Covariance.healthy(healthy, true), n);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the covariance of " + n + " regions over " + t
          + " time points is singular (collinear region signals)" + advice, e);
    }
    return signals.expand(fromPrecision(precision, n));
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
