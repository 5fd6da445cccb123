package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ComBat removes site shifts and scales while keeping covariate effects. */
class CombatTest {

  @Test
  void locationScaleVersionEqualisesSiteMeansAndVariances() {
    Cohort c = cohort();
    double[][] out = Combat.harmonise(c.data, c.sites, null, false);
    for (int f = 0; f < out[0].length; f++) {
      double[] a = moments(out, c.sites, "A", f);
      double[] b = moments(out, c.sites, "B", f);
      assertEquals(a[0], b[0], 1e-9);
      assertEquals(a[1], b[1], 1e-9 * Math.max(1, a[1]));
    }
  }

  @Test
  void empiricalBayesShrinksSiteEffectsAndKeepsCovariates() {
    Cohort c = cohort();
    double[][] out = Combat.harmonise(c.data, c.sites, c.covariates, true);
    double before = 0;
    double after = 0;
    for (int f = 0; f < out[0].length; f++) {
      before += Math.abs(moments(c.data, c.sites, "A", f)[0]
          - moments(c.data, c.sites, "B", f)[0]);
      after += Math.abs(moments(out, c.sites, "A", f)[0] - moments(out, c.sites, "B", f)[0]);
    }
    assertTrue(after < 0.2 * before, "site difference " + before + " -> " + after);
    // The planted age slope of feature 0 (0.5 per unit) survives.
    double sxy = 0;
    double sxx = 0;
    double mx = 0;
    double my = 0;
    int n = out.length;
    for (int r = 0; r < n; r++) {
      mx += c.covariates[r][0] / n;
      my += out[r][0] / n;
    }
    for (int r = 0; r < n; r++) {
      sxy += (c.covariates[r][0] - mx) * (out[r][0] - my);
      sxx += (c.covariates[r][0] - mx) * (c.covariates[r][0] - mx);
    }
    assertEquals(0.5, sxy / sxx, 0.1);
  }

  @Test
  void refusesASiteOfOne() {
    double[][] data = {{1, 2}, {3, 4}, {5, 6}};
    assertThrows(IllegalArgumentException.class,
        () -> Combat.harmonise(data, List.of("A", "A", "B"), null, true));
  }

  private record Cohort(double[][] data, List<String> sites, double[][] covariates) {
  }

  private static Cohort cohort() {
    SplittableRandom random = new SplittableRandom(12);
    int n = 60;
    int p = 40;
    double[][] data = new double[n][p];
    double[][] cov = new double[n][1];
    List<String> sites = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      boolean b = r % 3 == 0;
      sites.add(b ? "B" : "A");
      cov[r][0] = random.nextDouble() * 4;
      for (int f = 0; f < p; f++) {
        double shift = b ? 1.0 + 0.02 * f : 0;
        double scale = b ? 2.0 : 1.0;
        data[r][f] = shift + scale * NullCalibrationTest.gaussian(random)
            + (f == 0 ? 0.5 * cov[r][0] : 0);
      }
    }
    return new Cohort(data, sites, cov);
  }

  private static double[] moments(double[][] x, List<String> sites, String site, int f) {
    double m = 0;
    int k = 0;
    for (int r = 0; r < x.length; r++) {
      if (sites.get(r).equals(site)) {
        m += x[r][f];
        k++;
      }
    }
    m /= k;
    double v = 0;
    for (int r = 0; r < x.length; r++) {
      if (sites.get(r).equals(site)) {
        v += (x[r][f] - m) * (x[r][f] - m);
      }
    }
    return new double[] {m, v / (k - 1)};
  }
}
