package org.sparkconnectome.kernels.correlation;

import java.util.Arrays;

/** An {@link EdgeSink} that keeps every edge in growable arrays (for moderate edge counts). */
public final class EdgeList implements EdgeSink {

  private int[] rows = new int[1024];
  private int[] cols = new int[1024];
  private float[] values = new float[1024];
  private int size;

  @Override
  public synchronized void accept(int[] batchRows, int[] batchCols, float[] batchValues,
      int count) {
    ensureCapacity(size + count);
    System.arraycopy(batchRows, 0, rows, size, count);
    System.arraycopy(batchCols, 0, cols, size, count);
    System.arraycopy(batchValues, 0, values, size, count);
    size += count;
  }

  /** Adds one edge. */
  public synchronized void add(int row, int col, float value) {
    ensureCapacity(size + 1);
    rows[size] = row;
    cols[size] = col;
    values[size] = value;
    size++;
  }

  private void ensureCapacity(int needed) {
    if (needed > rows.length) {
      int capacity = Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, 2L * rows.length));
      rows = Arrays.copyOf(rows, capacity);
      cols = Arrays.copyOf(cols, capacity);
      values = Arrays.copyOf(values, capacity);
    }
  }

  /** Passes every edge held to the sink in one batch. */
  public synchronized void sendTo(EdgeSink sink) {
    if (size > 0) {
      sink.accept(rows, cols, values, size);
    }
  }

  /** Number of edges held. */
  public synchronized int size() {
    return size;
  }

  /** Row (source) index of edge e. */
  public synchronized int row(int e) {
    return rows[e];
  }

  /** Column (target) index of edge e. */
  public synchronized int col(int e) {
    return cols[e];
  }

  /** Correlation of edge e. */
  public synchronized float value(int e) {
    return values[e];
  }
}
