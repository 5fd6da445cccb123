package org.sparkconnectome.atlas;

/** 4x4 affine arithmetic for moving between voxel grids. */
public final class AffineMath {
  private AffineMath() {
  }

  public static boolean close(double[][] a, double[][] b, double tolerance) {
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        if (Math.abs(a[i][j] - b[i][j]) > tolerance) {
          return false;
        }
      }
    }
    return true;
  }

  public static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[i][k] * b[k][j];
        }
        c[i][j] = s;
      }
    }
    return c;
  }

  /** Determinant of the rotation-zoom-shear part (the upper-left 3x3) of an affine. */
  public static double determinant3(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  /** Inverse of an affine (rotation-zoom-shear plus translation, last row 0 0 0 1). */
  public static double[][] invert(double[][] m) {
    double a = m[0][0];
    double b = m[0][1];
    double c = m[0][2];
    double d = m[1][0];
    double e = m[1][1];
    double f = m[1][2];
    double g = m[2][0];
    double h = m[2][1];
    double k = m[2][2];
    double det = determinant3(m);
    if (Math.abs(det) < 1e-12) {
      throw new IllegalArgumentException("affine is singular (zero voxel size?)");
    }
    double[][] r = new double[4][4];
    r[0][0] = (e * k - f * h) / det;
    r[0][1] = (c * h - b * k) / det;
    r[0][2] = (b * f - c * e) / det;
    r[1][0] = (f * g - d * k) / det;
    r[1][1] = (a * k - c * g) / det;
    r[1][2] = (c * d - a * f) / det;
    r[2][0] = (d * h - e * g) / det;
    r[2][1] = (b * g - a * h) / det;
    r[2][2] = (a * e - b * d) / det;
    for (int i = 0; i < 3; i++) {
      r[i][3] = -(r[i][0] * m[0][3] + r[i][1] * m[1][3] + r[i][2] * m[2][3]);
    }
    r[3][3] = 1;
    return r;
  }
}
