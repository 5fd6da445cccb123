package org.sparkconnectome.dwi;

import java.io.Serializable;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.config.PipelineConfig;

/**
 * The {@code dwi.*} settings, parsed and checked on the driver.
 *
 * @param ownTracking whether subjects with a DWI but no tractogram are tracked
 * @param splitBytes byte-range size for reading tractograms in parallel
 */
public record DiffusionSettings(StructuralSettings structural, TrackingSettings tracking,
    boolean ownTracking, long splitBytes) implements Serializable {

  public static DiffusionSettings from(PipelineConfig config) {
    try {
      StructuralSettings structural = new StructuralSettings(
          AssignmentMethod.parse(config.get("dwi.assignment")),
          config.getBoolean("dwi.zero_diagonal"), config.getBoolean("dwi.scale_invnodevol"));
      TrackingSettings tracking = new TrackingSettings(
          config.getDouble("dwi.tracking_step_mm"), config.getDouble("dwi.tracking_max_angle"),
          config.getDouble("dwi.tracking_fa_stop"), config.getDouble("dwi.tracking_seed_fa"),
          config.getInt("dwi.tracking_seeds_per_voxel"),
          config.getDouble("dwi.tracking_min_length_mm"),
          config.getDouble("dwi.tracking_max_length_mm"), config.getInt("dwi.tracking_seed"));
      String mode = config.get("dwi.tracking").trim();
      if (!mode.equals("auto") && !mode.equals("off") && !mode.equals("false")) {
        throw new UserException("dwi.tracking must be auto or off, got " + mode);
      }
      double splitMb = config.getDouble("dwi.split_mb");
      if (!(splitMb >= 1)) {
        throw new UserException("dwi.split_mb must be at least 1, got " + splitMb);
      }
      return new DiffusionSettings(structural, tracking, mode.equals("auto"),
          (long) (splitMb * 1024 * 1024));
    } catch (IllegalArgumentException e) {
      throw new UserException("dwi settings: " + e.getMessage());
    }
  }
}
