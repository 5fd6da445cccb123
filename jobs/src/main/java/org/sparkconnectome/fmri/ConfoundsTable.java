package org.sparkconnectome.fmri;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * An fMRIPrep {@code desc-confounds_timeseries.tsv} (or a user's confounds TSV): named columns of
 * one value per volume. {@code n/a} (fMRIPrep writes it where a derivative is undefined, i.e. the
 * first volume) is read as NaN; the strategies decide what it means.
 */
public final class ConfoundsTable {
  private final String file;
  private final String fileName;
  private final Map<String, double[]> columns;
  private final int rows;

  private ConfoundsTable(String file, String fileName, Map<String, double[]> columns,
      int rows) {
    this.file = file;
    this.fileName = fileName;
    this.columns = columns;
    this.rows = rows;
  }

  /** Reads the whole table (small: volumes x a few hundred columns). */
  public static ConfoundsTable read(DataSource source) throws IOException {
    String name = source.name();
    List<String[]> lines = new ArrayList<>();
    String[] header;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(source.openStream(), StandardCharsets.UTF_8))) {
      String first = in.readLine();
      if (first == null || first.isBlank()) {
        throw new FormatException(name, "empty confounds file (expected a header row)");
      }
      header = first.split("\t", -1);
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          lines.add(line.split("\t", -1));
        }
      }
    }
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (String h : header) {
      columns.put(h.trim(), new double[lines.size()]);
    }
    if (columns.size() != header.length) {
      throw new FormatException(name, "duplicate column names in the header");
    }
    for (int r = 0; r < lines.size(); r++) {
      String[] cells = lines.get(r);
      if (cells.length != header.length) {
        throw new FormatException(name, "row " + (r + 2) + " has " + cells.length
            + " fields, the header has " + header.length);
      }
      for (int c = 0; c < header.length; c++) {
        columns.get(header[c].trim())[r] = parse(name, cells[c], r + 2, header[c]);
      }
    }
    return new ConfoundsTable(name, source.fileName(), columns, lines.size());
  }

  private static double parse(String file, String cell, int row, String column)
      throws FormatException {
    String v = cell.trim();
    if (v.isEmpty() || v.equals("n/a") || v.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new FormatException(file, "row " + row + ", column '" + column + "': '" + v
          + "' is not a number");
    }
  }

  public String file() {
    return file;
  }

  /** The file name without its folders, for messages that must not show input paths. */
  public String fileName() {
    return fileName;
  }

  public int rows() {
    return rows;
  }

  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(columns.keySet()));
  }

  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** A column's values (a copy), or a FormatException naming the file and the column. */
  public double[] column(String name) throws FormatException {
    double[] values = columns.get(name);
    if (values == null) {
      throw new FormatException(file, "no column '" + name + "'");
    }
    return values.clone();
  }
}
