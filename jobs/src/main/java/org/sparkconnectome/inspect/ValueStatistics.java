package org.sparkconnectome.inspect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sum (Neumaier-compensated), mean, min, max and NaN count of a stream of values, NaN excluded:
 * the {@code stats} object of the inspect contract, exact enough to match numpy on any size.
 */
public final class ValueStatistics {
  private double sum;
  private double compensation;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long count;
  private long nanCount;

  /** Adds {@code values[0..n)}. */
  public void add(double[] values, int n) {
    for (int i = 0; i < n; i++) {
      add(values[i]);
    }
  }

  /** Adds one value. */
  public void add(double v) {
    if (Double.isNaN(v)) {
      nanCount++;
      return;
    }
    count++;
    double t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) {
      compensation += (sum - t) + v;
    } else {
      compensation += (v - t) + sum;
    }
    sum = t;
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }

  /** The compensated sum of the non-NaN values. */
  public double sum() {
    double s = sum + compensation;
    // An infinite value makes the compensation NaN; the sum itself is then the answer.
    return Double.isNaN(s) ? sum : s;
  }

  /** Values seen that were not NaN. */
  public long count() {
    return count;
  }

  /** NaN values seen. */
  public long nanCount() {
    return nanCount;
  }

  /** {sum, mean, min, max, nan_count}; mean, min and max are null when no value was counted. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sum", sum());
    out.put("mean", count == 0 ? null : sum() / count);
    out.put("min", count == 0 ? null : min);
    out.put("max", count == 0 ? null : max);
    out.put("nan_count", nanCount);
    return out;
  }
}
