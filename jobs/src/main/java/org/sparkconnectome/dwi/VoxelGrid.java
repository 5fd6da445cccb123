package org.sparkconnectome.dwi;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A 3D voxel grid and its voxel-to-world (RAS+ mm) affine, with the inverse precomputed for
 * mapping streamline points back to voxels.
 *
 * @param shape voxels along i, j, k (i fastest in flat indices)
 * @param affine voxel index to world 4x4
 */
public record VoxelGrid(int[] shape, double[][] affine) implements Serializable {

  public VoxelGrid {
    if (shape.length != 3) {
      throw new IllegalArgumentException("a grid has 3 axes, got " + shape.length);
    }
    shape = shape.clone();
    affine = copy(affine);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public double[][] affine() {
    return copy(affine);
  }

  /** Voxels in the grid. */
  public int voxelCount() {
    return Math.multiplyExact(Math.multiplyExact(shape[0], shape[1]), shape[2]);
  }

  /** Flat index of voxel (i, j, k), i fastest. */
  public int index(int i, int j, int k) {
    return i + shape[0] * (j + shape[1] * k);
  }

  /** Whether voxel (i, j, k) lies inside the grid. */
  public boolean contains(long i, long j, long k) {
    return i >= 0 && j >= 0 && k >= 0 && i < shape[0] && j < shape[1] && k < shape[2];
  }

  /** World to voxel 4x4. */
  public double[][] inverse() {
    return invert(affine);
  }

  /** Voxel sizes: lengths of the affine's first three columns. */
  public double[] spacing() {
    double[] s = new double[3];
    for (int c = 0; c < 3; c++) {
      s[c] = Math.sqrt(affine[0][c] * affine[0][c] + affine[1][c] * affine[1][c]
          + affine[2][c] * affine[2][c]);
    }
    return s;
  }

  /** World position of voxel coordinates {@code (i, j, k)} (fractional allowed). */
  public void toWorld(double i, double j, double k, double[] out) {
    for (int r = 0; r < 3; r++) {
      out[r] = affine[r][0] * i + affine[r][1] * j + affine[r][2] * k + affine[r][3];
    }
  }

  /** Whether another grid has the same shape and affine within 1e-4 mm. */
  public boolean sameAs(VoxelGrid other) {
    if (!Arrays.equals(shape, other.shape)) {
      return false;
    }
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        if (Math.abs(affine[r][c] - other.affine[r][c]) > 1e-4) {
          return false;
        }
      }
    }
    return true;
  }

  static double[][] copy(double[][] m) {
    if (m.length != 4) {
      throw new IllegalArgumentException("an affine is 4x4");
    }
    double[][] c = new double[4][];
    for (int i = 0; i < 4; i++) {
      if (m[i].length != 4) {
        throw new IllegalArgumentException("an affine is 4x4");
      }
      c[i] = m[i].clone();
    }
    return c;
  }

  static double determinant3(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  static double[][] invert(double[][] m) {
    double det = determinant3(m);
    if (Math.abs(det) < 1e-12) {
      throw new IllegalArgumentException("the affine is singular (a zero voxel size?)");
    }
    double[][] r = new double[4][4];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int i1 = (j + 1) % 3;
        int i2 = (j + 2) % 3;
        int j1 = (i + 1) % 3;
        int j2 = (i + 2) % 3;
        r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
      }
    }
    for (int i = 0; i < 3; i++) {
      r[i][3] = -(r[i][0] * m[0][3] + r[i][1] * m[1][3] + r[i][2] * m[2][3]);
    }
    r[3][3] = 1;
    return r;
  }
}
