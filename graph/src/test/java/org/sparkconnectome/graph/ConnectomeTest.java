package org.sparkconnectome.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectomeTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  @Test
  void upperTriangleFollowsMat2vecOrder() {
    double[][] m = {{1, 2, 3}, {2, 4, 5}, {3, 5, 6}};
    Connectome c = Connectome.fromMatrix(NAMES, m);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, c.upperTriangle());
    assertEquals(4, Connectome.upperIndex(2, 1, 3));
    assertEquals(5, Connectome.upperIndex(2, 2, 3));
    assertEquals(6, Connectome.upperLength(3));
    assertEquals(3, c.weight(2, 0));
    double[][] back = c.toMatrix();
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(m[i], back[i]);
    }
    assertArrayEquals(c.upperTriangle(),
        Connectome.fromUpperTriangle(NAMES, c.upperTriangle()).upperTriangle());
  }

  @Test
  void longIndicesDoNotOverflowForLargeAtlases() {
    int n = 100_000;
    assertEquals((long) n * (n + 1) / 2 - 1, Connectome.upperIndex(n - 1, n - 1, n));
  }

  @Test
  void refusesAsymmetryDuplicatesAndWrongShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Connectome.fromMatrix(NAMES, new double[][] {{0, 1, 0}, {2, 0, 0}, {0, 0, 0}}));
    assertTrue(e.getMessage().contains("[a, b] = 1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Connectome.fromMatrix(List.of("a", "a"), new double[2][2]));
    assertThrows(IllegalArgumentException.class,
        () -> Connectome.fromMatrix(NAMES, new double[2][2]));
    assertThrows(IllegalArgumentException.class,
        () -> Connectome.fromUpperTriangle(NAMES, new double[5]));
  }

  @Test
  void acceptsRoundingAsymmetryAndNaN() {
    double[][] m = {{Double.NaN, 0.5}, {0.5 + 1e-12, Double.NaN}};
    Connectome c = Connectome.fromMatrix(List.of("x", "y"), m);
    assertEquals(0.5, c.weight(0, 1), 1e-11);
    assertTrue(Double.isNaN(c.weight(0, 0)));
  }
}
