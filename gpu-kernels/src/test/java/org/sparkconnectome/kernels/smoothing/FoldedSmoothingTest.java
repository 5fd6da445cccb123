package org.sparkconnectome.kernels.smoothing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The folded, padded-row passes of {@link JvmVolumeSmoother} against the textbook separable
 * filter (every tap, in double, reflected index by index), on shapes that hit the edge cases of
 * those passes; and the Vector API rows against the scalar ones, bit for bit.
 */
class FoldedSmoothingTest {

  /** Direct separable filter in double: x, then y, then z, as the smoother orders its passes. */
  private static double[] direct(float[] input, VolumeGrid grid, double fwhm) {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    double[] v = new double[input.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = Float.isFinite(input[i]) ? input[i] : 0;
    }
    double[][] w = {
        GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhm, grid.voxelX())),
        GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhm, grid.voxelY())),
        GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhm, grid.voxelZ()))};
    int[] n = {nx, ny, nz};
    for (int axis = 0; axis < 3; axis++) {
      double[] out = new double[v.length];
      int r = w[axis].length / 2;
      for (int z = 0; z < nz; z++) {
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            int[] at = {x, y, z};
            double sum = 0;
            for (int k = -r; k <= r; k++) {
              int[] from = at.clone();
              from[axis] = GaussianKernel.reflect(at[axis] + k, n[axis]);
              sum += w[axis][k + r] * v[grid.index(from[0], from[1], from[2])];
            }
            out[grid.index(x, y, z)] = sum;
          }
        }
      }
      v = out;
    }
    return v;
  }

  private static float[] random(int length, long seed) {
    Random random = new Random(seed);
    float[] v = new float[length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private static void assertMatchesDirect(VolumeGrid grid, double fwhm, long seed) {
    float[] volume = random(grid.voxelCount(), seed);
    volume[volume.length / 2] = Float.POSITIVE_INFINITY;
    double[] expected = direct(volume, grid, fwhm);
    new JvmVolumeSmoother().smooth(new float[][] {volume}, grid, fwhm);
    for (int i = 0; i < volume.length; i++) {
      assertEquals(expected[i], volume[i], 2e-6, grid + " voxel " + i);
    }
  }

  @Test
  void oddShapesMatchTheDirectFilter() {
    // Line lengths that are not multiples of the vector width, a z extent that is not a
    // multiple of the z chunk, and anisotropic voxels (a different radius per axis).
    assertMatchesDirect(new VolumeGrid(37, 23, 11, 2.0, 2.0, 2.0), 6.0, 1);
    assertMatchesDirect(new VolumeGrid(17, 81, 5, 1.5, 2.5, 3.0), 7.0, 2);
    assertMatchesDirect(new VolumeGrid(50, 41, 3, 2.0, 2.0, 2.0), 3.0, 3);
  }

  @Test
  void oneVoxelThickAndKernelsLongerThanTheAxis() {
    // Radius 5 on axes of 1 to 4 voxels: the reflection repeats.
    assertMatchesDirect(new VolumeGrid(1, 9, 7, 2.0, 2.0, 2.0), 6.0, 4);
    assertMatchesDirect(new VolumeGrid(13, 1, 6, 2.0, 2.0, 2.0), 6.0, 5);
    assertMatchesDirect(new VolumeGrid(12, 7, 1, 2.0, 2.0, 2.0), 6.0, 6);
    assertMatchesDirect(new VolumeGrid(3, 2, 4, 2.0, 2.0, 2.0), 6.0, 7);
    assertMatchesDirect(new VolumeGrid(1, 1, 1, 2.0, 2.0, 2.0), 6.0, 8);
  }

  @Test
  void tinyAndWideKernels() {
    // Radius 0 (sigma below 1/8 voxel), 1, 2, 3 and 13: every group size of the folded rows.
    assertMatchesDirect(new VolumeGrid(19, 6, 5, 2.0, 2.0, 2.0), 0.5, 9);
    assertMatchesDirect(new VolumeGrid(19, 6, 5, 2.0, 2.0, 2.0), 1.5, 10);
    assertMatchesDirect(new VolumeGrid(19, 6, 5, 2.0, 2.0, 2.0), 2.5, 11);
    assertMatchesDirect(new VolumeGrid(19, 6, 5, 2.0, 2.0, 2.0), 3.5, 12);
    assertMatchesDirect(new VolumeGrid(40, 30, 29, 1.0, 1.0, 1.0), 7.5, 13);
  }

  @Test
  void testJvmsUseTheVectorApi() {
    // Surefire starts with --add-modules=jdk.incubator.vector (spark.test.jvm.options), as
    // bin/connectome does through conf/jvm-options: if this fails, that wiring is gone.
    assertTrue(Taps.VECTOR, "the smoother fell back to its scalar loops");
  }

  @Test
  void vectorRowsEqualScalarRowsBitForBit() {
    Random random = new Random(14);
    float[] src = random(4000, 15);
    for (int trial = 0; trial < 200; trial++) {
      int radius = random.nextInt(9);
      float[] w = new float[radius + 1];
      int[] below = new int[radius];
      int[] above = new int[radius];
      int centre = 200 + random.nextInt(100);
      for (int k = 0; k <= radius; k++) {
        w[k] = random.nextFloat();
      }
      for (int k = 0; k < radius; k++) {
        below[k] = random.nextInt(200);
        above[k] = 300 + random.nextInt(200);
      }
      int n = random.nextInt(3000);
      float[] scalar = new float[n + 7];
      float[] vector = new float[n + 7];
      FoldedTaps.row(src, centre, below, above, w, scalar, 7, 0, n);
      VectorTaps.row(src, centre, below, above, w, vector, 7, n);
      assertArrayEquals(scalar, vector, "trial " + trial + ", radius " + radius + ", n " + n);
    }
  }

  @Test
  void vectorAndScalarZeroTheSameValues() {
    float[] a = random(1037, 16);
    for (int i = 0; i < a.length; i += 13) {
      a[i] = i % 3 == 0 ? Float.NaN : (i % 3 == 1 ? Float.NEGATIVE_INFINITY : Float.MAX_VALUE);
    }
    float[] b = a.clone();
    VectorTaps.zeroNonFinite(a, a.length - 3);
    FoldedTaps.zeroNonFinite(b, 0, b.length - 3);
    assertArrayEquals(b, a);
    assertEquals(Float.MAX_VALUE, a[2 * 13]);
    assertEquals(0f, a[0]);
  }
}
