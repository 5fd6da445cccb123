package org.sparkconnectome.voxel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.kernels.correlation.EdgeSelection;
import org.sparkconnectome.kernels.correlation.JvmVoxelCorrelator;
import org.sparkconnectome.kernels.correlation.VoxelSeries;

/** The sparse voxel graph against a dense double-precision computation of the same rules. */
class VoxelGraphBuilderTest {
  private static final int N = 700;
  private static final int T = 40;

  @TempDir
  Path work;

  @Test
  void thresholdGraphsMatchDenseCounts() throws IOException {
    VoxelSeries series = series(new Random(11));
    double[][] r = dense(series);
    for (EdgeSign sign : EdgeSign.values()) {
      VoxelGraph graph = build(series, EdgeSelection.absoluteAtLeast(0.3), sign);
      int[] degree = graph.degree();
      double[] strength = graph.strength();
      long edges = 0;
      for (int i = 0; i < N; i++) {
        int low = 0;
        int high = 0;
        double weight = 0;
        for (int j = 0; j < N; j++) {
          double v = sign == EdgeSign.POSITIVE ? r[i][j] : Math.abs(r[i][j]);
          if (j != i && v >= 0.3 + 1e-5) {
            low++;
          }
          if (j != i && v >= 0.3 - 1e-5) {
            high++;
            weight += v;
          }
        }
        assertTrue(degree[i] >= low && degree[i] <= high, sign + " degree of " + i + ": "
            + degree[i] + " outside [" + low + ", " + high + "]");
        if (low == high) {
          assertEquals(weight, strength[i], 1e-4, sign + " strength of " + i);
        }
        edges += degree[i];
      }
      assertEquals(edges / 2, graph.edges());
      Set<Long> seen = new HashSet<>();
      graph.forEachEdge((src, dst, w, c) -> {
        assertTrue(src < dst);
        assertTrue(seen.add((long) src * N + dst), "edge " + src + "-" + dst + " twice");
      });
      // Streaming from disk (graphs over the memory limit) reads the same edges.
      graph.limitMemory(0);
      Set<Long> streamed = new HashSet<>();
      graph.forEachEdge((src, dst, w, c) -> streamed.add((long) src * N + dst));
      assertEquals(seen, streamed);
      graph.close();
    }
    try (var left = Files.list(work)) {
      assertEquals(0, left.count(), "spill and edge files are deleted");
    }
  }

