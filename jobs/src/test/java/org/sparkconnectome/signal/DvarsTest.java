package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DvarsTest {
  /**
   * XCP-D's {@code compute_dvars(...)[1]} (numpy 1.24, nitime's Yule-Walker AR(1)) on three
   * columns over 20 volumes: {@code sin(0.3t) + 0.1t}, {@code 2cos(0.7t) + 0.05t^2},
   * {@code 0.5 sin(1.3t + 0.5)}.
   */
  private static final double[] XCPD = {0, 0.27778527, 0.52991961, 0.5521215, 0.27179872,
      0.34412972, 0.64134577, 0.91786771, 0.8730366, 0.59518696, 0.33755432, 0.11054157,
      0.28491407, 0.22940451, 0.64145311, 1.07013875, 1.28812211, 1.27655999, 0.97300811,
      0.64806973};

  @Test
  void matchesXcpdsStandardisedDvars() {
    int n = 20;
    double[][] columns = new double[4][n];
    for (int t = 0; t < n; t++) {
      columns[0][t] = Math.sin(0.3 * t) + 0.1 * t;
      columns[1][t] = 2 * Math.cos(0.7 * t) + 0.05 * t * t;
      columns[2][t] = 0.5 * Math.sin(1.3 * t + 0.5);
      columns[3][t] = 7;
    }
    // A constant column has no variance: left out, as XCP-D leaves out zero-variance voxels.
    assertArrayEquals(XCPD, Dvars.standardized(TimeSeries.ofColumns(n, columns)), 1e-7);
  }

  @Test
  void aSingleVolumeHasNothingToDiffer() {
    assertArrayEquals(new double[] {0}, Dvars.standardized(TimeSeries.ofColumns(1,
        new double[] {3})));
    double[] none = Dvars.standardized(TimeSeries.ofColumns(3, new double[] {1, 1, 1}));
    assertEquals(0, none[0]);
    assertEquals(Double.NaN, none[2]);
  }
}
