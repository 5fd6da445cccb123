package org.sparkconnectome.report;

/**
 * A carpet plot: one row per region (network order), one column per volume, each region's series
 * z-scored and shown in grey from -2 to +2 standard deviations. Long or wide series are binned.
 */
final class SvgCarpetPlot {
  private static final int MAX_COLUMNS = 300;
  private static final int MAX_ROWS = 120;
  private static final double WIDTH = 720;
  private static final double HEIGHT = 220;
  private static final double LEFT = 20;

  private SvgCarpetPlot() {
  }

  /** @param values row-major: region {@code n} at time {@code t} is {@code values[t*regions+n]} */
  static String render(String title, int timepoints, int regions, double[] values,
      NetworkOrder order) {
    double[][] z = zScored(timepoints, regions, values);
    int tBin = (timepoints + MAX_COLUMNS - 1) / MAX_COLUMNS;
    int rBin = (regions + MAX_ROWS - 1) / MAX_ROWS;
    int columns = (timepoints + tBin - 1) / tBin;
    int rows = (regions + rBin - 1) / rBin;
    Svg svg = new Svg(WIDTH, HEIGHT + 20, title);
    double cw = (WIDTH - LEFT) / columns;
    double rh = HEIGHT / rows;
    java.util.List<String> networks = order.distinctNetworks();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        double sum = 0;
        int count = 0;
        for (int p = r * rBin; p < Math.min((r + 1) * rBin, regions); p++) {
          for (int t = c * tBin; t < Math.min((c + 1) * tBin, timepoints); t++) {
            sum += z[order.order()[p]][t];
            count++;
          }
        }
        double mean = count == 0 ? 0 : sum / count;
        svg.rect(LEFT + c * cw, r * rh, cw + 0.05, rh + 0.05, ColorScale.grey((mean + 2) / 4),
            null);
      }
      String network = order.networks().get(r * rBin);
      svg.rect(2, r * rh, LEFT - 4, rh + 0.05, ColorScale.category(networks.indexOf(network)),
          network);
    }
    svg.text(LEFT + (WIDTH - LEFT) / 2, HEIGHT + 15, "volume (censored volumes removed)",
        "middle", 10, 0);
    return svg.toString();
  }

  private static double[][] zScored(int timepoints, int regions, double[] values) {
    double[][] z = new double[regions][timepoints];
    for (int n = 0; n < regions; n++) {
      double mean = 0;
      for (int t = 0; t < timepoints; t++) {
        mean += values[t * regions + n];
      }
      mean /= Math.max(timepoints, 1);
      double var = 0;
      for (int t = 0; t < timepoints; t++) {
        double d = values[t * regions + n] - mean;
        var += d * d;
      }
      double sd = Math.sqrt(var / Math.max(timepoints - 1, 1));
      for (int t = 0; t < timepoints; t++) {
        z[n][t] = sd > 0 ? (values[t * regions + n] - mean) / sd : 0;
      }
    }
    return z;
  }
}
