package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.testing.SharedSpark;

/**
 * Calibration without an effect: over 100 null cohorts the NBS family-wise false-positive rate
 * stays at the nominal 5% (within binomial error), and the classifier's permutation p-values
 * are uniform (Kolmogorov-Smirnov). Small graphs and 200 permutations keep it to seconds.
 */
class NullCalibrationTest {
  private static final int COHORTS = 100;
  private static final int PERMUTATIONS = 200;
  /** 5% plus 2.33 binomial standard errors (one-sided 99%) over 100 cohorts. */
  private static final double MAX_RATE = 0.05 + 2.33 * Math.sqrt(0.05 * 0.95 / COHORTS);
  /** Kolmogorov-Smirnov critical distance for 100 samples at the 1% level. */
  private static final double KS_CRITICAL = 1.63 / Math.sqrt(COHORTS);

  @Test
  void nbsFamilyWiseErrorRateIsNominal() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    EdgeComponents network = EdgeComponents.upperTriangle(12);
    int falsePositives = 0;
    for (int c = 0; c < COHORTS; c++) {
      SplittableRandom random = new SplittableRandom(1000 + c);
      int n = 20;
      double[][] data = new double[n][network.edges()];
      double[][] design = new double[n][];
      for (int s = 0; s < n; s++) {
        design[s] = new double[] {1, s % 2, random.nextDouble()};
        for (int k = 0; k < network.edges(); k++) {
          data[s][k] = gaussian(random);
        }
      }
      NbsResult r = NetworkBasedStatistic.run(sc, EdgeGlm.prepare(data, design, 1), network,
          2.5, PERMUTATIONS, c);
      if (!r.components().isEmpty() && r.components().get(0).pValue() <= 0.05) {
        falsePositives++;
      }
    }
    double rate = falsePositives / (double) COHORTS;
    System.out.printf("NBS family-wise error rate over %d null cohorts: %.3f%n", COHORTS, rate);
    assertTrue(rate <= MAX_RATE, "FWE rate " + rate + " above " + MAX_RATE);
  }

  @Test
  void classifierPermutationPValuesAreUniform() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    double[] p = new double[COHORTS];
    for (int c = 0; c < COHORTS; c++) {
      SplittableRandom random = new SplittableRandom(5000 + c);
      int n = 24;
      double[][] x = new double[n][30];
      int[] subjectOfRow = new int[n];
      double[] label = new double[n];
      List<String> subjects = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        for (int k = 0; k < x[s].length; k++) {
          x[s][k] = gaussian(random);
        }
        subjectOfRow[s] = s;
        label[s] = s % 2;
        subjects.add("s" + s);
      }
      int[] fold = SubjectFolds.assign(subjects, 5, c);
      p[c] = RidgePermutationTest.run(sc, x, subjectOfRow, label, fold, 1.0, PERMUTATIONS, c)
          .pValue();
    }
    Arrays.sort(p);
    double d = 0;
    for (int i = 0; i < p.length; i++) {
      d = Math.max(d, Math.max(Math.abs((i + 1.0) / p.length - p[i]),
          Math.abs(p[i] - i / (double) p.length)));
    }
    long small = Arrays.stream(p).filter(v -> v <= 0.05).count();
    System.out.printf("classifier null p-values: KS distance %.3f, %d of %d at or below 0.05%n",
        d, small, COHORTS);
    assertTrue(d <= KS_CRITICAL, "KS distance " + d + " above " + KS_CRITICAL);
    assertTrue(small / (double) COHORTS <= MAX_RATE);
  }

  static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
