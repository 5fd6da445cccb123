package org.sparkconnectome.kernels.smoothing;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The reference {@link VolumeSmoother}: separable Gaussian passes on the JVM, parallel over
 * the volumes of a batch.
 *
 * <p>Each pass stores float results, as scipy's {@code gaussian_filter} does between axes for
 * float32 input (sums differ from scipy's double line buffers by float rounding only). The x
 * pass walks contiguous lines; the y and z passes work on whole rows of x at a time (every output
 * row is a weighted sum of input rows), so memory is always read sequentially instead of with a
 * stride of {@code nx} or {@code nx * ny}, and every inner loop is a vectorisable axpy.
 */
public final class JvmVolumeSmoother implements VolumeSmoother {

  private final ForkJoinPool pool;

  /** A smoother that runs on the common fork-join pool. */
  public JvmVolumeSmoother() {
    this(ForkJoinPool.commonPool());
  }

  /** A smoother that runs its parallel passes on the given pool (e.g. sized to the executor). */
  public JvmVolumeSmoother(ForkJoinPool pool) {
    this.pool = pool;
  }

  @Override
  public String backendName() {
    return "jvm";
  }

  @Override
  public void smooth(float[][] volumes, VolumeGrid grid, double fwhmMm) {
    SmoothingArguments.check(volumes, grid, fwhmMm);
    int voxels = grid.voxelCount();
    if (fwhmMm == 0) {
      return;
    }
    float[] wx = axisWeights(fwhmMm, grid.voxelX());
    float[] wy = axisWeights(fwhmMm, grid.voxelY());
    float[] wz = axisWeights(fwhmMm, grid.voxelZ());
    // Whole volumes per task: no synchronisation between passes, and each volume's work space
    // stays with one core's cache.
    pool.submit(() -> IntStream.range(0, volumes.length).parallel().forEach(v -> {
      float[] work = volumes[v];
      for (int i = 0; i < voxels; i++) {
        if (!Float.isFinite(work[i])) {
          work[i] = 0f;
        }
      }
      smoothX(work, grid, wx);
      smoothY(work, grid, wy);
      smoothZ(work, grid, wz);
    })).join();
  }

  private static float[] axisWeights(double fwhmMm, double voxelMm) {
    double[] weights = GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, voxelMm));
    float[] out = new float[weights.length];
    for (int i = 0; i < weights.length; i++) {
      out[i] = (float) weights[i];
    }
    return out;
  }

  /** Along x, tap by tap over a whole padded line, so the inner loop is a vectorisable axpy. */
  private static void smoothX(float[] work, VolumeGrid grid, float[] w) {
    int nx = grid.nx();
    int radius = w.length / 2;
    float[] padded = new float[nx + 2 * radius];
    float[] acc = new float[nx];
    int lines = grid.ny() * grid.nz();
    for (int line = 0; line < lines; line++) {
      int offset = nx * line;
      for (int i = 0; i < padded.length; i++) {
        padded[i] = work[offset + GaussianKernel.reflect(i - radius, nx)];
      }
      Arrays.fill(acc, 0f);
      for (int k = 0; k < w.length; k++) {
        float weight = w[k];
        for (int x = 0; x < nx; x++) {
          acc[x] += weight * padded[x + k];
        }
      }
      System.arraycopy(acc, 0, work, offset, nx);
    }
  }

  private static void smoothY(float[] work, VolumeGrid grid, float[] w) {
    int nx = grid.nx();
    int ny = grid.ny();
    float[] plane = new float[nx * ny];
    for (int z = 0; z < grid.nz(); z++) {
      int planeOffset = nx * ny * z;
      System.arraycopy(work, planeOffset, plane, 0, plane.length);
      combineRows(plane, ny, nx, w, work, planeOffset, nx);
    }
  }

  /** Along z every output plane is a weighted sum of whole input planes: long rows. */
  private static void smoothZ(float[] work, VolumeGrid grid, float[] w) {
    int planeSize = grid.nx() * grid.ny();
    float[] copy = work.clone();
    combineRows(copy, grid.nz(), planeSize, w, work, 0, planeSize);
  }

  /**
   * Filters along the row index of {@code rows} (a rowCount x rowLength block) and writes row r
   * of the result at {@code out[outOffset + r * outStride ...]}.
   */
  private static void combineRows(float[] rows, int rowCount, int rowLength, float[] w,
      float[] out, int outOffset, int outStride) {
    int radius = w.length / 2;
    float[] acc = new float[rowLength];
    for (int r = 0; r < rowCount; r++) {
      Arrays.fill(acc, 0f);
      for (int k = 0; k < w.length; k++) {
        int source = GaussianKernel.reflect(r + k - radius, rowCount) * rowLength;
        float weight = w[k];
        for (int x = 0; x < rowLength; x++) {
          acc[x] += weight * rows[source + x];
        }
      }
      System.arraycopy(acc, 0, out, outOffset + r * outStride, rowLength);
    }
  }
}
