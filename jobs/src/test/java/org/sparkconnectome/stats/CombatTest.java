package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
  void heldOutRowsDoNotChangeTheTrainingFit() {
    Cohort c = cohort();
    int n = c.data.length;
    int[] fold = new int[n];
    for (int r = 0; r < n; r++) {
      fold[r] = r < 12 ? 0 : 1;
    }
    double[][] changed = new double[n][];
    for (int r = 0; r < n; r++) {
      changed[r] = c.data[r].clone();
      if (fold[r] == 0) {
        for (int f = 0; f < changed[r].length; f++) {
          changed[r][f] = 50 + 10 * changed[r][f];
        }
      }
    }
    // Fold 0 held out: the fit on fold 1 and the training rows' values ignore fold 0's rows.
    double[][] a = Combat.perFold(c.data, c.sites, fold, true)[0];
    double[][] b = Combat.perFold(changed, c.sites, fold, true)[0];
    for (int r = 12; r < n; r++) {
      for (int f = 0; f < a[r].length; f++) {
        assertEquals(a[r][f], b[r][f], 0.0);
      }
    }
    List<Integer> train = new ArrayList<>();
    for (int r = 12; r < n; r++) {
      train.add(r);
    }
    Combat.Fitted fa = Combat.fit(train.stream().map(r -> c.data[r]).toArray(double[][]::new),
        train.stream().map(c.sites::get).toList(), null, true);
    Combat.Fitted fb = Combat.fit(train.stream().map(r -> changed[r]).toArray(double[][]::new),
        train.stream().map(c.sites::get).toList(), null, true);
    assertArrayEquals(fa.pooledSd(), fb.pooledSd(), 0.0);
    assertArrayEquals(fa.gamma().get("B"), fb.gamma().get("B"), 0.0);
    assertArrayEquals(fa.delta().get("A"), fb.delta().get("A"), 0.0);
    // The held-out rows are harmonised: their site shift is removed by the training estimates.
    // Measured on the same 12 held-out rows before and after, as the signed B - A difference of
    // site means averaged over the features (one feature's mean over 4 rows is mostly noise).
    double[][] raw = new double[12][];
    double[][] held = new double[12][];
    System.arraycopy(c.data, 0, raw, 0, 12);
    System.arraycopy(a, 0, held, 0, 12);
    List<String> heldSites = c.sites.subList(0, 12);
    double before = Math.abs(meanSiteShift(raw, heldSites));
    double after = Math.abs(meanSiteShift(held, heldSites));
    assertTrue(after < 0.5 * before, before + " -> " + after);
  }

  @Test
  void fitOnAllRowsEqualsTheWholeDataHarmonisation() {
    Cohort c = cohort();
    double[][] whole = Combat.harmonise(c.data, c.sites, c.covariates, true);
    double[][] applied = Combat.fit(c.data, c.sites, c.covariates, true)
        .apply(c.data, c.sites, c.covariates);
    for (int r = 0; r < whole.length; r++) {
      assertArrayEquals(whole[r], applied[r], 0.0);
    }
  }

  @Test
  void refusesAHeldOutSiteAbsentFromTraining() {
    Cohort c = cohort();
    Combat.Fitted fit = Combat.fit(c.data, c.sites, null, true);
    assertThrows(IllegalArgumentException.class,
        () -> fit.apply(new double[][] {c.data[0]}, List.of("C"), null));
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

  /** Site B's mean minus site A's, averaged over the features. */
  private static double meanSiteShift(double[][] x, List<String> sites) {
    double sum = 0;
    int p = x[0].length;
    for (int f = 0; f < p; f++) {
      sum += moments(x, sites, "B", f)[0] - moments(x, sites, "A", f)[0];
    }
    return sum / p;
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
