package org.sparkconnectome.parcel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The adjusted Rand index against scikit-learn 1.2's values, computed once with
 * {@code /usr/bin/python3 -c "from sklearn.metrics import adjusted_rand_score as a;
 * print(repr(a(A, B)))"} for each pair below.
 */
class AdjustedRandTest {

  @Test
  void equalsSklearnOnPartlyAgreeingLabellings() {
    assertEquals(0.4444444444444444,
        AdjustedRand.index(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 1, 1, 2}), 1e-15);
    assertEquals(0.23986486486486486, AdjustedRand.index(
        new int[] {1, 1, 2, 2, 3, 3, 3, 0, 0, 0}, new int[] {0, 0, 0, 1, 1, 2, 2, 2, 3, 3}),
        1e-15);
  }

  @Test
  void isNegativeOrZeroBelowChance() {
    assertEquals(-0.36363636363636365,
        AdjustedRand.index(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2, 0, 1, 2}), 1e-15);
    assertEquals(0.0, AdjustedRand.index(new int[] {0, 1, 2, 3, 4, 5, 6, 7},
        new int[] {0, 0, 1, 1, 2, 2, 3, 3}), 1e-15);
  }

  @Test
  void isOneForTheSamePartitionUnderOtherNames() {
    assertEquals(1.0, AdjustedRand.index(new int[] {0, 0, 1, 2, 2}, new int[] {7, 7, 3, 5, 5}),
        1e-15);
  }

  @Test
  void refusesLabellingsOfDifferentLengths() {
    assertThrows(IllegalArgumentException.class,
        () -> AdjustedRand.index(new int[] {0, 1}, new int[] {0, 1, 1}));
  }
}
