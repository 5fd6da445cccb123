package org.sparkconnectome.dwi;

/**
 * Trilinear interpolation in a voxel grid: the corner voxels of a fractional voxel point that lie
 * inside the grid, and their weights. Scalar maps and the tensor field both sample through it.
 */
final class Trilinear {
  /** Corners of one point: callers size their buffers with this. */
  static final int CORNERS = 8;

  private Trilinear() {
  }

  /**
   * Fills {@code voxels} (flat indices, i fastest) and {@code weights} with the corners of voxel
   * point {@code (i, j, k)} that lie inside a grid of this shape, in a fixed order, and returns
   * how many there are. Corners outside the grid are left out, so their weight is lost (zero
   * padding).
   */
  static int corners(int[] shape, double i, double j, double k, int[] voxels, double[] weights) {
    int i0 = (int) Math.floor(i);
    int j0 = (int) Math.floor(j);
    int k0 = (int) Math.floor(k);
    double fi = i - i0;
    double fj = j - j0;
    double fk = k - k0;
    int count = 0;
    for (int c = 0; c < CORNERS; c++) {
      int ii = i0 + (c & 1);
      int jj = j0 + ((c >> 1) & 1);
      int kk = k0 + ((c >> 2) & 1);
      if (ii < 0 || jj < 0 || kk < 0 || ii >= shape[0] || jj >= shape[1] || kk >= shape[2]) {
        continue;
      }
      voxels[count] = ii + shape[0] * (jj + shape[1] * kk);
      weights[count] = ((c & 1) == 1 ? fi : 1 - fi) * (((c >> 1) & 1) == 1 ? fj : 1 - fj)
          * (((c >> 2) & 1) == 1 ? fk : 1 - fk);
      count++;
    }
    return count;
  }
}
