package org.sparkconnectome.parcel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A cohort with 4 planted box parcels built in memory (x and y each cut in two), each voxel its
 * parcel's latent series per subject plus noise, standardised per run as {@link RunFeatures}
 * does: what the parcellation tests recover.
 */
final class PlantedCohort {

  private PlantedCohort() {
  }

  /** The planted label (0..3) of each node of a graph on the full grid. */
  static int[] labels(GridGraph graph) {
    int[] shape = graph.shape();
    int[] planted = new int[graph.size()];
    for (int i = 0; i < planted.length; i++) {
      int v = graph.voxels()[i];
      int x = v % shape[0];
      int y = v / shape[0] % shape[1];
      planted[i] = (x >= shape[0] / 2 ? 1 : 0) + (y >= shape[1] / 2 ? 2 : 0);
    }
    return planted;
  }

  /** {@code subjects} runs of {@code volumes} volumes, one per subject (latent 1, noise sd). */
  static CohortFeatures boxes(int[] shape, int subjects, int volumes, double noise) {
    boolean[] all = new boolean[shape[0] * shape[1] * shape[2]];
    Arrays.fill(all, true);
    GridGraph graph = GridGraph.of(shape, all);
    int[] planted = labels(graph);
    int n = graph.size();
    int width = subjects * volumes;
    double[] features = new double[n * width];
    Random random = new Random(19);
    List<CohortFeatures.RunColumns> runs = new ArrayList<>();
    for (int s = 0; s < subjects; s++) {
      double[][] latent = new double[4][volumes];
      for (double[] series : latent) {
        for (int t = 0; t < volumes; t++) {
          series[t] = random.nextGaussian();
        }
      }
      for (int i = 0; i < n; i++) {
        float[] series = new float[volumes];
        for (int t = 0; t < volumes; t++) {
          series[t] = (float) (latent[planted[i]][t] + noise * random.nextGaussian());
        }
        RunFeatures.standardise(series, 0, volumes);
        for (int t = 0; t < volumes; t++) {
          features[i * width + s * volumes + t] = series[t];
        }
      }
      String subject = String.format("%02d", s + 1);
      runs.add(new CohortFeatures.RunColumns(subject, "sub-" + subject + "_bold.nii.gz",
          s * volumes, volumes));
    }
    return new CohortFeatures(graph, new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0},
        {0, 0, 1, 0}, {0, 0, 0, 1}}, features, width, runs, List.of(), "test");
  }
}
