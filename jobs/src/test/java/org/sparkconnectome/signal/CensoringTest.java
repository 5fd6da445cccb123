package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CensoringTest {

  @Test
  void framewiseDisplacementSumsTranslationsAndArcLengths() {
    double[][] motion = {
        {0, 0, 0, 0, 0, 0},
        {0.1, -0.2, 0.05, 0.001, 0, -0.002},
        {0.1, -0.2, 0.05, 0.001, 0, -0.002},
    };
    double[] values = new double[18];
    for (int t = 0; t < 3; t++) {
      System.arraycopy(motion[t], 0, values, t * 6, 6);
    }
    double[] fd = FramewiseDisplacement.of(new TimeSeries(3, 6, values));
    assertEquals(0.0, fd[0], 0.0);
    assertEquals(0.1 + 0.2 + 0.05 + 50 * (0.001 + 0.002), fd[1], 1e-12);
    assertEquals(0.0, fd[2], 1e-15);
    assertArrayEquals(new boolean[] {true, false, true},
        FramewiseDisplacement.keptVolumes(fd, 0.3));
    assertThrows(IllegalArgumentException.class,
        () -> FramewiseDisplacement.of(TimeSeries.zeros(3, 5)));
  }

  @Test
  void interpolatesLinearlyInsideAndHoldsNearestAtEnds() {
    double[] a = {9, 1, 99, 99, 4, 5, 77};
    double[] b = {0, 10, 0, 0, 40, 50, 0};
    boolean[] kept = {false, true, false, false, true, true, false};
    TimeSeries filled = Censoring.interpolateCensored(TimeSeries.ofColumns(7, a, b), kept);
    assertArrayEquals(new double[] {1, 1, 2, 3, 4, 5, 5}, filled.column(0), 1e-12);
    assertArrayEquals(new double[] {10, 10, 20, 30, 40, 50, 50}, filled.column(1), 1e-12);
    TimeSeries dropped = Censoring.dropCensored(filled, kept);
    assertEquals(3, dropped.timepoints());
    assertArrayEquals(new double[] {1, 4, 5}, dropped.column(0), 0.0);
    assertThrows(IllegalArgumentException.class,
        () -> Censoring.interpolateCensored(TimeSeries.zeros(3, 1), new boolean[3]));
    assertThrows(IllegalArgumentException.class,
        () -> Censoring.dropCensored(TimeSeries.zeros(3, 1), new boolean[2]));
  }
}
