package org.sparkconnectome.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Per-node and whole-matrix coupling of small matrices worked out by hand. */
class StructureFunctionCouplingTest {
  private static final double NA = Double.NaN;

  // Node 0 reaches 1, 2, 3, 4 structurally; node 4 only 0 and 3.
  private static final double[][] SC = {
      {0, 5, 3, 1, 2},
      {5, 0, 4, 2, 0},
      {3, 4, 0, 6, 0},
      {1, 2, 6, 0, 7},
      {2, 0, 0, 7, 0}};
  private static final double[][] FC = {
      {1, .9, .5, .1, .3},
      {.9, 1, .2, .4, .8},
      {.5, .2, 1, .6, -.2},
      {.1, .4, .6, 1, .7},
      {.3, .8, -.2, .7, 1}};

  @Test
  void nodeProfilesOverStructuralEdgesAsBaum() {
    StructureFunctionCoupling.Result r = StructureFunctionCoupling.of(SC, FC, true);
    assertArrayEquals(new int[] {4, 3, 3, 4, 2}, r.edges());
    // Node 0: SC 5,3,1,2 and FC .9,.5,.1,.3 rank identically.
    assertEquals(1.0, r.coupling()[0], 1e-15);
    // Node 1: SC 5,4,2 vs FC .9,.2,.4: ranks 3,2,1 vs 3,1,2 -> 0.5.
    assertEquals(0.5, r.coupling()[1], 1e-15);
    assertTrue(Double.isNaN(r.coupling()[4]), "two edges are too few");
    assertEquals(SpearmanCorrelation.of(new double[] {1, 2, 6, 7},
        new double[] {.1, .4, .6, .7}), r.coupling()[3], 0);
  }

  @Test
  void everyOtherNodeWhenAsked() {
    StructureFunctionCoupling.Result r = StructureFunctionCoupling.of(SC, FC, false);
    assertArrayEquals(new int[] {4, 4, 4, 4, 4}, r.edges());
    assertEquals(SpearmanCorrelation.of(new double[] {2, 0, 0, 7},
        new double[] {.3, .8, -.2, .7}), r.coupling()[4], 0);
  }

  @Test
  void wholeMatrixOverTheUpperTriangleAndItsStructuralEdges() {
    StructureFunctionCoupling.Result r = StructureFunctionCoupling.of(SC, FC, true);
    assertEquals(10, r.wholeEdges());
    assertEquals(8, r.structuralEdges());
    double[] sc = {5, 3, 1, 2, 4, 2, 0, 6, 0, 7};
    double[] fc = {.9, .5, .1, .3, .2, .4, .8, .6, -.2, .7};
    assertEquals(SpearmanCorrelation.of(sc, fc), r.wholeR(), 0);
    assertEquals(SpearmanCorrelation.of(new double[] {5, 3, 1, 2, 4, 2, 6, 7},
        new double[] {.9, .5, .1, .3, .2, .4, .6, .7}), r.structuralR(), 0);
  }

  @Test
  void missingFunctionalValuesLeaveTheirPairsOut() {
    double[][] fc = new double[5][];
    for (int i = 0; i < 5; i++) {
      fc[i] = FC[i].clone();
    }
    fc[0][1] = NA;
    fc[1][0] = NA;
    StructureFunctionCoupling.Result r = StructureFunctionCoupling.of(SC, fc, true);
    assertEquals(3, r.edges()[0]);
    assertEquals(9, r.wholeEdges());
    assertEquals(SpearmanCorrelation.of(new double[] {3, 1, 2}, new double[] {.5, .1, .3}),
        r.coupling()[0], 0);
  }
}
