package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.testing.SharedSpark;

/** The edge GLM against a direct least-squares fit, and the permutation null's independence. */
class EdgeGlmTest {

  @Test
  void tStatisticsMatchDirectFreedmanLaneFits() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 15;
    int e = 7;
    double[][] design = new double[n][];
    double[][] y = new double[n][e];
    for (int s = 0; s < n; s++) {
      design[s] = new double[] {1, s % 3 == 0 ? 1 : 0, random.nextDouble() * 10};
      for (int k = 0; k < e; k++) {
        y[s][k] = NullCalibrationTest.gaussian(random) + 0.3 * design[s][2];
      }
    }
    EdgeGlm glm = EdgeGlm.prepare(y, design, 1);
    int[] perm = Permutations.of(n, 11, 5);
    double[] fast = glm.tStatistics(new int[][] {perm})[0];
    // Freedman-Lane by hand: residualise on the nuisance columns (intercept, covariate),
    // permute the residual rows, fit the full model and take t of column 1.
    double[][] nuisance = new double[n][];
    for (int s = 0; s < n; s++) {
      nuisance[s] = new double[] {design[s][0], design[s][2]};
    }
    for (int k = 0; k < e; k++) {
      double[] col = new double[n];
      for (int s = 0; s < n; s++) {
        col[s] = y[s][k];
      }
      double[] res = residual(nuisance, col);
      double[] permuted = new double[n];
      for (int r = 0; r < n; r++) {
        permuted[r] = res[perm[r]];
      }
      assertEquals(directT(design, permuted, 1), fast[k], 1e-9);
      assertEquals(directT(design, col, 1), glm.observed()[k], 1e-9);
    }
  }

  @Test
  void nullDistributionDoesNotDependOnPartitioning() {
    SplittableRandom random = new SplittableRandom(8);
    int n = 12;
    EdgeComponents network = EdgeComponents.upperTriangle(8);
    double[][] y = new double[n][network.edges()];
    double[][] design = new double[n][];
    for (int s = 0; s < n; s++) {
      design[s] = new double[] {1, s % 2};
      for (int k = 0; k < network.edges(); k++) {
        y[s][k] = NullCalibrationTest.gaussian(random);
      }
    }
    EdgeGlm glm = EdgeGlm.prepare(y, design, 1);
    int perms = 37;
    double[] spark = NetworkBasedStatistic.nullDistribution(
        JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext()), glm, network, 1.5,
        perms, 99);
    double[] oneByOne = new double[perms];
    for (int i = 0; i < perms; i++) {
      double[] t = glm.tStatistics(new int[][] {Permutations.of(n, 99, i)})[0];
      oneByOne[i] = network.largest(t, 1.5);
    }
    assertArrayEquals(oneByOne, spark);
  }

  @Test
  void componentsJoinEdgesSharingARegion() {
    EdgeComponents network = EdgeComponents.upperTriangle(5);
    double[] t = new double[network.edges()];
    // Edges 0-1, 1-2 (one component of 2) and 3-4 (a component of 1).
    t[index(network, 0, 1)] = 5;
    t[index(network, 1, 2)] = 4;
    t[index(network, 3, 4)] = 6;
    t[index(network, 0, 4)] = Double.NaN;
    int[] labels = network.label(t, 3);
    assertEquals(0, labels[index(network, 0, 1)]);
    assertEquals(0, labels[index(network, 1, 2)]);
    assertEquals(1, labels[index(network, 3, 4)]);
    assertEquals(-1, labels[index(network, 0, 4)]);
    assertEquals(2, network.largest(t, 3));
  }

  private static int index(EdgeComponents network, int a, int b) {
    for (int k = 0; k < network.edges(); k++) {
      if (network.first()[k] == a && network.second()[k] == b) {
        return k;
      }
    }
    throw new IllegalArgumentException();
  }

  private static double[] residual(double[][] x, double[] y) {
    double[] beta = solve(x, y);
    double[] r = new double[y.length];
    for (int s = 0; s < y.length; s++) {
      r[s] = y[s];
      for (int k = 0; k < beta.length; k++) {
        r[s] -= x[s][k] * beta[k];
      }
    }
    return r;
  }

  private static double directT(double[][] x, double[] y, int column) {
    double[] beta = solve(x, y);
    double[] r = residual(x, y);
    double rss = 0;
    for (double v : r) {
      rss += v * v;
    }
    double[][] inv = SymmetricInverse.of(SymmetricInverse.gram(x));
    return beta[column] / Math.sqrt(rss / (y.length - x[0].length) * inv[column][column]);
  }

  private static double[] solve(double[][] x, double[] y) {
    double[][] inv = SymmetricInverse.of(SymmetricInverse.gram(x));
    int q = x[0].length;
    double[] xty = new double[q];
    for (int s = 0; s < y.length; s++) {
      for (int k = 0; k < q; k++) {
        xty[k] += x[s][k] * y[s];
      }
    }
    double[] beta = new double[q];
    for (int a = 0; a < q; a++) {
      for (int k = 0; k < q; k++) {
        beta[a] += inv[a][k] * xty[k];
      }
    }
    return beta;
  }
}
