package org.sparkconnectome.kernels.smoothing;

/**
 * Shape and voxel size of a 3D volume stored as one {@code float[]} in Fortran order.
 *
 * <p>Voxel (x, y, z) lives at index {@code x + nx * (y + ny * z)}: x varies fastest, which is the
 * NIfTI on-disk order, so a volume read from a file needs no reshuffling.
 *
 * @param nx voxels along the first image axis
 * @param ny voxels along the second image axis
 * @param nz voxels along the third image axis
 * @param voxelX voxel size along x in mm
 * @param voxelY voxel size along y in mm
 * @param voxelZ voxel size along z in mm
 */
public record VolumeGrid(int nx, int ny, int nz, double voxelX, double voxelY, double voxelZ) {

  public VolumeGrid {
    if (nx < 1 || ny < 1 || nz < 1) {
      throw new IllegalArgumentException(
          "volume shape must be positive, got " + nx + " x " + ny + " x " + nz);
    }
    if (!(voxelX > 0) || !(voxelY > 0) || !(voxelZ > 0)) {
      throw new IllegalArgumentException("voxel sizes must be positive mm, got "
          + voxelX + ", " + voxelY + ", " + voxelZ);
    }
  }

  /** Number of voxels in one volume. */
  public int voxelCount() {
    return Math.multiplyExact(Math.multiplyExact(nx, ny), nz);
  }

  /** Index of voxel (x, y, z) in the flat Fortran-order array. */
  public int index(int x, int y, int z) {
    return x + nx * (y + ny * z);
  }
}
