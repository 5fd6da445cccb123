package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The design matrix of a two-group comparison with covariates: intercept, indicator of the
 * first group of the contrast, then covariates (numeric columns centred; text columns as
 * indicators of each level but the first in sorted order).
 *
 * @param rows the subjects' rows in the compared groups (others are left out)
 * @param matrix one row per kept subject
 * @param columns names of the design columns
 * @param tested index of the tested column (the group indicator)
 */
public record GroupDesign(List<FeatureRow> rows, double[][] matrix, List<String> columns,
    int tested, String groupA, String groupB) {

  /**
   * Builds the design for {@code contrast} "A-B" (A greater than B is the tested direction).
   *
   * @param groupColumn participants column holding A and B
   */
  public static GroupDesign of(List<FeatureRow> subjects, String groupColumn, String contrast,
      List<String> covariates) {
    String[] parts = contrast.split("-", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()
        || parts[0].equals(parts[1])) {
      throw new IllegalArgumentException("contrast '" + contrast + "' must be A-B with two "
          + "different values of " + groupColumn + ", e.g. patient-control");
    }
    String a = parts[0].trim();
    String b = parts[1].trim();
    List<FeatureRow> kept = subjects.stream()
        .filter(r -> a.equals(r.phenotypes().get(groupColumn))
            || b.equals(r.phenotypes().get(groupColumn))).toList();
    long countA = kept.stream().filter(r -> a.equals(r.phenotypes().get(groupColumn))).count();
    if (countA < 2 || kept.size() - countA < 2) {
      throw new IllegalArgumentException("contrast " + contrast + " needs at least two subjects "
          + "in each group; found " + countA + " " + a + " and " + (kept.size() - countA) + " "
          + b);
    }
    List<String> names = new ArrayList<>(List.of("intercept", groupColumn + "=" + a));
    List<double[]> columns = new ArrayList<>();
    int n = kept.size();
    double[] one = new double[n];
    double[] group = new double[n];
    for (int r = 0; r < n; r++) {
      one[r] = 1;
      group[r] = a.equals(kept.get(r).phenotypes().get(groupColumn)) ? 1 : 0;
    }
    columns.add(one);
    columns.add(group);
    for (String covariate : covariates) {
      double[] numeric = numeric(kept, covariate);
      if (numeric != null) {
        double mean = 0;
        for (double v : numeric) {
          mean += v / n;
        }
        for (int r = 0; r < n; r++) {
          numeric[r] -= mean;
        }
        columns.add(numeric);
        names.add(covariate);
      } else {
        TreeSet<String> levels = new TreeSet<>();
        kept.forEach(r -> levels.add(r.phenotypes().get(covariate)));
        for (String level : levels.tailSet(levels.first(), false)) {
          double[] indicator = new double[n];
          for (int r = 0; r < n; r++) {
            indicator[r] = level.equals(kept.get(r).phenotypes().get(covariate)) ? 1 : 0;
          }
          columns.add(indicator);
          names.add(covariate + "=" + level);
        }
      }
    }
    double[][] matrix = new double[n][columns.size()];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < columns.size(); c++) {
        matrix[r][c] = columns.get(c)[r];
      }
    }
    return new GroupDesign(kept, matrix, List.copyOf(names), 1, a, b);
  }

  /** The column as numbers, or null when any value is not a number. */
  private static double[] numeric(List<FeatureRow> rows, String column) {
    double[] out = new double[rows.size()];
    for (int r = 0; r < out.length; r++) {
      try {
        out[r] = Double.parseDouble(rows.get(r).phenotypes().get(column).trim());
      } catch (NumberFormatException | NullPointerException e) {
        return null;
      }
    }
    return out;
  }
}
