package org.sparkconnectome.kernels.smoothing;

/** The argument checks every {@link VolumeSmoother} makes before touching a batch. */
final class SmoothingArguments {

  private SmoothingArguments() {
  }

  static void check(float[][] volumes, VolumeGrid grid, double fwhmMm) {
    if (!(fwhmMm >= 0) || Double.isInfinite(fwhmMm)) {
      throw new IllegalArgumentException("FWHM must be a finite number of mm >= 0, got " + fwhmMm);
    }
    int voxels = grid.voxelCount();
    for (int v = 0; v < volumes.length; v++) {
      if (volumes[v].length != voxels) {
        throw new IllegalArgumentException("volume " + v + " has " + volumes[v].length
            + " values, expected " + voxels + " for grid " + grid);
      }
    }
  }
}
