package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void eighteenAndTwentySixNeighboursAreThoseWithinOneStepPerAxis() {
    int[] shape = {4, 3, 5};
    boolean[] inMask = new boolean[60];
    java.util.Random random = new java.util.Random(5);
    for (int v = 0; v < 60; v++) {
      inMask[v] = random.nextDouble() < 0.8;
    }
    for (int connectivity : new int[] {6, 18, 26}) {
      GridGraph graph = GridGraph.of(shape, inMask, connectivity);
      GridGraph six = GridGraph.of(shape, inMask);
      assertArrayEquals(six.voxels(), graph.voxels(), "node order is the mask's alone");
      int maxOff = connectivity == 6 ? 1 : connectivity == 18 ? 2 : 3;
      int[] voxels = graph.voxels();
      int edges = 0;
      for (int i = 0; i < voxels.length; i++) {
        java.util.List<Integer> expected = new java.util.ArrayList<>();
        for (int j = 0; j < voxels.length; j++) {
          int[] a = {voxels[i] % 4, voxels[i] / 4 % 3, voxels[i] / 12};
          int[] b = {voxels[j] % 4, voxels[j] / 4 % 3, voxels[j] / 12};
          int off = 0;
          boolean near = true;
          for (int axis = 0; axis < 3; axis++) {
            int d = Math.abs(a[axis] - b[axis]);
            near &= d <= 1;
            off += d;
          }
          if (i != j && near && off <= maxOff) {
            expected.add(j);
          }
        }
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(),
            graph.neighbours()[i], connectivity + "-neighbours of node " + i);
        edges += expected.size();
      }
      int[][] list = graph.edges();
      assertEquals(edges / 2, list[0].length, "each undirected edge once");
      for (int e = 0; e < list[0].length; e++) {
        assertTrue(list[0][e] < list[1][e]);
      }
    }
    boolean[] cube = new boolean[27];
    java.util.Arrays.fill(cube, true);
    GridGraph full = GridGraph.of(new int[] {3, 3, 3}, cube, 26);
    assertEquals(26, full.neighbours()[13].length, "the centre of a 3 x 3 x 3 cube");
    assertEquals(7, full.neighbours()[0].length, "a corner");
    assertArrayEquals(cube, full.mask());
  }
}
