package org.sparkconnectome.stats;

import java.util.SplittableRandom;

/**
 * Reproducible random permutations: permutation {@code i} of a run with seed {@code s} is drawn
 * from its own generator seeded by a mix of (s, i), so it does not depend on how the indices are
 * split over tasks, executors or threads.
 */
public final class Permutations {
  private Permutations() {
  }

  /** The seed of permutation {@code index}: SplitMix64's finaliser over seed and index. */
  public static long seedOf(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Permutation {@code index} of {@code 0..n-1} (Fisher-Yates). */
  public static int[] of(int n, long seed, long index) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seedOf(seed, index));
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * The permutation p-value with the observed statistic counted as one of the permutations:
   * {@code (1 + #{null >= observed}) / (1 + N)}, which is exact under exchangeability.
   */
  public static double pValue(double observed, double[] nullStatistics) {
    int atLeast = 0;
    for (double v : nullStatistics) {
      if (v >= observed) {
        atLeast++;
      }
    }
    return (1.0 + atLeast) / (1.0 + nullStatistics.length);
  }
}
