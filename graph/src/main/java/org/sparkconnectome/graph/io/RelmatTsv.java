package org.sparkconnectome.graph.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkconnectome.graph.Connectome;

/**
 * XCP-D's relmat TSV: a header row {@code Node} + region names (pandas'
 * {@code to_csv(index_label="Node")}, so {@code read_csv(..., index_col="Node")} opens it), then
 * one row per region led by its name with N values; {@code n/a} is NaN; the matrix is full and
 * symmetric. Files of earlier versions, whose header starts with {@code node}, still read.
 */
public final class RelmatTsv {
  /** What XCP-D writes for a missing value. */
  public static final String MISSING = "n/a";
  /** The header of the region-name column, as XCP-D writes it. */
  public static final String INDEX_LABEL = "Node";
  /** The same column as this project wrote it before it matched XCP-D. */
  private static final String OLD_INDEX_LABEL = "node";

  private RelmatTsv() {
  }

  /** Reads a relmat; {@code source} is the name used in error messages. */
  public static Connectome read(Reader reader, String source) throws IOException {
    BufferedReader in = new BufferedReader(reader);
    String headerLine = in.readLine();
    if (headerLine == null || headerLine.isBlank()) {
      throw new GraphInputException(source, "empty file: expected a header row '"
          + INDEX_LABEL + "' + region names");
    }
    String[] header = stripBom(headerLine).split("\t", -1);
    String label = header[0].trim();
    if (!label.equals(INDEX_LABEL) && !label.equals(OLD_INDEX_LABEL)) {
      throw new GraphInputException(source, "header row starts with '" + header[0]
          + "', expected '" + INDEX_LABEL + "' (XCP-D relmat layout)");
    }
    List<String> names = new ArrayList<>(Arrays.asList(header).subList(1, header.length));
    int n = names.size();
    if (n == 0) {
      throw new GraphInputException(source, "header row names no regions");
    }
    for (int c = 0; c < n; c++) {
      String name = names.get(c).trim();
      if (name.isEmpty() || names.subList(0, c).contains(name)) {
        throw new GraphInputException(source, "header column " + (c + 2) + ": region name '"
            + name + "' is " + (name.isEmpty() ? "empty" : "repeated"));
      }
      names.set(c, name);
    }
    double[][] m = new double[n][n];
    int row = 0;
    int lineNumber = 1;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      if (row == n) {
        throw new GraphInputException(source, "line " + lineNumber + ": more rows than the "
            + n + " regions of the header");
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != n + 1) {
        throw new GraphInputException(source, "line " + lineNumber + " (row '" + cells[0].trim()
            + "'): " + (cells.length - 1) + " values, expected " + n);
      }
      if (!cells[0].trim().equals(names.get(row))) {
        throw new GraphInputException(source, "line " + lineNumber + ": row name '"
            + cells[0].trim() + "' does not match header column '" + names.get(row) + "'");
      }
      for (int c = 0; c < n; c++) {
        m[row][c] = parseValue(cells[c + 1].trim(), source, lineNumber, names.get(row),
            names.get(c));
      }
      row++;
    }
    if (row != n) {
      throw new GraphInputException(source, "truncated: " + row + " rows for " + n
          + " regions in the header");
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (!Connectome.symmetricPair(m[i][j], m[j][i])) {
          throw new GraphInputException(source, "not symmetric: row '" + names.get(i)
              + "' column '" + names.get(j) + "' = " + m[i][j] + " but row '" + names.get(j)
              + "' column '" + names.get(i) + "' = " + m[j][i]);
        }
      }
    }
    return Connectome.fromMatrix(names, m);
  }

  /** Reads a relmat from a local file. */
  public static Connectome read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    }
  }

  /** Writes the full symmetric matrix; NaN as {@code n/a}, numbers in Java's shortest form. */
  public static void write(Connectome connectome, Writer out) throws IOException {
    int n = connectome.size();
    double[][] full = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        full[i][j] = connectome.weight(i, j);
      }
    }
    write(connectome.names(), full, out);
  }

  /**
   * Writes any square matrix in the same layout, rows as given: for a non-symmetric one (an
   * antisymmetric imaginary coherence, a directed measure) row i, column j is the value from
   * i to j.
   */
  public static void write(List<String> names, double[][] matrix, Writer out)
      throws IOException {
    int n = names.size();
    StringBuilder line = new StringBuilder(INDEX_LABEL);
    for (String name : names) {
      line.append('\t').append(name);
    }
    out.write(line.append('\n').toString());
    for (int i = 0; i < n; i++) {
      line.setLength(0);
      line.append(names.get(i));
      for (int j = 0; j < n; j++) {
        double v = matrix[i][j];
        line.append('\t').append(Double.isNaN(v) ? MISSING : Double.toString(v));
      }
      out.write(line.append('\n').toString());
    }
    out.flush();
  }

  /** Writes a relmat to a local file. */
  public static void write(Connectome connectome, Path file) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(connectome, writer);
    }
  }

  private static double parseValue(String cell, String source, int lineNumber, String row,
      String column) throws GraphInputException {
    if (cell.equals(MISSING) || cell.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(cell);
      if (Double.isInfinite(v)) {
        throw new NumberFormatException("infinite");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new GraphInputException(source, "line " + lineNumber + ", row '" + row
          + "', column '" + column + "': '" + cell + "' is not a number or n/a");
    }
  }

  static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
