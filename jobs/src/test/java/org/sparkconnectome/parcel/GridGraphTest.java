package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * GridGraph against scikit-learn 1.2's {@code grid_to_graph}, computed once with
 * {@code /usr/bin/python3}: {@code m = np.ones((3, 2, 2), bool); m[1, 0, 1] = m[2, 1, 0] =
 * False; g = grid_to_graph(3, 2, 2, mask=m).tocsr()}, each row's columns without the diagonal.
 */
class GridGraphTest {

  /** Row i of sklearn's graph, self loop left out. */
  private static final int[][] SKLEARN = {
      {1, 2, 4}, {0, 3}, {0, 3, 5}, {1, 2, 6}, {0, 5, 7},
      {2, 4, 6}, {3, 5, 9}, {4, 8}, {7, 9}, {6, 8}};

  @Test
  void nodesAndEdgesAreSklearnsOnAMaskWithHoles() {
    int[] shape = {3, 2, 2};
    boolean[] inMask = new boolean[12];
    java.util.Arrays.fill(inMask, true);
    inMask[1 + 3 * (0 + 2 * 1)] = false; // m[1, 0, 1]
    inMask[2 + 3 * (1 + 2 * 0)] = false; // m[2, 1, 0]
    GridGraph graph = GridGraph.of(shape, inMask);
    assertEquals(10, graph.size());
    for (int i = 0; i < SKLEARN.length; i++) {
      assertArrayEquals(SKLEARN[i], graph.neighbours()[i], "node " + i);
    }
    // C order (z fastest): node 0 is (0,0,0), node 1 is (0,0,1), node 2 is (0,1,0).
    assertEquals(0, graph.voxels()[0]);
    assertEquals(0 + 3 * (0 + 2 * 1), graph.voxels()[1]);
    assertEquals(0 + 3 * (1 + 2 * 0), graph.voxels()[2]);
    assertEquals(1, graph.components());
  }

  @Test
  void countsSeparatePieces() {
    boolean[] inMask = {true, false, true, true};
    GridGraph graph = GridGraph.of(new int[] {4, 1, 1}, inMask);
    assertEquals(2, graph.components());
  }
}
