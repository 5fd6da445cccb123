package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectivityMeasuresTest {

  private static JsonNode ref;
  private static TimeSeries input;

  @BeforeAll
  static void load() throws IOException {
    ref = SignalReference.load("connectivity.json");
    input = SignalReference.series(ref.get("input"));
  }

  private static double[] matrix(String key) {
    return SignalReference.series(ref.get(key)).values();
  }

  @Test
  void pearsonMatchesCorrcoef() {
    RegionMatrix r = PearsonCorrelation.of(input);
    SignalReference.assertClose(matrix("pearson"), r.values(), 1e-9, "pearson");
    assertEquals(0, r.degenerateRegions().length);
  }

  @Test
  void biasedCovarianceMatchesNumpyAndUnbiasedIsRescaled() {
    double[] expected = matrix("covariance_biased");
    SignalReference.assertClose(expected, Covariance.of(input, false).values(), 1e-9, "cov");
    double[] unbiased = Covariance.of(input, true).values();
    int t = input.timepoints();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i] * t / (t - 1), unbiased[i], 1e-9 * Math.abs(expected[i]) + 1e-12);
    }
  }

  @Test
  void partialCorrelationMatchesInverseOfCov() {
    SignalReference.assertClose(matrix("partial_correlation"),
        PartialCorrelation.of(input).values(), 1e-9, "partial");
  }

  @Test
  void ledoitWolfMatchesSklearn() {
    LedoitWolf lw = LedoitWolf.fit(input);
    assertEquals(ref.get("ledoitwolf_shrinkage").asDouble(), lw.shrinkage(), 1e-12);
    SignalReference.assertClose(matrix("ledoitwolf_covariance"), lw.covariance().values(), 1e-9,
        "ledoit-wolf covariance");
    SignalReference.assertClose(matrix("ledoitwolf_correlation"), lw.correlation().values(),
        1e-9, "ledoit-wolf correlation");
  }

  @Test
  void fisherZOfPearson() {
    RegionMatrix z = FisherZ.of(PearsonCorrelation.of(input));
    assertEquals(ref.get("fisher_z_of_pearson_offdiag_example").asDouble(), z.get(0, 1), 1e-9);
    assertEquals(z.get(0, 1), z.get(1, 0), 0.0);
    for (int i = 0; i < z.size(); i++) {
      assertEquals(0.0, z.get(i, i), 0.0, "diagonal is 0 by convention");
    }
  }

  @Test
  void degenerateRegionsAreReportedAndIsolated() {
    int t = input.timepoints();
    int n = input.regions();
    double[] values = input.values().clone();
    for (int k = 0; k < t; k++) {
      values[k * n + 3] = 12.0;
    }
    values[5 * n + 7] = Double.NaN;
    TimeSeries broken = new TimeSeries(t, n, values);
    int[] expectedBad = {3, 7};
    RegionMatrix[] results = {PearsonCorrelation.of(broken), Covariance.of(broken, false),
        PartialCorrelation.of(broken), LedoitWolf.fit(broken).covariance(),
        LedoitWolf.fit(broken).correlation(), FisherZ.of(PearsonCorrelation.of(broken))};
    RegionMatrix pearsonClean = PearsonCorrelation.of(input);
    for (RegionMatrix m : results) {
      assertArrayEquals(expectedBad, m.degenerateRegions());
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          boolean bad = i == 3 || i == 7 || j == 3 || j == 7;
          assertEquals(bad, Double.isNaN(m.get(i, j)), "entry " + i + "," + j);
        }
      }
    }
    // healthy pairs are unaffected by the bad regions for pairwise measures
    assertEquals(pearsonClean.get(0, 1), results[0].get(0, 1), 1e-15);
  }

  @Test
  void partialCorrelationOfIndependentSignalsIsNearZero() {
    Random random = new Random(5);
    int t = 4000;
    TimeSeries noise = NuisanceRegressionTest.randomSeries(random, t, 6);
    RegionMatrix partial = PartialCorrelation.of(noise);
    for (int i = 0; i < 6; i++) {
      assertEquals(1.0, partial.get(i, i), 0.0);
      for (int j = 0; j < 6; j++) {
        if (i != j) {
          // sd of a sample correlation is 1/sqrt(T) ~ 0.016
          assertTrue(Math.abs(partial.get(i, j)) < 0.07, "partial " + partial.get(i, j));
        }
      }
    }
  }

  @Test
  void partialCorrelationRemovesACommonDriver() {
    Random random = new Random(9);
    int t = 3000;
    double[] driver = new double[t];
    double[] a = new double[t];
    double[] b = new double[t];
    for (int k = 0; k < t; k++) {
      driver[k] = random.nextGaussian();
      a[k] = driver[k] + 0.5 * random.nextGaussian();
      b[k] = driver[k] + 0.5 * random.nextGaussian();
    }
    TimeSeries series = TimeSeries.ofColumns(t, driver, a, b);
    assertTrue(PearsonCorrelation.of(series).get(1, 2) > 0.7);
    assertTrue(Math.abs(PartialCorrelation.of(series).get(1, 2)) < 0.07);
  }

  @Test
  void singularCovarianceSuggestsShrunk() {
    Random random = new Random(1);
    TimeSeries wide = NuisanceRegressionTest.randomSeries(random, 10, 20);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PartialCorrelation.of(wide));
    assertTrue(e.getMessage().contains("10 time points for 20 regions")
        && e.getMessage().contains("shrunk"), e.getMessage());
    double[] a = {1, 2, 3, 4, 5, 1, 0};
    double[] b = {2, 1, 0, 3, 1, 1, 2};
    double[] c = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      c[k] = a[k] - 2 * b[k];
    }
    IllegalArgumentException collinear = assertThrows(IllegalArgumentException.class,
        () -> PartialCorrelation.of(TimeSeries.ofColumns(a.length, a, b, c)));
    assertTrue(collinear.getMessage().contains("singular"), collinear.getMessage());
    // Ledoit-Wolf stays well defined with more regions than time points
    RegionMatrix shrunk = LedoitWolf.fit(wide).correlation();
    assertTrue(Arrays.stream(shrunk.values()).allMatch(Double::isFinite));
  }
}
