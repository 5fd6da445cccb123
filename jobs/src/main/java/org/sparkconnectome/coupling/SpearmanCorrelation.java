package org.sparkconnectome.coupling;

import java.util.Arrays;

/**
 * Spearman's rank correlation as scipy's {@code spearmanr}: ranks with ties given their average
 * rank ({@code rankdata(method="average")}), then the Pearson correlation of the ranks. NaN when
 * fewer than two values, or when either side's ranks are all equal (scipy warns and gives nan).
 */
public final class SpearmanCorrelation {
  private SpearmanCorrelation() {
  }

  /** The correlation of {@code x} and {@code y}, which must be of one length. */
  public static double of(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("lengths differ: " + x.length + " and " + y.length);
    }
    if (x.length < 2) {
      return Double.NaN;
    }
    return pearson(ranks(x), ranks(y));
  }

  /** Ranks 1..n, tied values sharing the mean of the ranks they span. */
  public static double[] ranks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[n];
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && values[order[end]] == values[order[start]]) {
        end++;
      }
      // Positions start..end-1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
      double rank = (start + 1 + end) / 2.0;
      for (int k = start; k < end; k++) {
        ranks[order[k]] = rank;
      }
      start = end;
    }
    return ranks;
  }

  /** Pearson's r with centred sums (as numpy's corrcoef); NaN when either side is constant. */
  static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return Math.max(-1, Math.min(1, r));
  }
}
