package org.sparkconnectome.signal;

/**
 * Handling of censored (high-motion) volumes around temporal filtering.
 *
 * <p>A recursive filter cannot skip volumes, yet the values of censored volumes must not leak
 * into their neighbours. So censored volumes are first replaced by values interpolated from the
 * kept ones ({@link #interpolateCensored}), the series is filtered, and the censored volumes are
 * then removed ({@link #dropCensored}). XCP-D offers cubic-spline interpolation; here it is
 * linear between the nearest kept volumes on either side, and a censored run at either end of
 * the series takes the value of the nearest kept volume (no extrapolated trend that the filter
 * would amplify).
 */
public final class Censoring {

  private Censoring() {
  }

  /**
   * A copy of the series with every censored volume linearly interpolated from the kept ones.
   *
   * @param kept one entry per volume, {@code true} for kept volumes
   * @throws IllegalArgumentException if the mask length differs or no volume is kept
   */
  public static TimeSeries interpolateCensored(TimeSeries series, boolean[] kept) {
    int keptCount = checkMask(series, kept);
    if (keptCount == 0) {
      throw new IllegalArgumentException("all " + series.timepoints()
          + " volumes are censored: nothing to interpolate from");
    }
    int t = series.timepoints();
    int n = series.regions();
    double[] out = series.values().clone();
    int previous = -1;
    for (int i = 0; i < t; i++) {
      if (kept[i]) {
        previous = i;
        continue;
      }
      int next = i + 1;
      while (next < t && !kept[next]) {
        next++;
      }
      for (int r = 0; r < n; r++) {
        double value;
        if (previous < 0) {
          value = series.get(next, r);
        } else if (next >= t) {
          value = series.get(previous, r);
        } else {
          double w = (double) (i - previous) / (next - previous);
          value = (1 - w) * series.get(previous, r) + w * series.get(next, r);
        }
        out[i * n + r] = value;
      }
    }
    return new TimeSeries(t, n, out);
  }

  /** The series with only the kept volumes, in order. */
  public static TimeSeries dropCensored(TimeSeries series, boolean[] kept) {
    int keptCount = checkMask(series, kept);
    int n = series.regions();
    double[] out = new double[keptCount * n];
    int row = 0;
    for (int i = 0; i < series.timepoints(); i++) {
      if (kept[i]) {
        System.arraycopy(series.values(), i * n, out, row * n, n);
        row++;
      }
    }
    return new TimeSeries(keptCount, n, out);
  }

  private static int checkMask(TimeSeries series, boolean[] kept) {
    if (kept.length != series.timepoints()) {
      throw new IllegalArgumentException("censoring mask has " + kept.length
          + " entries for " + series.timepoints() + " volumes");
    }
    int count = 0;
    for (boolean k : kept) {
      count += k ? 1 : 0;
    }
    return count;
  }
}
