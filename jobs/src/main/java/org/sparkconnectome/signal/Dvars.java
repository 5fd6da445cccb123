package org.sparkconnectome.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Standardised DVARS (Power et al. 2012; Nichols' standardisation, as FSL and nipype compute it),
 * the number XCP-D's QC file averages: per volume, the root mean square over columns of the
 * temporal difference, divided by the mean over columns of its expected standard deviation
 * {@code sqrt(2 (1 - ar1)) * robust_sd}. The robust standard deviation is the interquartile range
 * (numpy's {@code percentile(..., method='lower')}) over 1.349; ar1 is the lag-1 Yule-Walker
 * estimate of the demeaned column; columns whose robust standard deviation is at most 1e-7 are
 * left out. The first volume has no difference and gets 0, as XCP-D writes it.
 */
public final class Dvars {
  private static final double IQR_TO_SD = 1.349;
  private static final double VARIANCE_TOLERANCE = 1e-7;

  private Dvars() {
  }

  /**
   * One value per row of {@code series}; columns holding a non-finite value are left out, and a
   * series with fewer than two rows or no usable column gives NaN after the leading 0.
   */
  public static double[] standardized(TimeSeries series) {
    int t = series.timepoints();
    double[] out = new double[t];
    if (t < 2) {
      return out;
    }
    List<double[]> columns = new ArrayList<>();
    double sdSum = 0;
    for (int n = 0; n < series.regions(); n++) {
      double[] x = series.column(n);
      if (!Arrays.stream(x).allMatch(Double::isFinite)) {
        continue;
      }
      double sd = robustSd(x);
      if (!(sd > VARIANCE_TOLERANCE)) {
        continue;
      }
      columns.add(x);
      sdSum += Math.sqrt(2 * (1 - lagOneAutocorrelation(x))) * sd;
    }
    double expected = sdSum / columns.size();
    for (int i = 1; i < t; i++) {
      double sum = 0;
      for (double[] x : columns) {
        double d = x[i] - x[i - 1];
        sum += d * d;
      }
      out[i] = columns.isEmpty() ? Double.NaN : Math.sqrt(sum / columns.size()) / expected;
    }
    return out;
  }

  /** (Q3 - Q1) / 1.349 with numpy's "lower" percentiles (an element of the sample each). */
  static double robustSd(double[] x) {
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double q3 = sorted[(int) Math.floor(0.75 * (n - 1))];
    double q1 = sorted[(int) Math.floor(0.25 * (n - 1))];
    return (q3 - q1) / IQR_TO_SD;
  }

  /** Yule-Walker AR(1) coefficient of the demeaned signal: r(1) / r(0). */
  static double lagOneAutocorrelation(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double r0 = 0;
    double r1 = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - mean;
      r0 += d * d;
      if (i + 1 < x.length) {
        r1 += d * (x[i + 1] - mean);
      }
    }
    return r0 == 0 ? 0 : r1 / r0;
  }
}
