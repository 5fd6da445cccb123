package org.sparkconnectome.kernels.correlation;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The reference {@link VoxelCorrelator}: z-scores, then block products {@code Z_J^T Z_I} through
 * BLAS {@code sgemm} (OpenBLAS when installed, netlib's pure-Java BLAS otherwise), in parallel
 * over blocks.
 *
 * <p>Blocks are computed only on and above the diagonal. A symmetric rank-k update
 * ({@code ssyrk}) would do the same in one call, but OpenBLAS's ssyrk runs little faster than a
 * full sgemm, while blocked sgemm on the upper triangle does about half the work.
 */
public final class JvmVoxelCorrelator implements VoxelCorrelator {

  /** Side of the square blocks: large enough for sgemm to run near peak, small enough to cache. */
  static final int BLOCK = 512;
  /** Values of one top-k strip (rows x N), bounding the memory each thread uses. */
  private static final int STRIP_VALUES = 1 << 22;

  private final BLAS blas;
  private final ForkJoinPool pool;

  /** A correlator on the best BLAS available and the common fork-join pool. */
  public JvmVoxelCorrelator() {
    this(BLAS.getInstance(), ForkJoinPool.commonPool());
  }

  /** A correlator on the given BLAS (e.g. {@code JavaBLAS.getInstance()}) and pool. */
  public JvmVoxelCorrelator(BLAS blas, ForkJoinPool pool) {
    this.blas = blas;
    this.pool = pool;
  }

  @Override
  public String backendName() {
    return "jvm";
  }

  /** Which BLAS this correlator calls, e.g. "dev.ludovic.netlib.blas.JNIBLAS". */
  public String blasName() {
    return blas.getClass().getName();
  }

  /** (row block, column block) pairs with column block >= row block. */
  private static List<int[]> upperBlocks(int n) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      for (int j = i; j < blocks; j++) {
        pairs.add(new int[] {i * BLOCK, j * BLOCK});
      }
    }
    return pairs;
  }

  /**
   * Writes {@code r(i, j)} for i in [rowFirst, rowFirst + rows) and j in [colFirst, colFirst +
   * cols) at {@code out[offset + (i - rowFirst) * ld + (j - colFirst)]}.
   */
  private void product(float[] z, int t, int rowFirst, int rows, int colFirst, int cols,
      float[] out, int offset, int ld) {
    // Column-major C (cols x rows, leading dimension ld) = Z_cols^T Z_rows is row-major by i.
    blas.sgemm("T", "N", cols, rows, t, 1.0f, z, colFirst * t, t, z, rowFirst * t, t, 0.0f,
        out, offset, ld);
  }

  @Override
  public void correlateDense(VoxelSeries series, float[] out) {
    int n = series.count();
    if (out.length != (long) n * n) {
      throw new IllegalArgumentException("dense output needs N x N = " + (long) n * n
          + " values, got " + out.length);
    }
    float[] z = ZScores.of(series);
    int t = series.timepoints();
    List<int[]> pairs = upperBlocks(n);
    pool.submit(() -> pairs.parallelStream().forEach(p -> {
      int rows = Math.min(BLOCK, n - p[0]);
      int cols = Math.min(BLOCK, n - p[1]);
      product(z, t, p[0], rows, p[1], cols, out, p[0] * n + p[1], n);
      if (p[0] != p[1]) {
        mirror(out, n, p[0], rows, p[1], cols);
      }
    })).join();
  }

  /** Copies the block at (rowFirst, colFirst) to its transpose, in cache-sized squares. */
  private static void mirror(float[] out, int n, int rowFirst, int rows, int colFirst, int cols) {
    final int square = 32;
    for (int i0 = 0; i0 < rows; i0 += square) {
      for (int j0 = 0; j0 < cols; j0 += square) {
        int iEnd = Math.min(rows, i0 + square);
        int jEnd = Math.min(cols, j0 + square);
        for (int i = rowFirst + i0; i < rowFirst + iEnd; i++) {
          for (int j = colFirst + j0; j < colFirst + jEnd; j++) {
            out[j * n + i] = out[i * n + j];
          }
        }
      }
    }
  }

  @Override
  public void correlate(VoxelSeries series, EdgeSelection selection, EdgeSink sink) {
    float[] z = ZScores.of(series);
    if (selection.isTopK()) {
      topK(z, series.timepoints(), series.count(), selection.topK(), sink);
    } else {
      threshold(z, series.timepoints(), series.count(), (float) selection.threshold(), sink);
    }
  }

  private void threshold(float[] z, int t, int n, float threshold, EdgeSink sink) {
    List<int[]> pairs = upperBlocks(n);
    pool.submit(() -> pairs.parallelStream().forEach(p -> {
      int rows = Math.min(BLOCK, n - p[0]);
      int cols = Math.min(BLOCK, n - p[1]);
      float[] block = new float[rows * cols];
      product(z, t, p[0], rows, p[1], cols, block, 0, cols);
      EdgeList kept = new EdgeList();
      for (int a = 0; a < rows; a++) {
        int i = p[0] + a;
        // On a diagonal block only the part right of the diagonal is new.
        int firstB = p[0] == p[1] ? a + 1 : 0;
        for (int b = firstB; b < cols; b++) {
          float r = block[a * cols + b];
          if (Math.abs(r) >= threshold) {
            kept.add(i, p[1] + b, r);
          }
        }
      }
      drain(kept, sink);
    })).join();
  }

  private static void drain(EdgeList kept, EdgeSink sink) {
    synchronized (sink) {
      kept.sendTo(sink);
    }
  }

  private void topK(float[] z, int t, int n, int k, EdgeSink sink) {
    if (n < 2) {
      return;
    }
    int stripRows = Math.max(1, Math.min(BLOCK, STRIP_VALUES / n));
    int strips = (n + stripRows - 1) / stripRows;
    pool.submit(() -> IntStream.range(0, strips).parallel().forEach(s -> {
      int first = s * stripRows;
      int rows = Math.min(stripRows, n - first);
      float[] strip = new float[rows * n];
      product(z, t, first, rows, 0, n, strip, 0, n);
      TopKRows.selectStrip(strip, first, rows, n, k, sink);
    })).join();
  }
}
