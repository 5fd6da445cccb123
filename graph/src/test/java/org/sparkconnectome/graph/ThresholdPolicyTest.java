package org.sparkconnectome.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.graph.ThresholdPolicy.Kind;
import org.sparkconnectome.graph.ThresholdPolicy.NegativeWeights;
import org.sparkconnectome.graph.ThresholdPolicy.Sign;
import org.sparkconnectome.graph.ThresholdPolicy.SignedGraph;

class ThresholdPolicyTest {
  /** a-b 0.9, a-c -0.6, b-c 0.2, c-d -0.1, a-d NaN; diagonal 1. */
  private static Connectome signed() {
    double nan = Double.NaN;
    return Connectome.fromMatrix(List.of("a", "b", "c", "d"), new double[][] {
        {1, 0.9, -0.6, nan}, {0.9, 1, 0.2, 0}, {-0.6, 0.2, 1, -0.1}, {nan, 0, -0.1, 1}});
  }

  @Test
  void dropKeepsPositiveEdgesOnly() {
    List<SignedGraph> graphs = ThresholdPolicy.defaults().apply(signed());
    assertEquals(1, graphs.size());
    WeightedGraph g = graphs.get(0).graph();
    assertEquals(Sign.POSITIVE, graphs.get(0).sign());
    assertEquals(2, g.edgeCount());
    assertEquals(0.9, g.weight(0, 1));
    assertEquals(0, g.weight(0, 2));
    assertEquals(0, g.weight(0, 0));
  }

  @Test
  void absoluteKeepsMagnitudes() {
    WeightedGraph g = new ThresholdPolicy(NegativeWeights.ABSOLUTE, Kind.NONE, 0)
        .apply(signed()).get(0).graph();
    assertEquals(4, g.edgeCount());
    assertEquals(0.6, g.weight(2, 0));
    assertEquals(0.1, g.weight(3, 2));
  }

  @Test
  void separateSplitsSigns() {
    List<SignedGraph> graphs = new ThresholdPolicy(NegativeWeights.SEPARATE, Kind.NONE, 0)
        .apply(signed());
    assertEquals(Sign.NEGATIVE, graphs.get(1).sign());
    WeightedGraph negative = graphs.get(1).graph();
    assertEquals(2, negative.edgeCount());
    assertEquals(0.6, negative.weight(0, 2));
    assertEquals(2, graphs.get(0).graph().edgeCount());
  }

  @Test
  void absoluteThresholdActsOnMagnitudeBeforeSigns() {
    List<SignedGraph> graphs = ThresholdPolicy.parse("separate", "abs:0.5").apply(signed());
    assertEquals(1, graphs.get(0).graph().edgeCount());
    assertEquals(1, graphs.get(1).graph().edgeCount());
    assertEquals(0.6, graphs.get(1).graph().weight(0, 2));
  }

  @Test
  void proportionalKeepsStrongestFractionOfPossibleEdges() {
    // 6 possible edges; 0.5 keeps round(3) = 3 strongest by |w|: 0.9, -0.6, 0.2.
    WeightedGraph g = ThresholdPolicy.parse("abs", "prop:0.5").apply(signed()).get(0).graph();
    assertEquals(3, g.edgeCount());
    assertEquals(0, g.weight(2, 3));
    WeightedGraph dropped = ThresholdPolicy.parse("drop", "prop:0.34").apply(signed()).get(0)
        .graph();
    // round(2.04) = 2 strongest are 0.9 and -0.6; dropping negatives leaves one edge.
    assertEquals(1, dropped.edgeCount());
  }

  @Test
  void parseRefusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> ThresholdPolicy.parse("keep", "none"));
    assertThrows(IllegalArgumentException.class, () -> ThresholdPolicy.parse("drop", "0.3"));
    assertThrows(IllegalArgumentException.class, () -> ThresholdPolicy.parse("drop", "prop:2"));
    assertThrows(IllegalArgumentException.class, () -> ThresholdPolicy.parse("drop", "abs:x"));
    assertEquals("separate", ThresholdPolicy.parse("separate", "prop:0.1").describe()
        .get("negative"));
  }
}
