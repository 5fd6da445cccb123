package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Covariance#healthy} (one BLAS dsyrk) against the sums of products it replaced, written
 * out here as they were: entry by entry, k ascending, divided at the end.
 */
class CovarianceTest {

  private static double[] tripleLoop(TimeSeries series, boolean unbiased) {
    int t = series.timepoints();
    int n = series.regions();
    double[] centred = Covariance.centred(series);
    double[] cov = new double[n * n];
    double divisor = unbiased ? t - 1 : t;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < t; k++) {
          sum += centred[k * n + i] * centred[k * n + j];
        }
        cov[i * n + j] = sum / divisor;
        cov[j * n + i] = sum / divisor;
      }
    }
    return cov;
  }

  /** Region signals with a common component, offsets and scales far from 1. */
  private static TimeSeries signals(int t, int n, long seed) {
    Random random = new Random(seed);
    double[] common = new double[t];
    for (int k = 0; k < t; k++) {
      common[k] = random.nextGaussian();
    }
    double[] values = new double[t * n];
    for (int j = 0; j < n; j++) {
      double offset = 1000 * random.nextGaussian();
      double scale = Math.exp(3 * random.nextGaussian());
      double loading = random.nextDouble();
      for (int k = 0; k < t; k++) {
        values[k * n + j] = offset + scale * (loading * common[k] + random.nextGaussian());
      }
    }
    return new TimeSeries(t, n, values);
  }

  private static void assertSameAsTripleLoop(int t, int n, boolean unbiased, long seed) {
    TimeSeries series = signals(t, n, seed);
    double[] expected = tripleLoop(series, unbiased);
    double[] actual = Covariance.healthy(series, unbiased);
    assertEquals(n * n, actual.length);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // Relative to the entry's scale sqrt(C_ii C_jj): a near-zero covariance is a
        // cancellation, and its own size is no yardstick.
        double scale = Math.sqrt(expected[i * n + i] * expected[j * n + j]);
        assertEquals(expected[i * n + j], actual[i * n + j], 1e-12 * scale,
            "t " + t + " n " + n + " entry (" + i + ", " + j + ")");
        assertEquals(actual[i * n + j], actual[j * n + i], "symmetric");
      }
    }
  }

  @Test
  void dsyrkMatchesTheSumsOfProducts() {
    assertSameAsTripleLoop(300, 100, false, 1);
    assertSameAsTripleLoop(300, 100, true, 2);
    assertSameAsTripleLoop(1200, 400, false, 3);
    assertSameAsTripleLoop(37, 61, true, 4);
    assertSameAsTripleLoop(2, 3, true, 5);
  }

  @Test
  void oneRegionAndOneTimePoint() {
    assertSameAsTripleLoop(50, 1, true, 6);
    TimeSeries single = new TimeSeries(1, 4, new double[] {1, 2, 3, 4});
    double[] biased = Covariance.healthy(single, false);
    for (double v : biased) {
      assertEquals(0.0, v);
    }
    assertEquals(0, Covariance.healthy(new TimeSeries(10, 0, new double[0]), false).length);
  }

  @Test
  void pearsonFromDsyrkStaysInsideUnitInterval() {
    TimeSeries series = signals(200, 150, 7);
    int n = series.regions();
    double[] corr = Covariance.toCorrelation(Covariance.healthy(series, false), n);
    for (int i = 0; i < n; i++) {
      assertEquals(1.0, corr[i * n + i]);
      for (int j = 0; j < n; j++) {
        assertTrue(Math.abs(corr[i * n + j]) <= 1.0);
      }
    }
  }
}
