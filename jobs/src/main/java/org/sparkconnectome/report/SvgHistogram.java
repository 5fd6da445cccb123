package org.sparkconnectome.report;

/** A histogram of values over a fixed range (QC-FC over [-1, 1]), NaN left out. */
final class SvgHistogram {
  private static final double WIDTH = 340;
  private static final double HEIGHT = 200;
  private static final double LEFT = 40;
  private static final double BOTTOM = 30;

  private SvgHistogram() {
  }

  static String render(String title, double[] values, double low, double high, int bins) {
    int[] counts = new int[bins];
    int max = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        int b = (int) Math.floor((v - low) / (high - low) * bins);
        b = Math.max(0, Math.min(bins - 1, b));
        max = Math.max(max, ++counts[b]);
      }
    }
    Svg svg = new Svg(WIDTH, HEIGHT, title);
    double plotW = WIDTH - LEFT - 10;
    double plotH = HEIGHT - BOTTOM - 10;
    double w = plotW / bins;
    for (int b = 0; b < bins; b++) {
      double h = max == 0 ? 0 : plotH * counts[b] / max;
      svg.rect(LEFT + b * w, 10 + plotH - h, w * 0.9, h, "#4c78a8",
          Html.number(edge(low, high, bins, b)) + " to "
              + Html.number(edge(low, high, bins, b + 1)) + ": " + counts[b]);
    }
    double zero = LEFT + plotW * (0 - low) / (high - low);
    if (low < 0 && high > 0) {
      svg.line(zero, 10, zero, 10 + plotH, "#d62728", 1, "stroke-dasharray=\"4,3\"");
    }
    svg.line(LEFT, 10 + plotH, LEFT + plotW, 10 + plotH, "#333", 1, null);
    svg.text(LEFT, 10 + plotH + 12, Html.number(low), "middle", 9, 0);
    svg.text(LEFT + plotW, 10 + plotH + 12, Html.number(high), "middle", 9, 0);
    svg.text(LEFT - 4, 18, String.valueOf(max), "end", 9, 0);
    svg.text(LEFT + plotW / 2, HEIGHT - 4, title, "middle", 10, 0);
    return svg.toString();
  }

  /** The lower edge of bin {@code b}, rounded so that 0 prints as 0. */
  private static double edge(double low, double high, int bins, int b) {
    return Math.round((low + (high - low) * b / bins) * 1e9) / 1e9;
  }
}