  @Test
  void topKGraphIsTheUnionOfEveryRowsChoice() throws IOException {
    VoxelSeries series = series(new Random(5));
    double[][] r = dense(series);
    int k = 7;
    // Each row's choice from the double-precision reference. Where the k-th and the next |r|
    // lie within float rounding of each other, either may be chosen: those are "allowed".
    double eps = 1e-5;
    boolean[][] required = new boolean[N][N];
    boolean[][] allowed = new boolean[N][N];
    int undecided = 0;
    for (int i = 0; i < N; i++) {
      double[] row = r[i];
      int self = i;
      Integer[] order = java.util.stream.IntStream.range(0, N).filter(j -> j != self).boxed()
          .toArray(Integer[]::new);
      java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(row[b]), Math.abs(row[a])));
      double cut = Math.abs(row[order[k - 1]]);
      undecided += Math.abs(row[order[k]]) >= cut - eps ? 1 : 0;
      for (int j : order) {
        double v = Math.abs(row[j]);
        if (v > cut + eps) {
          required[i][j] = required[j][i] = true;
        }
        if (v >= cut - eps) {
          allowed[i][j] = allowed[j][i] = true;
        }
      }
    }
    VoxelGraph graph = build(series, EdgeSelection.topPerRow(k), EdgeSign.ABSOLUTE);
    boolean[][] present = new boolean[N][N];
    graph.forEachEdge((src, dst, w, c) -> {
      assertTrue(allowed[src][dst], "edge " + src + "-" + dst + " is no row's top " + k);
      assertFalse(present[src][dst], "edge " + src + "-" + dst + " twice");
      present[src][dst] = present[dst][src] = true;
    });
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        assertTrue(!required[i][j] || present[i][j], "top-" + k + " edge " + i + "-" + j
            + " missing");
      }
    }
    int[] degree = graph.degree();
    for (int i = 0; i < N; i++) {
      int count = 0;
      for (int j = 0; j < N; j++) {
        count += present[i][j] ? 1 : 0;
      }
      assertEquals(count, degree[i], "degree of node " + i);
    }
    assertTrue(undecided < N / 20, "rows whose k-th and next |r| are too close to call: "
        + undecided);
    graph.close();
  }

  @Test
  void eigenvectorCentralityIsThePrincipalEigenvector() throws IOException {
    VoxelSeries series = series(new Random(2));
    VoxelGraph graph = build(series, EdgeSelection.absoluteAtLeast(0.25), EdgeSign.POSITIVE);
    double[][] a = new double[N][N];
    graph.forEachEdge((src, dst, w, c) -> {
      a[src][dst] = w;
      a[dst][src] = w;
    });
    EigenvectorCentrality.Result result = EigenvectorCentrality.of(graph);
    assertTrue(result.converged());
    // Rayleigh check: A v = lambda v with lambda = v' A v, v unit-norm and non-negative.
    double[] v = result.weighted();
    double[] av = new double[N];
    double lambda = 0;
    double norm = 0;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        av[i] += a[i][j] * v[j];
      }
      lambda += v[i] * av[i];
      norm += v[i] * v[i];
      assertTrue(v[i] >= 0);
    }
    assertEquals(1, norm, 1e-9);
    for (int i = 0; i < N; i++) {
      assertEquals(lambda * v[i], av[i], 1e-6);
    }
    // ... and the largest: no vector does better than v on the Rayleigh quotient.
    double[] ones = new double[N];
    java.util.Arrays.fill(ones, 1 / Math.sqrt(N));
    double other = 0;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        other += ones[i] * a[i][j] * ones[j];
      }
    }
    assertTrue(lambda >= other);
    graph.close();
  }

  private VoxelGraph build(VoxelSeries series, EdgeSelection selection, EdgeSign sign)
      throws IOException {
    VoxelGraphBuilder builder = new VoxelGraphBuilder(series.count(), selection, sign, work);
    new JvmVoxelCorrelator().correlate(series, selection, builder);
    return builder.finish();
  }

  /** Series with shared signals in three groups, so that strong correlations exist. */
  private static VoxelSeries series(Random random) {
    double[][] sources = new double[3][T];
    for (double[] s : sources) {
      for (int t = 0; t < T; t++) {
        s[t] = random.nextGaussian();
      }
    }
    float[] values = new float[N * T];
    for (int i = 0; i < N; i++) {
      double loading = random.nextDouble() * 1.2 * (random.nextBoolean() ? 1 : -1);
      for (int t = 0; t < T; t++) {
        values[i * T + t] = (float) (loading * sources[i % 3][t] + random.nextGaussian());
      }
    }
    return new VoxelSeries(values, T, N);
  }

  private static double[][] dense(VoxelSeries s) {
    double[][] z = new double[N][T];
    for (int i = 0; i < N; i++) {
      double mean = 0;
      for (int t = 0; t < T; t++) {
        mean += s.values()[i * T + t];
      }
      mean /= T;
      double ss = 0;
      for (int t = 0; t < T; t++) {
        z[i][t] = s.values()[i * T + t] - mean;
        ss += z[i][t] * z[i][t];
      }
      for (int t = 0; t < T; t++) {
        z[i][t] /= Math.sqrt(ss);
      }
    }
    double[][] r = new double[N][N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        double d = 0;
        for (int t = 0; t < T; t++) {
          d += z[i][t] * z[j][t];
        }
        r[i][j] = d;
      }
    }
    return r;
  }
}
