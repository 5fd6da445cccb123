package org.sparkconnectome.eeg;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream of multichannel samples into epochs of a fixed length: non-overlapping from the
 * first sample (an incomplete last epoch is dropped), or starting at given samples (epochs
 * around events, which may overlap; one that runs past the end is dropped). Holds only the
 * samples from the next epoch's start on: a block plus an epoch, or nothing between events.
 */
final class EpochCutter {
  private final int channels;
  private final int length;
  /** Epoch start samples in increasing order, or null for back-to-back epochs. */
  private final long[] starts;
  private int nextEpoch;
  /** Samples held, from {@code held} on; {@code filled} of each row are valid. */
  private double[][] buffer;
  private long held;
  private int filled;
  private long position;

  /** Back-to-back epochs of {@code length} samples from the first sample. */
  EpochCutter(int channels, int length) {
    this(channels, length, null);
  }

  /** Epochs of {@code length} samples starting at {@code starts} (increasing, >= 0). */
  EpochCutter(int channels, int length, long[] starts) {
    this.channels = channels;
    this.length = length;
    this.starts = starts;
    this.buffer = new double[channels][2 * length];
  }

  private long start(int epoch) {
    return starts == null ? (long) epoch * length : epoch < starts.length ? starts[epoch]
        : Long.MAX_VALUE;
  }

  /** Adds samples {@code [channel][sample]}; the epochs completed by them, in order. */
  List<double[][]> add(double[][] samples) {
    int n = samples.length == 0 ? 0 : samples[0].length;
    long end = position + n;
    if (filled == 0) {
      // Nothing held: keep this block from the next epoch's start on (maybe none of it).
      held = Math.min(Math.max(position, start(nextEpoch)), end);
    }
    // The buffer ends at position when it holds anything, so the block is kept from here.
    int from = (int) (held + filled - position);
    int take = n - from;
    ensure(filled + take);
    for (int c = 0; c < channels; c++) {
      System.arraycopy(samples[c], from, buffer[c], filled, take);
    }
    filled += take;
    position = end;
    List<double[][]> done = new ArrayList<>();
    while (start(nextEpoch) <= position - length) {
      long s = start(nextEpoch);
      double[][] epoch = new double[channels][length];
      for (int c = 0; c < channels; c++) {
        System.arraycopy(buffer[c], (int) (s - held), epoch[c], 0, length);
      }
      done.add(epoch);
      nextEpoch++;
    }
    discardBefore(Math.min(start(nextEpoch), position));
    return done;
  }

  private void discardBefore(long sample) {
    int drop = (int) Math.min(filled, Math.max(0, sample - held));
    if (drop == 0) {
      return;
    }
    for (int c = 0; c < channels; c++) {
      System.arraycopy(buffer[c], drop, buffer[c], 0, filled - drop);
    }
    filled -= drop;
    held += drop;
  }

  private void ensure(int capacity) {
    if (buffer[0].length >= capacity) {
      return;
    }
    int size = Math.max(capacity, 2 * buffer[0].length);
    for (int c = 0; c < channels; c++) {
      buffer[c] = java.util.Arrays.copyOf(buffer[c], size);
    }
  }

  /** Epochs emitted so far. */
  long emitted() {
    return nextEpoch;
  }
}
