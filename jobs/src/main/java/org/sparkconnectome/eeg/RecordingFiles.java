package org.sparkconnectome.eeg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.bids.EegPairing;
import org.sparkconnectome.formats.eeg.EegChannel;
import org.sparkconnectome.formats.eeg.EegRecording;
import org.sparkconnectome.io.HadoopDataSource;

/**
 * A recording's channels as the stage sees them: the header's channels with the type and status
 * of the BIDS channels table beside the recording (the one the scan hashed: the most specific
 * {@code _channels.tsv} whose entities all hold in the recording's name); and its events table.
 */
final class RecordingFiles {
  private RecordingFiles() {
  }

  /** One channel of the recording: its position in the file, type and status. */
  record Selected(int index, String name, String type, boolean bad) {
  }

  /** The channels table of the recording at {@code path}, or {@link ChannelTable#none()}. */
  static ChannelTable channelTable(String path, Configuration conf) throws IOException {
    String tsv = table(path, conf, "channels");
    return tsv == null ? ChannelTable.none() : ChannelTable.read(new HadoopDataSource(tsv, conf));
  }

  /** The events table of the recording at {@code path}, or null when it has none. */
  static String eventsTable(String path, Configuration conf) throws IOException {
    return table(path, conf, "events");
  }

  /** The most specific {@code _<suffix>.tsv} beside the recording that applies to it. */
  private static String table(String path, Configuration conf, String suffix)
      throws IOException {
    Path file = new Path(path);
    FileSystem fs = file.getFileSystem(conf);
    List<BidsName> names = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    for (FileStatus s : fs.listStatus(file.getParent())) {
      BidsName.Parsed parsed = BidsName.parse(s.getPath().getName());
      if (parsed.valid()) {
        names.add(parsed.name());
        uris.add(s.getPath().toString());
      }
    }
    BidsName.Parsed recording = BidsName.parse(file.getName());
    return recording.valid() ? EegPairing.tableFor(recording.name(), names, uris, suffix,
        ".tsv") : null;
  }

  /** The recording's channels of the wanted types, in file order, with their status. */
  static List<Selected> select(EegRecording recording, ChannelTable table, EegSettings settings) {
    List<Selected> out = new ArrayList<>();
    List<EegChannel> channels = recording.channels();
    for (int i = 0; i < channels.size(); i++) {
      EegChannel c = channels.get(i);
      String type = table.typeOf(c.name(), c.stim());
      if (settings.channelTypes().contains(type)) {
        ChannelTable.Channel row = table.channel(c.name());
        out.add(new Selected(i, c.name(), type, row != null && row.bad()));
      }
    }
    return out;
  }
}
