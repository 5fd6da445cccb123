package org.sparkconnectome.signal;

import java.util.Arrays;
import org.apache.commons.math3.special.Beta;

/**
 * Granger causality F tests at order p, "row Granger-causes column", on the samples t whose
 * t - p .. t lie in one contiguous stretch ({@link Segments}), so no lag spans a censored
 * volume or a run boundary.
 *
 * <p>Pairwise (statsmodels' {@code grangercausalitytests}, ssr F test): for target y = j the
 * restricted model regresses y_t on a constant and y_{t-1..t-p}; the unrestricted one adds the
 * source's x_{t-1..t-p}; F = ((RSS_r - RSS_u) / p) / (RSS_u / (n - 2p - 1)) with n usable
 * samples, p-value from F(p, n - 2p - 1).
 *
 * <p>Conditional (multivariate): the unrestricted model regresses y_t on a constant and lags
 * 1..p of every region (statsmodels' VAR(p) equation of y); the restricted one drops the
 * source's lags; F = ((RSS_r - RSS_u) / p) / (RSS_u / (n - Rp - 1)), which is statsmodels'
 * {@code VARResults.test_causality(j, i, kind='f')} statistic; the p-value is from
 * F(p, n - Rp - 1), the single-equation test (statsmodels' VAR test uses R (n - Rp - 1)
 * denominator degrees of freedom, the whole system's).
 *
 * @param f F statistic, row = source, column = target; the diagonal is n/a
 * @param p its p-value
 */
public record GrangerCausality(RegionMatrix f, RegionMatrix p) {

  /** Pairwise tests of every ordered pair; throws when too few samples are usable. */
  public static GrangerCausality pairwise(TimeSeries series, Segments segments, int order) {
    int r = series.regions();
    int[] rows = usableRows(series, segments, order);
    int n = rows.length;
    int dfResid = n - 2 * order - 1;
    if (dfResid < 1) {
      throw new IllegalArgumentException("Granger order " + order + " needs more than "
          + (2 * order + 1) + " usable samples (t - " + order + " .. t in one uncensored "
          + "stretch), the run has " + n);
    }
    double[][] target = new double[r][];
    double[][][] lags = new double[r][][];
    for (int k = 0; k < r; k++) {
      target[k] = select(series.column(k), rows, 0);
      lags[k] = new double[order][];
      for (int l = 1; l <= order; l++) {
        lags[k][l - 1] = select(series.column(k), rows, l);
      }
    }
    double[] f = nanSquare(r);
    double[] pv = nanSquare(r);
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    for (int j = 0; j < r; j++) {
      double[][] basis = new double[order + 1][];
      int size = 0;
      size = extend(basis, size, ones);
      for (double[] lag : lags[j]) {
        size = extend(basis, size, lag);
      }
      double[] resid = residual(target[j], basis, size);
      double rssR = dot(resid, resid);
      for (int i = 0; i < r; i++) {
        if (i == j) {
          continue;
        }
        double[][] more = Arrays.copyOf(basis, size + order);
        int grown = size;
        for (double[] lag : lags[i]) {
          grown = extend(more, grown, lag);
        }
        double[] u = residual(resid, more, grown);
        double rssU = dot(u, u);
        double stat = ((rssR - rssU) / order) / (rssU / dfResid);
        f[i * r + j] = stat;
        pv[i * r + j] = survival(stat, order, dfResid);
      }
    }
    return new GrangerCausality(RegionMatrix.of(r, f), RegionMatrix.of(r, pv));
  }

