package org.sparkconnectome.eeg;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.TsvTable;
import org.sparkconnectome.io.DataSource;

/**
 * The epoch starts of {@code eeg.epochs: events}: from a BIDS {@code _events.tsv}
 * ({@code onset} in seconds, and {@code trial_type} when the events are filtered by type), the
 * sample of each chosen event's onset plus the offset, rounded to the nearest sample, those
 * before the first sample left out; distinct and in order.
 */
final class EventOnsets {
  private EventOnsets() {
  }

  static long[] starts(DataSource tsv, List<String> types, double offsetSeconds, double sfreq)
      throws IOException {
    TreeSet<Long> starts = new TreeSet<>();
    TsvTable table = TsvTable.read(tsv, "events table");
    int onset = table.column("onset");
    int type = table.column("trial_type");
    if (onset < 0 || (!types.isEmpty() && type < 0)) {
      throw new FormatException(tsv.name(), "a BIDS events table needs an onset column"
          + (types.isEmpty() ? "" : " and, for eeg.event_types, a trial_type column")
          + ", found " + table.header());
    }
    for (int i = 0; i < table.rows().size(); i++) {
      String[] cells = table.rows().get(i);
      if (!types.isEmpty() && !types.contains(cells[type].trim())) {
        continue;
      }
      double seconds;
      try {
        seconds = Double.parseDouble(cells[onset].trim());
      } catch (NumberFormatException e) {
        throw new FormatException(tsv.name(), "row " + table.lineOf(i) + ": onset '"
            + cells[onset] + "' is not a number of seconds");
      }
      long sample = Math.round((seconds + offsetSeconds) * sfreq);
      if (sample >= 0) {
        starts.add(sample);
      }
    }
    return starts.stream().mapToLong(Long::longValue).toArray();
  }
}
