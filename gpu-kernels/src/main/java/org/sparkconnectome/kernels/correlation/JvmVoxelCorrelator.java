package org.sparkconnectome.kernels.correlation;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The reference {@link VoxelCorrelator}: z-scores, then block products {@code Z_J^T Z_I} through
 * BLAS (OpenBLAS when installed, netlib's pure-Java BLAS otherwise), in parallel over blocks.
 *
 * <p>Only the upper triangle is computed: blocks above the diagonal by {@code sgemm}, the
 * diagonal blocks by {@code ssyrk} (their own triangle, half the work of an sgemm of the block).
 * Measured on one core of the 2-core Xeon (AVX-512) with Debian's OpenBLAS 0.3.21 (SkylakeX
 * kernels, the same numpy 2.4's bundled 0.3.31 picks): sgemm of 1024 blocks ~122 GFLOP/s, of 512
 * blocks ~115; a single ssyrk of the whole matrix gives the same result at ~111 on n^2 t, so
 * 1024 blocks with ssyrk diagonals do the least work at the best rate. The pool supplies the
 * parallelism: OpenBLAS should run one thread per calling thread ({@code
 * OPENBLAS_NUM_THREADS=1}, set by bin/connectome and conf/spark-defaults.conf), since its own
 * threads under two callers spin and cost about 1.5x the CPU time.
 */
public final class JvmVoxelCorrelator implements VoxelCorrelator {

  /** Side of the square blocks for small N, where 1024 blocks would leave a core idle. */
  static final int BLOCK = 512;
  /** Side of the square blocks from {@link #LARGE_FROM} series: sgemm's best rate. */
  static final int LARGE_BLOCK = 1024;
  /** N from which blocks are {@link #LARGE_BLOCK}: at least 10 block pairs to share. */
  static final int LARGE_FROM = 4 * LARGE_BLOCK;
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

  /** Block side for N series. */
  static int blockSize(int n) {
    return n >= LARGE_FROM ? LARGE_BLOCK : BLOCK;
  }

  /** (first row, first column) of the blocks with column block >= row block. */
  private static List<int[]> upperBlocks(int n, int block) {
    int blocks = (n + block - 1) / block;
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      for (int j = i; j < blocks; j++) {
        pairs.add(new int[] {i * block, j * block});
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

  /**
   * Writes {@code r(i, j)} for first <= i <= j < first + rows at {@code out[offset + (i - first)
   * * ld + (j - first)]}; the entries below the diagonal are left as they were.
   */
  private void diagonalProduct(float[] z, int t, int first, int rows, float[] out, int offset,
      int ld) {
    // Column-major "L" (x >= y at x + y * ld) is the row-major upper triangle.
    blas.ssyrk("L", "T", rows, t, 1.0f, z, first * t, t, 0.0f, out, offset, ld);
  }

  /** The block at (rowFirst, colFirst), by sgemm, or ssyrk on the diagonal. */
  private void block(float[] z, int t, int rowFirst, int rows, int colFirst, int cols,
      float[] out, int offset, int ld) {
    // netlib checks ssyrk's output as a full rows x ld panel; the last diagonal block of a dense
    // N x N output ends before that panel would, and takes sgemm (one block of extra work).
    if (rowFirst == colFirst && (long) offset + (long) rows * ld <= out.length) {
      diagonalProduct(z, t, rowFirst, rows, out, offset, ld);
    } else {
      product(z, t, rowFirst, rows, colFirst, cols, out, offset, ld);
    }
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
    int side = blockSize(n);
    List<int[]> pairs = upperBlocks(n, side);
    pool.submit(() -> pairs.parallelStream().forEach(p -> {
      int rows = Math.min(side, n - p[0]);
      int cols = Math.min(side, n - p[1]);
      block(z, t, p[0], rows, p[1], cols, out, p[0] * n + p[1], n);
      if (p[0] != p[1]) {
        mirror(out, n, p[0], rows, p[1], cols);
      } else {
        mirrorDiagonal(out, n, p[0], rows);
      }
    })).join();
  }

  /** Copies the upper triangle of the diagonal block at first to its lower triangle. */
  private static void mirrorDiagonal(float[] out, int n, int first, int rows) {
    final int square = 32;
    for (int i0 = 0; i0 < rows; i0 += square) {
      for (int j0 = i0; j0 < rows; j0 += square) {
        int iEnd = Math.min(rows, i0 + square);
        int jEnd = Math.min(rows, j0 + square);
        for (int i = first + i0; i < first + iEnd; i++) {
          for (int j = Math.max(first + j0, i + 1); j < first + jEnd; j++) {
            out[j * n + i] = out[i * n + j];
          }
        }
      }
    }
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
    int side = blockSize(n);
    List<int[]> pairs = upperBlocks(n, side);
    pool.submit(() -> pairs.parallelStream().forEach(p -> {
      int rows = Math.min(side, n - p[0]);
      int cols = Math.min(side, n - p[1]);
      float[] block = new float[rows * cols];
      block(z, t, p[0], rows, p[1], cols, block, 0, cols);
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
