package org.sparkconnectome.signal;

import java.io.Serializable;

/**
 * An element-wise sum of vectors in double-double precision (Knuth's two-sum for every addition):
 * the rounding error of each addition is carried, so the sum rounded to a double is the exact sum
 * correctly rounded but for ties within about {@code n * 2^-106} of a rounding boundary. That makes
 * a tree aggregation's result independent of how the terms were partitioned and in which order
 * the partial sums arrived, so a restarted or incremental run writes the same bytes.
 */
public final class CompensatedSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] high;
  private final double[] low;

  public CompensatedSum(int length) {
    this.high = new double[length];
    this.low = new double[length];
  }

  /** Adds one vector of this sum's length. */
  public CompensatedSum add(double[] values) {
    if (values.length != high.length) {
      throw new IllegalArgumentException("a term of length " + values.length + " added to a sum "
          + "of length " + high.length);
    }
    for (int i = 0; i < values.length; i++) {
      addAt(i, values[i], 0.0);
    }
    return this;
  }

  /** Adds another partial sum into this one. */
  public CompensatedSum merge(CompensatedSum other) {
    for (int i = 0; i < high.length; i++) {
      addAt(i, other.high[i], other.low[i]);
    }
    return this;
  }

  /** The sum, rounded to doubles. */
  public double[] value() {
    double[] out = new double[high.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = high[i] + low[i];
    }
    return out;
  }

  private void addAt(int i, double valueHigh, double valueLow) {
    double s = high[i] + valueHigh;
    double v = s - high[i];
    double error = (high[i] - (s - v)) + (valueHigh - v);
    double l = low[i] + valueLow + error;
    // renormalise so high keeps the leading bits and low stays below half an ulp of it
    high[i] = s + l;
    low[i] = l - (high[i] - s);
  }
}
