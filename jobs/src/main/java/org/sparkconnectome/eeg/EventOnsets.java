package org.sparkconnectome.eeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.sparkconnectome.formats.FormatException;
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
    try (BufferedReader in = new BufferedReader(new InputStreamReader(tsv.openStream(),
        StandardCharsets.UTF_8))) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        throw new FormatException(tsv.name(), "empty events table");
      }
      List<String> header = Arrays.asList(headerLine.strip().split("\t", -1));
      int onset = header.indexOf("onset");
      int type = header.indexOf("trial_type");
      if (onset < 0 || (!types.isEmpty() && type < 0)) {
        throw new FormatException(tsv.name(), "a BIDS events table needs an onset column"
            + (types.isEmpty() ? "" : " and, for eeg.event_types, a trial_type column")
            + ", found " + header);
      }
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
        if (!types.isEmpty() && !types.contains(cells[type].trim())) {
          continue;
        }
        double seconds;
        try {
          seconds = Double.parseDouble(cells[onset].trim());
        } catch (NumberFormatException e) {
          throw new FormatException(tsv.name(), "row " + row + ": onset '" + cells[onset]
              + "' is not a number of seconds");
        }
        long sample = Math.round((seconds + offsetSeconds) * sfreq);
        if (sample >= 0) {
          starts.add(sample);
        }
      }
    }
    return starts.stream().mapToLong(Long::longValue).toArray();
  }
}
