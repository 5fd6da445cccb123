package org.sparkconnectome.signal;

import java.util.Arrays;

/**
 * Contiguous stretches of a run's kept samples: censored volumes and run boundaries (runs
 * concatenated by {@code fmri.combine_runs}) break a stretch. Lagged measures pair only samples
 * of one stretch, so that no lag spans a gap.
 */
public final class Segments {
  /** Per kept sample, the stretch it belongs to (0, 1, ..., non-decreasing). */
  private final int[] segment;

  private Segments(int[] segment) {
    this.segment = segment;
  }

  /** All {@code samples} in one stretch. */
  public static Segments single(int samples) {
    return new Segments(new int[samples]);
  }

  /**
   * The stretches of the kept samples of a run of {@code kept.length} volumes: a kept volume
   * whose predecessor was censored starts a new one.
   */
  public static Segments ofKept(boolean[] kept) {
    int count = 0;
    for (boolean k : kept) {
      count += k ? 1 : 0;
    }
    int[] segment = new int[count];
    int s = -1;
    int next = 0;
    for (int t = 0; t < kept.length; t++) {
      if (kept[t]) {
        if (t == 0 || !kept[t - 1] || s < 0) {
          s++;
        }
        segment[next++] = s;
      }
    }
    return new Segments(segment);
  }

  /** The stretches of runs joined one after another; no stretch spans two runs. */
  public static Segments concatenate(Segments... parts) {
    int total = 0;
    for (Segments p : parts) {
      total += p.samples();
    }
    int[] segment = new int[total];
    int offset = 0;
    int base = 0;
    for (Segments p : parts) {
      for (int t = 0; t < p.samples(); t++) {
        segment[offset + t] = base + p.segment[t];
      }
      offset += p.samples();
      base += p.samples() == 0 ? 0 : p.segment[p.samples() - 1] + 1;
    }
    return new Segments(segment);
  }

  /** Kept samples covered. */
  public int samples() {
    return segment.length;
  }

  /** Number of stretches. */
  public int count() {
    return segment.length == 0 ? 0 : segment[segment.length - 1] + 1;
  }

  /** Whether samples {@code t - span .. t} exist and lie in one stretch. */
  public boolean spans(int t, int span) {
    return t - span >= 0 && segment[t - span] == segment[t];
  }

  /** The samples t whose {@code t - span .. t} lie in one stretch, ascending. */
  public int[] usable(int span) {
    int[] out = new int[segment.length];
    int n = 0;
    for (int t = 0; t < segment.length; t++) {
      if (spans(t, span)) {
        out[n++] = t;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
