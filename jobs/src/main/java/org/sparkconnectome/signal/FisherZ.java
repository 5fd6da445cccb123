package org.sparkconnectome.signal;

/**
 * Fisher's z transform of a correlation matrix: {@code arctanh(r)} off the diagonal.
 *
 * <p>The diagonal is set to 0, not to {@code arctanh(1) = +infinity}: 0 keeps sums and means over
 * the matrix finite, and NaN is reserved for degenerate regions, whose rows and columns stay NaN.
 * Off-diagonal correlations of exactly +-1 give +-infinity, as numpy's {@code arctanh} does.
 */
public final class FisherZ {

  private FisherZ() {
  }

  /** The z-transformed matrix, same degenerate regions as the input. */
  public static RegionMatrix of(RegionMatrix correlation) {
    int n = correlation.size();
    double[] z = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double r = correlation.get(i, j);
        if (i == j) {
          z[i * n + j] = correlation.isDegenerate(i) ? Double.NaN : 0.0;
        } else {
          z[i * n + j] = arctanh(r);
        }
      }
    }
    return new RegionMatrix(n, z, correlation.degenerateRegions().clone());
  }

  /** {@code arctanh(r) = 0.5 ln((1 + r) / (1 - r))}, written with log1p for accuracy near 0. */
  public static double arctanh(double r) {
    return 0.5 * (Math.log1p(r) - Math.log1p(-r));
  }
}
