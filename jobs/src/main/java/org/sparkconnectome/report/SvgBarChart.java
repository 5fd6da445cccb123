package org.sparkconnectome.report;

import java.util.List;

/** Horizontal bars, one per region (tSNR, coverage), coloured by network. */
final class SvgBarChart {
  private static final double WIDTH = 340;
  private static final double LEFT = 110;

  private SvgBarChart() {
  }

  /**
   * @param names region name at each bar
   * @param networks network at each bar, for the colour
   * @param reference drawn as a dashed line when finite (a QC threshold)
   */
  static String render(String title, List<String> names, List<String> networks,
      double[] values, double reference) {
    double bar = names.size() > 60 ? 3 : 12;
    double height = names.size() * bar + 30;
    double max = Double.isFinite(reference) ? reference : 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        max = Math.max(max, v);
      }
    }
    if (max <= 0) {
      max = 1;
    }
    Svg svg = new Svg(WIDTH, height, title);
    double plotW = WIDTH - LEFT - 40;
    List<String> distinct = networks.stream().distinct().toList();
    for (int i = 0; i < names.size(); i++) {
      double v = Double.isFinite(values[i]) ? values[i] : 0;
      svg.rect(LEFT, 5 + i * bar, plotW * v / max, bar * 0.8,
          ColorScale.category(distinct.indexOf(networks.get(i))),
          names.get(i) + ": " + Html.number(values[i]));
      if (bar >= 10) {
        svg.text(LEFT - 3, 5 + i * bar + bar * 0.7, names.get(i), "end", 9, 0);
        svg.text(LEFT + plotW * v / max + 3, 5 + i * bar + bar * 0.7, Html.number(values[i]),
            "start", 8, 0);
      }
    }
    double bottom = 5 + names.size() * bar;
    svg.line(LEFT, 5, LEFT, bottom, "#333", 1, null);
    if (Double.isFinite(reference)) {
      double x = LEFT + plotW * reference / max;
      svg.line(x, 5, x, bottom, "#d62728", 1, "stroke-dasharray=\"4,3\"");
    }
    svg.text(LEFT + plotW / 2, bottom + 18, title, "middle", 10, 0);
    return svg.toString();
  }
}
