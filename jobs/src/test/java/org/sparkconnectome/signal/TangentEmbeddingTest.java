package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TangentEmbeddingTest {

  private static RegionMatrix covariance(Random random, int t, int n) {
    return TangentEmbedding.subjectCovariance(NuisanceRegressionTest.randomSeries(random, t, n));
  }

  @Test
  void identicalCovariancesGiveZeroTangentAndTheirMean() {
    RegionMatrix c = covariance(new Random(1), 100, 6);
    TangentEmbedding tangent = TangentEmbedding.fit(List.of(c, c, c));
    SignalReference.assertClose(c.values(), tangent.mean().values(), 1e-10, "mean");
    for (double v : tangent.transform(c).values()) {
      assertEquals(0.0, v, 1e-10);
    }
  }

  @Test
  void meanOfTwoCommutingMatricesIsTheirGeometricMean() {
    // diag(1, 4) and diag(4, 1): geometric mean diag(2, 2)
    RegionMatrix a = RegionMatrix.of(2, new double[] {1, 0, 0, 4});
    RegionMatrix b = RegionMatrix.of(2, new double[] {4, 0, 0, 1});
    TangentEmbedding tangent = TangentEmbedding.fit(List.of(a, b));
    SignalReference.assertClose(new double[] {2, 0, 0, 2}, tangent.mean().values(), 1e-7,
        "mean");
    // logm(diag(1/2, 2)) = diag(-ln 2, ln 2)
    RegionMatrix ta = tangent.transform(a);
    assertEquals(-Math.log(2), ta.get(0, 0), 1e-7);
    assertEquals(Math.log(2), ta.get(1, 1), 1e-7);
    assertEquals(0.0, ta.get(0, 1), 1e-12);
  }

  @Test
  void tangentsOfAGroupAreCenteredAndSymmetric() {
    Random random = new Random(3);
    List<RegionMatrix> group = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      group.add(covariance(random, 80, 5));
    }
    TangentEmbedding tangent = TangentEmbedding.fit(group);
    double[] sum = new double[25];
    for (RegionMatrix c : group) {
      RegionMatrix t = tangent.transform(c);
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
          assertEquals(t.get(i, j), t.get(j, i), 1e-12);
          sum[i * 5 + j] += t.get(i, j) / group.size();
        }
      }
    }
    // at the Riemannian mean the tangent vectors average to (nearly) zero
    for (double v : sum) {
      assertEquals(0.0, v, 1e-5);
    }
  }

  @Test
  void degenerateRegionOfOneSubjectIsNaNForAll() {
    Random random = new Random(6);
    TimeSeries good = NuisanceRegressionTest.randomSeries(random, 60, 4);
    double[] values = NuisanceRegressionTest.randomSeries(random, 60, 4).values();
    for (int k = 0; k < 60; k++) {
      values[k * 4 + 2] = 0.0;
    }
    RegionMatrix a = TangentEmbedding.subjectCovariance(good);
    RegionMatrix b = TangentEmbedding.subjectCovariance(new TimeSeries(60, 4, values));
    assertArrayEquals(new int[] {2}, b.degenerateRegions());
    TangentEmbedding tangent = TangentEmbedding.fit(List.of(a, b));
    RegionMatrix ta = tangent.transform(a);
    assertArrayEquals(new int[] {2}, ta.degenerateRegions());
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(i == 2 || j == 2, Double.isNaN(ta.get(i, j)));
      }
    }
  }

  @Test
  void refusesNonPositiveDefinite() {
    RegionMatrix singular = RegionMatrix.of(2, new double[] {1, 1, 1, 1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TangentEmbedding.fit(List.of(singular)));
    assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
  }
}
