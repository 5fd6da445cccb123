package org.sparkconnectome.eeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * A recording's BIDS {@code _channels.tsv}: each channel's type ({@code EEG}, {@code EOG},
 * {@code TRIG}...) and status ({@code good} or {@code bad}). Without the table, every channel
 * of the recording counts as a good EEG channel (except trigger channels).
 */
public final class ChannelTable {
  /** One row of the table. */
  public record Channel(String name, String type, String status) {
    /** Whether the table marks the channel bad. */
    public boolean bad() {
      return "bad".equalsIgnoreCase(status);
    }
  }

  private final Map<String, Channel> byName;
  private final String file;

  private ChannelTable(Map<String, Channel> byName, String file) {
    this.byName = byName;
    this.file = file;
  }

  /** No table: every channel an EEG channel in good status. */
  public static ChannelTable none() {
    return new ChannelTable(Map.of(), null);
  }

  /** Reads the table; a missing column or a ragged row names the file and the row. */
  public static ChannelTable read(DataSource tsv) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(tsv.openStream(),
        StandardCharsets.UTF_8))) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        throw new FormatException(tsv.name(), "empty channels table");
      }
      List<String> header = Arrays.asList(headerLine.strip().split("\t", -1));
      int name = header.indexOf("name");
      int type = header.indexOf("type");
      int status = header.indexOf("status");
      if (name < 0 || type < 0) {
        throw new FormatException(tsv.name(), "a BIDS channels table needs the columns name "
            + "and type, found " + header);
      }
      Map<String, Channel> rows = new LinkedHashMap<>();
      String line;
      int row = 1;
      while ((line = in.readLine()) != null) {
        row++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.replaceFirst("\r$", "").split("\t", -1);
        if (cells.length != header.size()) {
          throw new FormatException(tsv.name(), "row " + row + " has " + cells.length
              + " fields, the header has " + header.size());
        }
        rows.put(cells[name].trim(), new Channel(cells[name].trim(),
            cells[type].trim().toUpperCase(Locale.ROOT),
            status >= 0 ? cells[status].trim() : "good"));
      }
      return new ChannelTable(rows, tsv.name());
    }
  }

  /** The row for a channel, or null when the table does not list it (or there is no table). */
  public Channel channel(String name) {
    return byName.get(name);
  }

  /** Whether there is a table. */
  public boolean present() {
    return file != null;
  }

  /** The table's file (for sidecars), or null. */
  public String file() {
    return file;
  }

  /**
   * The channel's type: the table's, else EEG (a recording without a table is taken as EEG; a
   * trigger channel is never a node).
   */
  public String typeOf(String name, boolean stim) {
    if (stim) {
      return "TRIG";
    }
    Channel c = byName.get(name);
    return c == null ? (present() ? "MISC" : "EEG") : c.type();
  }
}
