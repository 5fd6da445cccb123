package org.sparkconnectome.parcel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.UserException;

/**
 * Stability of a parcellation over the cohort, for whichever clustering the command gives.
 *
 * <p>Split halves: subjects in name order, alternately to half A and half B; each half's runs
 * are parcellated alone and the adjusted Rand index of the two labellings is reported.
 *
 * <p>Bootstrap: B resamples, one Spark task each, resample b drawn from a generator seeded by
 * (seed, b) alone, so that the map does not depend on the partitioning. A resample draws the
 * subjects with replacement (each with all its runs), or each run's volumes by the circular
 * block bootstrap ({@link BlockBootstrap}), or both, subjects first (Bellec et al. 2010). A
 * voxel's stability is the mean over resamples of the fraction of its final parcel's voxels
 * that share its resample parcel (1 when the resample keeps the parcel together around it, near
 * 1/size when it scatters it).
 *
 * @param splitHalfAri ARI between the halves, NaN with fewer than 2 subjects
 * @param resample what the bootstrap resampled
 * @param blocks each run's block length in volumes (run order), null without windows or B
 * @param voxelStability per node, null when B = 0
 */
public record Stability(double splitHalfAri, int bootstraps, BootstrapResample resample,
    List<Integer> blocks, double[] voxelStability) {

  /** Runs the split halves on the driver and the bootstrap on the executors. */
  public static Stability of(SparkSession spark, CohortFeatures cohort, int[] labels, int k,
      ParcelClustering clustering, BootstrapSettings plan) {
    TreeMap<String, List<Integer>> bySubject = new TreeMap<>();
    List<CohortFeatures.RunColumns> runs = cohort.runs();
    for (int r = 0; r < runs.size(); r++) {
      bySubject.computeIfAbsent(runs.get(r).subject(), s -> new ArrayList<>()).add(r);
    }
    List<List<Integer>> subjects = new ArrayList<>(bySubject.values());
    double ari = Double.NaN;
    if (subjects.size() >= 2) {
      List<CohortFeatures.RunColumns> a = new ArrayList<>();
      List<CohortFeatures.RunColumns> b = new ArrayList<>();
      for (int s = 0; s < subjects.size(); s++) {
        for (int r : subjects.get(s)) {
          (s % 2 == 0 ? a : b).add(runs.get(r));
        }
      }
      ari = AdjustedRand.index(clustering.cluster(cohort.sample(a, null), k),
          clustering.cluster(cohort.sample(b, null), k));
    }
    BootstrapResample resample = plan.resample();
    List<Integer> blocks = resample.windows() && plan.bootstraps() > 0
        ? blocks(runs, plan) : null;
    if (plan.bootstraps() <= 0) {
      return new Stability(ari, 0, resample, blocks, null);
    }
    refuseImpossible(cohort, plan);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<CohortFeatures> shared = jsc.broadcast(cohort);
    Broadcast<int[]> finalLabels = jsc.broadcast(labels);
    List<Integer> draws = new ArrayList<>();
    for (int i = 0; i < plan.bootstraps(); i++) {
      draws.add(i);
    }
    List<Integer> blockOfRun = blocks;
    double[] sum = jsc.parallelize(draws, Math.min(plan.bootstraps(), 1000)).map(i -> {
      CohortFeatures c = shared.value();
      CohortFeatures drawn = draw(c, subjects, blockOfRun, resample, plan.seed(), i);
      return agreement(finalLabels.value(), clustering.cluster(drawn, k), k);
    }).reduce(Stability::add);
    for (int v = 0; v < sum.length; v++) {
      sum[v] /= plan.bootstraps();
    }
    return new Stability(ari, plan.bootstraps(), resample, blocks, sum);
  }

  /**
   * Refuses, before any clustering, a bootstrap that cannot vary: subjects alone of one subject,
   * or a block longer than a run.
   */
  public static void refuseImpossible(CohortFeatures cohort, BootstrapSettings plan) {
    if (plan.bootstraps() <= 0) {
      return;
    }
    long subjects = cohort.runs().stream().map(CohortFeatures.RunColumns::subject).distinct()
        .count();
    if (plan.resample() == BootstrapResample.SUBJECTS && subjects < 2) {
      throw new UserException("--bootstrap-resample subjects on a cohort of one subject: "
          + "every resample would be that subject again; resample its time windows "
          + "(--bootstrap-resample windows or both)");
    }
    if (plan.resample().windows()) {
      blocks(cohort.runs(), plan);
    }
  }

  /**
   * Resample {@code b}: subjects drawn with replacement (when resampled), then each drawn run's
   * volumes (when resampled), all from one generator seeded by (seed, b).
   *
   * @param subjects each subject's run indices, subjects in name order
   * @param blocks each run's block length, null without windows
   */
  static CohortFeatures draw(CohortFeatures cohort, List<List<Integer>> subjects,
      List<Integer> blocks, BootstrapResample resample, long seed, int b) {
    // The subject-only draws are those of earlier versions for the same seed.
    Random random = new Random(seed + 7919L * b);
    int count = subjects.size();
    List<Integer> chosen = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      chosen.addAll(subjects.get(resample.subjects() ? random.nextInt(count) : s));
    }
    List<CohortFeatures.RunColumns> runs = new ArrayList<>();
    List<int[]> volumes = resample.windows() ? new ArrayList<>() : null;
    for (int r : chosen) {
      CohortFeatures.RunColumns run = cohort.runs().get(r);
      runs.add(run);
      if (volumes != null) {
        volumes.add(BlockBootstrap.draw(run.count(), blocks.get(r), random));
      }
    }
    return cohort.sample(runs, volumes);
  }

  /** Each run's block length; a block longer than a run is refused, naming the run. */
  private static List<Integer> blocks(List<CohortFeatures.RunColumns> runs,
      BootstrapSettings plan) {
    List<Integer> out = new ArrayList<>();
    for (CohortFeatures.RunColumns run : runs) {
      int block = plan.blockFor(run.count());
      if (block > run.count()) {
        throw new UserException("--bootstrap-block " + block + " exceeds the " + run.count()
            + " kept volumes of " + run.bold() + ": give a block of at most the shortest "
            + "run's length (or 0 for round(sqrt(T)) per run)");
      }
      out.add(block);
    }
    return List.copyOf(out);
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

  private static double[] add(double[] a, double[] b) {
    double[] s = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }
}
