package org.sparkconnectome.dwi;

import java.io.IOException;
import java.io.Serializable;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;

/**
 * A 3D scalar map (FA) sampled at world points by trilinear interpolation, as MRtrix3's
 * {@code tcksample} samples by default; neighbours outside the grid count as zero.
 */
public final class ScalarVolume implements Serializable {
  private static final long serialVersionUID = 1L;

  private final VoxelGrid grid;
  private final float[] values;
  private final double[][] inverse;

  public ScalarVolume(VoxelGrid grid, float[] values) {
    if (values.length != grid.voxelCount()) {
      throw new IllegalArgumentException(values.length + " values for a grid of "
          + grid.voxelCount());
    }
    this.grid = grid;
    this.values = values;
    this.inverse = grid.inverse();
  }

  /** Reads a 3D map (an FA image). */
  public static ScalarVolume load(DataSource source) throws IOException {
    NiftiImage image = NiftiImage.open(source);
    NiftiHeader h = image.header();
    if (h.volumeCount() != 1) {
      throw new FormatException(source.name(), "a scalar map is one 3D volume, found shape "
          + h.shapeText());
    }
    double[] read = new double[(int) h.voxelsPerVolume()];
    image.readVolume(0, read);
    float[] values = new float[read.length];
    for (int i = 0; i < read.length; i++) {
      values[i] = Double.isFinite(read[i]) ? (float) read[i] : 0f;
    }
    return new ScalarVolume(new VoxelGrid(new int[] {(int) h.dim(0), (int) h.dim(1),
        (int) h.dim(2)}, h.affine()), values);
  }

  public VoxelGrid grid() {
    return grid;
  }

  /** The interpolated value at world point {@code xyz[3p ..]}. */
  public double sample(float[] xyz, int p) {
    double x = xyz[3 * p];
    double y = xyz[3 * p + 1];
    double z = xyz[3 * p + 2];
    double[][] m = inverse;
    double i = m[0][0] * x + m[0][1] * y + m[0][2] * z + m[0][3];
    double j = m[1][0] * x + m[1][1] * y + m[1][2] * z + m[1][3];
    double k = m[2][0] * x + m[2][1] * y + m[2][2] * z + m[2][3];
    return sampleVoxel(i, j, k);
  }

  /** The interpolated value at fractional voxel coordinates. */
  public double sampleVoxel(double i, double j, double k) {
    int[] shape = grid.shape();
    int i0 = (int) Math.floor(i);
    int j0 = (int) Math.floor(j);
    int k0 = (int) Math.floor(k);
    double fi = i - i0;
    double fj = j - j0;
    double fk = k - k0;
    double sum = 0;
    for (int c = 0; c < 8; c++) {
      int ii = i0 + (c & 1);
      int jj = j0 + ((c >> 1) & 1);
      int kk = k0 + ((c >> 2) & 1);
      if (ii < 0 || jj < 0 || kk < 0 || ii >= shape[0] || jj >= shape[1] || kk >= shape[2]) {
        continue;
      }
      double w = ((c & 1) == 1 ? fi : 1 - fi) * (((c >> 1) & 1) == 1 ? fj : 1 - fj)
          * (((c >> 2) & 1) == 1 ? fk : 1 - fk);
      sum += w * values[ii + shape[0] * (jj + shape[1] * kk)];
    }
    return sum;
  }
}
