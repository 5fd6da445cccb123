package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NuisanceRegressionTest {

  @Test
  void matchesNumpyLstsqResiduals() throws IOException {
    JsonNode ref = SignalReference.load("regression.json");
    TimeSeries y = SignalReference.series(ref.get("input"));
    TimeSeries confounds = SignalReference.series(ref.get("confounds"));
    NuisanceRegression regression = new NuisanceRegression(confounds, Detrend.LINEAR);
    assertEquals(8, regression.designColumns());
    assertEquals(8, regression.designRank());
    TimeSeries residuals = regression.residuals(y);
    SignalReference.assertClose(SignalReference.series(ref.get("residuals")).values(),
        residuals.values(), 1e-6, "residuals");
  }

  @Test
  void fitOnAllVolumesThroughMaskEqualsPlainFit() throws IOException {
    JsonNode ref = SignalReference.load("regression.json");
    TimeSeries y = SignalReference.series(ref.get("input"));
    NuisanceRegression regression =
        new NuisanceRegression(SignalReference.series(ref.get("confounds")), Detrend.LINEAR);
    boolean[] all = new boolean[y.timepoints()];
    Arrays.fill(all, true);
    SignalReference.assertClose(regression.residuals(y).values(),
        regression.residuals(y, all).values(), 1e-9, "masked fit");
  }

  @Test
  void residualsAreOrthogonalToTheDesign() {
    Random random = new Random(7);
    int t = 80;
    TimeSeries confounds = randomSeries(random, t, 5);
    TimeSeries y = randomSeries(random, t, 3);
    NuisanceRegression regression = new NuisanceRegression(confounds, Detrend.LINEAR);
    TimeSeries residuals = regression.residuals(y);
    double[] x = NuisanceRegression.designMatrix(confounds, Detrend.LINEAR);
    int p = regression.designColumns();
    for (int n = 0; n < y.regions(); n++) {
      for (int c = 0; c < p; c++) {
        double dot = 0;
        for (int i = 0; i < t; i++) {
          dot += x[i * p + c] * residuals.get(i, n);
        }
        assertEquals(0.0, dot, 1e-10, "region " + n + " design column " + c);
      }
    }
  }

  @Test
  void collinearConfoundsAreDroppedNotFatal() {
    Random random = new Random(11);
    int t = 60;
    double[] a = new double[t];
    double[] b = new double[t];
    double[] sum = new double[t];
    double[] constant = new double[t];
    for (int i = 0; i < t; i++) {
      a[i] = random.nextGaussian();
      b[i] = random.nextGaussian();
      sum[i] = 2 * a[i] - b[i];
      constant[i] = 3.0;
    }
    TimeSeries independent = TimeSeries.ofColumns(t, a, b);
    TimeSeries redundant = TimeSeries.ofColumns(t, a, b, sum, a, constant);
    TimeSeries y = randomSeries(random, t, 2);
    NuisanceRegression full = new NuisanceRegression(redundant, Detrend.LINEAR);
    assertEquals(7, full.designColumns());
    assertEquals(4, full.designRank());
    SignalReference.assertClose(new NuisanceRegression(independent, Detrend.LINEAR)
        .residuals(y).values(), full.residuals(y).values(), 1e-10, "rank-deficient fit");
  }

  @Test
  void censoredFitIgnoresOutliersInCensoredVolumes() {
    Random random = new Random(3);
    int t = 50;
    TimeSeries confounds = randomSeries(random, t, 2);
    // y is an exact combination of the design, plus a spike in one volume
    double[] y = new double[t];
    for (int i = 0; i < t; i++) {
      y[i] = 5 + 2 * confounds.get(i, 0) - confounds.get(i, 1);
    }
    y[10] += 1000;
    boolean[] keep = new boolean[t];
    Arrays.fill(keep, true);
    keep[10] = false;
    TimeSeries residuals = new NuisanceRegression(confounds, Detrend.NONE)
        .residuals(TimeSeries.ofColumns(t, y), keep);
    for (int i = 0; i < t; i++) {
      assertEquals(i == 10 ? 1000 : 0, residuals.get(i, 0), 1e-9, "volume " + i);
    }
    assertThrows(IllegalArgumentException.class, () -> new NuisanceRegression(confounds,
        Detrend.NONE).residuals(TimeSeries.ofColumns(t, y), new boolean[t]));
  }

  @Test
  void interceptOnlyRemovesTheMean() {
    double[] y = {1, 2, 3, 10};
    TimeSeries residuals = new NuisanceRegression(TimeSeries.zeros(4, 0), Detrend.NONE)
        .residuals(TimeSeries.ofColumns(4, y));
    SignalReference.assertClose(new double[] {-3, -2, -1, 6}, residuals.values(), 1e-12, "mean");
  }

  static TimeSeries randomSeries(Random random, int t, int n) {
    double[] v = new double[t * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextGaussian();
    }
    return new TimeSeries(t, n, v);
  }
}
