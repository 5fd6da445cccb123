package org.sparkconnectome.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The healthy regions of a time series and the way back from a matrix over them to one over all
 * regions.
 *
 * <p>A region is degenerate when any of its values is NaN or infinite, or when it is constant:
 * its standard deviation is at most {@code 1e-10 * max|x|} (a relative threshold, so a constant
 * signal of 10000 with rounding noise still counts as constant). Correlations of such a region
 * are undefined, and inverting a covariance with it would fail or spread NaN everywhere, so the
 * measures compute on the healthy regions and put NaN rows and columns back for the others.
 */
final class RegionSignals {

  private static final double RELATIVE_STD_FLOOR = 1e-10;

  private final int regions;
  private final int[] healthy;
  private final int[] degenerate;
  private final TimeSeries healthySeries;

  RegionSignals(TimeSeries series) {
    this.regions = series.regions();
    List<Integer> good = new ArrayList<>();
    List<Integer> bad = new ArrayList<>();
    for (int n = 0; n < regions; n++) {
      (isDegenerate(series.column(n)) ? bad : good).add(n);
    }
    this.healthy = good.stream().mapToInt(Integer::intValue).toArray();
    this.degenerate = bad.stream().mapToInt(Integer::intValue).toArray();
    int t = series.timepoints();
    double[] values = new double[t * healthy.length];
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < healthy.length; k++) {
        values[i * healthy.length + k] = series.get(i, healthy[k]);
      }
    }
    this.healthySeries = new TimeSeries(t, healthy.length, values);
  }

  static boolean isDegenerate(double[] x) {
    if (x.length == 0) {
      return true;
    }
    double sum = 0;
    double max = 0;
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return true;
      }
      sum += v;
      max = Math.max(max, Math.abs(v));
    }
    double mean = sum / x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / x.length) <= RELATIVE_STD_FLOOR * max;
  }

  /** The series restricted to healthy regions, in their original order. */
  TimeSeries healthySeries() {
    return healthySeries;
  }

  int[] degenerate() {
    return degenerate.clone();
  }

  /** A matrix over the healthy regions expanded to all regions with NaN for degenerate ones. */
  RegionMatrix expand(double[] healthyMatrix) {
    return expand(healthyMatrix, healthy, degenerate, regions);
  }

  static RegionMatrix expand(double[] sub, int[] healthy, int[] degenerate, int regions) {
    double[] full = new double[regions * regions];
    Arrays.fill(full, Double.NaN);
    int m = healthy.length;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        full[healthy[i] * regions + healthy[j]] = sub[i * m + j];
      }
    }
    return new RegionMatrix(regions, full, degenerate.clone());
  }
}
