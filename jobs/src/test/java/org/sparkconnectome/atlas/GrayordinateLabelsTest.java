package org.sparkconnectome.atlas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.formats.cifti.BrainModel;
import org.sparkconnectome.formats.cifti.BrainModelAxis;

/** A run's grayordinates matched to a dense label atlas by structure and index. */
class GrayordinateLabelsTest {
  private static final double[][] AFFINE = {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0},
      {0, 0, 0, 1}};

  private static BrainModel surface(String structure, int offset, int vertexCount,
      int... vertices) {
    return new BrainModel(structure, true, offset, vertices.length, vertexCount, vertices, null);
  }

  private static BrainModel voxels(String structure, int offset, int[]... ijk) {
    return new BrainModel(structure, false, offset, ijk.length, 0, null, ijk);
  }

  /** Atlas: right cortex first, then left, then a thalamus; regions 0..2. */
  private static GrayordinateLabels atlas() {
    BrainModelAxis models = new BrainModelAxis(List.of(
        surface("CIFTI_STRUCTURE_CORTEX_RIGHT", 0, 6, 0, 1, 2),
        surface("CIFTI_STRUCTURE_CORTEX_LEFT", 3, 6, 1, 2, 3, 4),
        voxels("CIFTI_STRUCTURE_THALAMUS_LEFT", 7, new int[] {1, 1, 1}, new int[] {1, 2, 1})),
        new int[] {4, 4, 4}, AFFINE);
    return new GrayordinateLabels(models, new int[] {1, 1, -1, 0, 0, 0, 1, 2, 2});
  }

  @Test
  void matchesByStructureAndIndexNotPosition() {
    BrainModelAxis run = new BrainModelAxis(List.of(
        surface("CIFTI_STRUCTURE_CORTEX_LEFT", 0, 6, 0, 1, 4, 5),
        voxels("CIFTI_STRUCTURE_THALAMUS_LEFT", 4, new int[] {1, 2, 1}, new int[] {3, 3, 3}),
        surface("CIFTI_STRUCTURE_CORTEX_RIGHT", 6, 6, 2, 1)), new int[] {4, 4, 4}, AFFINE);
    // left 0: not in the atlas; left 1: region 0; left 4: region 1; left 5: none;
    // thalamus (1,2,1): region 2, (3,3,3): none; right 2: unlabelled; right 1: region 1.
    assertArrayEquals(new int[] {-1, 0, 1, -1, 2, -1, -1, 1},
        atlas().regionsOn(run));
  }

  @Test
  void anotherDensityIsRefusedWithBothCounts() {
    BrainModelAxis run = new BrainModelAxis(List.of(
        surface("CIFTI_STRUCTURE_CORTEX_LEFT", 0, 32492, 0, 1)), null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> atlas().regionsOn(run));
    assertTrue(e.getMessage().contains("32492") && e.getMessage().contains("6 in the atlas"),
        e.getMessage());
  }

  @Test
  void anotherVoxelGridIsRefused() {
    BrainModelAxis run = new BrainModelAxis(List.of(
        voxels("CIFTI_STRUCTURE_THALAMUS_LEFT", 0, new int[] {1, 1, 1})), new int[] {5, 5, 5},
        AFFINE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> atlas().regionsOn(run));
    assertTrue(e.getMessage().contains("grid"), e.getMessage());
  }
}
