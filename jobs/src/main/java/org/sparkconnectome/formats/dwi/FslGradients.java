package org.sparkconnectome.formats.dwi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * Reads FSL {@code .bval} / {@code .bvec} pairs into a {@link GradientTable}.
 *
 * <p>A bval file is one row of numbers (one column is accepted too); a bvec file is three rows,
 * x, y and z, with one column per volume, or, as DIPY's {@code read_bvals_bvecs} accepts, one
 * row per volume with three columns. Tabs and commas separate like spaces and {@code #} starts a
 * comment. NaN components become 0 (as DIPY's gradient table does) and every non-zero b-vector is
 * scaled to unit length.
 */
public final class FslGradients {
  // Gradient files hold a few hundred numbers; the bound keeps a wrong path from filling memory.
  private static final long MAX_BYTES = 16 << 20;

  private FslGradients() {
  }

  /** Reads a pair whose counts must agree with each other. */
  public static GradientTable read(DataSource bvals, DataSource bvecs) throws IOException {
    double[] values = readBvals(bvals);
    double[][] vectors = readBvecs(bvecs, values.length);
    if (vectors.length != values.length) {
      throw new FormatException(bvals.name() + ", " + bvecs.name(), bvals.fileName() + " has "
          + values.length + " b-values but " + bvecs.fileName() + " has " + vectors.length
          + " b-vectors");
    }
    return new GradientTable(values, vectors);
  }

  /** Reads a pair that must describe exactly {@code volumes} volumes of the DWI image. */
  public static GradientTable read(DataSource bvals, DataSource bvecs, int volumes)
      throws IOException {
    GradientTable table = read(bvals, bvecs);
    if (table.count() != volumes) {
      throw new FormatException(bvals.name() + ", " + bvecs.name(), bvals.fileName() + " and "
          + bvecs.fileName() + " list " + table.count() + " gradients but the image has "
          + volumes + " volumes");
    }
    return table;
  }

  private static double[] readBvals(DataSource source) throws IOException {
    List<double[]> rows = readRows(source);
    double[] values;
    if (rows.size() == 1) {
      values = rows.get(0);
    } else if (rows.get(0).length == 1) {
      values = new double[rows.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rows.get(i)[0];
      }
    } else {
      throw new FormatException(source.name(), "a bval file holds one row of numbers, this one "
          + rows.size() + " rows of " + rows.get(0).length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i]) || values[i] < 0) {
        throw new FormatException(source.name(), "b-value " + i + " is " + values[i]
            + "; b-values are finite and not negative");
      }
    }
    return values;
  }

  private static double[][] readBvecs(DataSource source, int expected) throws IOException {
    List<double[]> rows = readRows(source);
    int columns = rows.get(0).length;
    double[][] vectors;
    if (rows.size() == 3) {
      vectors = new double[columns][3];
      for (int axis = 0; axis < 3; axis++) {
        for (int v = 0; v < columns; v++) {
          vectors[v][axis] = rows.get(axis)[v];
        }
      }
    } else if (columns == 3) {
      vectors = rows.toArray(new double[0][]);
    } else {
      throw new FormatException(source.name(), "a bvec file holds 3 rows (x, y, z) or 3 columns,"
          + " this one " + rows.size() + " rows of " + columns);
    }
    for (int v = 0; v < vectors.length; v++) {
      double norm = 0;
      for (int axis = 0; axis < 3; axis++) {
        double value = vectors[v][axis];
        if (Double.isInfinite(value)) {
          throw new FormatException(source.name(), "b-vector " + v + " has an infinite component");
        }
        vectors[v][axis] = Double.isNaN(value) ? 0 : value;
        norm += vectors[v][axis] * vectors[v][axis];
      }
      norm = Math.sqrt(norm);
      if (norm > 0) {
        for (int axis = 0; axis < 3; axis++) {
          vectors[v][axis] /= norm;
        }
      }
    }
    return vectors;
  }

  /** The numeric rows of a text file, all of the same length, at least one. */
  private static List<double[]> readRows(DataSource source) throws IOException {
    String name = source.name();
    if (source.size() > MAX_BYTES) {
      throw new FormatException(name, "too large for a gradient file (" + source.size()
          + " bytes)");
    }
    String text;
    try (InputStream in = source.openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<double[]> rows = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      int comment = line.indexOf('#');
      line = (comment >= 0 ? line.substring(0, comment) : line).replace('\t', ' ')
          .replace(',', ' ').strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] tokens = line.split(" +");
      double[] row = new double[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        row[i] = parseNumber(tokens[i], name, n + 1);
      }
      if (!rows.isEmpty() && row.length != rows.get(0).length) {
        throw new FormatException(name, "line " + (n + 1) + " has " + row.length
            + " values, the first row " + rows.get(0).length);
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      throw new FormatException(name, "holds no numbers");
    }
    return rows;
  }

  private static double parseNumber(String token, String name, int line)
      throws FormatException {
    String lower = token.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    // Java also accepts hex floats and d/f suffixes, which numpy does not: refuse them.
    if (!lower.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?")) {
      String shown = token.length() > 40 ? token.substring(0, 40) + "..." : token;
      throw new FormatException(name, "line " + line + ": '" + shown + "' is not a number");
    }
    return Double.parseDouble(lower);
  }
}
