package org.sparkconnectome.report;

/**
 * A trace over volumes (framewise displacement) with its censoring threshold as a dashed line and
 * the censored volumes marked by red bars, as fMRIPrep and XCP-D reports show motion.
 */
final class SvgLinePlot {
  private static final double WIDTH = 720;
  private static final double HEIGHT = 170;
  private static final double LEFT = 50;
  private static final double BOTTOM = 30;
  private static final double TOP = 10;

  private SvgLinePlot() {
  }

  /**
   * @param threshold drawn when positive
   * @param censored indices into {@code values} that were censored
   */
  static String render(String title, double[] values, double threshold, int[] censored,
      String yLabel) {
    Svg svg = new Svg(WIDTH, HEIGHT, title);
    double plotW = WIDTH - LEFT - 10;
    double plotH = HEIGHT - BOTTOM - TOP;
    double max = threshold > 0 ? threshold * 1.2 : 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        max = Math.max(max, v);
      }
    }
    if (max == 0) {
      max = 1;
    }
    int n = Math.max(values.length, 2);
    double step = plotW / (n - 1);
    for (int c : censored) {
      if (c >= 0 && c < values.length) {
        svg.rect(LEFT + c * step - Math.max(step, 2) / 2, TOP, Math.max(step, 2), plotH,
            "#f4b6b6", "censored volume " + c);
      }
    }
    double[] xs = new double[values.length];
    double[] ys = new double[values.length];
    for (int t = 0; t < values.length; t++) {
      xs[t] = LEFT + t * step;
      double v = Double.isFinite(values[t]) ? values[t] : 0;
      ys[t] = TOP + plotH * (1 - v / max);
    }
    svg.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333", 1, null);
    svg.line(LEFT, TOP, LEFT, TOP + plotH, "#333", 1, null);
    svg.polyline(xs, ys, "#1f77b4", 1.2);
    if (threshold > 0) {
      double y = TOP + plotH * (1 - threshold / max);
      svg.line(LEFT, y, LEFT + plotW, y, "#d62728", 1, "stroke-dasharray=\"5,3\"");
      svg.text(LEFT + plotW - 2, y - 3, "threshold " + Html.number(threshold), "end", 10, 0);
    }
    svg.text(LEFT - 4, TOP + 8, Html.number(max), "end", 9, 0);
    svg.text(LEFT - 4, TOP + plotH, "0", "end", 9, 0);
    svg.text(LEFT + plotW / 2, HEIGHT - 6, "volume (after dummy scans)", "middle", 10, 0);
    svg.text(12, TOP + plotH / 2, yLabel, "middle", 10, -90);
    svg.text(LEFT + plotW, HEIGHT - 6, String.valueOf(values.length - 1), "end", 9, 0);
    return svg.toString();
  }
}
