package org.sparkconnectome.kernels.correlation;

/**
 * Which correlations become edges: either every pair with {@code |r| >= threshold}, or for each
 * row the {@code topK} partners with the largest {@code |r|} (ties to the lower column index).
 *
 * @param threshold minimum |r| of a kept pair, used when topK is 0
 * @param topK partners kept per row, or 0 for the threshold rule
 */
public record EdgeSelection(double threshold, int topK) {

  public EdgeSelection {
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
    }
    if (topK == 0 && !(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("correlation threshold must be in [0, 1], got "
          + threshold);
    }
  }

  /** Every pair i &lt; j with {@code |r| >= threshold}, each emitted once. */
  public static EdgeSelection absoluteAtLeast(double threshold) {
    return new EdgeSelection(threshold, 0);
  }

  /** The k strongest partners of every row i, emitted as (i, j, r) per row. */
  public static EdgeSelection topPerRow(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("top-k must be >= 1, got " + k);
    }
    return new EdgeSelection(Double.NaN, k);
  }

  /** True for the top-k rule. */
  public boolean isTopK() {
    return topK > 0;
  }
}
