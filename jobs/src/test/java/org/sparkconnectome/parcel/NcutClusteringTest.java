package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.testing.SharedSpark;

/**
 * The two-level normalised cut on a planted cohort in memory (4 box parcels on an 8 x 8 x 4 grid,
 * within-parcel correlation about 0.6): the individual cuts on Spark's executors and on the
 * driver give the same group cut, and it is the planted one.
 */
class NcutClusteringTest {
  private static final int[] SHAPE = {8, 8, 4};

  @Test
  void recoversThePlantedParcelsOnSparkAsOnTheDriver() {
    CohortFeatures cohort = PlantedCohort.boxes(SHAPE, 4, 100, 0.8);
    int[] planted = PlantedCohort.labels(cohort.graph());
    NcutClustering ncut = new NcutClustering(26, 0.5, 1);
    SparkSession spark = SharedSpark.get();
    NcutClustering.GroupCut cut = ncut.cohortCut(spark, cohort, 4);
    assertEquals(4, cut.cut().count());
    assertEquals(1.0, AdjustedRand.index(planted, cut.cut().labels()), 1e-12);
    assertArrayEquals(cut.cut().labels(), ncut.cluster(cohort, 4),
        "the driver's sequential cuts are the executors' cuts");
    // Inside a parcel every run keeps most neighbours together; across a boundary none does.
    int[][] edges = cut.edges();
    double inside = 0;
    double across = 0;
    int insideCount = 0;
    for (int e = 0; e < edges[0].length; e++) {
      if (planted[edges[0][e]] == planted[edges[1][e]]) {
        inside += cut.groupWeights()[e];
        insideCount++;
      } else {
        across += cut.groupWeights()[e];
      }
    }
    assertTrue(inside / insideCount > 0.9, "within-parcel agreement " + inside / insideCount);
    assertEquals(0.0, across, 1e-12, "no run joins voxels across a planted boundary");
    // 26 neighbours on the full grid: 13 per voxel less those the grid's faces cut.
    assertTrue(edges[0].length > 6 * cohort.graph().size(), "edges " + edges[0].length);
  }

  @Test
  void aRunsEdgeWeightIsItsPearsonCorrelationAboveTheThreshold() {
    CohortFeatures cohort = PlantedCohort.boxes(new int[] {4, 4, 2}, 2, 30, 1.5);
    GridGraph graph = GridGraph.of(cohort.graph().shape(), cohort.graph().mask(), 18);
    int[][] edges = graph.edges();
    double[] weights = RunSimilarity.weights(cohort.features(), cohort.width(), 30, 30, edges,
        0.2);
    int kept = 0;
    for (int e = 0; e < edges[0].length; e++) {
      double r = pearson(cohort, edges[0][e], edges[1][e], 30, 30);
      assertEquals(r > 0.2 ? r : 0, weights[e], 1e-12, "edge " + e);
      kept += r > 0.2 ? 1 : 0;
    }
    assertTrue(kept > 0 && kept < edges[0].length, "the threshold keeps some edges: " + kept);
  }

  private static double pearson(CohortFeatures c, int i, int j, int from, int count) {
    double mi = 0;
    double mj = 0;
    for (int t = 0; t < count; t++) {
      mi += c.features()[i * c.width() + from + t] / count;
      mj += c.features()[j * c.width() + from + t] / count;
    }
    double sij = 0;
    double sii = 0;
    double sjj = 0;
    for (int t = 0; t < count; t++) {
      double a = c.features()[i * c.width() + from + t] - mi;
      double b = c.features()[j * c.width() + from + t] - mj;
      sij += a * b;
      sii += a * a;
      sjj += b * b;
    }
    return sij / Math.sqrt(sii * sjj);
  }
}
