package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.testing.SharedSpark;

/**
 * The stability map on a planted cohort built in memory (4 box parcels on an 8 x 8 x 4 grid,
 * each voxel its parcel's latent series per subject plus noise, standardised per run as
 * {@link RunFeatures} does), with each resampling, on Spark's executors.
 */
class StabilityTest {
  private static final int[] SHAPE = {8, 8, 4};
  private static final int K = 4;
  private static final int VOLUMES = 100;
  private static SparkSession spark;
  private static CohortFeatures cohort;
  private static int[] planted;

  @BeforeAll
  static void plantedCohort() {
    spark = SharedSpark.get();
    cohort = PlantedCohort.boxes(SHAPE, 4, VOLUMES, 0.8);
    planted = PlantedCohort.labels(cohort.graph());
  }

  /** {@code subjects} runs of the planted parcels (signal 1, noise 0.8), one per subject. */
  private static CohortFeatures cohort(GridGraph graph, int subjects) {
    return PlantedCohort.boxes(graph.shape(), subjects, VOLUMES, 0.8);
  }


  private static double meanInsidePlanted(double[] stability) {
    double sum = 0;
    for (double v : stability) {
      sum += v;
    }
    return sum / stability.length;
  }

  @Test
  void plantedParcelsAreStableUnderEveryResampling() {
    int[] labels = ParcelClustering.WARD.cluster(cohort, K);
    assertEquals(1.0, AdjustedRand.index(planted, labels), 1e-12, "Ward finds the planted");
    for (BootstrapResample resample : BootstrapResample.values()) {
      Stability s = Stability.of(spark, cohort, labels, K, ParcelClustering.WARD,
          new BootstrapSettings(6, resample, 0, 1));
      assertEquals(resample, s.resample());
      assertEquals(6, s.bootstraps());
      double mean = meanInsidePlanted(s.voxelStability());
      System.out.println("StabilityTest: " + resample.label() + " mean stability " + mean
          + ", split-half ARI " + s.splitHalfAri());
      assertTrue(mean > 0.95, resample + ": mean stability " + mean);
      assertEquals(1.0, s.splitHalfAri(), 1e-12);
      if (resample.windows()) {
        assertEquals(List.of(10, 10, 10, 10), s.blocks(), "round(sqrt(100)) per run");
      } else {
        assertNull(s.blocks());
      }
    }
  }

  @Test
  void scatteredLabelsAreUnstable() {
    // A labelling the data do not support (stripes across the planted boxes) scores low.
    int[] stripes = new int[planted.length];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = cohort.graph().voxels()[i] / (SHAPE[0] * SHAPE[1]);
    }
    Stability s = Stability.of(spark, cohort, stripes, K, ParcelClustering.WARD,
        new BootstrapSettings(4, BootstrapResample.BOTH, 0, 1));
    double mean = meanInsidePlanted(s.voxelStability());
    assertTrue(mean < 0.5, "stripes across parcels: mean stability " + mean);
  }

  @Test
  void windowsAloneWorkOnOneSubjectWhereSubjectsAloneCannot() {
    CohortFeatures one = cohort(cohort.graph(), 1);
    int[] labels = ParcelClustering.WARD.cluster(one, K);
    Stability s = Stability.of(spark, one, labels, K, ParcelClustering.WARD,
        new BootstrapSettings(5, BootstrapResample.WINDOWS, 7, 3));
    assertTrue(Double.isNaN(s.splitHalfAri()), "no halves of one subject");
    assertEquals(List.of(7), s.blocks());
    double mean = meanInsidePlanted(s.voxelStability());
    assertTrue(mean > 0.9, "one subject's windows: mean stability " + mean);
    assertThrows(UserException.class, () -> Stability.of(spark, one, labels, K,
        ParcelClustering.WARD, new BootstrapSettings(5, BootstrapResample.SUBJECTS, 0, 3)));
    UserException tooLong = assertThrows(UserException.class, () -> Stability.of(spark, one,
        labels, K, ParcelClustering.WARD,
        new BootstrapSettings(5, BootstrapResample.BOTH, 101, 3)));
    assertTrue(tooLong.getMessage().contains("sub-01_bold.nii.gz"), tooLong.getMessage());
  }

  @Test
  void aResampleDependsOnTheSeedAndItsNumberAlone() {
    List<List<Integer>> subjects = List.of(List.of(0), List.of(1), List.of(2), List.of(3));
    List<Integer> blocks = List.of(10, 10, 10, 10);
    CohortFeatures a = Stability.draw(cohort, subjects, blocks, BootstrapResample.BOTH, 5, 2);
    CohortFeatures b = Stability.draw(cohort, subjects, blocks, BootstrapResample.BOTH, 5, 2);
    assertArrayEquals(a.features(), b.features());
    assertEquals(a.runs(), b.runs());
    CohortFeatures c = Stability.draw(cohort, subjects, blocks, BootstrapResample.BOTH, 5, 3);
    assertNotEquals(Arrays.hashCode(a.features()), Arrays.hashCode(c.features()));
    assertEquals(cohort.width(), a.width(), "each run keeps its length");
    // Windows only: every subject once, in order, each run's volumes resampled.
    CohortFeatures w = Stability.draw(cohort, subjects, blocks, BootstrapResample.WINDOWS, 5,
        0);
    assertEquals(cohort.runs().stream().map(CohortFeatures.RunColumns::subject).toList(),
        w.runs().stream().map(CohortFeatures.RunColumns::subject).toList());
    // Subjects only: whole runs, columns equal to some subject's.
    CohortFeatures s = Stability.draw(cohort, subjects, null, BootstrapResample.SUBJECTS, 5, 0);
    CohortFeatures.RunColumns first = s.runs().get(0);
    int source = Integer.parseInt(first.subject()) - 1;
    for (int t = 0; t < VOLUMES; t++) {
      assertEquals(cohort.features()[source * VOLUMES + t], s.features()[t]);
    }
  }

  @Test
  void aSampleTakesTheGivenVolumesOfEachRun() {
    List<CohortFeatures.RunColumns> two = List.of(cohort.runs().get(2), cohort.runs().get(0));
    CohortFeatures s = cohort.sample(two, List.of(new int[] {5, 5, 99}, new int[] {0, 1}));
    assertEquals(5, s.width());
    int w = cohort.width();
    for (int i = 0; i < cohort.graph().size(); i += 37) {
      double[] row = Arrays.copyOfRange(s.features(), i * 5, i * 5 + 5);
      assertArrayEquals(new double[] {cohort.features()[i * w + 205],
          cohort.features()[i * w + 205], cohort.features()[i * w + 299],
          cohort.features()[i * w], cohort.features()[i * w + 1]}, row);
    }
    assertEquals(List.of(new CohortFeatures.RunColumns("03", "sub-03_bold.nii.gz", 0, 3),
        new CohortFeatures.RunColumns("01", "sub-01_bold.nii.gz", 3, 2)), s.runs());
  }
}
