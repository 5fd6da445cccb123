package org.sparkconnectome.parcel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Stability of a Ward parcellation over the cohort.
 *
 * <p>Split halves: subjects in name order, alternately to half A and half B; each half's runs
 * are parcellated alone and the adjusted Rand index of the two labellings is reported.
 *
 * <p>Bootstrap: B resamples of the subjects drawn with replacement (seeded), one Spark task
 * each. A voxel's stability is the mean over resamples of the fraction of its final parcel's
 * voxels that share its resample parcel (1 when the resample keeps the parcel together around
 * it, near 1/size when it scatters it).
 *
 * @param splitHalfAri ARI between the halves, NaN with fewer than 2 subjects
 * @param voxelStability per node, null when B = 0
 */
public record Stability(double splitHalfAri, int bootstraps, double[] voxelStability) {

  /** Runs the split halves on the driver and the bootstrap on the executors. */
  public static Stability of(SparkSession spark, CohortFeatures cohort, int[] labels, int k,
      int bootstraps, long seed) {
    TreeMap<String, List<CohortFeatures.RunColumns>> bySubject = new TreeMap<>();
    cohort.runs().forEach(r -> bySubject.computeIfAbsent(r.subject(), s -> new ArrayList<>())
        .add(r));
    List<List<CohortFeatures.RunColumns>> subjects = new ArrayList<>(bySubject.values());
    double ari = Double.NaN;
    int[][] neighbours = cohort.graph().neighbours();
    if (subjects.size() >= 2) {
      List<CohortFeatures.RunColumns> a = new ArrayList<>();
      List<CohortFeatures.RunColumns> b = new ArrayList<>();
      for (int s = 0; s < subjects.size(); s++) {
        (s % 2 == 0 ? a : b).addAll(subjects.get(s));
      }
      ari = AdjustedRand.index(ward(cohort, a, neighbours, k), ward(cohort, b, neighbours, k));
    }
    if (bootstraps <= 0) {
      return new Stability(ari, 0, null);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<CohortFeatures> shared = jsc.broadcast(cohort);
    Broadcast<int[]> finalLabels = jsc.broadcast(labels);
    List<Integer> draws = new ArrayList<>();
    for (int i = 0; i < bootstraps; i++) {
      draws.add(i);
    }
    int count = subjects.size();
    double[] sum = jsc.parallelize(draws, Math.min(bootstraps, 1000)).map(i -> {
      Random random = new Random(seed + 7919L * i);
      List<CohortFeatures.RunColumns> chosen = new ArrayList<>();
      for (int s = 0; s < count; s++) {
        chosen.addAll(subjects.get(random.nextInt(count)));
      }
      CohortFeatures c = shared.value();
      int[] resample = ward(c, chosen, c.graph().neighbours(), k);
      return agreement(finalLabels.value(), resample, k);
    }).reduce(Stability::add);
    for (int v = 0; v < sum.length; v++) {
      sum[v] /= bootstraps;
    }
    return new Stability(ari, bootstraps, sum);
  }

  /** Per voxel, the fraction of its final parcel's voxels that share its other label. */
  static double[] agreement(int[] base, int[] other, int k) {
    int n = base.length;
    java.util.Map<Long, Integer> together = new java.util.HashMap<>();
    int[] sizes = new int[k];
    for (int v = 0; v < n; v++) {
      sizes[base[v]]++;
      together.merge(((long) base[v] << 32) | other[v], 1, Integer::sum);
    }
    double[] out = new double[n];
    for (int v = 0; v < n; v++) {
      out[v] = together.get(((long) base[v] << 32) | other[v]) / (double) sizes[base[v]];
    }
    return out;
  }

  private static int[] ward(CohortFeatures cohort, List<CohortFeatures.RunColumns> runs,
      int[][] neighbours, int k) {
    int width = runs.stream().mapToInt(CohortFeatures.RunColumns::count).sum();
    return SpatialWard.cluster(cohort.columnsOf(runs), width, neighbours, k);
  }

  private static double[] add(double[] a, double[] b) {
    double[] s = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }
}
