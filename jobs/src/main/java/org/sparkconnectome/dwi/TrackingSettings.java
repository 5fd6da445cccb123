package org.sparkconnectome.dwi;

import java.io.Serializable;

/**
 * Deterministic tensor tracking options.
 *
 * @param stepMm step length in mm
 * @param maxAngleDegrees largest turn between consecutive steps
 * @param faStop tracking stops where the interpolated FA falls below this
 * @param seedFa seed voxels: fitted voxels with FA above this (when no seed mask is given)
 * @param seedsPerVoxel seeds per seed voxel, each jittered uniformly inside the voxel
 * @param minLengthMm shorter streamlines are dropped
 * @param maxLengthMm tracking stops at this total length
 * @param seed random seed of the jitter (with the voxel index: identical whatever the blocks)
 */
public record TrackingSettings(double stepMm, double maxAngleDegrees, double faStop,
    double seedFa, int seedsPerVoxel, double minLengthMm, double maxLengthMm, long seed)
    implements Serializable {

  public TrackingSettings {
    if (!(stepMm > 0) || !(maxAngleDegrees > 0 && maxAngleDegrees <= 90)
        || seedsPerVoxel < 1 || minLengthMm < 0 || !(maxLengthMm > minLengthMm)) {
      throw new IllegalArgumentException("bad tracking settings: step " + stepMm
          + " mm, angle " + maxAngleDegrees + ", seeds/voxel " + seedsPerVoxel + ", length "
          + minLengthMm + ".." + maxLengthMm + " mm");
    }
  }

  /** Step 1 mm, 45 degrees, FA stop 0.15, seed FA 0.25, 1 seed/voxel, 10..250 mm, seed 42. */
  public static TrackingSettings defaults() {
    return new TrackingSettings(1.0, 45, 0.15, 0.25, 1, 10, 250, 42);
  }

  public TrackingSettings withSeedsPerVoxel(int value) {
    return new TrackingSettings(stepMm, maxAngleDegrees, faStop, seedFa, value, minLengthMm,
        maxLengthMm, seed);
  }
}
