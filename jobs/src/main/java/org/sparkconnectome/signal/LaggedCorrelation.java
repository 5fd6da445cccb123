package org.sparkconnectome.signal;

import java.util.Arrays;

/**
 * Lagged cross-correlation per ordered pair: for source i (row) and target j (column), the
 * Pearson correlation of x_i(t) with x_j(t + lag) over the sample pairs (t, t + lag) that lie
 * in one contiguous stretch ({@link Segments}), means and deviations taken over those pairs;
 * the value is the correlation of largest |r| over lags 1..maxLag (the smallest such lag on a
 * tie) and the lag it is found at. Positive values at a lag say the source leads the target.
 *
 * @param peak r at the peak lag (diagonal: n/a, a region's own autocorrelation is not a link)
 * @param lag the peak lag in volumes (NaN where the peak is)
 */
public record LaggedCorrelation(RegionMatrix peak, RegionMatrix lag) {

  /** The lagged correlation of every ordered pair of {@code series}' regions. */
  public static LaggedCorrelation of(TimeSeries series, Segments segments, int maxLag) {
    int r = series.regions();
    if (segments.samples() != series.timepoints()) {
      throw new IllegalArgumentException("segments cover " + segments.samples()
          + " samples, the series has " + series.timepoints());
    }
    if (maxLag < 1) {
      throw new IllegalArgumentException("the largest lag must be at least 1, got " + maxLag);
    }
    double[][] columns = new double[r][];
    for (int n = 0; n < r; n++) {
      columns[n] = series.column(n);
    }
    double[] peak = new double[r * r];
    double[] lagOf = new double[r * r];
    Arrays.fill(peak, Double.NaN);
    Arrays.fill(lagOf, Double.NaN);
    for (int lag = 1; lag <= maxLag; lag++) {
      int[] ends = segments.usable(lag);
      if (ends.length < 3) {
        continue;
      }
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          if (i == j) {
            continue;
          }
          double c = pearson(columns[i], columns[j], ends, lag);
          int k = i * r + j;
          if (Double.isFinite(c) && (Double.isNaN(peak[k]) || Math.abs(c) > Math.abs(peak[k]))) {
            peak[k] = c;
            lagOf[k] = lag;
          }
        }
      }
    }
    return new LaggedCorrelation(RegionMatrix.of(r, peak), RegionMatrix.of(r, lagOf));
  }

  /** Pearson correlation of x(t - lag) with y(t) over the given t. */
  private static double pearson(double[] x, double[] y, int[] ends, int lag) {
    double mx = 0;
    double my = 0;
    for (int t : ends) {
      mx += x[t - lag];
      my += y[t];
    }
    mx /= ends.length;
    my /= ends.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int t : ends) {
      double dx = x[t - lag] - mx;
      double dy = y[t] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
