package org.sparkconnectome.report;

import java.util.List;

/**
 * A connectivity matrix as a heatmap, rows and columns ordered by network, with a coloured band
 * per network along both edges. Large atlases are shown as block means so the page stays small.
 */
final class SvgHeatmap {
  /** Most cells per side: beyond it regions are averaged in consecutive blocks. */
  static final int MAX_CELLS = 120;
  private static final double SIZE = 420;
  private static final double BAND = 8;

  private SvgHeatmap() {
  }

  static String render(String title, List<String> names, double[][] matrix, NetworkOrder order) {
    int n = order.size();
    int block = (n + MAX_CELLS - 1) / MAX_CELLS;
    int cells = (n + block - 1) / block;
    boolean labels = block == 1 && n <= 40;
    double margin = labels ? 110 : 20;
    double cell = SIZE / cells;
    double limit = offDiagonalMaxAbs(matrix);
    Svg svg = new Svg(margin + BAND + SIZE + 70, margin + BAND + SIZE + 10, title);
    double x0 = margin + BAND;
    double y0 = margin + BAND;
    for (int r = 0; r < cells; r++) {
      for (int c = 0; c < cells; c++) {
        double value = blockMean(matrix, order.order(), r * block, c * block, block);
        String tip = block == 1 ? names.get(order.order()[r]) + " - "
            + names.get(order.order()[c]) + ": " + Html.number(value) : null;
        svg.rect(x0 + c * cell, y0 + r * cell, cell + 0.05, cell + 0.05,
            ColorScale.diverging(value, limit), tip);
      }
    }
    List<String> networks = order.distinctNetworks();
    for (int p = 0; p < n; p++) {
      String colour = ColorScale.category(networks.indexOf(order.networks().get(p)));
      double at = p / (double) block * cell;
      double len = cell / block;
      svg.rect(margin, y0 + at, BAND - 1, len + 0.05, colour, order.networks().get(p));
      svg.rect(x0 + at, margin, len + 0.05, BAND - 1, colour, order.networks().get(p));
      if (p > 0 && !order.networks().get(p).equals(order.networks().get(p - 1))) {
        svg.line(x0, y0 + at, x0 + SIZE, y0 + at, "#333", 0.6, null);
        svg.line(x0 + at, y0, x0 + at, y0 + SIZE, "#333", 0.6, null);
      }
      if (labels) {
        String name = names.get(order.order()[p]);
        svg.text(margin - 3, y0 + at + cell * 0.7, name, "end", Math.min(10, cell * 0.8), 0);
        svg.text(x0 + at + cell * 0.7, margin - 3, name, "start", Math.min(10, cell * 0.8), -90);
      }
    }
    colourBar(svg, x0 + SIZE + 12, y0, limit);
    return svg.toString();
  }

  private static void colourBar(Svg svg, double x, double y, double limit) {
    int steps = 40;
    double h = SIZE / 2 / steps;
    for (int s = 0; s < steps; s++) {
      double value = limit * (1 - 2.0 * s / (steps - 1));
      svg.rect(x, y + s * h, 12, h + 0.05, ColorScale.diverging(value, limit), null);
    }
    svg.text(x + 15, y + 8, Html.number(limit), "start", 9, 0);
    svg.text(x + 15, y + SIZE / 4 + 3, "0", "start", 9, 0);
    svg.text(x + 15, y + SIZE / 2, Html.number(-limit), "start", 9, 0);
  }

  private static double blockMean(double[][] m, int[] order, int r0, int c0, int block) {
    double sum = 0;
    int count = 0;
    for (int r = r0; r < Math.min(r0 + block, order.length); r++) {
      for (int c = c0; c < Math.min(c0 + block, order.length); c++) {
        double v = m[order[r]][order[c]];
        if (!Double.isNaN(v)) {
          sum += v;
          count++;
        }
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Colour limit: the largest off-diagonal magnitude, so a unit diagonal does not wash out. */
  static double offDiagonalMaxAbs(double[][] m) {
    double max = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (i != j && Double.isFinite(m[i][j])) {
          max = Math.max(max, Math.abs(m[i][j]));
        }
      }
    }
    return max == 0 ? 1 : max;
  }
}
