package org.sparkconnectome.sample;

import java.util.SplittableRandom;

/**
 * Head motion of one generated run: six rigid-body parameters (translations in mm, rotations in
 * radians, fMRIPrep's order) drifting slowly, with a few sudden jerks that push framewise
 * displacement above the usual 0.5 mm censoring threshold.
 *
 * @param params {@code [t][6]}: trans_x, trans_y, trans_z, rot_x, rot_y, rot_z
 */
public record MotionTrace(double[][] params) {

  /** Power et al. (2012): rotations become arc lengths on a sphere of this radius. */
  public static final double HEAD_RADIUS_MM = 50.0;

  /** A trace with {@code jerks} volumes of large motion at random places (never volume 0). */
  public static MotionTrace generate(int timepoints, int jerks, SplittableRandom random) {
    double[][] p = new double[timepoints][6];
    for (int t = 1; t < timepoints; t++) {
      for (int k = 0; k < 6; k++) {
        double scale = k < 3 ? 0.02 : 0.0003;
        p[t][k] = p[t - 1][k] * 0.98 + scale * PlantedConnectivity.gaussian(random);
      }
    }
    for (int j = 0; j < jerks && timepoints > 2; j++) {
      int t = 1 + random.nextInt(timepoints - 1);
      int axis = random.nextInt(3);
      double jump = 0.6 + 0.6 * random.nextDouble();
      for (int u = t; u < timepoints; u++) {
        p[u][axis] += jump;
      }
    }
    return new MotionTrace(p);
  }

  public int timepoints() {
    return params.length;
  }

  /** Framewise displacement (Power): 0 for the first volume. */
  public double[] framewiseDisplacement() {
    double[] fd = new double[params.length];
    for (int t = 1; t < params.length; t++) {
      double sum = 0;
      for (int k = 0; k < 6; k++) {
        double d = Math.abs(params[t][k] - params[t - 1][k]);
        sum += k < 3 ? d : d * HEAD_RADIUS_MM;
      }
      fd[t] = sum;
    }
    return fd;
  }
}
