package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.fmri.DistributedCovariances;
import org.sparkconnectome.testing.SharedSpark;
import scala.Tuple2;

/**
 * The tree-aggregated geometric mean against the in-memory one it replaced (kept below verbatim as
 * the reference), and its independence of how the runs are partitioned.
 */
class DistributedCovariancesTest {

  private static List<RegionMatrix> group(int subjects, int regions, long seed) {
    Random random = new Random(seed);
    List<RegionMatrix> out = new ArrayList<>();
    for (int s = 0; s < subjects; s++) {
      out.add(TangentEmbedding.subjectCovariance(
          NuisanceRegressionTest.randomSeries(random, 60 + s, regions)));
    }
    return out;
  }

  private static TangentEmbedding fitDistributed(List<RegionMatrix> covariances, int slices) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    List<Tuple2<String, RegionMatrix>> labelled = new ArrayList<>();
    for (int s = 0; s < covariances.size(); s++) {
      labelled.add(new Tuple2<>("sub-" + s, covariances.get(s)));
    }
    try (DistributedCovariances group = new DistributedCovariances(
        jsc.parallelize(labelled, slices))) {
      return TangentEmbedding.fit(group);
    }
  }

  @Test
  void treeAggregatedMeanEqualsTheInMemoryMeanItReplaced() {
    List<RegionMatrix> covariances = group(40, 7, 11);
    List<double[]> matrices = covariances.stream().map(RegionMatrix::values).toList();
    double[] expected = previousGeometricMean(matrices, 7);
    TangentEmbedding fitted = fitDistributed(covariances, 5);
    double[] actual = fitted.mean().values();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-10, "mean at " + i);
    }
    RegionMatrix local = TangentEmbedding.fit(covariances).transform(covariances.get(3));
    RegionMatrix distributed = fitted.transform(covariances.get(3));
    for (int i = 0; i < local.values().length; i++) {
      assertEquals(local.values()[i], distributed.values()[i], 1e-10, "tangent at " + i);
    }
  }

  @Test
  void partitioningDoesNotChangeTheBytes() {
    List<RegionMatrix> covariances = group(30, 5, 12);
    assertArrayEquals(fitDistributed(covariances, 1).mean().values(),
        fitDistributed(covariances, 7).mean().values());
    assertArrayEquals(TangentEmbedding.fit(covariances).mean().values(),
        fitDistributed(covariances, 3).mean().values());
  }

  @Test
  void aNonPositiveDefiniteRunIsNamed() {
    List<RegionMatrix> covariances = new ArrayList<>(group(4, 3, 13));
    covariances.add(RegionMatrix.of(3, new double[] {1, 1, 0, 1, 1, 0, 0, 0, 1}));
    Exception e = assertThrows(Exception.class, () -> fitDistributed(covariances, 2));
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
      cause = cause.getCause();
    }
    assertTrue(String.valueOf(cause.getMessage()).contains("sub-4")
        && cause.getMessage().contains("positive"), String.valueOf(cause.getMessage()));
  }

  /** The fit before it was distributed: nilearn's _geometric_mean over a list in memory. */
  private static double[] previousGeometricMean(List<double[]> matrices, int n) {
    double[] gmean = new double[n * n];
    for (double[] m : matrices) {
      for (int i = 0; i < gmean.length; i++) {
        gmean[i] += m[i] / matrices.size();
      }
    }
    double normOld = Double.POSITIVE_INFINITY;
    double step = 1.0;
    for (int iteration = 0; iteration < 10; iteration++) {
      SymmetricEigen eigen = SymmetricEigen.of(gmean, n);
      double[] invSqrt = eigen.map(x -> 1.0 / Math.sqrt(x));
      double[] logsMean = new double[n * n];
      for (double[] m : matrices) {
        double[] log = SymmetricEigen.of(SymmetricEigen.congruence(invSqrt, m, n), n)
            .map(Math::log);
        for (int i = 0; i < logsMean.length; i++) {
          logsMean[i] += log[i] / matrices.size();
        }
      }
      double norm = 0;
      for (double v : logsMean) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      double[] sqrt = eigen.map(Math::sqrt);
      final double currentStep = step;
      double[] expStep = SymmetricEigen.of(logsMean, n).map(x -> Math.exp(x * currentStep));
      gmean = SymmetricEigen.congruence(sqrt, expStep, n);
      if (norm < normOld) {
        normOld = norm;
      } else if (norm > normOld) {
        step /= 2.0;
        norm = normOld;
      }
      if (norm / (n * (double) n) < 1e-7) {
        break;
      }
    }
    return gmean;
  }
}
