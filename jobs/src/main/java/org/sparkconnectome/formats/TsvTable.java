package org.sparkconnectome.formats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkconnectome.io.DataSource;

/**
 * A small BIDS tab-separated table (an atlas's regions, a recording's channels or events), read
 * whole: its header and rows, with Windows line ends and blank lines tolerated, and a row whose
 * field count differs from the header's refused with its line number.
 */
public final class TsvTable {
  private final String name;
  private final List<String> header;
  private final List<String[]> rows;
  private final List<Integer> lines;

  private TsvTable(String name, List<String> header, List<String[]> rows, List<Integer> lines) {
    this.name = name;
    this.header = header;
    this.rows = rows;
    this.lines = lines;
  }

  /** Reads the table; an empty file or a ragged row is a {@link FormatException}. */
  public static TsvTable read(DataSource tsv, String what) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(tsv.openStream(),
        StandardCharsets.UTF_8))) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        throw new FormatException(tsv.name(), "empty " + what);
      }
      List<String> header = Arrays.asList(withoutLineEnd(headerLine).split("\t", -1));
      List<String[]> rows = new ArrayList<>();
      List<Integer> lines = new ArrayList<>();
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = withoutLineEnd(line).split("\t", -1);
        if (cells.length != header.size()) {
          throw new FormatException(tsv.name(), "row " + number + " has " + cells.length
              + " fields, the header has " + header.size());
        }
        rows.add(cells);
        lines.add(number);
      }
      return new TsvTable(tsv.name(), List.copyOf(header), rows, lines);
    }
  }

  private static String withoutLineEnd(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** The file's name, for messages. */
  public String name() {
    return name;
  }

  public List<String> header() {
    return header;
  }

  /** The index of the first of these columns the table has, or -1. */
  public int column(String... names) {
    for (String n : names) {
      int i = header.indexOf(n);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The rows (cells in header order), blank lines left out. */
  public List<String[]> rows() {
    return rows;
  }

  /** The line number in the file of row {@code i}, for messages. */
  public int lineOf(int i) {
    return lines.get(i);
  }
}
