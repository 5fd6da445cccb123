package org.sparkconnectome.kernels.correlation;

/** Top-k selection over dense strips of rows, shared by every backend's top-k path. */
final class TopKRows {

  private TopKRows() {
  }

  /**
   * Picks the k strongest partners (column != row) of each row of a row-major strip
   * {@code strip[(i - firstRow) * n + j]} for rows {@code firstRow..firstRow + rowCount - 1} and
   * sends them to the sink as one batch.
   */
  static void selectStrip(float[] strip, int firstRow, int rowCount, int n, int k,
      EdgeSink sink) {
    int kept = Math.min(k, n - 1);
    int[] rows = new int[rowCount * kept];
    int[] cols = new int[rowCount * kept];
    float[] values = new float[rowCount * kept];
    TopKRow heap = new TopKRow(kept);
    int at = 0;
    for (int r = 0; r < rowCount; r++) {
      int row = firstRow + r;
      int base = r * n;
      for (int j = 0; j < n; j++) {
        if (j != row) {
          heap.offer(j, strip[base + j]);
        }
      }
      at = heap.drainInto(row, rows, cols, values, at);
    }
    if (at > 0) {
      synchronized (sink) {
        sink.accept(rows, cols, values, at);
      }
    }
  }
}
