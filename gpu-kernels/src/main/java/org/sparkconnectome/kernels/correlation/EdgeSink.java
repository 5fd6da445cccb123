package org.sparkconnectome.kernels.correlation;

/**
 * Receives sparse correlation edges in batches. Calls are serialized by the correlator; the arrays
 * are reused once the call returns, so a sink copies what it keeps. Batches come in no set order.
 */
@FunctionalInterface
public interface EdgeSink {

  /** Edges {@code (rows[e], cols[e], values[e])} for {@code e < count}. */
  void accept(int[] rows, int[] cols, float[] values, int count);
}
