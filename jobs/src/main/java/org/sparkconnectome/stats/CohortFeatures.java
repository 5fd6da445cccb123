package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edge features of a cohort for one atlas and measure, joined with phenotypes, and how many
 * runs or subjects were left out and why.
 *
 * @param regions region names of the atlas, in connectome order
 * @param rows one row per run (or per subject after {@link #perSubject()})
 * @param excluded reason to count of runs left out
 * @param edgeNames each feature's two node names when the features are not the upper triangle
 *     of {@code regions} (fused blocks: the block's name before each region), else null
 */
public record CohortFeatures(String atlas, String measure, List<String> regions,
    List<FeatureRow> rows, Map<String, Integer> excluded, List<List<String>> edgeNames) {

  /** One atlas's edges: the features are the upper triangle of {@code regions}. */
  public CohortFeatures(String atlas, String measure, List<String> regions,
      List<FeatureRow> rows, Map<String, Integer> excluded) {
    this(atlas, measure, regions, rows, excluded, null);
  }

  /** Number of features: off-diagonal edges (of every block when fused). */
  public int edges() {
    if (edgeNames != null) {
      return edgeNames.size();
    }
    int n = regions.size();
    return n * (n - 1) / 2;
  }

  /** The two region names of edge {@code k} (row-major upper triangle without diagonal). */
  public String[] edgeRegions(int k) {
    if (edgeNames != null) {
      return edgeNames.get(k).toArray(new String[0]);
    }
    EdgeComponents graph = EdgeComponents.upperTriangle(regions.size());
    return new String[] {regions.get(graph.first()[k]), regions.get(graph.second()[k])};
  }

  /** Distinct subjects, in row order. */
  public List<String> subjects() {
    return rows.stream().map(FeatureRow::subject).distinct().toList();
  }

  /** Rows as a matrix. */
  public double[][] matrix() {
    double[][] x = new double[rows.size()][];
    for (int r = 0; r < x.length; r++) {
      x[r] = rows.get(r).values();
    }
    return x;
  }

  /** One row per subject: the mean of its runs and sessions (phenotypes are per subject). */
  public CohortFeatures perSubject() {
    Map<String, List<FeatureRow>> bySubject = new LinkedHashMap<>();
    for (FeatureRow row : rows) {
      bySubject.computeIfAbsent(row.subject(), k -> new ArrayList<>()).add(row);
    }
    List<FeatureRow> out = new ArrayList<>();
    bySubject.forEach((subject, list) -> {
      double[] mean = new double[list.get(0).values().length];
      for (FeatureRow r : list) {
        for (int k = 0; k < mean.length; k++) {
          mean[k] += r.values()[k] / list.size();
        }
      }
      out.add(new FeatureRow(subject, null, null, list.get(0).phenotypes(), mean));
    });
    return new CohortFeatures(atlas, measure, regions, out, excluded, edgeNames);
  }
}
