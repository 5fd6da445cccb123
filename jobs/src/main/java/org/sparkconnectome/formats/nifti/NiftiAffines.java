package org.sparkconnectome.formats.nifti;

import java.util.Optional;

/**
 * Voxel-to-world matrices from header fields, computed as nibabel computes them, and the
 * quaternion encoding the writer stores for a rigid-plus-zoom affine.
 */
final class NiftiAffines {
  private static final double EPS = Math.ulp(1.0);

  private NiftiAffines() {
  }

  /** The three sform rows plus {@code [0, 0, 0, 1]}. */
  static double[][] fromRows(double[] x, double[] y, double[] z) {
    return new double[][] {x.clone(), y.clone(), z.clone(), {0, 0, 0, 1}};
  }

  /**
   * The qform matrix: rotation from the unit quaternion (b, c, d) with
   * {@code a = sqrt(1 - b^2 - c^2 - d^2)}, times {@code diag(zooms)} with the z zoom multiplied
   * by qfac, plus the offsets.
   *
   * @param threshold how far below zero {@code 1 - b^2 - c^2 - d^2} may fall from rounding of
   *     the stored values before the quaternion is refused (then {@code a = 0})
   * @throws IllegalArgumentException when (b, c, d) is longer than 1 beyond that rounding
   */
  static double[][] fromQuaternion(
      double b, double c, double d, double[] zooms, double qfac, double[] offset,
      double threshold) {
    double w2 = 1.0 - (b * b + c * c + d * d);
    double a;
    if (w2 < 0) {
      if (w2 < threshold) {
        throw new IllegalArgumentException("qform quaternion (b, c, d) = (" + b + ", " + c + ", "
            + d + ") is longer than 1, so it is not a rotation");
      }
      a = 0;
    } else {
      a = Math.sqrt(w2);
    }
    double[][] r = rotation(a, b, c, d);
    double[] s = {zooms[0], zooms[1], zooms[2] * qfac};
    double[][] out = identity();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        out[i][j] = r[i][j] * s[j];
      }
      out[i][3] = offset[i];
    }
    return out;
  }

  private static double[][] rotation(double w, double x, double y, double z) {
    double n = w * w + x * x + y * y + z * z;
    if (n < EPS) {
      return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }
    double s = 2.0 / n;
    double bx = x * s;
    double by = y * s;
    double bz = z * s;
    double wx = w * bx;
    double wy = w * by;
    double wz = w * bz;
    double xx = x * bx;
    double xy = x * by;
    double xz = x * bz;
    double yy = y * by;
    double yz = y * bz;
    double zz = z * bz;
    return new double[][] {
        {1.0 - (yy + zz), xy - wz, xz + wy},
        {xy + wz, 1.0 - (xx + zz), yz - wx},
        {xz - wy, yz + wx, 1.0 - (xx + yy)},
    };
  }

  /**
   * nibabel's fallback for NIfTI without codes: {@code diag(-zx, zy, zz)} with the world origin
   * at the image centre {@code (dim - 1) / 2}. Images with fewer than three axes use size and
   * zoom 1 for the missing ones.
   */
  static double[][] centred(long[] shape, double[] pixdim) {
    double[] dims = new double[3];
    double[] zooms = new double[3];
    for (int i = 0; i < 3; i++) {
      boolean present = i < shape.length;
      dims[i] = present ? shape[i] : 1;
      zooms[i] = present ? pixdim[i] : 1;
    }
    double[] origin = new double[3];
    for (int i = 0; i < 3; i++) {
      origin[i] = (dims[i] - 1) / 2.0;
    }
    return flippedDiagonal(zooms, origin);
  }

  /**
   * The Analyze (SPM) affine: x flipped, world origin at SPM's 1-based {@code origin} voxel when
   * that is set and inside {@code (-dim, 2 dim)}, else at the image centre.
   *
   * @param dims raw {@code dim[1..3]}
   * @param zooms {@code pixdim[1..3]}
   * @param origin SPM's {@code originator} as three int16
   */
  static double[][] analyze(long[] dims, double[] zooms, int[] origin) {
    boolean any = origin[0] != 0 || origin[1] != 0 || origin[2] != 0;
    boolean inside = true;
    for (int i = 0; i < 3; i++) {
      inside &= origin[i] > -dims[i] && origin[i] < dims[i] * 2;
    }
    double[] centre = new double[3];
    for (int i = 0; i < 3; i++) {
      centre[i] = any && inside ? origin[i] - 1 : (dims[i] - 1) / 2.0;
    }
    return flippedDiagonal(zooms, centre);
  }

  private static double[][] flippedDiagonal(double[] zooms, double[] origin) {
    double[] z = {-zooms[0], zooms[1], zooms[2]};
    double[][] out = identity();
    for (int i = 0; i < 3; i++) {
      out[i][i] = z[i];
      out[i][3] = -origin[i] * z[i];
    }
    return out;
  }

  /**
   * The qform encoding {b, c, d, qfac} of {@code affine} when its 3x3 part is exactly (to
   * {@code 1e-6} relative) a rotation times {@code diag(zooms)}, possibly with z reflected.
   */
  static Optional<double[]> toQuaternion(double[][] affine, double[] zooms) {
    double[][] r = new double[3][3];
    for (int j = 0; j < 3; j++) {
      if (!(zooms[j] > 0)) {
        return Optional.empty();
      }
      for (int i = 0; i < 3; i++) {
        r[i][j] = affine[i][j] / zooms[j];
      }
    }
    double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
        - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
        + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
    double qfac = det < 0 ? -1 : 1;
    for (int i = 0; i < 3; i++) {
      r[i][2] *= qfac;
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = 0;
        for (int k = 0; k < 3; k++) {
          dot += r[k][i] * r[k][j];
        }
        if (Math.abs(dot - (i == j ? 1 : 0)) > 1e-6) {
          return Optional.empty();
        }
      }
    }
    double trace = r[0][0] + r[1][1] + r[2][2];
    double a;
    double b;
    double c;
    double d;
    if (trace > 0) {
      double s = 0.5 / Math.sqrt(trace + 1.0);
      a = 0.25 / s;
      b = (r[2][1] - r[1][2]) * s;
      c = (r[0][2] - r[2][0]) * s;
      d = (r[1][0] - r[0][1]) * s;
    } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
      double s = 2.0 * Math.sqrt(1.0 + r[0][0] - r[1][1] - r[2][2]);
      a = (r[2][1] - r[1][2]) / s;
      b = 0.25 * s;
      c = (r[0][1] + r[1][0]) / s;
      d = (r[0][2] + r[2][0]) / s;
    } else if (r[1][1] > r[2][2]) {
      double s = 2.0 * Math.sqrt(1.0 + r[1][1] - r[0][0] - r[2][2]);
      a = (r[0][2] - r[2][0]) / s;
      b = (r[0][1] + r[1][0]) / s;
      c = 0.25 * s;
      d = (r[1][2] + r[2][1]) / s;
    } else {
      double s = 2.0 * Math.sqrt(1.0 + r[2][2] - r[0][0] - r[1][1]);
      a = (r[1][0] - r[0][1]) / s;
      b = (r[0][2] + r[2][0]) / s;
      c = (r[1][2] + r[2][1]) / s;
      d = 0.25 * s;
    }
    // NIfTI stores only b, c, d and rebuilds a >= 0, so the sign must make a non-negative.
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
    return Optional.of(new double[] {b, c, d, qfac});
  }

  private static double[][] identity() {
    return new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
  }
}
