package org.sparkconnectome.dwi;

import java.io.Serializable;

/**
 * Options of structural connectome construction, named after their {@code tck2connectome}
 * equivalents.
 *
 * @param assignment end-point assignment ({@code -assignment_*})
 * @param zeroDiagonal set self-connections to zero ({@code -zero_diagonal})
 * @param scaleInvNodeVol also produce counts scaled by 2 / (volume a + volume b) in voxels
 *     ({@code -scale_invnodevol})
 */
public record StructuralSettings(AssignmentMethod assignment, boolean zeroDiagonal,
    boolean scaleInvNodeVol) implements Serializable {

  /** MRtrix3's defaults: radial search 4 mm, diagonal kept, no volume scaling. */
  public static StructuralSettings defaults() {
    return new StructuralSettings(AssignmentMethod.radialSearch(
        AssignmentMethod.DEFAULT_RADIUS_MM), false, false);
  }

  public StructuralSettings withAssignment(AssignmentMethod value) {
    return new StructuralSettings(value, zeroDiagonal, scaleInvNodeVol);
  }
}
