package org.sparkconnectome.kernels.correlation;

/**
 * Pearson correlation between many voxel time series, the hot loop of voxel-level connectomes,
 * with one implementation per backend (see {@link Correlators}).
 *
 * <p>Every implementation z-scores each series (mean 0, unit norm; a constant series becomes all
 * zeros, so its r with anything is 0 and it never forms an edge), then takes dot products. The
 * sparse path computes tiles and keeps only the selected pairs, so the N x N matrix never exists:
 * memory stays bounded by the tile size and the edges kept.
 */
public interface VoxelCorrelator {

  /**
   * Streams the selected edges into the sink. With a threshold, each pair i &lt; j with
   * {@code |r| >= threshold} is emitted once as (i, j, r); with top-k, every row i emits its k
   * strongest partners j != i as (i, j, r), so a pair may come from both of its rows.
   */
  void correlate(VoxelSeries series, EdgeSelection selection, EdgeSink sink);

  /**
   * The whole N x N correlation matrix, row-major in {@code out} (length N * N); the diagonal
   * holds each series' r with itself (1, or 0 for a constant series). For benchmarks and
   * moderate N.
   */
  void correlateDense(VoxelSeries series, float[] out);

  /** Short name of the backend for logs and benchmark output ("jvm", "cuda", "opencl"). */
  String backendName();
}
