package org.sparkconnectome.dwi;

import java.io.IOException;
import java.io.Serializable;
import org.sparkconnectome.atlas.VoxelGrid;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
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
  private final int[] shape;

  public ScalarVolume(VoxelGrid grid, float[] values) {
    if (values.length != grid.voxelCount()) {
      throw new IllegalArgumentException(values.length + " values for a grid of "
          + grid.voxelCount());
    }
    this.grid = grid;
    this.values = values;
    this.inverse = grid.inverse();
    this.shape = grid.shape();
  }

  /** Reads a 3D map (an FA image). */
  public static ScalarVolume load(DataSource source) throws IOException {
    return load(source, MemoryBudget.DEFAULT);
  }

  /** As {@link #load(DataSource)}, refusing a map that does not fit {@code budget}. */
  public static ScalarVolume load(DataSource source, MemoryBudget budget) throws IOException {
    NiftiImage image = NiftiImage.open(source);
    NiftiHeader h = image.header();
    if (h.volumeCount() != 1) {
      throw new FormatException(source.name(), "a scalar map is one 3D volume, found shape "
          + h.shapeText());
    }
    long[] dims = {h.dim(0), h.dim(1), h.dim(2)};
    // The values as read (double) and as kept (float).
    double[] read = new double[budget.arrayLength(source.name(), "the scalar map", dims,
        Double.BYTES + Float.BYTES)];
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
    int[] voxels = new int[Trilinear.CORNERS];
    double[] weights = new double[Trilinear.CORNERS];
    int corners = Trilinear.corners(shape, i, j, k, voxels, weights);
    double sum = 0;
    for (int c = 0; c < corners; c++) {
      sum += weights[c] * values[voxels[c]];
    }
    return sum;
  }
}
