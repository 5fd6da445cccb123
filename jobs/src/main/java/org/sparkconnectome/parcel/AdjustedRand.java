package org.sparkconnectome.parcel;

import java.util.HashMap;
import java.util.Map;

/** The adjusted Rand index of two labellings (Hubert and Arabie 1985, as sklearn's). */
public final class AdjustedRand {

  private AdjustedRand() {
  }

  /** ARI of labellings a and b of the same items; 1.0 when both put every item together. */
  public static double index(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("labellings of " + a.length + " and " + b.length
          + " items");
    }
    Map<Long, Long> cells = new HashMap<>();
    Map<Integer, Long> rows = new HashMap<>();
    Map<Integer, Long> cols = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      cells.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), 1L, Long::sum);
      rows.merge(a[i], 1L, Long::sum);
      cols.merge(b[i], 1L, Long::sum);
    }
    double index = 0;
    for (long c : cells.values()) {
      index += pairs(c);
    }
    double sumRows = 0;
    for (long c : rows.values()) {
      sumRows += pairs(c);
    }
    double sumCols = 0;
    for (long c : cols.values()) {
      sumCols += pairs(c);
    }
    double expected = sumRows * sumCols / pairs(a.length);
    double max = (sumRows + sumCols) / 2;
    if (max == expected) {
      // sklearn's convention for the degenerate cases (one cluster each, or all singletons).
      return 1.0;
    }
    return (index - expected) / (max - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }
}
