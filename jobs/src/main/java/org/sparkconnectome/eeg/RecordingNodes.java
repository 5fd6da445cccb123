package org.sparkconnectome.eeg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.formats.eeg.EegRecording;
import org.sparkconnectome.stage.RunFailure;

/**
 * A recording's share of the montage: which montage channels it has in good status (their
 * file indices and montage positions), why the others are n/a, and the re-reference of its
 * blocks (the average of the good channels, none, or a named channel, which then is n/a
 * itself: its re-referenced signal is zero).
 */
final class RecordingNodes {
  private final EegSettings settings;
  private final List<String> montage;
  private final List<String> channelNames;
  private final List<Integer> good = new ArrayList<>();
  private final List<Integer> positions = new ArrayList<>();
  private final Map<String, String> unavailable = new LinkedHashMap<>();
  private final int reference;

  RecordingNodes(EegSettings settings, List<String> montage, EegRecording recording,
      ChannelTable table) throws RunFailure {
    this.settings = settings;
    this.montage = montage;
    this.channelNames = recording.channelNames();
    Map<String, RecordingFiles.Selected> byName = new LinkedHashMap<>();
    for (RecordingFiles.Selected s : RecordingFiles.select(recording, table, settings)) {
      byName.put(s.name(), s);
    }
    for (int i = 0; i < montage.size(); i++) {
      String name = montage.get(i);
      RecordingFiles.Selected s = byName.get(name);
      if (s == null) {
        unavailable.put(name, name + ": not in the recording (or not of type "
            + String.join("/", settings.channelTypes()) + ")");
      } else if (s.bad()) {
        unavailable.put(name, name + ": marked bad in the channels table");
      } else {
        good.add(s.index());
        positions.add(i);
      }
    }
    this.reference = referenceChannel(recording.fileName());
  }

  /** The file index of the named reference channel (-1 for average or none). */
  private int referenceChannel(String fileName) throws RunFailure {
    if (settings.averageReference() || settings.noReference()) {
      return -1;
    }
    int index = channelNames.indexOf(settings.reference());
    if (index < 0) {
      throw new RunFailure("eeg.reference " + settings.reference() + " is not a channel of "
          + fileName + " (it has " + String.join(", ", channelNames) + ")");
    }
    int position = good.indexOf(index);
    if (position >= 0) {
      unavailable.put(settings.reference(), settings.reference()
          + ": the reference channel (zero after re-referencing)");
      good.remove(position);
      positions.remove(position);
    }
    return index;
  }

  /** How many good montage channels the recording has. */
  int count() {
    return good.size();
  }

  /** The n/a montage channels with the reason, in montage order. */
  Map<String, String> unavailable() {
    return unavailable;
  }

  /** The good channels of a block {@code [channel][sample]}, re-referenced: {@code [good][n]}. */
  double[][] referenced(double[][] block, int n) {
    double[][] out = new double[good.size()][n];
    for (int c = 0; c < good.size(); c++) {
      System.arraycopy(block[good.get(c)], 0, out[c], 0, n);
    }
    if (settings.noReference()) {
      return out;
    }
    for (int t = 0; t < n; t++) {
      double ref = 0;
      if (reference >= 0) {
        ref = block[reference][t];
      } else {
        for (double[] channel : out) {
          ref += channel[t];
        }
        ref /= out.length;
      }
      for (double[] channel : out) {
        channel[t] -= ref;
      }
    }
    return out;
  }

  /** The re-reference in words, for sidecars. */
  String referenceText() {
    if (settings.averageReference()) {
      return "average of the good montage channels";
    }
    if (settings.noReference()) {
      return "none (the recording's own)";
    }
    return "channel " + channelNames.get(reference);
  }

  /** A matrix over the good channels placed into the montage (NaN rows and columns). */
  double[] expand(double[] m) {
    int n = montage.size();
    int g = positions.size();
    double[] out = new double[n * n];
    Arrays.fill(out, Double.NaN);
    for (int i = 0; i < g; i++) {
      for (int j = 0; j < g; j++) {
        out[positions.get(i) * n + positions.get(j)] = m[i * g + j];
      }
    }
    return out;
  }
}
