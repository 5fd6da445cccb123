package org.sparkconnectome.stats;

import java.util.List;
import java.util.Map;

/**
 * What {@code stats cluster} found: silhouette per method and k, the best k of each method and
 * each subject's cluster under it.
 */
public record ClusteringResult(List<String> subjects, List<Fit> fits, Map<String, Integer> bestK,
    Map<String, int[]> assignments, int features, Map<String, Integer> excluded) {

  /**
   * One clustering.
   *
   * @param logLikelihood of the Gaussian mixture (NaN for k-means)
   * @param cost k-means within-cluster sum of squares (NaN for mixtures)
   */
  public record Fit(String method, int k, double silhouette, double logLikelihood, double cost) {
  }
}
