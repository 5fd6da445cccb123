package org.sparkconnectome.signal;

/**
 * Power's framewise displacement (Power et al. 2012), the head-motion summary used to censor
 * volumes.
 *
 * <p>Input columns are the six rigid-body parameters in fMRIPrep's order: {@code trans_x,
 * trans_y, trans_z} in mm, then {@code rot_x, rot_y, rot_z} in radians. Rotations become arc
 * lengths on a sphere of the head radius (50 mm by default). FD at volume t is the sum of the
 * absolute differences to volume t-1; the first volume has FD 0.
 */
public final class FramewiseDisplacement {

  /** Head radius of Power et al. in mm. */
  public static final double DEFAULT_HEAD_RADIUS_MM = 50.0;

  private FramewiseDisplacement() {
  }

  /** FD per volume with a 50 mm head radius. */
  public static double[] of(TimeSeries motion) {
    return of(motion, DEFAULT_HEAD_RADIUS_MM);
  }

  /** FD per volume with the given head radius in mm. */
  public static double[] of(TimeSeries motion, double headRadiusMm) {
    if (motion.regions() != 6) {
      throw new IllegalArgumentException("framewise displacement needs 6 motion columns "
          + "(trans_x, trans_y, trans_z in mm, rot_x, rot_y, rot_z in radians), got "
          + motion.regions());
    }
    double[] fd = new double[motion.timepoints()];
    for (int t = 1; t < fd.length; t++) {
      double sum = 0;
      for (int c = 0; c < 6; c++) {
        double delta = Math.abs(motion.get(t, c) - motion.get(t - 1, c));
        sum += c < 3 ? delta : delta * headRadiusMm;
      }
      fd[t] = sum;
    }
    return fd;
  }

  /** Volumes to keep: those with FD at most the threshold (XCP-D censors FD above it). */
  public static boolean[] keptVolumes(double[] fd, double thresholdMm) {
    boolean[] kept = new boolean[fd.length];
    for (int t = 0; t < fd.length; t++) {
      kept[t] = fd[t] <= thresholdMm;
    }
    return kept;
  }
}
