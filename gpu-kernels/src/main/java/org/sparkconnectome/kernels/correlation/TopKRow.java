package org.sparkconnectome.kernels.correlation;

/**
 * The k strongest partners of one row seen so far: a min-heap on (|r|, then higher column is
 * weaker), so the root is the first to go.
 */
final class TopKRow {

  private final int[] cols;
  private final float[] values;
  private int size;

  TopKRow(int k) {
    cols = new int[k];
    values = new float[k];
  }

  /** True if (colA, a) ranks below (colB, b). */
  private static boolean weaker(float a, int colA, float b, int colB) {
    float absA = Math.abs(a);
    float absB = Math.abs(b);
    return absA < absB || (absA == absB && colA > colB);
  }

  void offer(int col, float value) {
    if (size < cols.length) {
      int i = size++;
      cols[i] = col;
      values[i] = value;
      siftUp(i);
    } else if (weaker(values[0], cols[0], value, col)) {
      cols[0] = col;
      values[0] = value;
      siftDown(0);
    }
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!weaker(values[i], cols[i], values[parent], cols[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int weakest = i;
      for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
        if (weaker(values[child], cols[child], values[weakest], cols[weakest])) {
          weakest = child;
        }
      }
      if (weakest == i) {
        return;
      }
      swap(i, weakest);
      i = weakest;
    }
  }

  private void swap(int a, int b) {
    int c = cols[a];
    cols[a] = cols[b];
    cols[b] = c;
    float v = values[a];
    values[a] = values[b];
    values[b] = v;
  }

  /** Appends this row's partners to the batch arrays at {@code at}; returns the new length. */
  int drainInto(int row, int[] rows, int[] outCols, float[] outValues, int at) {
    for (int i = 0; i < size; i++) {
      rows[at + i] = row;
      outCols[at + i] = cols[i];
      outValues[at + i] = values[i];
    }
    int end = at + size;
    size = 0;
    return end;
  }
}
