package org.sparkconnectome.sample;

/**
 * What {@code connectome sample} generates.
 *
 * @param grid voxels along x, y, z
 * @param voxelMm isotropic voxel size in mm
 * @param repetitionTime seconds between volumes
 * @param streamlines streamlines per subject's tractogram (0: none)
 * @param dummyScans non-steady-state volumes at the start of each run (flagged in the confounds)
 * @param motionJerks volumes of sudden motion per run (FD above 0.5 mm)
 * @param floatData write BOLD as float32 (HCP-like) instead of int16
 * @param compress write .nii.gz (else .nii)
 * @param effect planted patient-versus-control difference, or null for none
 */
public record SampleSpec(int subjects, long seed, int[] grid, double voxelMm, int timepoints,
    double repetitionTime, int streamlines, int dummyScans, int motionJerks, boolean floatData,
    boolean compress, GroupEffect effect) {

  /** The committed sample's shape: small enough for the repository, large enough to mean it. */
  public static SampleSpec defaults(int subjects, long seed) {
    return new SampleSpec(subjects, seed, new int[] {16, 20, 16}, 4.0, 150, 2.0, 600, 1, 3,
        false, true, null);
  }

  /** One HCP-sized run per subject: 91x109x91 voxels of 2 mm, 1200 float32 volumes (4.3 GB). */
  public static SampleSpec hcp(int subjects, long seed) {
    return new SampleSpec(subjects, seed, new int[] {91, 109, 91}, 2.0, 1200, 0.72, 0, 1, 3,
        true, false, null);
  }

  public SampleSpec withGrid(int[] value) {
    return new SampleSpec(subjects, seed, value, voxelMm, timepoints, repetitionTime,
        streamlines, dummyScans, motionJerks, floatData, compress, effect);
  }

  public SampleSpec withTimepoints(int value) {
    return new SampleSpec(subjects, seed, grid, voxelMm, value, repetitionTime, streamlines,
        dummyScans, motionJerks, floatData, compress, effect);
  }

  public SampleSpec withStreamlines(int value) {
    return new SampleSpec(subjects, seed, grid, voxelMm, timepoints, repetitionTime, value,
        dummyScans, motionJerks, floatData, compress, effect);
  }

  public SampleSpec withFloatData(boolean value) {
    return new SampleSpec(subjects, seed, grid, voxelMm, timepoints, repetitionTime, streamlines,
        dummyScans, motionJerks, value, compress, effect);
  }

  public SampleSpec withEffect(GroupEffect value) {
    return new SampleSpec(subjects, seed, grid, voxelMm, timepoints, repetitionTime, streamlines,
        dummyScans, motionJerks, floatData, compress, value);
  }

  /** The voxel-to-world affine: LAS voxel order (x flipped, as MNI templates), centred. */
  public double[][] affine() {
    return new double[][] {
        {-voxelMm, 0, 0, (grid[0] - 1) / 2.0 * voxelMm},
        {0, voxelMm, 0, -(grid[1] - 1) / 2.0 * voxelMm},
        {0, 0, voxelMm, -(grid[2] - 1) / 2.0 * voxelMm},
        {0, 0, 0, 1}};
  }
}
