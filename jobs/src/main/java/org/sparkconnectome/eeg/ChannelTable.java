package org.sparkconnectome.eeg;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.TsvTable;
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
    TsvTable table = TsvTable.read(tsv, "channels table");
    int name = table.column("name");
    int type = table.column("type");
    int status = table.column("status");
    if (name < 0 || type < 0) {
      throw new FormatException(tsv.name(), "a BIDS channels table needs the columns name "
          + "and type, found " + table.header());
    }
    Map<String, Channel> rows = new LinkedHashMap<>();
    for (String[] cells : table.rows()) {
      rows.put(cells[name].trim(), new Channel(cells[name].trim(),
          cells[type].trim().toUpperCase(Locale.ROOT),
          status >= 0 ? cells[status].trim() : "good"));
    }
    return new ChannelTable(rows, tsv.name());
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
