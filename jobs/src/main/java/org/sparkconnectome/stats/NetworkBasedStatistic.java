package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The network-based statistic (Zalesky, Fornito and Bullmore 2010, NeuroImage 53:1197) with its
 * permutation null computed on the cluster: the model and data are broadcast once, permutation
 * indices are parallelised in blocks, and each task returns the largest component size of each
 * of its permutations. Permutation {@code i} is {@link Permutations#of}(n, seed, i) whatever the
 * partitioning, so results do not depend on the number of executors.
 */
public final class NetworkBasedStatistic {
  /** Permutations computed together, so each data value is read once per block. */
  private static final int BLOCK = 8;

  private NetworkBasedStatistic() {
  }

  /**
   * The primary threshold in t units. {@code z} thresholds the t statistic's standard-normal
   * equivalent {@code Phi^-1(F_t(t; dof))}, as MRtrix3's connectomestats (3.0) does; since the
   * degrees of freedom are the same for every edge and permutation, that is a threshold on t.
   */
  public static double tThreshold(double threshold, String scale, int degreesOfFreedom) {
    return switch (scale) {
      case "t" -> threshold;
      case "z" -> {
        double upper = new NormalDistribution(0, 1).cumulativeProbability(-threshold);
        yield -new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(upper);
      }
      default -> throw new IllegalArgumentException("threshold statistic '" + scale
          + "' unknown: use t or z");
    };
  }

  /** Runs the NBS on an edge model and the network's edges; the threshold is in t units. */
  public static NbsResult run(JavaSparkContext sc, EdgeGlm glm, EdgeComponents network,
      double threshold, int permutations, long seed) {
    double[] t = glm.observed();
    int[] labels = network.label(t, threshold);
    double[] nulls = nullDistribution(sc, glm, network, threshold, permutations, seed);
    int count = 0;
    for (int l : labels) {
      count = Math.max(count, l + 1);
    }
    List<NbsResult.Component> components = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      List<Integer> edges = new ArrayList<>();
      double intensity = 0;
      for (int k = 0; k < labels.length; k++) {
        if (labels[k] == c) {
          edges.add(k);
          intensity += t[k];
        }
      }
      components.add(new NbsResult.Component(edges.stream().mapToInt(Integer::intValue)
          .toArray(), edges.size(), intensity, Permutations.pValue(edges.size(), nulls)));
    }
    return new NbsResult(t, labels, components, nulls, threshold, permutations, seed);
  }

  /** Largest supra-threshold component size of each permutation. */
  static double[] nullDistribution(JavaSparkContext sc, EdgeGlm glm, EdgeComponents network,
      double threshold, int permutations, long seed) {
    double[] nulls = new double[permutations];
    if (permutations == 0) {
      return nulls;
    }
    Broadcast<EdgeGlm> model = sc.broadcast(glm);
    Broadcast<EdgeComponents> graph = sc.broadcast(network);
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < permutations; i += BLOCK) {
      starts.add(i);
    }
    int total = permutations;
    int slices = Math.max(1, Math.min(starts.size(), sc.defaultParallelism() * 4));
    List<int[]> sizes = sc.parallelize(starts, slices).flatMap(start -> {
      EdgeGlm m = model.value();
      EdgeComponents g = graph.value();
      int end = Math.min(total, start + BLOCK);
      int[][] perms = new int[end - start][];
      for (int i = start; i < end; i++) {
        perms[i - start] = Permutations.of(m.subjects(), seed, i);
      }
      double[][] t = m.tStatistics(perms);
      List<int[]> out = new ArrayList<>();
      for (int i = start; i < end; i++) {
        out.add(new int[] {i, g.largest(t[i - start], threshold)});
      }
      return out.iterator();
    }).collect();
    for (int[] s : sizes) {
      nulls[s[0]] = s[1];
    }
    model.destroy();
    graph.destroy();
    return nulls;
  }
}
