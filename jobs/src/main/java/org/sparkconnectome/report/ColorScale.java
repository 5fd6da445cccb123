package org.sparkconnectome.report;

import java.util.Locale;

/** Colour maps of the report: diverging blue-white-red for signed values, a palette by group. */
final class ColorScale {
  private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
      "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

  private ColorScale() {
  }

  /** Blue for -limit, white for 0, red for +limit; grey for NaN. */
  static String diverging(double value, double limit) {
    if (Double.isNaN(value)) {
      return "#cccccc";
    }
    double t = limit > 0 ? Math.max(-1, Math.min(1, value / limit)) : 0;
    int r;
    int g;
    int b;
    if (t >= 0) {
      r = 255;
      g = (int) Math.round(255 * (1 - t * 0.85));
      b = (int) Math.round(255 * (1 - t * 0.9));
    } else {
      r = (int) Math.round(255 * (1 + t * 0.9));
      g = (int) Math.round(255 * (1 + t * 0.7));
      b = 255;
    }
    return hex(r, g, b);
  }

  /** Black (0) to white (1). */
  static String grey(double fraction) {
    int v = (int) Math.round(255 * Math.max(0, Math.min(1, fraction)));
    return hex(v, v, v);
  }

  /** A distinct colour for category {@code index}. */
  static String category(int index) {
    return PALETTE[Math.floorMod(index, PALETTE.length)];
  }

  private static String hex(int r, int g, int b) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }
}
