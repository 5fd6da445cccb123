package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.testing.SharedSpark;

/**
 * {@code stats predict}: a planted linear relation with age is found under nested CV (r high,
 * permutation p small, MLlib's ridge equal to the closed form), and over 100 null cohorts the
 * permutation p-value is at or below 0.05 no more often than 5% plus a binomial allowance.
 */
class PredictionJobTest {
  private static final int COHORTS = 100;
  /** 5% plus 2.33 binomial standard errors (one-sided 99%) over 100 cohorts: 10 of 100. */
  private static final double MAX_RATE = 0.05 + 2.33 * Math.sqrt(0.05 * 0.95 / COHORTS);

  @Test
  void plantedAgeRelationIsFound() {
    CohortFeatures cohort = cohort(new SplittableRandom(7), 40, 8, 1.0);
    PredictionSettings s = new PredictionSettings(5, 3, new double[] {0.01, 0.1, 1.0}, 0, 49,
        "local", false, 3);
    PredictionResult r = new PredictionJob(SharedSpark.get(), s).run(cohort, "age",
        List.of("motion", "site"), null);
    System.out.printf("planted age: r %.3f (closed form %.6f), p %.4f, MAE %.2f%n", r.r(),
        r.permutationR(), r.pValue(), r.mae());
    assertTrue(r.r() > 0.7, "r " + r.r());
    assertTrue(r.pValue() <= 0.02 + 1e-12, "p " + r.pValue());
    assertEquals(r.r(), r.permutationR(), 1e-4, "MLlib ridge and the closed form differ");
    assertEquals(5, r.foldR().length);
  }

  @Test
  void nullCohortsKeepTheFamilyWiseErrorRate() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    int small = 0;
    for (int c = 0; c < COHORTS; c++) {
      CohortFeatures cohort = cohort(new SplittableRandom(900 + c), 30, 6, 0.0);
      List<FeatureRow> rows = cohort.rows();
      double[] y = rows.stream().mapToDouble(r -> Double.parseDouble(r.phenotypes()
          .get("age"))).toArray();
      NestedSplits splits = NestedSplits.of(cohort.subjects(), 3, 3, c);
      double[][] confounds = PredictionJob.confounds(rows, List.of("motion"));
      NestedRidge ridge = NestedRidge.prepare(splits, cohort.matrix(), confounds, null,
          new double[] {0.1, 1.0});
      double observed = PredictionJob.pearson(y, ridge.run(y).prediction());
      double p = Permutations.pValue(observed, PredictionJob.localNull(sc, ridge, y, 19, c));
      if (p <= 0.05) {
        small++;
      }
    }
    double rate = small / (double) COHORTS;
    System.out.printf("predict: %d of %d null cohorts with p <= 0.05 (bound %.3f)%n", small,
        COHORTS, MAX_RATE);
    assertTrue(rate <= MAX_RATE, "rate " + rate);
  }

  @Test
  void heldOutRowsDoNotMoveTheTrainingPreparation() {
    CohortFeatures cohort = cohort(new SplittableRandom(3), 20, 5, 1.0);
    double[][] x = cohort.matrix();
    double[][] confounds = PredictionJob.confounds(cohort.rows(), List.of("motion", "site"));
    List<String> sites = cohort.rows().stream().map(r -> r.phenotypes().get("site")).toList();
    int[] train = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    int[] test = {16, 17, 18, 19};
    FoldFeatures a = FoldFeatures.of(x, confounds, sites, train, test);
    double[][] changed = FoldFeatures.rows(x, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
        12, 13, 14, 15, 16, 17, 18, 19});
    double[][] changedConfounds = FoldFeatures.rows(confounds, new int[] {0, 1, 2, 3, 4, 5, 6,
        7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
    for (int t : test) {
      for (int j = 0; j < changed[t].length; j++) {
        changed[t][j] += 100;
      }
      changedConfounds[t][0] += 5;
    }
    FoldFeatures b = FoldFeatures.of(changed, changedConfounds, sites, train, test);
    for (int r = 0; r < train.length; r++) {
      for (int j = 0; j < x[0].length; j++) {
        assertEquals(a.train()[r][j], b.train()[r][j], 0.0);
      }
    }
  }

  /**
   * Subjects with features on a 5-region atlas... {@code regions} regions; age uniform in
   * 20..70, edge {@code k} carries {@code effect * w_k * age_z} plus unit noise; motion and two
   * sites as confounds.
   */
  static CohortFeatures cohort(SplittableRandom random, int n, int regions, double effect) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < regions; i++) {
      names.add("R" + i);
    }
    int edges = regions * (regions - 1) / 2;
    List<FeatureRow> rows = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      double age = 20 + 50 * random.nextDouble();
      double z = (age - 45) / 14.4;
      double[] v = new double[edges];
      for (int k = 0; k < edges; k++) {
        double w = k % 3 == 0 ? 1 : 0;
        v[k] = effect * w * z + NullCalibrationTest.gaussian(random);
      }
      Map<String, String> pheno = Map.of("subject", "s" + s, "age", Double.toString(age),
          "motion", Double.toString(0.1 + 0.05 * random.nextDouble()),
          "site", s % 2 == 0 ? "A" : "B");
      rows.add(new FeatureRow("s" + s, null, null, pheno, v));
    }
    return new CohortFeatures("toy", "pearson", names, rows, Map.of());
  }
}
