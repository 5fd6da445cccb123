package org.sparkconnectome.graph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a connectome with missing, weak or negative values becomes the non-negative graphs the
 * metrics need: first a threshold on |weight|, then a rule for the signs.
 *
 * <p>Order matters and is fixed: NaN and diagonal values are dropped; the threshold keeps edges by
 * |weight| (absolute: |w| &gt;= value; proportional: the round(p * n(n-1)/2) strongest edges, as
 * BCT's {@code threshold_proportional}, ties broken by lower matrix position); then
 * {@link NegativeWeights} decides what happens to the negative survivors.
 */
public record ThresholdPolicy(NegativeWeights negative, Kind kind, double value)
    implements Serializable {

  /** What happens to negative weights. */
  public enum NegativeWeights {
    /** Negative edges are removed; metrics describe the positive graph. */
    DROP,
    /** Every edge keeps its magnitude |w|. */
    ABSOLUTE,
    /** Two graphs: the positive edges, and the magnitudes of the negative edges. */
    SEPARATE
  }

  /** Which threshold is applied to |weight|. */
  public enum Kind {
    /** Every non-zero edge is kept. */
    NONE,
    /** Edges with |w| &gt;= value are kept. */
    ABSOLUTE,
    /** The strongest fraction {@code value} of all possible edges is kept. */
    PROPORTIONAL
  }

  /** Which part of the connectome one graph of the policy's output holds. */
  public enum Sign {
    /** Positive edges only (negative ones dropped or split off). */
    POSITIVE,
    /** Magnitudes of the negative edges. */
    NEGATIVE,
    /** Magnitudes of all edges. */
    ABSOLUTE
  }

  /** One graph made by the policy, with the part of the connectome it holds. */
  public record SignedGraph(Sign sign, WeightedGraph graph) implements Serializable {
  }

  public ThresholdPolicy {
    if (negative == null || kind == null) {
      throw new IllegalArgumentException(
          "threshold policy needs a negative-weight rule and a kind");
    }
    if (kind == Kind.ABSOLUTE && !(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException("absolute threshold must be a finite value >= 0, got "
          + value);
    }
    if (kind == Kind.PROPORTIONAL && !(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("proportional threshold must lie in [0, 1], got " + value);
    }
    if (kind == Kind.NONE) {
      value = 0;
    }
  }

  /** No threshold; negative weights dropped. */
  public static ThresholdPolicy defaults() {
    return new ThresholdPolicy(NegativeWeights.DROP, Kind.NONE, 0);
  }

  /**
   * Parses the command-line forms: negative {@code drop|abs|absolute|separate}; threshold
   * {@code none}, {@code abs:VALUE} or {@code prop:FRACTION}.
   */
  public static ThresholdPolicy parse(String negative, String threshold) {
    NegativeWeights rule = switch (negative.trim().toLowerCase(Locale.ROOT)) {
      case "drop" -> NegativeWeights.DROP;
      case "abs", "absolute" -> NegativeWeights.ABSOLUTE;
      case "separate" -> NegativeWeights.SEPARATE;
      default -> throw new IllegalArgumentException("negative-weight rule '" + negative
          + "': expected drop, abs or separate");
    };
    String t = threshold.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return new ThresholdPolicy(rule, Kind.NONE, 0);
    }
    int colon = t.indexOf(':');
    String prefix = colon < 0 ? "" : t.substring(0, colon);
    Kind kind = switch (prefix) {
      case "abs", "absolute" -> Kind.ABSOLUTE;
      case "prop", "proportional" -> Kind.PROPORTIONAL;
      default -> throw new IllegalArgumentException("threshold '" + threshold
          + "': expected none, abs:VALUE or prop:FRACTION");
    };
    double value;
    try {
      value = Double.parseDouble(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("threshold '" + threshold + "': '"
          + t.substring(colon + 1) + "' is not a number");
    }
    return new ThresholdPolicy(rule, kind, value);
  }

  /** The policy as written into outputs. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("negative", negative.name().toLowerCase(Locale.ROOT));
    out.put("threshold", kind.name().toLowerCase(Locale.ROOT));
    out.put("value", kind == Kind.NONE ? null : value);
    out.put("order", "NaN and diagonal dropped; threshold on |weight|; then negative rule");
    return out;
  }

  /** The graphs this policy makes from a connectome: one, or two for SEPARATE. */
  public List<SignedGraph> apply(Connectome connectome) {
    double[][] kept = thresholded(connectome);
    int n = kept.length;
    List<SignedGraph> graphs = new ArrayList<>();
    switch (negative) {
      case DROP -> graphs.add(new SignedGraph(Sign.POSITIVE, signPart(kept, n, 1)));
      case ABSOLUTE -> graphs.add(new SignedGraph(Sign.ABSOLUTE, signPart(kept, n, 0)));
      case SEPARATE -> {
        graphs.add(new SignedGraph(Sign.POSITIVE, signPart(kept, n, 1)));
        graphs.add(new SignedGraph(Sign.NEGATIVE, signPart(kept, n, -1)));
      }
      default -> throw new IllegalStateException("unknown rule " + negative);
    }
    return graphs;
  }

  /** Keeps positive (1), negative as magnitudes (-1) or all as magnitudes (0). */
  private static WeightedGraph signPart(double[][] kept, int n, int sign) {
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = kept[i][j];
        if (sign == 0 || (sign > 0 && v > 0) || (sign < 0 && v < 0)) {
          w[i][j] = Math.abs(v);
        }
      }
    }
    return WeightedGraph.of(w);
  }

  private double[][] thresholded(Connectome connectome) {
    int n = connectome.size();
    double[][] m = connectome.toMatrix();
    for (int i = 0; i < n; i++) {
      m[i][i] = 0;
      for (int j = 0; j < n; j++) {
        if (Double.isNaN(m[i][j])) {
          m[i][j] = 0;
        }
      }
    }
    if (kind == Kind.ABSOLUTE) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (Math.abs(m[i][j]) < value) {
            m[i][j] = 0;
          }
        }
      }
    } else if (kind == Kind.PROPORTIONAL) {
      keepStrongest(m, n);
    }
    return m;
  }

  private void keepStrongest(double[][] m, int n) {
    long possible = (long) n * (n - 1) / 2;
    long keep = Math.round(possible * value);
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (m[i][j] != 0) {
          edges.add(new int[] {i, j});
        }
      }
    }
    int[][] sorted = edges.toArray(new int[0][]);
    // Stable sort: equal magnitudes keep matrix order, so the result does not depend on chance.
    Arrays.sort(sorted, (a, b) -> Double.compare(Math.abs(m[b[0]][b[1]]), Math.abs(m[a[0]][a[1]])));
    for (int e = (int) Math.min(keep, sorted.length); e < sorted.length; e++) {
      m[sorted[e][0]][sorted[e][1]] = 0;
      m[sorted[e][1]][sorted[e][0]] = 0;
    }
  }
}
