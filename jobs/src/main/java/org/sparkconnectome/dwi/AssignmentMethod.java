package org.sparkconnectome.dwi;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a streamline end is assigned to a region, as MRtrix3 {@code tck2connectome}:
 * {@code end_voxels} (the voxel containing the end point) or {@code radial_search:MM} (the
 * nearest labelled voxel centre within MM of the end point; MRtrix3's default, 4 mm).
 *
 * @param radiusMm search radius for radial search; 0 for end voxels
 */
public record AssignmentMethod(Kind kind, double radiusMm) implements Serializable {

  /** The two assignment rules. */
  public enum Kind { END_VOXELS, RADIAL_SEARCH }

  /** MRtrix3's default radius. */
  public static final double DEFAULT_RADIUS_MM = 4;

  public AssignmentMethod {
    if (kind == Kind.RADIAL_SEARCH && !(radiusMm > 0 && Double.isFinite(radiusMm))) {
      throw new IllegalArgumentException("radial search radius must be positive, got "
          + radiusMm);
    }
  }

  /** {@code end_voxels}. */
  public static AssignmentMethod endVoxels() {
    return new AssignmentMethod(Kind.END_VOXELS, 0);
  }

  /** {@code radial_search:radiusMm}. */
  public static AssignmentMethod radialSearch(double radiusMm) {
    return new AssignmentMethod(Kind.RADIAL_SEARCH, radiusMm);
  }

  /** Parses {@code end_voxels}, {@code radial_search} or {@code radial_search:MM}. */
  public static AssignmentMethod parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("end_voxels")) {
      return endVoxels();
    }
    if (t.equals("radial_search")) {
      return radialSearch(DEFAULT_RADIUS_MM);
    }
    if (t.startsWith("radial_search:")) {
      try {
        return radialSearch(Double.parseDouble(t.substring("radial_search:".length())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("dwi.assignment '" + text + "': the radius after "
            + "radial_search: must be a number of mm", e);
      }
    }
    throw new IllegalArgumentException("dwi.assignment '" + text
        + "': use end_voxels or radial_search:MM");
  }

  /** The text form {@link #parse} reads. */
  @Override
  public String toString() {
    return kind == Kind.END_VOXELS ? "end_voxels" : "radial_search:" + radiusMm;
  }
}
