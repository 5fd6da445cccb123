package org.sparkconnectome.atlas;

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
    return AffineMath.invert(affine);
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

  /** A copy of a 4x4 affine; refuses any other shape. */
  public static double[][] copy(double[][] m) {
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
}
