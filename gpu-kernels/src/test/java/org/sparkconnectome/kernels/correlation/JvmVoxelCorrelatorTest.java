package org.sparkconnectome.kernels.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.kernels.ReferenceData;

class JvmVoxelCorrelatorTest {

  private static final double TOL = 2e-5;

  @Test
  void denseMatchesNumpyCorrcoefReference() throws IOException {
    JsonNode ref = ReferenceData.signal("connectivity.json");
    VoxelSeries series = ReferenceData.connectivityInput(ref);
    int n = series.count();
    float[] out = new float[n * n];
    new JvmVoxelCorrelator().correlateDense(series, out);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(ref.get("pearson").get(i).get(j).asDouble(), out[i * n + j], TOL,
            "r(" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void raggedSizesAcrossBlocksMatchNaiveOnNativeAndPureJavaBlas() {
    // N crosses the 512 block edge and is no multiple of it.
    VoxelSeries series = ReferenceData.randomSeries(37, JvmVoxelCorrelator.BLOCK + 77, 11);
    int n = series.count();
    double[] reference = ReferenceData.naivePearson(series);
    for (BLAS blas : new BLAS[] {BLAS.getInstance(), JavaBLAS.getInstance()}) {
      JvmVoxelCorrelator correlator = new JvmVoxelCorrelator(blas, new ForkJoinPool(2));
      float[] out = new float[n * n];
      correlator.correlateDense(series, out);
      for (int e = 0; e < out.length; e++) {
        assertEquals(reference[e], out[e], TOL, blas.getClass().getSimpleName() + " at " + e);
      }
      EdgeList edges = new EdgeList();
      correlator.correlate(series, EdgeSelection.absoluteAtLeast(0.45), edges);
      EdgeChecks.assertThresholdEdges(reference, n, 0.45, edges, TOL);
      EdgeList top = new EdgeList();
      correlator.correlate(series, EdgeSelection.topPerRow(7), top);
      EdgeChecks.assertTopK(reference, n, 7, top, TOL);
    }
  }

  @Test
  void largeBlocksWithSsyrkDiagonalsMatchNaive() {
    // From LARGE_FROM series the blocks are 1024 wide, diagonal blocks come from ssyrk, and the
    // last block is ragged (77 series); the output starts dirty, so every entry must be written.
    int n = JvmVoxelCorrelator.LARGE_FROM + 77;
    assertEquals(JvmVoxelCorrelator.LARGE_BLOCK, JvmVoxelCorrelator.blockSize(n));
    VoxelSeries series = ReferenceData.randomSeries(11, n, 12);
    double[] reference = ReferenceData.naivePearson(series);
    JvmVoxelCorrelator correlator =
        new JvmVoxelCorrelator(BLAS.getInstance(), new ForkJoinPool(2));
    float[] out = new float[n * n];
    Arrays.fill(out, Float.NaN);
    correlator.correlateDense(series, out);
    for (int e = 0; e < out.length; e++) {
      assertEquals(reference[e], out[e], TOL, "entry " + e);
    }
    EdgeList edges = new EdgeList();
    correlator.correlate(series, EdgeSelection.absoluteAtLeast(0.9), edges);
    EdgeChecks.assertThresholdEdges(reference, n, 0.9, edges, TOL);
  }

  @Test
  void constantSeriesGiveNoEdgesAndZeroCorrelation() {
    VoxelSeries random = ReferenceData.randomSeries(20, 5, 3);
    float[] values = random.values().clone();
    for (int k = 0; k < 20; k++) {
      values[2 * 20 + k] = 4.0f;
    }
    VoxelSeries series = new VoxelSeries(values, 20, 5);
    EdgeList edges = new EdgeList();
    new JvmVoxelCorrelator().correlate(series, EdgeSelection.absoluteAtLeast(0.0), edges);
    assertEquals(5 * 4 / 2, edges.size(), "threshold 0 keeps every pair");
    for (int e = 0; e < edges.size(); e++) {
      if (edges.row(e) == 2 || edges.col(e) == 2) {
        assertEquals(0f, edges.value(e));
      }
    }
    float[] out = new float[25];
    new JvmVoxelCorrelator().correlateDense(series, out);
    assertEquals(0f, out[2 * 5 + 2]);
    assertEquals(1f, out[0], 1e-6);
  }

  @Test
  void refusesBadShapesAndSelections() {
    assertThrows(IllegalArgumentException.class, () -> new VoxelSeries(new float[10], 3, 3));
    assertThrows(IllegalArgumentException.class, () -> EdgeSelection.absoluteAtLeast(1.5));
    assertThrows(IllegalArgumentException.class, () -> EdgeSelection.topPerRow(0));
    VoxelSeries series = ReferenceData.randomSeries(10, 4, 1);
    assertThrows(IllegalArgumentException.class,
        () -> new JvmVoxelCorrelator().correlateDense(series, new float[15]));
  }
}
