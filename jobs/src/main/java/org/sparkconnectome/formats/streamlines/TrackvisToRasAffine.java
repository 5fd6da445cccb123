package org.sparkconnectome.formats.streamlines;

import org.sparkconnectome.formats.FormatException;

/**
 * The affine from TrackVis "voxmm" coordinates (millimetres from the corner of voxel 0, axes in
 * the header's voxel order) to world RAS+ mm with voxel centres at integer voxel indices, computed
 * as nibabel's {@code get_affine_trackvis_to_rasmm} does.
 */
public final class TrackvisToRasAffine {
  private static final String AXIS_LABELS = "LRPAIS";

  private TrackvisToRasAffine() {
  }

  /**
   * The 4x4 affine, rounded to float32 like nibabel's, so points map to the same values.
   *
   * @throws FormatException when vox_to_ras has no axis directions or voxel_order is not a
   *     permutation of three RAS/LPI letters
   */
  public static double[][] of(TrkHeader header, String name) throws FormatException {
    double[][] voxelToRas = header.voxelToRas();
    for (double[] row : voxelToRas) {
      for (double value : row) {
        if (!Double.isFinite(value)) {
          throw new FormatException(name, "vox_to_ras holds a non-finite value");
        }
      }
    }
    int[][] affineAxes = AxisOrientation.of(voxelToRas);
    for (int[] axis : affineAxes) {
      if (axis == null) {
        throw new FormatException(name, "vox_to_ras is invalid: no axis directions can be "
            + "determined from it");
      }
    }
    int[][] headerAxes = voxelOrderAxes(header.voxelOrder(), name);
    // nibabel's inv_ornt_aff(ornt_transform(header, affine), dim): row h takes the affine voxel
    // axis along the same world axis as header axis h, flipped about the grid when the two
    // directions differ.
    double[][] reorient = new double[4][4];
    reorient[3][3] = 1;
    for (int h = 0; h < 3; h++) {
      int match = -1;
      for (int a = 0; a < 3; a++) {
        if (affineAxes[a][0] == headerAxes[h][0]) {
          match = a;
        }
      }
      int flip = headerAxes[h][1] == affineAxes[match][1] ? 1 : -1;
      reorient[h][match] = flip;
      reorient[h][3] = flip == 1 ? 0 : header.dimensions()[h] - 1;
    }
    double[][] voxmmToVoxel = new double[4][4];
    for (int i = 0; i < 3; i++) {
      voxmmToVoxel[i][i] = 1.0 / header.voxelSizes()[i];
      voxmmToVoxel[i][3] = -0.5;
    }
    voxmmToVoxel[3][3] = 1;
    double[][] result = multiply(voxelToRas, multiply(reorient, voxmmToVoxel));
    for (double[] row : result) {
      for (int c = 0; c < 4; c++) {
        row[c] = (float) row[c];
      }
    }
    return result;
  }

  /** {@code {worldAxis, direction}} per voxel axis for codes such as "LAS". */
  private static int[][] voxelOrderAxes(String order, String name) throws FormatException {
    if (order.length() != 3) {
      throw new FormatException(name, "voxel_order '" + TckHeader.printable(order)
          + "' must be three letters from R/L, A/P, S/I");
    }
    int[][] axes = new int[3][];
    boolean[] seen = new boolean[3];
    for (int i = 0; i < 3; i++) {
      int label = AXIS_LABELS.indexOf(order.charAt(i));
      if (label < 0 || seen[label / 2]) {
        throw new FormatException(name, "voxel_order '" + TckHeader.printable(order)
            + "' must name each of R/L, A/P, S/I once");
      }
      seen[label / 2] = true;
      axes[i] = new int[] {label / 2, label % 2 == 0 ? -1 : 1};
    }
    return axes;
  }

  static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double sum = 0;
        for (int k = 0; k < 4; k++) {
          sum += a[i][k] * b[k][j];
        }
        c[i][j] = sum;
      }
    }
    return c;
  }
}
