package org.sparkconnectome.formats.nifti;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link NiftiWriter} writes: geometry, voxel type and units of a NIfTI-1 image.
 *
 * @param shape axis lengths, 1 to 7 axes, each in 1..32767 (NIfTI-1 stores int16)
 * @param zooms voxel sizes of the three spatial axes, in {@code units.spatial()}
 * @param affine voxel to world 4x4 (written as the sform, code 2)
 * @param dataType one of uint8, int16, int32, float32, float64
 * @param units spatial and temporal units
 * @param repetitionTime {@code pixdim[4]}, the time between volumes in {@code units.temporal()};
 *     ignored for images with fewer than four axes
 */
public record NiftiImageSpec(
    long[] shape,
    double[] zooms,
    double[][] affine,
    NiftiDataType dataType,
    XyztUnits units,
    double repetitionTime) {

  private static final Set<NiftiDataType> WRITABLE = EnumSet.of(NiftiDataType.UINT8,
      NiftiDataType.INT16, NiftiDataType.INT32, NiftiDataType.FLOAT32, NiftiDataType.FLOAT64);

  public NiftiImageSpec {
    if (shape.length < 1 || shape.length > 7) {
      throw new IllegalArgumentException("NIfTI images have 1 to 7 axes, not " + shape.length);
    }
    for (long d : shape) {
      if (d < 1 || d > Short.MAX_VALUE) {
        throw new IllegalArgumentException("axis length " + d + " outside 1..32767 in shape "
            + Arrays.toString(shape));
      }
    }
    if (zooms.length != 3) {
      throw new IllegalArgumentException("need 3 spatial voxel sizes, got " + zooms.length);
    }
    if (affine.length != 4 || Arrays.stream(affine).anyMatch(row -> row.length != 4)) {
      throw new IllegalArgumentException("the affine must be 4x4");
    }
    if (!WRITABLE.contains(dataType)) {
      throw new IllegalArgumentException("cannot write " + dataType.typeName()
          + "; writable types are " + WRITABLE);
    }
    shape = shape.clone();
    zooms = zooms.clone();
    double[][] copy = new double[4][];
    for (int i = 0; i < 4; i++) {
      copy[i] = affine[i].clone();
    }
    affine = copy;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public double[] zooms() {
    return zooms.clone();
  }

  @Override
  public double[][] affine() {
    double[][] copy = new double[4][];
    for (int i = 0; i < 4; i++) {
      copy[i] = affine[i].clone();
    }
    return copy;
  }

  /** Voxels in one 3D volume. */
  public long voxelsPerVolume() {
    long n = 1;
    for (int i = 0; i < Math.min(3, shape.length); i++) {
      n *= shape[i];
    }
    return n;
  }

  /** Number of 3D volumes (product of axes beyond the third). */
  public long volumeCount() {
    long n = 1;
    for (int i = 3; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }
}
