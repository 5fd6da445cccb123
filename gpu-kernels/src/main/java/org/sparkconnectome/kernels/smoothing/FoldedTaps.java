package org.sparkconnectome.kernels.smoothing;

/**
 * One output row of a symmetric filter: {@code dst[i] = w0 src[c + i] + sum_k wk (src[below_k +
 * i] + src[above_k + i])}, accumulated in float tap by tap in the order k = 1..radius.
 *
 * <p>Taps are applied three pairs per sweep, so each output value is loaded and stored once per
 * three pairs instead of once per tap, and every sweep is a single loop over contiguous values
 * that C2 vectorises. Java evaluates float expressions left to right without fused
 * multiply-adds, so the grouping gives the same bits as one sweep per tap.
 */
final class FoldedTaps {

  private FoldedTaps() {
  }

  /**
   * Filters {@code n} values. {@code w[0]} is the centre weight, {@code w[k]} that of offset
   * {@code ±k}; {@code below[k - 1]} and {@code above[k - 1]} are where the row at offset -k and
   * +k starts in {@code src}. Only values {@code from..n-1} are written.
   */
  static void row(float[] src, int centre, int[] below, int[] above, float[] w, float[] dst,
      int dstOffset, int from, int n) {
    int radius = w.length - 1;
    int k = Math.min(3, radius);
    switch (k) {
      case 0 -> centreOnly(src, centre, w[0], dst, dstOffset, from, n);
      case 1 -> centre1(src, centre, w[0], below[0], above[0], w[1], dst, dstOffset, from, n);
      case 2 -> centre2(src, centre, w[0], below[0], above[0], w[1], below[1], above[1], w[2],
          dst, dstOffset, from, n);
      default -> centre3(src, centre, w[0], below[0], above[0], w[1], below[1], above[1], w[2],
          below[2], above[2], w[3], dst, dstOffset, from, n);
    }
    while (k < radius) {
      int left = radius - k;
      if (left >= 3) {
        add3(src, below[k], above[k], w[k + 1], below[k + 1], above[k + 1], w[k + 2],
            below[k + 2], above[k + 2], w[k + 3], dst, dstOffset, from, n);
        k += 3;
      } else if (left == 2) {
        add2(src, below[k], above[k], w[k + 1], below[k + 1], above[k + 1], w[k + 2], dst,
            dstOffset, from, n);
        k += 2;
      } else {
        add1(src, below[k], above[k], w[k + 1], dst, dstOffset, from, n);
        k += 1;
      }
    }
  }

  /** Sets NaN and infinite values among {@code values[from..n)} to 0. */
  static void zeroNonFinite(float[] values, int from, int n) {
    for (int i = from; i < n; i++) {
      if (!Float.isFinite(values[i])) {
        values[i] = 0f;
      }
    }
  }

  private static void centreOnly(float[] s, int c, float w0, float[] d, int o, int from,
      int n) {
    for (int i = from; i < n; i++) {
      d[o + i] = w0 * s[c + i];
    }
  }

  private static void centre1(float[] s, int c, float w0, int b1, int a1, float w1, float[] d,
      int o, int from, int n) {
    for (int i = from; i < n; i++) {
      d[o + i] = w0 * s[c + i] + w1 * (s[b1 + i] + s[a1 + i]);
    }
  }

  private static void centre2(float[] s, int c, float w0, int b1, int a1, float w1, int b2,
      int a2, float w2, float[] d, int o, int from, int n) {
    for (int i = from; i < n; i++) {
      d[o + i] = w0 * s[c + i] + w1 * (s[b1 + i] + s[a1 + i]) + w2 * (s[b2 + i] + s[a2 + i]);
    }
  }

  private static void centre3(float[] s, int c, float w0, int b1, int a1, float w1, int b2,
      int a2, float w2, int b3, int a3, float w3, float[] d, int o, int from, int n) {
    for (int i = from; i < n; i++) {
      d[o + i] = w0 * s[c + i] + w1 * (s[b1 + i] + s[a1 + i]) + w2 * (s[b2 + i] + s[a2 + i])
          + w3 * (s[b3 + i] + s[a3 + i]);
    }
  }

  private static void add1(float[] s, int b1, int a1, float w1, float[] d, int o, int from,
      int n) {
    for (int i = from; i < n; i++) {
      d[o + i] = d[o + i] + w1 * (s[b1 + i] + s[a1 + i]);
    }
  }

  private static void add2(float[] s, int b1, int a1, float w1, int b2, int a2, float w2,
      float[] d, int o, int from, int n) {
    for (int i = from; i < n; i++) {
      d[o + i] = d[o + i] + w1 * (s[b1 + i] + s[a1 + i]) + w2 * (s[b2 + i] + s[a2 + i]);
    }
  }

  private static void add3(float[] s, int b1, int a1, float w1, int b2, int a2, float w2,
      int b3, int a3, float w3, float[] d, int o, int from, int n) {
    for (int i = from; i < n; i++) {
      d[o + i] = d[o + i] + w1 * (s[b1 + i] + s[a1 + i]) + w2 * (s[b2 + i] + s[a2 + i])
          + w3 * (s[b3 + i] + s[a3 + i]);
    }
  }
}
