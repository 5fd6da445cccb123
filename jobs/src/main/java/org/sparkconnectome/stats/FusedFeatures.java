package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several modalities' connectomes of the same subjects as one feature vector per subject (the
 * structural, functional and EEG blocks): inner join on subject, then each block standardised
 * apart, so that no modality outweighs another by its number of edges or its units.
 *
 * <p>Exactly: for each feature of a block, z = (x - mean) / sd over the joined subjects (sd the
 * population one, divided by n; a constant feature becomes 0); then every z of a block of p
 * features is divided by sqrt(p), so each block's summed variance is 1 (a block of constant
 * features adds 0). Blocks are concatenated in the order given.
 *
 * @param blocks each block's name (e.g. {@code streamlinecount}), in order
 * @param widths each block's number of features
 * @param rows one row per subject in every block, in the first block's subject order
 * @param dropped per block, the subjects of that block missing from another block
 */
public record FusedFeatures(List<String> blocks, List<Integer> widths, List<FeatureRow> rows,
    Map<String, List<String>> dropped) {

  /** Fuses per-subject blocks ({@link CohortFeatures#perSubject()}); at least two. */
  public static FusedFeatures of(List<String> names, List<CohortFeatures> blocks) {
    if (blocks.size() < 2 || names.size() != blocks.size()) {
      throw new IllegalArgumentException("fusion needs two or more named blocks, got "
          + names.size() + " names and " + blocks.size() + " blocks");
    }
    List<Map<String, FeatureRow>> bySubject = new ArrayList<>();
    for (CohortFeatures block : blocks) {
      Map<String, FeatureRow> rows = new LinkedHashMap<>();
      for (FeatureRow row : block.rows()) {
        if (rows.putIfAbsent(row.subject(), row) != null) {
          throw new IllegalArgumentException("block " + block.measure() + " has several rows "
              + "of subject " + row.subject() + ": fuse per-subject features");
        }
      }
      bySubject.add(rows);
    }
    Set<String> common = new LinkedHashSet<>(bySubject.get(0).keySet());
    bySubject.forEach(b -> common.retainAll(b.keySet()));
    Map<String, List<String>> dropped = new LinkedHashMap<>();
    for (int b = 0; b < blocks.size(); b++) {
      List<String> gone = new ArrayList<>(bySubject.get(b).keySet());
      gone.removeAll(common);
      dropped.put(names.get(b), gone);
    }
    List<String> subjects = new ArrayList<>(common);
    List<double[][]> scaled = new ArrayList<>();
    List<Integer> widths = new ArrayList<>();
    int total = 0;
    for (Map<String, FeatureRow> block : bySubject) {
      double[][] x = new double[subjects.size()][];
      for (int s = 0; s < x.length; s++) {
        x[s] = block.get(subjects.get(s)).values();
      }
      double[][] z = standardised(x);
      scaled.add(z);
      int width = x.length == 0 ? 0 : x[0].length;
      widths.add(width);
      total += width;
    }
    List<FeatureRow> rows = new ArrayList<>();
    for (int s = 0; s < subjects.size(); s++) {
      double[] values = new double[total];
      int at = 0;
      for (double[][] z : scaled) {
        System.arraycopy(z[s], 0, values, at, z[s].length);
        at += z[s].length;
      }
      FeatureRow first = bySubject.get(0).get(subjects.get(s));
      rows.add(new FeatureRow(first.subject(), null, null, first.phenotypes(), values));
    }
    return new FusedFeatures(List.copyOf(names), widths, rows, dropped);
  }

  /** z per column, then every value divided by sqrt(columns). */
  static double[][] standardised(double[][] x) {
    int n = x.length;
    if (n == 0) {
      return x;
    }
    int p = x[0].length;
    double[][] z = new double[n][p];
    double blockScale = p == 0 ? 1 : Math.sqrt(p);
    for (int k = 0; k < p; k++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[k];
      }
      mean /= n;
      double ss = 0;
      for (double[] row : x) {
        ss += (row[k] - mean) * (row[k] - mean);
      }
      double sd = Math.sqrt(ss / n);
      for (int s = 0; s < n; s++) {
        z[s][k] = sd == 0 ? 0 : (x[s][k] - mean) / sd / blockScale;
      }
    }
    return z;
  }
}
