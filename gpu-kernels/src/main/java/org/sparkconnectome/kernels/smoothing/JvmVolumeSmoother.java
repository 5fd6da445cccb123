package org.sparkconnectome.kernels.smoothing;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The reference {@link VolumeSmoother}: separable Gaussian passes on the JVM, parallel over
 * the volumes of a batch.
 *
 * <p>Each pass stores float results, as scipy's {@code gaussian_filter} does between axes for
 * float32 input (sums differ from scipy's double line buffers by float rounding only). The
 * kernel is symmetric, so every pass folds its taps: {@code w0 x[i] + sum_k wk (x[i-k] +
 * x[i+k])}, half the multiplications, three tap pairs per sweep ({@link Taps}: the Java Vector
 * API when the JVM has the module, the same loops in scalar code otherwise). Every sweep runs
 * along contiguous memory, over long rows:
 * <ul>
 *   <li>x: the lines of one plane are padded (reflected) side by side into one long row, filtered
 *       as a single row (the padding columns of the result are dropped), so the loop runs over
 *       about 11,000 values instead of 91;</li>
 *   <li>y: the plane with r reflected rows on each side is one long row whose taps sit nx values
 *       apart (every output row is a weighted sum of whole input rows);</li>
 *   <li>z: every output plane is a weighted sum of whole planes, in column chunks small enough
 *       that the input planes of one chunk stay in the core's L2 cache.</li>
 * </ul>
 * Work space lives in one {@link Scratch} per pool thread (about 450 KB for the MNI 2 mm grid)
 * and is reused from call to call: nothing is allocated per volume.
 */
public final class JvmVolumeSmoother implements VolumeSmoother {

  /** Values per z-pass chunk: nz chunks of 1024 floats (364 KB for 91 planes) fit in L2. */
  static final int Z_CHUNK = 1024;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
    if (fwhmMm == 0) {
      return;
    }
    float[] wx = halfWeights(fwhmMm, grid.voxelX());
    float[] wy = halfWeights(fwhmMm, grid.voxelY());
    float[] wz = halfWeights(fwhmMm, grid.voxelZ());
    int[] columnsX = reflectedIndices(grid.nx(), wx.length - 1);
    int[] rowsY = reflectedIndices(grid.ny(), wy.length - 1);
    int[] rowsZ = reflectedIndices(grid.nz(), wz.length - 1);
    // Whole volumes per task: no synchronisation between passes, and each volume's work space
    // stays with one core's cache.
    pool.submit(() -> IntStream.range(0, volumes.length).parallel().forEach(v -> {
      Scratch scratch = SCRATCH.get();
      float[] work = volumes[v];
      smoothX(work, grid, wx, columnsX, scratch);
      smoothY(work, grid, wy, rowsY, scratch);
      smoothZ(work, grid, wz, rowsZ, scratch);
    })).join();
  }

  /** Weights for offsets 0..radius of the symmetric kernel (exactly equal on both sides). */
  static float[] halfWeights(double fwhmMm, double voxelMm) {
    double[] weights = GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, voxelMm));
    int radius = weights.length / 2;
    float[] out = new float[radius + 1];
    for (int k = 0; k <= radius; k++) {
      out[k] = (float) weights[radius + k];
    }
    return out;
  }

  /** {@code out[i + radius]} = the reflected index of {@code i} for i in -radius..n-1+radius. */
  private static int[] reflectedIndices(int n, int radius) {
    int[] out = new int[n + 2 * radius];
    for (int i = 0; i < out.length; i++) {
      out[i] = GaussianKernel.reflect(i - radius, n);
    }
    return out;
  }

  /**
   * Along x, plane by plane: each line of the plane goes into a padded row of {@code nx + 2r}
   * values (non-finite voxels become 0 here, before they can spread), the whole padded plane is
   * filtered as one long row, and the valid part of each line is copied back.
   */
  private static void smoothX(float[] work, VolumeGrid grid, float[] w, int[] columns,
      Scratch scratch) {
    int nx = grid.nx();
    int ny = grid.ny();
    int radius = w.length - 1;
    int stride = nx + 2 * radius;
    int length = stride * ny;
    float[] padded = scratch.padded(length);
    float[] filtered = scratch.filtered(length);
    for (int z = 0; z < grid.nz(); z++) {
      int planeOffset = nx * ny * z;
      for (int y = 0; y < ny; y++) {
        int line = planeOffset + nx * y;
        int row = stride * y;
        System.arraycopy(work, line, padded, row + radius, nx);
        for (int k = 1; k <= radius; k++) {
          padded[row + radius - k] = padded[row + radius + columns[radius - k]];
          padded[row + radius + nx - 1 + k] =
              padded[row + radius + columns[radius + nx - 1 + k]];
        }
      }
      // NaN and infinities become 0 before they can spread; the padding columns are copies of
      // line values, so they are covered too.
      Taps.zeroNonFinite(padded, length);
      // Output value j of the long row is centred on padded[j + radius]; the last 2r outputs
      // would need values past the end and are padding columns, never copied back.
      int[] below = scratch.below(radius);
      int[] above = scratch.above(radius);
      for (int k = 1; k <= radius; k++) {
        below[k - 1] = radius - k;
        above[k - 1] = radius + k;
      }
      Taps.row(padded, radius, below, above, w, filtered, 0, length - 2 * radius);
      for (int y = 0; y < ny; y++) {
        System.arraycopy(filtered, stride * y, work, planeOffset + nx * y, nx);
      }
    }
  }

  /**
   * Along y, plane by plane: the plane's rows, with r reflected rows above and below, go into
   * scratch, and the whole plane is filtered as one long row whose taps sit {@code nx} values
   * apart (every output row is a weighted sum of whole input rows).
   */
  private static void smoothY(float[] work, VolumeGrid grid, float[] w, int[] rows,
      Scratch scratch) {
    int nx = grid.nx();
    int ny = grid.ny();
    int radius = w.length - 1;
    int planeSize = nx * ny;
    float[] padded = scratch.padded(nx * (ny + 2 * radius));
    int[] below = scratch.below(radius);
    int[] above = scratch.above(radius);
    for (int k = 1; k <= radius; k++) {
      below[k - 1] = (radius - k) * nx;
      above[k - 1] = (radius + k) * nx;
    }
    for (int z = 0; z < grid.nz(); z++) {
      int planeOffset = planeSize * z;
      System.arraycopy(work, planeOffset, padded, radius * nx, planeSize);
      for (int k = 1; k <= radius; k++) {
        System.arraycopy(work, planeOffset + rows[radius - k] * nx, padded, (radius - k) * nx,
            nx);
        System.arraycopy(work, planeOffset + rows[radius + ny - 1 + k] * nx, padded,
            (radius + ny - 1 + k) * nx, nx);
      }
      Taps.row(padded, radius * nx, below, above, w, work, planeOffset, planeSize);
    }
  }

  /**
   * Along z, in chunks of {@link #Z_CHUNK} columns of the planes: the chunk of every plane is
   * gathered into scratch, then each output plane's chunk is a weighted sum of those rows.
   */
  private static void smoothZ(float[] work, VolumeGrid grid, float[] w, int[] planes,
      Scratch scratch) {
    int planeSize = grid.nx() * grid.ny();
    int nz = grid.nz();
    float[] chunkRows = scratch.padded(Math.min(Z_CHUNK, planeSize) * nz);
    for (int first = 0; first < planeSize; first += Z_CHUNK) {
      int length = Math.min(Z_CHUNK, planeSize - first);
      for (int z = 0; z < nz; z++) {
        System.arraycopy(work, planeSize * z + first, chunkRows, length * z, length);
      }
      combineRows(chunkRows, length, nz, length, w, planes, work, first, planeSize, scratch);
    }
  }

  /**
   * Filters along the row index of {@code rows} (rowCount rows of rowLength values, row r at
   * {@code r * rowStride}) and writes output row r at {@code out[outOffset + r * outStride]}.
   * {@code reflected[r + radius]} maps an out-of-range row index back inside.
   */
  private static void combineRows(float[] rows, int rowStride, int rowCount, int rowLength,
      float[] w, int[] reflected, float[] out, int outOffset, int outStride, Scratch scratch) {
    int radius = w.length - 1;
    int[] below = scratch.below(radius);
    int[] above = scratch.above(radius);
    for (int r = 0; r < rowCount; r++) {
      for (int k = 1; k <= radius; k++) {
        below[k - 1] = reflected[r - k + radius] * rowStride;
        above[k - 1] = reflected[r + k + radius] * rowStride;
      }
      Taps.row(rows, r * rowStride, below, above, w, out, outOffset + r * outStride,
          rowLength);
    }
  }

  /** Work arrays of one pool thread, grown on demand and kept for the next call. */
  private static final class Scratch {
    private float[] padded = new float[0];
    private float[] filtered = new float[0];
    private int[] below = new int[0];
    private int[] above = new int[0];

    float[] padded(int length) {
      if (padded.length < length) {
        padded = new float[length];
      }
      return padded;
    }

    float[] filtered(int length) {
      if (filtered.length < length) {
        filtered = new float[length];
      }
      return filtered;
    }

    int[] below(int radius) {
      if (below.length < radius) {
        below = new int[radius];
      }
      return below;
    }

    int[] above(int radius) {
      if (above.length < radius) {
        above = new int[radius];
      }
      return above;
    }
  }
}
