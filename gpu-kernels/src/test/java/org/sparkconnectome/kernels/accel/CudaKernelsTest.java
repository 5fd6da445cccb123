package org.sparkconnectome.kernels.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.kernels.ReferenceData;
import org.sparkconnectome.kernels.correlation.AcceleratedVoxelCorrelator;
import org.sparkconnectome.kernels.correlation.CorrelationPrecision;
import org.sparkconnectome.kernels.correlation.EdgeChecks;
import org.sparkconnectome.kernels.correlation.EdgeList;
import org.sparkconnectome.kernels.correlation.EdgeSelection;
import org.sparkconnectome.kernels.correlation.VoxelSeries;

/**
 * The kernels from the jar (fatbin, or PTX with {@code -Dconnectome.cuda.image=ptx}) on a CUDA
 * device; skipped where there is none, with one line on the console saying why. The skip is per
 * test, so the runner counts the tests as skipped (a class-level skip counts none).
 */
@Tag("gpu")
class CudaKernelsTest extends AcceleratedKernelsContract {

  private static Accelerator accelerator;

  @BeforeAll
  static void openDevice() {
    accelerator = CudaAccelerator.shared().orElse(null);
    if (accelerator == null) {
      System.err.println("CudaKernelsTest: skipping every test, CUDA unavailable: "
          + CudaAccelerator.unavailableReason());
    }
  }

  @BeforeEach
  void requireDevice() {
    Assumptions.assumeTrue(accelerator != null,
        () -> "CUDA unavailable: " + CudaAccelerator.unavailableReason());
  }

  @Override
  Accelerator accelerator() {
    return accelerator;
  }

  @Test
  void tf32PathStaysWithinItsStatedErrorBound() {
    // Ragged in both axes (1,100 = 8 tiles + 76 series, 301 = 37 steps + 5 time points), the
    // bound of docs/operations.md: 2^-10 + T 2^-23 against double-precision Pearson.
    VoxelSeries series = ReferenceData.randomSeries(301, 1100, 41);
    int n = series.count();
    double bound = CorrelationPrecision.tf32ErrorBound(series.timepoints());
    double[] reference = ReferenceData.naivePearson(series);
    AcceleratedVoxelCorrelator tf32 =
        new AcceleratedVoxelCorrelator(accelerator, CorrelationPrecision.TF32);
    float[] out = new float[n * n];
    tf32.correlateDense(series, out);
    double worst = 0;
    for (int e = 0; e < out.length; e++) {
      assertEquals(reference[e], out[e], bound, "TF32 r at " + e);
      worst = Math.max(worst, Math.abs(reference[e] - out[e]));
    }
    System.out.printf("CudaKernelsTest: TF32 worst |r - r_fp64| = %.3g (bound %.3g, T = %d)%n",
        worst, bound, series.timepoints());
    EdgeList top = new EdgeList();
    tf32.correlate(series, EdgeSelection.topPerRow(9), top);
    EdgeChecks.assertTopK(reference, n, 9, top, bound);
    EdgeList edges = new EdgeList();
    tf32.correlate(series, EdgeSelection.absoluteAtLeast(0.15), edges);
    EdgeChecks.assertThresholdEdges(reference, n, 0.15, edges, bound);
  }
}
