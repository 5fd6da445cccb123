package org.sparkconnectome.signal;

/**
 * Confound regression and detrending as one joint least-squares projection.
 *
 * <p>The design matrix has the columns {@code [1, linspace(-1, 1, T) (when LINEAR), confounds...]}
 * and the result is the residual of each region's signal on it, as
 * {@code Y - X @ numpy.linalg.lstsq(X, Y)[0]}. Fitting trend and confounds together matters:
 * regressing them one after the other re-introduces what the first step removed.
 *
 * <p>The fit uses a Householder QR with column pivoting ({@link PivotedQr}), never the normal
 * equations, so nearly collinear confounds lose no accuracy. Rank deficiency (duplicated or
 * collinear confounds, a constant confound next to the intercept) is handled as a pseudo-inverse
 * would: columns whose pivot falls below {@code max(T, p) * eps * |R_00|} are dropped,
 * {@link #designRank()} reports how many remain, and the residuals are the same as with the
 * pseudo-inverse.
 *
 * <p>Each design column is scaled to unit norm before the fit, which leaves the fitted values
 * unchanged and makes the rank decision independent of the confounds' units: a squared
 * rotation derivative (around 1e-10 rad^2) next to a squared global signal (around 1e6) is a
 * small column, not a collinear one.
 *
 * <p>{@link #residuals(TimeSeries, boolean[])} fits on the kept (uncensored) volumes only and
 * applies the coefficients to every volume, as XCP-D does; there a dropped collinear column gets
 * coefficient 0, which equals the pseudo-inverse answer whenever the collinearity holds on all
 * volumes, not only on the kept ones.
 */
public final class NuisanceRegression {

  private final int timepoints;
  private final int columns;
  private final double[] design;
  private final PivotedQr fullFit;

  /**
   * A regression on the given confounds.
   *
   * @param confounds T x k confound columns (k may be 0); must not contain NaN (fMRIPrep's first
   *     row of derivative confounds is NaN: fill it before calling)
   * @param detrend whether a linear trend joins the intercept
   */
  public NuisanceRegression(TimeSeries confounds, Detrend detrend) {
    this.timepoints = confounds.timepoints();
    double[] x = designMatrix(confounds, detrend);
    this.columns = x.length / Math.max(1, timepoints);
    this.design = unitColumns(x, timepoints, columns);
    this.fullFit = new PivotedQr(design, timepoints, columns);
  }

  /**
   * The design matrix, T x p row-major: intercept, then the linear trend when asked, then the
   * confounds in their order.
   */
  public static double[] designMatrix(TimeSeries confounds, Detrend detrend) {
    int t = confounds.timepoints();
    int k = confounds.regions();
    if (t == 0) {
      throw new IllegalArgumentException("nuisance regression needs at least one time point");
    }
    for (int i = 0; i < confounds.values().length; i++) {
      if (!Double.isFinite(confounds.values()[i])) {
        throw new IllegalArgumentException("confound column " + (i % k) + " has a non-finite "
            + "value at volume " + (i / k) + ": fill or drop it before regression");
      }
    }
    int lead = detrend == Detrend.LINEAR ? 2 : 1;
    int p = lead + k;
    double[] x = new double[t * p];
    for (int row = 0; row < t; row++) {
      x[row * p] = 1.0;
      if (lead == 2) {
        x[row * p + 1] = linspace(row, t);
      }
      for (int c = 0; c < k; c++) {
        x[row * p + lead + c] = confounds.get(row, c);
      }
    }
    return x;
  }

  /** The design with every non-zero column divided by its Euclidean norm. */
  private static double[] unitColumns(double[] x, int rows, int cols) {
    double[] out = x.clone();
    for (int c = 0; c < cols; c++) {
      double norm = 0;
      for (int t = 0; t < rows; t++) {
        norm = Math.hypot(norm, x[t * cols + c]);
      }
      if (norm > 0 && Double.isFinite(norm)) {
        for (int t = 0; t < rows; t++) {
          out[t * cols + c] = x[t * cols + c] / norm;
        }
      }
    }
    return out;
  }

  /** numpy's {@code linspace(-1, 1, t)[row]}: the last point is exactly 1. */
  private static double linspace(int row, int t) {
    if (t == 1) {
      return -1.0;
    }
    if (row == t - 1) {
      return 1.0;
    }
    return -1.0 + row * (2.0 / (t - 1));
  }

  /** Number of design columns (intercept, trend, confounds). */
  public int designColumns() {
    return columns;
  }

  /** Numerical rank of the design on all volumes: less than the columns when some are collinear. */
  public int designRank() {
    return fullFit.rank();
  }

  /** Residuals of every region's signal on the design, fitted on all volumes. */
  public TimeSeries residuals(TimeSeries data) {
    checkLength(data);
    double[] out = new double[data.values().length];
    for (int n = 0; n < data.regions(); n++) {
      TimeSeries.putColumn(out, data.regions(), n, fullFit.residual(data.column(n)));
    }
    return new TimeSeries(timepoints, data.regions(), out);
  }

  /**
   * Residuals with the fit on the kept volumes only, applied to all volumes (XCP-D's handling of
   * censored volumes: high-motion volumes do not bias the fit, yet every volume gets a value for
   * the interpolation and filtering that follow).
   *
   * @param fitVolumes {@code true} for each volume that takes part in the fit
   */
  public TimeSeries residuals(TimeSeries data, boolean[] fitVolumes) {
    checkLength(data);
    if (fitVolumes.length != timepoints) {
      throw new IllegalArgumentException("volume mask has " + fitVolumes.length
          + " entries for " + timepoints + " volumes");
    }
    int kept = 0;
    for (boolean keep : fitVolumes) {
      kept += keep ? 1 : 0;
    }
    if (kept == 0) {
      throw new IllegalArgumentException("all " + timepoints + " volumes are censored: "
          + "nothing to fit the confounds on");
    }
    double[] subset = new double[kept * columns];
    int row = 0;
    for (int t = 0; t < timepoints; t++) {
      if (fitVolumes[t]) {
        System.arraycopy(design, t * columns, subset, row * columns, columns);
        row++;
      }
    }
    PivotedQr fit = new PivotedQr(subset, kept, columns);
    double[] out = new double[data.values().length];
    double[] y = new double[kept];
    for (int n = 0; n < data.regions(); n++) {
      double[] column = data.column(n);
      row = 0;
      for (int t = 0; t < timepoints; t++) {
        if (fitVolumes[t]) {
          y[row++] = column[t];
        }
      }
      double[] beta = fit.coefficients(y);
      for (int t = 0; t < timepoints; t++) {
        double fitted = 0;
        for (int c = 0; c < columns; c++) {
          fitted += design[t * columns + c] * beta[c];
        }
        column[t] -= fitted;
      }
      TimeSeries.putColumn(out, data.regions(), n, column);
    }
    return new TimeSeries(timepoints, data.regions(), out);
  }

  private void checkLength(TimeSeries data) {
    if (data.timepoints() != timepoints) {
      throw new IllegalArgumentException("signals have " + data.timepoints()
          + " volumes but the confounds have " + timepoints);
    }
  }
}
