package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The report's fast coordinate format writes what {@code String.format("%.1f")} writes. */
class HtmlTest {

  @Test
  void coordinatesAsTheFormatter() {
    SplittableRandom random = new SplittableRandom(17);
    double[] edges = {0, -0.0, 0.05, -0.05, 0.25, 0.35, 1.45, -1.45, 99.95, 719.96, -0.04,
        12345.65, Double.NaN, 1e16};
    for (double v : edges) {
      assertEquals(String.format(Locale.ROOT, "%.1f", v), Html.coord(v), "for " + v);
    }
    for (int i = 0; i < 200_000; i++) {
      // Coordinates of our figures: pixels, and values on a tenth's rounding edge.
      double v = i % 2 == 0 ? random.nextDouble(-100, 1200)
          : Math.round(random.nextDouble(-1000, 12000)) / 100.0 + 0.05;
      assertEquals(String.format(Locale.ROOT, "%.1f", v), Html.coord(v), "for " + v);
    }
  }
}
