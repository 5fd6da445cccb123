package org.sparkconnectome.kernels.smoothing;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The reference {@link VolumeSmoother}: separable Gaussian passes on the JVM, parallel over
 * planes of a volume.
 *
 * <p>Each volume is smoothed in a double-precision copy and written back once, so the three
 * passes do not accumulate float rounding. The x pass walks contiguous lines; the y and z passes
 * work on whole rows of x at a time (every output row is a weighted sum of input rows), so memory
 * is always read sequentially instead of with a stride of {@code nx} or {@code nx * ny}.
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
    double[] wx = GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, grid.voxelX()));
    double[] wy = GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, grid.voxelY()));
    double[] wz = GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, grid.voxelZ()));
    double[] work = new double[voxels];
    for (float[] volume : volumes) {
      for (int i = 0; i < voxels; i++) {
        float value = volume[i];
        work[i] = Float.isFinite(value) ? value : 0.0;
      }
      smoothX(work, grid, wx);
      smoothY(work, grid, wy);
      smoothZ(work, grid, wz);
      for (int i = 0; i < voxels; i++) {
        volume[i] = (float) work[i];
      }
    }
  }

  private void parallel(int count, IntConsumer body) {
    pool.submit(() -> IntStream.range(0, count).parallel().forEach(body)).join();
  }

  private void smoothX(double[] work, VolumeGrid grid, double[] w) {
    int nx = grid.nx();
    int ny = grid.ny();
    int radius = w.length / 2;
    parallel(grid.nz(), z -> {
      double[] padded = new double[nx + 2 * radius];
      for (int y = 0; y < ny; y++) {
        int offset = nx * (y + ny * z);
        for (int i = 0; i < padded.length; i++) {
          padded[i] = work[offset + GaussianKernel.reflect(i - radius, nx)];
        }
        for (int x = 0; x < nx; x++) {
          double sum = 0;
          for (int k = 0; k < w.length; k++) {
            sum += w[k] * padded[x + k];
          }
          work[offset + x] = sum;
        }
      }
    });
  }

  private void smoothY(double[] work, VolumeGrid grid, double[] w) {
    int nx = grid.nx();
    int ny = grid.ny();
    parallel(grid.nz(), z -> {
      int planeOffset = nx * ny * z;
      double[] plane = new double[nx * ny];
      System.arraycopy(work, planeOffset, plane, 0, plane.length);
      combineRows(plane, ny, nx, w, work, planeOffset, nx);
    });
  }

  private void smoothZ(double[] work, VolumeGrid grid, double[] w) {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    int planeStride = nx * ny;
    parallel(ny, y -> {
      // The x rows at fixed y for every z, gathered contiguously.
      double[] slab = new double[nx * nz];
      for (int z = 0; z < nz; z++) {
        System.arraycopy(work, nx * y + planeStride * z, slab, nx * z, nx);
      }
      combineRows(slab, nz, nx, w, work, nx * y, planeStride);
    });
  }

  /**
   * Filters along the row index of {@code rows} (a rowCount x rowLength block) and writes row r
   * of the result at {@code out[outOffset + r * outStride ...]}.
   */
  private static void combineRows(double[] rows, int rowCount, int rowLength, double[] w,
      double[] out, int outOffset, int outStride) {
    int radius = w.length / 2;
    double[] acc = new double[rowLength];
    for (int r = 0; r < rowCount; r++) {
      Arrays.fill(acc, 0.0);
      for (int k = 0; k < w.length; k++) {
        int source = GaussianKernel.reflect(r + k - radius, rowCount) * rowLength;
        double weight = w[k];
        for (int x = 0; x < rowLength; x++) {
          acc[x] += weight * rows[source + x];
        }
      }
      System.arraycopy(acc, 0, out, outOffset + r * outStride, rowLength);
    }
  }
}
