package org.sparkconnectome.kernels.correlation;

/**
 * Time series of many voxels in one float array, series-major: time point k of series i lives at
 * {@code values[i * timepoints + k]} (a column-major T x N matrix, so each voxel's series is
 * contiguous and a block of voxels is one slice).
 *
 * @param values series-major samples, {@code timepoints * count} of them
 * @param timepoints time points per series (T)
 * @param count number of series (N)
 */
public record VoxelSeries(float[] values, int timepoints, int count) {

  public VoxelSeries {
    if (timepoints < 2 || count < 1) {
      throw new IllegalArgumentException("need at least 2 time points and 1 series, got T = "
          + timepoints + ", N = " + count);
    }
    if (values.length != (long) timepoints * count) {
      throw new IllegalArgumentException("series array has " + values.length + " values, expected"
          + " T x N = " + timepoints + " x " + count + " = " + (long) timepoints * count);
    }
  }

  /** Offset of series i's first time point in {@link #values()}. */
  public int offset(int series) {
    return series * timepoints;
  }
}
