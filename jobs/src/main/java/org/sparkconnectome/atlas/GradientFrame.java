package org.sparkconnectome.atlas;

/**
 * Rotates directions from the FSL b-vector frame to world RAS+: FSL b-vectors are along the
 * image's voxel axes, with x negated when the voxel-to-world affine has a positive determinant
 * (FSL's radiological convention), as MRtrix3 and FSL interpret {@code .bvec} files.
 */
public final class GradientFrame {
  private final double[][] rotation = new double[3][3];

  public GradientFrame(VoxelGrid grid) {
    double[][] a = grid.affine();
    double[] spacing = grid.spacing();
    double flip = AffineMath.determinant3(a) > 0 ? -1 : 1;
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        rotation[r][c] = a[r][c] / spacing[c] * (c == 0 ? flip : 1);
      }
    }
  }

  /** {@code out = R v}: a b-vector-frame direction in world axes. */
  public void toWorld(double[] v, int offset, double[] out, int outOffset) {
    double x = v[offset];
    double y = v[offset + 1];
    double z = v[offset + 2];
    for (int r = 0; r < 3; r++) {
      out[outOffset + r] = rotation[r][0] * x + rotation[r][1] * y + rotation[r][2] * z;
    }
  }

  /** {@code R^T w}: a world direction in the b-vector frame (for synthesising signals). */
  public void fromWorld(double[] w, double[] out) {
    for (int c = 0; c < 3; c++) {
      out[c] = rotation[0][c] * w[0] + rotation[1][c] * w[1] + rotation[2][c] * w[2];
    }
  }

  /**
   * {@code R T R^T} for a tensor {@code {xx, xy, yy, xz, yz, zz}} in the b-vector frame, written
   * in the same order to {@code out[offset ..]}.
   */
  public void tensorToWorld(double[] t, float[] out, int offset) {
    double[][] m = {{t[0], t[1], t[3]}, {t[1], t[2], t[4]}, {t[3], t[4], t[5]}};
    double[][] rm = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += rotation[i][k] * m[k][j];
        }
        rm[i][j] = s;
      }
    }
    double[][] w = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += rm[i][k] * rotation[j][k];
        }
        w[i][j] = s;
      }
    }
    out[offset] = (float) w[0][0];
    out[offset + 1] = (float) w[0][1];
    out[offset + 2] = (float) w[1][1];
    out[offset + 3] = (float) w[0][2];
    out[offset + 4] = (float) w[1][2];
    out[offset + 5] = (float) w[2][2];
  }
}
