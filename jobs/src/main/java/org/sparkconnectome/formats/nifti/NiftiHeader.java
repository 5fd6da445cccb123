package org.sparkconnectome.formats.nifti;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * What an image header says, after validation and the same repairs nibabel makes on load.
 *
 * <p>Repetition time policy: {@link #repetitionTime()} is {@code pixdim[4]} converted to seconds
 * with the temporal unit of {@code xyzt_units} (an 'unknown' unit is taken as seconds; 'hz',
 * 'ppm' and 'rads' give no TR). When a 4D or higher image says its time unit is seconds (or
 * unknown) but the TR is above 100, the value almost certainly is in milliseconds (a common
 * converter bug, e.g. nibabel's example4d.nii.gz stores 2000 'sec'). The TR is then still
 * reported exactly as given, {@link #repetitionTimeSuspicious()} is true, and
 * {@link #warnings()} says so, so that callers log it or record it and decide; the reader never
 * guesses a correction.
 *
 * @param format header layout
 * @param byteOrder byte order of header and data
 * @param shape {@code dim[1..dim[0]]}
 * @param dataType voxel type on disk
 * @param pixdim one voxel size per axis of {@code shape} ({@code pixdim[1..dim[0]]}); spatial
 *     zeros are read as 1 and negative spatial sizes as their absolute value, as nibabel does
 * @param affine voxel to world (RAS+ mm) 4x4: sform if {@code sform_code > 0}, else qform if
 *     {@code qform_code > 0}, else nibabel's fallback; Analyze files use SPM's origin field or
 *     the image centre, with x flipped
 * @param qformCode qform_code (0 when invalid or Analyze)
 * @param sformCode sform_code (0 when invalid or Analyze)
 * @param sclSlope scaling slope, null when the values are used unscaled: slope 0 or not
 *     finite (nibabel's rule), or the identity slope 1 with intercept 0
 * @param sclInter scaling intercept, null exactly when {@code sclSlope} is
 * @param units decoded {@code xyzt_units}
 * @param intentCode intent_code
 * @param dataOffset byte where voxel data starts in the data file (the .img for a pair)
 * @param repetitionTime TR in seconds (see above), null for images with fewer than four axes or
 *     a time axis that is not time
 * @param repetitionTimeSuspicious whether the TR looks like milliseconds labelled as seconds
 * @param warnings what the reader noticed and repaired or distrusts, one sentence each
 */
public record NiftiHeader(
    NiftiFormat format,
    ByteOrder byteOrder,
    long[] shape,
    NiftiDataType dataType,
    double[] pixdim,
    double[][] affine,
    int qformCode,
    int sformCode,
    Double sclSlope,
    Double sclInter,
    XyztUnits units,
    int intentCode,
    long dataOffset,
    Double repetitionTime,
    boolean repetitionTimeSuspicious,
    List<String> warnings) {

  public NiftiHeader {
    shape = shape.clone();
    pixdim = pixdim.clone();
    affine = copy(affine);
    warnings = List.copyOf(warnings);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public double[] pixdim() {
    return pixdim.clone();
  }

  @Override
  public double[][] affine() {
    return copy(affine);
  }

  /** Number of axes. */
  public int ndim() {
    return shape.length;
  }

  /** Length of axis {@code axis}, 1 beyond the last axis. */
  public long dim(int axis) {
    return axis < shape.length ? shape[axis] : 1;
  }

  /** Voxels in one 3D volume (the product of the first three axes). */
  public long voxelsPerVolume() {
    return dim(0) * dim(1) * dim(2);
  }

  /** Number of 3D volumes: the product of axes 4 and beyond, 1 for a 3D image. */
  public long volumeCount() {
    long count = 1;
    for (int axis = 3; axis < shape.length; axis++) {
      count *= shape[axis];
    }
    return count;
  }

  /** Voxels in the whole image. */
  public long voxelCount() {
    return voxelsPerVolume() * volumeCount();
  }

  /** Bytes of voxel data the header declares. */
  public long dataBytes() {
    return voxelCount() * dataType.bytes();
  }

  /** Whether values are scaled ({@code value * slope + inter}) on reading. */
  public boolean scaled() {
    return sclSlope != null;
  }

  /** The shape as "[33, 41, 25]", for messages. */
  public String shapeText() {
    return Arrays.toString(shape);
  }

  private static double[][] copy(double[][] matrix) {
    double[][] out = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      out[i] = matrix[i].clone();
    }
    return out;
  }
}
