package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QcFcTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  /** Edge a-b follows FD exactly, a-c against it, b-c not at all; b-c is the longest edge. */
  @Test
  void correlatesEachEdgeWithMeanFd() {
    double[] fd = {0.1, 0.3, 0.2, 0.5, 0.4, 0.15};
    double[] unrelated = {0.3, 0.1, 0.1, 0.3, 0.2, 0.3};
    List<double[][]> runs = new ArrayList<>();
    for (int r = 0; r < fd.length; r++) {
      double ab = 0.2 + 0.5 * fd[r];
      double ac = 0.6 - fd[r];
      runs.add(new double[][] {{1, ab, ac}, {ab, 1, unrelated[r]}, {ac, unrelated[r], 1}});
    }
    Map<String, double[]> centroids = Map.of("a", new double[] {0, 0, 0},
        "b", new double[] {10, 0, 0}, "c", new double[] {0, 20, 0});
    QcFc q = QcFc.of(runs, fd, NAMES, centroids);
    assertEquals(6, q.runs());
    assertEquals(1, q.values()[0], 1e-12);
    assertEquals(-1, q.values()[1], 1e-12);
    double bc = pearson(unrelated, fd);
    assertEquals(bc, q.values()[2], 1e-12);
    assertEquals(1, q.medianAbsolute(), 1e-12);
    assertEquals(2 / 3.0, q.significantFraction(), 1e-12, "|r| = 1 is significant, r(b-c) not");
    double[] distances = {10, 20, Math.sqrt(500)};
    assertEquals(pearson(q.values(), distances), q.distanceDependence(), 1e-12);
  }

  @Test
  void runsWithoutAnEdgeLeaveItOutAndTooFewMakeNaN() {
    double[] fd = {0.1, 0.2, 0.3, 0.4};
    List<double[][]> runs = new ArrayList<>();
    for (int r = 0; r < fd.length; r++) {
      double missing = r < 2 ? Double.NaN : 0.5;
      runs.add(new double[][] {{1, fd[r], missing}, {fd[r], 1, r}, {missing, r, 1}});
    }
    QcFc q = QcFc.of(runs, fd, NAMES, null);
    assertEquals(1, q.values()[0], 1e-12);
    assertTrue(Double.isNaN(q.values()[1]), "two runs have a-c: undefined");
    assertEquals(1, q.values()[2], 1e-12);
    assertTrue(Double.isNaN(q.distanceDependence()));
    assertEquals(0.0373860734685, QcFc.pValue(0.9, 5), 1e-9, "scipy's p for r=0.9, n=5");
  }

  @Test
  void histogramCountsEveryFiniteValue() {
    String svg = SvgHistogram.render("QC-FC", new double[] {-1, -0.05, 0.05, 0.06, 1,
        Double.NaN}, -1, 1, 20);
    assertEquals(20, svg.split("<rect", -1).length - 1);
    assertTrue(svg.contains("0 to 0.1: 2"), svg);
    assertTrue(svg.contains("-0.1 to 0: 1"), svg);
    assertTrue(svg.contains("0.9 to 1: 1"), "1 falls in the last bin");
  }

  private static double pearson(double[] a, double[] b) {
    return QcFc.correlation(a, b, new int[1]);
  }
}
