package org.sparkconnectome.stats;

import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Timing of the NBS permutation null on synthetic data (Gaussian edges, two equal groups, a
 * planted 10-region effect): {@code NbsBenchmark SUBJECTS REGIONS PERMUTATIONS MASTER}. Prints
 * one JSON line with the seconds of the permutation phase (after a warm-up run of 16).
 */
public final class NbsBenchmark {
  private NbsBenchmark() {
  }

  public static void main(String[] args) {
    int subjects = Integer.parseInt(args[0]);
    int regions = Integer.parseInt(args[1]);
    int permutations = Integer.parseInt(args[2]);
    String master = args[3];
    EdgeComponents network = EdgeComponents.upperTriangle(regions);
    SplittableRandom random = new SplittableRandom(1);
    double[][] data = new double[subjects][network.edges()];
    double[][] design = new double[subjects][];
    for (int s = 0; s < subjects; s++) {
      design[s] = new double[] {1, s % 2};
      for (int k = 0; k < network.edges(); k++) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        data[s][k] = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2)
            + (s % 2 == 1 && network.second()[k] < 10 ? 0.8 : 0);
      }
    }
    SparkSession spark = SparkSession.builder().appName("nbs-bench").master(master)
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      long t0 = System.nanoTime();
      EdgeGlm glm = EdgeGlm.prepare(data, design, 1);
      double prepare = (System.nanoTime() - t0) / 1e9;
      NetworkBasedStatistic.run(sc, glm, network, 3.0, 16, 0);
      long t1 = System.nanoTime();
      NbsResult r = NetworkBasedStatistic.run(sc, glm, network, 3.0, permutations, 0);
      double seconds = (System.nanoTime() - t1) / 1e9;
      System.out.println(String.format(Locale.ROOT, "{\"benchmark\": \"nbs\", \"master\": \"%s\","
          + " \"cores\": %d, \"subjects\": %d, \"regions\": %d, \"edges\": %d, "
          + "\"permutations\": %d, \"seconds\": %.2f, \"prepare_seconds\": %.2f, "
          + "\"ms_per_permutation\": %.2f, \"largest_component\": %d, \"p_value\": %.5f}",
          master, sc.defaultParallelism(), subjects, regions, network.edges(), permutations,
          seconds, prepare, 1000 * seconds / Math.max(1, permutations),
          r.components().isEmpty() ? 0 : r.components().get(0).size(),
          r.components().isEmpty() ? 1.0 : r.components().get(0).pValue()));
    } finally {
      spark.stop();
    }
  }
}
