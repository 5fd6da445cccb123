package org.sparkconnectome.formats.cifti;

import java.util.List;

/**
 * Grayordinates ({@code CIFTI_INDEX_TYPE_BRAIN_MODELS}): surface vertices and voxels, grouped
 * into brain structures that tile the axis in order.
 *
 * @param models the structures, in the order of the file (their offsets increase)
 * @param volumeShape {@code VolumeDimensions} of the voxels' volume, null when no voxels
 * @param volumeAffine voxel {@code ijk} to millimetres (4x4), null when no voxels
 */
public record BrainModelAxis(List<BrainModel> models, int[] volumeShape, double[][] volumeAffine)
    implements CiftiAxis {

  public BrainModelAxis {
    models = List.copyOf(models);
  }

  @Override
  public String kind() {
    return "brain_models";
  }

  @Override
  public int length() {
    if (models.isEmpty()) {
      return 0;
    }
    BrainModel last = models.get(models.size() - 1);
    return last.offset() + last.count();
  }
}
