package org.sparkconnectome.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spearman's correlation against values scipy 1.10 gives for the same vectors. */
class SpearmanCorrelationTest {
  private static final double[] X = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
  private static final double[] Y = {2, 7, 1, 8, 2, 8, 1, 8, 2, 8};

  @Test
  void tiesShareTheirAverageRankAsRankdata() {
    // scipy.stats.rankdata(X) and rankdata(Y), method "average".
    assertArrayEquals(new double[] {4.5, 1.5, 6.0, 1.5, 7.5, 10.0, 3.0, 9.0, 7.5, 4.5},
        SpearmanCorrelation.ranks(X), 0);
    assertArrayEquals(new double[] {4.0, 6.0, 1.5, 8.5, 4.0, 8.5, 1.5, 8.5, 4.0, 8.5},
        SpearmanCorrelation.ranks(Y), 0);
  }

  @Test
  void correlationWithTiesAsSpearmanr() {
    // scipy.stats.spearmanr(X, Y).correlation
    assertEquals(0.13471506281091267, SpearmanCorrelation.of(X, Y), 1e-15);
    assertEquals(SpearmanCorrelation.of(X, Y), SpearmanCorrelation.of(Y, X), 0);
  }

  @Test
  void monotoneMapsGiveOneAndMinusOne() {
    double[] x = {0.1, 5, 2, 7, 3};
    double[] cubed = new double[x.length];
    double[] negated = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      cubed[i] = x[i] * x[i] * x[i];
      negated[i] = -Math.exp(x[i]);
    }
    assertEquals(1.0, SpearmanCorrelation.of(x, cubed), 1e-15);
    assertEquals(-1.0, SpearmanCorrelation.of(x, negated), 1e-15);
  }

  @Test
  void constantOrTooShortIsNan() {
    assertTrue(Double.isNaN(SpearmanCorrelation.of(new double[] {1, 1, 1},
        new double[] {1, 2, 3})));
    assertTrue(Double.isNaN(SpearmanCorrelation.of(new double[] {1}, new double[] {2})));
    assertThrows(IllegalArgumentException.class,
        () -> SpearmanCorrelation.of(new double[] {1, 2}, new double[] {1}));
  }
}
