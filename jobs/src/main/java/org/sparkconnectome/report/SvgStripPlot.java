package org.sparkconnectome.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The distribution of one metric over the cohort: a dot per run, a column per group, medians. */
final class SvgStripPlot {
  private static final double WIDTH = 260;
  private static final double HEIGHT = 200;
  private static final double LEFT = 50;
  private static final double BOTTOM = 35;

  private SvgStripPlot() {
  }

  /**
   * @param labels a tooltip per point (the run)
   * @param groups group per point (a participants.tsv column, or one group)
   */
  static String render(String metric, List<String> labels, double[] values,
      List<String> groups) {
    List<String> distinct = groups.stream().distinct().sorted().toList();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (!(max >= min)) {
      min = 0;
      max = 1;
    }
    double pad = max > min ? (max - min) * 0.1 : Math.max(Math.abs(max) * 0.1, 1e-3);
    min -= pad;
    max += pad;
    Svg svg = new Svg(WIDTH, HEIGHT, metric);
    double plotW = WIDTH - LEFT - 10;
    double plotH = HEIGHT - BOTTOM - 20;
    double colW = plotW / distinct.size();
    svg.line(LEFT, 20, LEFT, 20 + plotH, "#333", 1, null);
    svg.line(LEFT, 20 + plotH, LEFT + plotW, 20 + plotH, "#333", 1, null);
    svg.text(WIDTH / 2, 13, metric, "middle", 11, 0);
    svg.text(LEFT - 4, 26, Html.number(max), "end", 9, 0);
    svg.text(LEFT - 4, 20 + plotH, Html.number(min), "end", 9, 0);
    for (int g = 0; g < distinct.size(); g++) {
      double centre = LEFT + colW * (g + 0.5);
      List<Double> inGroup = new ArrayList<>();
      int k = 0;
      for (int i = 0; i < values.length; i++) {
        if (!groups.get(i).equals(distinct.get(g)) || !Double.isFinite(values[i])) {
          continue;
        }
        inGroup.add(values[i]);
        // Deterministic jitter so overlapping runs stay visible and the page is reproducible.
        double jitter = ((k++ % 7) - 3) * colW * 0.06;
        double y = 20 + plotH * (1 - (values[i] - min) / (max - min));
        svg.circle(centre + jitter, y, 3.5, ColorScale.category(g),
            labels.get(i) + ": " + Html.number(values[i]));
      }
      if (!inGroup.isEmpty()) {
        double median = median(inGroup);
        double y = 20 + plotH * (1 - (median - min) / (max - min));
        svg.line(centre - colW * 0.3, y, centre + colW * 0.3, y, "#000", 1.5, null);
      }
      svg.text(centre, 20 + plotH + 14, distinct.get(g) + " (n=" + inGroup.size() + ")",
          "middle", 10, 0);
    }
    return svg.toString();
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
