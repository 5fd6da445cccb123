package org.sparkconnectome.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.graph.ThresholdPolicy;

/**
 * The directed matrices' weight rule (docs/directed.md "Network metrics") on a 3-node matrix
 * worked by hand: n/a and the diagonal are no edge, the threshold on |weight| over ordered
 * pairs, then the sign rule of {@code graph.negative}.
 */
class DirectedWeightsTest {
  private static final double[][] SIGNED = {
      {Double.NaN, 0.5, -0.2},
      {0.1, 0.9, -0.7},
      {0.3, 0.4, 5}};

  private static List<DirectedWeights.Part> apply(String negative, String threshold) {
    return DirectedWeights.apply(SIGNED, ThresholdPolicy.parse(negative, threshold));
  }

  @Test
  void dropKeepsThePositivePart() {
    List<DirectedWeights.Part> parts = apply("drop", "none");
    assertEquals(1, parts.size());
    assertEquals(ThresholdPolicy.Sign.POSITIVE, parts.get(0).sign());
    assertMatrix(new double[][] {{0, 0.5, 0}, {0.1, 0, 0}, {0.3, 0.4, 0}}, parts.get(0));
  }

  @Test
  void absTakesMagnitudes() {
    List<DirectedWeights.Part> parts = apply("abs", "none");
    assertEquals(ThresholdPolicy.Sign.ABSOLUTE, parts.get(0).sign());
    assertMatrix(new double[][] {{0, 0.5, 0.2}, {0.1, 0, 0.7}, {0.3, 0.4, 0}}, parts.get(0));
  }

  @Test
  void separateGivesThePositiveAndTheNegativeDigraphs() {
    List<DirectedWeights.Part> parts = apply("separate", "none");
    assertEquals(2, parts.size());
    assertEquals(ThresholdPolicy.Sign.NEGATIVE, parts.get(1).sign());
    assertMatrix(new double[][] {{0, 0.5, 0}, {0.1, 0, 0}, {0.3, 0.4, 0}}, parts.get(0));
    assertMatrix(new double[][] {{0, 0, 0.2}, {0, 0, 0.7}, {0, 0, 0}}, parts.get(1));
  }

  @Test
  void absoluteThresholdIsOnMagnitudeBeforeTheSignRule() {
    assertMatrix(new double[][] {{0, 0.5, 0}, {0, 0, 0}, {0.3, 0.4, 0}},
        apply("drop", "abs:0.3").get(0));
  }

  @Test
  void proportionalThresholdCountsOrderedPairs() {
    // round(0.5 * 3 * 2) = 3 of the six ordered pairs: |-0.7|, 0.5, 0.4.
    assertMatrix(new double[][] {{0, 0.5, 0}, {0, 0, 0.7}, {0, 0.4, 0}},
        apply("abs", "prop:0.5").get(0));
    double[][] ties = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    DirectedWeights.Part kept = DirectedWeights.apply(ties,
        ThresholdPolicy.parse("drop", "prop:0.5")).get(0);
    assertMatrix(new double[][] {{0, 1, 1}, {1, 0, 0}, {0, 0, 0}}, kept);
    assertEquals(1, ties[2][1], "the input is not changed");
  }

  private static void assertMatrix(double[][] expected, DirectedWeights.Part part) {
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], part.weights()[i], 0, "row " + i);
    }
  }
}
