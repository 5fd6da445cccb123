package org.sparkconnectome.dwi;

/**
 * Eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations: exact to rounding
 * for the near-degenerate tensors of isotropic tissue, where closed-form cubic roots lose digits.
 */
final class SymmetricEigen3 {
  private static final int MAX_SWEEPS = 50;

  private SymmetricEigen3() {
  }

  /**
   * Decomposes the tensor {@code t = {xx, xy, yy, xz, yz, zz}} (DIPY's lower-triangular order).
   *
   * @param values receives the eigenvalues, largest first
   * @param vectors receives the unit eigenvectors, {@code vectors[3*k .. 3*k+2]} for value k
   */
  static void decompose(double[] t, double[] values, double[] vectors) {
    double[][] a = {{t[0], t[1], t[3]}, {t[1], t[2], t[4]}, {t[3], t[4], t[5]}};
    double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
      double scale = a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2];
      if (off == 0 || off <= 1e-30 * scale) {
        break;
      }
      for (int p = 0; p < 2; p++) {
        for (int q = p + 1; q < 3; q++) {
          rotate(a, v, p, q);
        }
      }
    }
    int[] order = {0, 1, 2};
    for (int i = 0; i < 3; i++) {
      for (int j = i + 1; j < 3; j++) {
        if (a[order[j]][order[j]] > a[order[i]][order[i]]) {
          int swap = order[i];
          order[i] = order[j];
          order[j] = swap;
        }
      }
    }
    for (int k = 0; k < 3; k++) {
      values[k] = a[order[k]][order[k]];
      for (int r = 0; r < 3; r++) {
        vectors[3 * k + r] = v[r][order[k]];
      }
    }
  }

  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double apq = a[p][q];
    if (apq == 0) {
      return;
    }
    double theta = (a[q][q] - a[p][p]) / (2 * apq);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int k = 0; k < 3; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < 3; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
    for (int k = 0; k < 3; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }
}
