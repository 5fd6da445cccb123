package org.sparkconnectome.kernels.smoothing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.kernels.ReferenceData;

class JvmVolumeSmootherTest {

  private static JsonNode reference() throws IOException {
    return ReferenceData.signal("smoothing.json");
  }

  /** Nested [i][j][k] arrays (i = first axis) into Fortran order. */
  private static float[] fortran(JsonNode nested, int nx, int ny, int nz) {
    float[] out = new float[nx * ny * nz];
    for (int x = 0; x < nx; x++) {
      for (int y = 0; y < ny; y++) {
        for (int z = 0; z < nz; z++) {
          out[x + nx * (y + ny * z)] = (float) nested.get(x).get(y).get(z).asDouble();
        }
      }
    }
    return out;
  }

  @Test
  void matchesScipyGaussianFilterReference() throws IOException {
    JsonNode ref = reference();
    JsonNode input = ref.get("input");
    int nx = input.size();
    int ny = input.get(0).size();
    int nz = input.get(0).get(0).size();
    JsonNode vox = ref.get("voxel_size_mm");
    VolumeGrid grid = new VolumeGrid(nx, ny, nz, vox.get(0).asDouble(), vox.get(1).asDouble(),
        vox.get(2).asDouble());
    double fwhm = ref.get("fwhm_mm").asDouble();
    assertEquals(ref.get("sigma_vox").get(0).asDouble(),
        GaussianKernel.sigmaInVoxels(fwhm, grid.voxelX()), 1e-12);
    assertEquals(ref.get("sigma_vox").get(2).asDouble(),
        GaussianKernel.sigmaInVoxels(fwhm, grid.voxelZ()), 1e-12);

    float[] volume = fortran(input, nx, ny, nz);
    float[] expected = fortran(ref.get("output"), nx, ny, nz);
    new JvmVolumeSmoother().smooth(new float[][] {volume}, grid, fwhm);
    double scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < volume.length; i++) {
      assertEquals(expected[i], volume[i], 1e-6 * scale, "voxel " + i);
    }
  }

  @Test
  void constantVolumeStaysConstant() {
    VolumeGrid grid = new VolumeGrid(7, 5, 3, 2.0, 3.0, 4.0);
    float[] volume = new float[grid.voxelCount()];
    Arrays.fill(volume, 42.5f);
    new JvmVolumeSmoother().smooth(new float[][] {volume}, grid, 10.0);
    for (float v : volume) {
      assertEquals(42.5f, v, 1e-4f);
    }
  }

  @Test
  void zeroFwhmIsNoOpAndNegativeIsRefused() {
    VolumeGrid grid = new VolumeGrid(4, 4, 4, 1, 1, 1);
    float[] volume = randomVolume(grid, 1);
    float[] copy = volume.clone();
    JvmVolumeSmoother smoother = new JvmVolumeSmoother();
    smoother.smooth(new float[][] {volume}, grid, 0.0);
    assertArrayEquals(copy, volume);
    assertThrows(IllegalArgumentException.class,
        () -> smoother.smooth(new float[][] {volume}, grid, -1.0));
    assertThrows(IllegalArgumentException.class,
        () -> smoother.smooth(new float[][] {new float[3]}, grid, 4.0));
  }

  @Test
  void batchMatchesOneByOneAndPoolSizeDoesNotMatter() {
    VolumeGrid grid = new VolumeGrid(9, 8, 6, 2.0, 2.0, 2.5);
    float[] a = randomVolume(grid, 2);
    float[] b = randomVolume(grid, 3);
    float[][] batch = {a.clone(), b.clone()};
    new JvmVolumeSmoother().smooth(batch, grid, 5.0);
    float[] single = b.clone();
    new JvmVolumeSmoother(new ForkJoinPool(1)).smooth(new float[][] {single}, grid, 5.0);
    assertArrayEquals(single, batch[1]);
  }

  @Test
  void nonFiniteVoxelsBecomeZeroWithoutSpreading() {
    VolumeGrid grid = new VolumeGrid(5, 5, 5, 1, 1, 1);
    float[] volume = new float[grid.voxelCount()];
    volume[grid.index(2, 2, 2)] = Float.NaN;
    new JvmVolumeSmoother().smooth(new float[][] {volume}, grid, 3.0);
    for (float v : volume) {
      assertEquals(0f, v);
    }
  }

  @Test
  void reflectIsHalfSampleSymmetric() {
    // d c b a | a b c d | d c b a
    int[] expected = {3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0};
    for (int i = -4; i <= 8; i++) {
      assertEquals(expected[i + 4], GaussianKernel.reflect(i, 4), "index " + i);
    }
    double[] w = GaussianKernel.weights(1.2739827004320285);
    assertEquals(11, w.length);
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    assertEquals(1.0, sum, 1e-15);
  }

  private static float[] randomVolume(VolumeGrid grid, long seed) {
    Random random = new Random(seed);
    float[] v = new float[grid.voxelCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
