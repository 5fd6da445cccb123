package org.sparkconnectome.kernels.correlation;

import java.util.stream.IntStream;

/** Mean-centred, unit-norm copies of series, so that Pearson's r is a plain dot product. */
public final class ZScores {

  private ZScores() {
  }

  /**
   * Series-major z-scores of every series (computed in double, stored as float); a series with
   * no variance (or a non-finite sample) becomes all zeros.
   */
  public static float[] of(VoxelSeries series) {
    int t = series.timepoints();
    float[] x = series.values();
    float[] z = new float[x.length];
    IntStream.range(0, series.count()).parallel().forEach(i -> {
      int offset = series.offset(i);
      double sum = 0;
      for (int k = 0; k < t; k++) {
        sum += x[offset + k];
      }
      double mean = sum / t;
      double squares = 0;
      for (int k = 0; k < t; k++) {
        double d = x[offset + k] - mean;
        squares += d * d;
      }
      if (squares > 0 && Double.isFinite(squares)) {
        double scale = 1.0 / Math.sqrt(squares);
        for (int k = 0; k < t; k++) {
          z[offset + k] = (float) ((x[offset + k] - mean) * scale);
        }
      }
    });
    return z;
  }
}
