package org.sparkconnectome.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.sparkconnectome.signal.FinitePairs;

/**
 * QC-FC (Power et al. 2012; Ciric et al. 2017, the benchmark XCP-D's strategies come from): over
 * the runs of one atlas, the Pearson correlation of each edge's connectivity with the runs' mean
 * framewise displacement. Little motion left in the connectomes shows as values near 0: a small
 * median |QC-FC|, few edges significant, and no dependence on the distance between regions.
 *
 * @param runs runs with a matrix and a mean FD
 * @param values one per edge (i < j, row by row), NaN where fewer than 3 runs have the edge
 * @param significantFraction edges with p < 0.05 (two-sided, uncorrected) over defined edges
 * @param distanceDependence Pearson correlation of QC-FC with the distance between the two
 *     regions' centroids (NaN without centroids)
 */
record QcFc(int runs, double[] values, double medianAbsolute, double significantFraction,
    double distanceDependence) {
  /** Fewer runs than this say nothing about motion and connectivity. */
  static final int MINIMUM_RUNS = 3;

  /**
   * @param matrices per run, the R x R matrix in {@code names} order (NaN where unavailable)
   * @param meanFd per run, its mean framewise displacement
   * @param centroids region centroids in mm by name, or null
   */
  static QcFc of(List<double[][]> matrices, double[] meanFd, List<String> names,
      Map<String, double[]> centroids) {
    int n = names.size();
    List<Double> values = new ArrayList<>();
    List<Double> distances = new ArrayList<>();
    int significant = 0;
    int defined = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double[] edge = new double[matrices.size()];
        for (int r = 0; r < edge.length; r++) {
          edge[r] = matrices.get(r)[i][j];
        }
        int[] count = new int[1];
        double q = correlation(edge, meanFd, count);
        values.add(q);
        double[] a = centroids == null ? null : centroids.get(names.get(i));
        double[] b = centroids == null ? null : centroids.get(names.get(j));
        distances.add(a == null || b == null ? Double.NaN : Math.sqrt(
            (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])
                + (a[2] - b[2]) * (a[2] - b[2])));
        if (Double.isFinite(q)) {
          defined++;
          significant += pValue(q, count[0]) < 0.05 ? 1 : 0;
        }
      }
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    double[] absolute = Arrays.stream(v).filter(Double::isFinite).map(Math::abs).sorted()
        .toArray();
    double median = absolute.length == 0 ? Double.NaN : absolute.length % 2 == 1
        ? absolute[absolute.length / 2]
        : (absolute[absolute.length / 2 - 1] + absolute[absolute.length / 2]) / 2;
    double dependence = correlation(v, distances.stream().mapToDouble(Double::doubleValue)
        .toArray(), new int[1]);
    return new QcFc(matrices.size(), v, median, defined == 0 ? Double.NaN
        : significant / (double) defined, dependence);
  }

  /** Pearson r over the pairs where both are finite; NaN below 3 pairs or without variance. */
  static double correlation(double[] a, double[] b, int[] pairs) {
    pairs[0] = FinitePairs.count(a, b);
    return FinitePairs.correlation(a, b, MINIMUM_RUNS);
  }

  /** Two-sided p of a Pearson r over {@code n} pairs (t with n - 2 degrees of freedom). */
  static double pValue(double r, int n) {
    if (Math.abs(r) >= 1) {
      return 0;
    }
    double t = Math.abs(r) * Math.sqrt((n - 2) / (1 - r * r));
    return 2 * (1 - new TDistribution(null, n - 2).cumulativeProbability(t));
  }
}
