package org.sparkconnectome.eeg;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream of multichannel samples into non-overlapping epochs of a fixed length from the
 * first sample; an incomplete last epoch is dropped. Holds at most one epoch.
 */
final class EpochCutter {
  private final int channels;
  private final int length;
  private double[][] current;
  private int filled;
  private long emitted;

  EpochCutter(int channels, int length) {
    this.channels = channels;
    this.length = length;
    this.current = new double[channels][length];
  }

  /** Adds samples {@code [channel][sample]}; the epochs completed by them, in order. */
  List<double[][]> add(double[][] samples) {
    List<double[][]> done = new ArrayList<>();
    int n = samples.length == 0 ? 0 : samples[0].length;
    int from = 0;
    while (from < n) {
      int take = Math.min(length - filled, n - from);
      for (int c = 0; c < channels; c++) {
        System.arraycopy(samples[c], from, current[c], filled, take);
      }
      filled += take;
      from += take;
      if (filled == length) {
        done.add(current);
        emitted++;
        current = new double[channels][length];
        filled = 0;
      }
    }
    return done;
  }

  /** Epochs emitted so far. */
  long emitted() {
    return emitted;
  }
}
