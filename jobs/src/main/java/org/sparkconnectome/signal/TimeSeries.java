package org.sparkconnectome.signal;

import java.io.Serializable;

/**
 * A T x N matrix of signals: {@code timepoints} rows (volumes) by {@code regions} columns.
 *
 * <p>Values are row-major: region {@code n} at time {@code t} is {@code values[t * regions + n]},
 * so one volume's values are contiguous (the order in which a parcellation produces them). The
 * array is shared, not copied: operations in this package never modify their input and return new
 * series. {@code regions} may be 0 (e.g. an empty confound set).
 *
 * @param timepoints number of rows (time points, volumes)
 * @param regions number of columns (regions, confounds, voxels)
 * @param values {@code timepoints * regions} values, row-major
 */
public record TimeSeries(int timepoints, int regions, double[] values)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public TimeSeries {
    if (timepoints < 0 || regions < 0) {
      throw new IllegalArgumentException(
          "time series shape must be >= 0, got " + timepoints + " x " + regions);
    }
    if (values == null || values.length != (long) timepoints * regions) {
      throw new IllegalArgumentException("time series " + timepoints + " x " + regions
          + " needs " + ((long) timepoints * regions) + " values, got "
          + (values == null ? "none" : values.length));
    }
  }

  /** A series of zeros. */
  public static TimeSeries zeros(int timepoints, int regions) {
    return new TimeSeries(timepoints, regions, new double[timepoints * regions]);
  }

  /** Builds a series from {@code columns[n][t]}: one array per region, all of the same length. */
  public static TimeSeries ofColumns(int timepoints, double[]... columns) {
    double[] values = new double[timepoints * columns.length];
    for (int n = 0; n < columns.length; n++) {
      if (columns[n].length != timepoints) {
        throw new IllegalArgumentException("column " + n + " has " + columns[n].length
            + " values, expected " + timepoints);
      }
      for (int t = 0; t < timepoints; t++) {
        values[t * columns.length + n] = columns[n][t];
      }
    }
    return new TimeSeries(timepoints, columns.length, values);
  }

  /** The value of region {@code n} at time {@code t}. */
  public double get(int t, int n) {
    return values[t * regions + n];
  }

  /** A copy of region {@code n}'s signal over time. */
  public double[] column(int n) {
    double[] out = new double[timepoints];
    for (int t = 0; t < timepoints; t++) {
      out[t] = values[t * regions + n];
    }
    return out;
  }

  /** Writes {@code column} into region {@code n} of {@code target} (same shape as this). */
  static void putColumn(double[] target, int regions, int n, double[] column) {
    for (int t = 0; t < column.length; t++) {
      target[t * regions + n] = column[t];
    }
  }
}
