package org.sparkconnectome.formats.streamlines;

/**
 * Which world axis each voxel axis of an affine points along, and in which direction: nibabel's
 * {@code io_orientation}, computed from the orthogonal factor of the affine's normalised 3x3 part.
 */
final class AxisOrientation {
  // The TrackVis affine is float32, so singular values below float precision count as zero.
  private static final double FLOAT_EPS = Math.ulp(1.0f);

  private AxisOrientation() {
  }

  /**
   * One row per voxel axis: {@code {worldAxis, direction}} with direction +1 or -1, or null for
   * an axis that maps to no world direction (a degenerate affine).
   */
  static int[][] of(double[][] affine) {
    double[][] a = new double[3][3];
    for (int c = 0; c < 3; c++) {
      double norm = Math.sqrt(sq(affine[0][c]) + sq(affine[1][c]) + sq(affine[2][c]));
      double zoom = norm == 0 ? 1 : norm;
      for (int r = 0; r < 3; r++) {
        a[r][c] = affine[r][c] / zoom;
      }
    }
    double[][] rotation = orthogonalFactor(a);
    int[][] orientation = new int[3][];
    for (int in = 0; in < 3; in++) {
      int out = 0;
      boolean zero = true;
      for (int r = 0; r < 3; r++) {
        if (Math.abs(rotation[r][in]) > 1e-8) {
          zero = false;
        }
        if (Math.abs(rotation[r][in]) > Math.abs(rotation[out][in])) {
          out = r;
        }
      }
      if (zero) {
        continue;
      }
      orientation[in] = new int[] {out, rotation[out][in] < 0 ? -1 : 1};
      for (int c = 0; c < 3; c++) {
        rotation[out][c] = 0;
      }
    }
    return orientation;
  }

  /**
   * {@code U V^T} over the singular values that are not negligible, from a one-sided Jacobi SVD
   * (accurate for the small singular values that decide which axes are dropped).
   */
  private static double[][] orthogonalFactor(double[][] matrix) {
    double[][] u = new double[3][3];
    double[][] v = new double[3][3];
    for (int i = 0; i < 3; i++) {
      u[i] = matrix[i].clone();
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 60; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < 2; p++) {
        for (int q = p + 1; q < 3; q++) {
          double alpha = 0;
          double beta = 0;
          double gamma = 0;
          for (int i = 0; i < 3; i++) {
            alpha += sq(u[i][p]);
            beta += sq(u[i][q]);
            gamma += u[i][p] * u[i][q];
          }
          if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) {
            continue;
          }
          rotated = true;
          double zeta = (beta - alpha) / (2 * gamma);
          double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
          if (zeta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(1 + t * t);
          double s = c * t;
          rotate(u, p, q, c, s);
          rotate(v, p, q, c, s);
        }
      }
      if (!rotated) {
        break;
      }
    }
    double[] sigma = new double[3];
    double largest = 0;
    for (int j = 0; j < 3; j++) {
      sigma[j] = Math.sqrt(sq(u[0][j]) + sq(u[1][j]) + sq(u[2][j]));
      largest = Math.max(largest, sigma[j]);
    }
    double tolerance = largest * 3 * FLOAT_EPS;
    double[][] result = new double[3][3];
    for (int j = 0; j < 3; j++) {
      if (sigma[j] <= tolerance) {
        continue;
      }
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          result[r][c] += u[r][j] / sigma[j] * v[c][j];
        }
      }
    }
    return result;
  }

  private static void rotate(double[][] m, int p, int q, double c, double s) {
    for (int i = 0; i < 3; i++) {
      double mp = m[i][p];
      double mq = m[i][q];
      m[i][p] = c * mp - s * mq;
      m[i][q] = s * mp + c * mq;
    }
  }

  private static double sq(double x) {
    return x * x;
  }
}
