package org.sparkconnectome.sample;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An fMRIPrep-style {@code desc-confounds_timeseries.tsv}: motion with derivatives and squares,
 * tissue signals, CompCor components, framewise displacement, non-steady-state flags. Derivative
 * columns start with {@code n/a}, as fMRIPrep writes them.
 */
public final class GeneratedConfounds {
  private final Map<String, double[]> columns = new LinkedHashMap<>();
  private final int timepoints;

  public GeneratedConfounds(int timepoints) {
    this.timepoints = timepoints;
  }

  /** Adds a column; NaN values are written as {@code n/a}. */
  public void put(String name, double[] values) {
    if (values.length != timepoints) {
      throw new IllegalArgumentException(name + ": " + values.length + " values, expected "
          + timepoints);
    }
    columns.put(name, values);
  }

  /** Adds {@code name}, its first derivative, and both squared (fMRIPrep's column names). */
  public void putWithExpansions(String name, double[] values) {
    double[] derivative = new double[timepoints];
    derivative[0] = Double.NaN;
    for (int t = 1; t < timepoints; t++) {
      derivative[t] = values[t] - values[t - 1];
    }
    put(name, values);
    put(name + "_derivative1", derivative);
    put(name + "_power2", squared(values));
    put(name + "_derivative1_power2", squared(derivative));
  }

  private static double[] squared(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] * values[i];
    }
    return out;
  }

  public List<String> names() {
    return new ArrayList<>(columns.keySet());
  }

  /** Writes the TSV with a header row. */
  public void write(Writer out) throws IOException {
    out.write(String.join("\t", columns.keySet()));
    out.write('\n');
    for (int t = 0; t < timepoints; t++) {
      StringBuilder line = new StringBuilder();
      for (double[] values : columns.values()) {
        if (line.length() > 0) {
          line.append('\t');
        }
        double v = values[t];
        line.append(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.8g", v));
      }
      out.write(line.append('\n').toString());
    }
  }
}