  /**
   * The conditional tests of every ordered pair; throws when {@code regions x order} is not
   * well below the usable samples (see {@link #conditionalRefusal}).
   */
  public static GrangerCausality conditional(TimeSeries series, Segments segments,
      int order) {
    int r = series.regions();
    int[] rows = usableRows(series, segments, order);
    String refusal = conditionalRefusal(r, order, rows.length);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    int n = rows.length;
    int k = r * order + 1;
    int dfResid = n - k;
    double[][] design = new double[k][];
    design[0] = new double[n];
    Arrays.fill(design[0], 1);
    for (int s = 0; s < r; s++) {
      for (int l = 1; l <= order; l++) {
        design[1 + s * order + l - 1] = select(series.column(s), rows, l);
      }
    }
    double[] f = nanSquare(r);
    double[] pv = nanSquare(r);
    for (int i = 0; i < r; i++) {
      // The design without the source's lags, with them appended last: the residual of the
      // appended columns measures what the source adds.
      double[][] basis = new double[k][];
      int size = 0;
      for (int c = 0; c < k; c++) {
        if (c < 1 + i * order || c >= 1 + (i + 1) * order) {
          size = extend(basis, size, design[c]);
        }
      }
      int restricted = size;
      for (int l = 0; l < order; l++) {
        size = extend(basis, size, design[1 + i * order + l]);
      }
      for (int j = 0; j < r; j++) {
        if (i == j) {
          continue;
        }
        double[] y = select(series.column(j), rows, 0);
        double[] resR = residual(y, basis, restricted);
        double rssR = dot(resR, resR);
        double[] resU = residual(resR, Arrays.copyOfRange(basis, restricted, size),
            size - restricted);
        double rssU = dot(resU, resU);
        double stat = ((rssR - rssU) / order) / (rssU / dfResid);
        f[i * r + j] = stat;
        pv[i * r + j] = survival(stat, order, dfResid);
      }
    }
    return new GrangerCausality(RegionMatrix.of(r, f), RegionMatrix.of(r, pv));
  }

  /**
   * Why the conditional test is not computed for {@code regions} at {@code order} on
   * {@code usable} samples, or null when it is: the model's R p + 1 coefficients must be at most
   * half the usable samples, leaving at least as many residual degrees of freedom.
   */
  public static String conditionalRefusal(int regions, int order, int usable) {
    long coefficients = (long) regions * order + 1;
    if (2 * coefficients > usable) {
      return "conditional Granger needs the " + coefficients + " coefficients (regions x "
          + "order + 1 = " + regions + " x " + order + " + 1) to be at most half the usable "
          + "samples, the run has " + usable + " (t - " + order + " .. t in one uncensored "
          + "stretch)";
    }
    return null;
  }

  /** The number of samples the tests at {@code order} use. */
  public static int usableSamples(Segments segments, int order) {
    return segments.usable(order).length;
  }

  private static int[] usableRows(TimeSeries series, Segments segments, int order) {
    if (order < 1) {
      throw new IllegalArgumentException("the Granger order must be at least 1, got " + order);
    }
    if (segments.samples() != series.timepoints()) {
      throw new IllegalArgumentException("segments cover " + segments.samples()
          + " samples, the series has " + series.timepoints());
    }
    return segments.usable(order);
  }

  /**
   * P(F(d1, d2) > stat) as scipy's {@code f.sf}, through the regularised incomplete beta
   * function so that small p-values keep their precision.
   */
  static double survival(double stat, int d1, int d2) {
    if (!Double.isFinite(stat)) {
      return Double.NaN;
    }
    if (stat <= 0) {
      return 1;
    }
    return Beta.regularizedBeta(d2 / (d2 + d1 * stat), d2 / 2.0, d1 / 2.0);
  }

  private static double[] select(double[] x, int[] rows, int lag) {
    double[] out = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = x[rows[k] - lag];
    }
    return out;
  }

  private static double[] nanSquare(int r) {
    double[] out = new double[r * r];
    Arrays.fill(out, Double.NaN);
    return out;
  }

  /**
   * Adds {@code column} to the orthonormal {@code basis} (Gram-Schmidt, twice for accuracy);
   * a column in the span of the basis (rank deficient, as numpy's lstsq would drop) is left out.
   */
  private static int extend(double[][] basis, int size, double[] column) {
    double norm0 = Math.sqrt(dot(column, column));
    double[] v = residual(column, basis, size);
    v = residual(v, basis, size);
    double norm = Math.sqrt(dot(v, v));
    if (!(norm > 1e-12 * Math.max(norm0, Double.MIN_NORMAL))) {
      return size;
    }
    for (int t = 0; t < v.length; t++) {
      v[t] /= norm;
    }
    basis[size] = v;
    return size + 1;
  }

  /** {@code y} minus its projection on the first {@code size} orthonormal basis vectors. */
  private static double[] residual(double[] y, double[][] basis, int size) {
    double[] out = y.clone();
    for (int b = 0; b < size; b++) {
      double c = dot(out, basis[b]);
      double[] q = basis[b];
      for (int t = 0; t < out.length; t++) {
        out[t] -= c * q[t];
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int t = 0; t < a.length; t++) {
      s += a[t] * b[t];
    }
    return s;
  }
}
