package org.sparkconnectome.kernels.correlation;

import org.sparkconnectome.kernels.accel.Accelerator;
import org.sparkconnectome.kernels.accel.DeviceBuffer;
import org.sparkconnectome.kernels.accel.HostBuffer;

/**
 * {@link VoxelCorrelator} on an accelerator (kernels of {@code correlation.cu}). The series go to
 * the device once and are z-scored there. The threshold path runs strips of row tiles whose edges
 * come back through an atomic counter; a strip that finds more edges than the buffer holds is run
 * again with a buffer of the size it reported. The top-k path brings dense strips of rows back and
 * selects on the host, so it does twice the arithmetic of the triangle but never holds N x N.
 */
public final class AcceleratedVoxelCorrelator implements VoxelCorrelator {

  /** Output tile side of the kernels (TILE in correlation.cu). */
  static final int TILE = 64;
  private static final int THREADS = 16;
  private static final int LINEAR_THREADS = 256;
  /** Correlations one strip covers at most, bounding device and host memory per strip. */
  private static final long STRIP_PAIRS = 1L << 26;
  private static final int FIRST_EDGE_CAPACITY = 1 << 20;

  private final Accelerator accelerator;
  private final int firstEdgeCapacity;

  /** A correlator on the given accelerator. */
  public AcceleratedVoxelCorrelator(Accelerator accelerator) {
    this(accelerator, FIRST_EDGE_CAPACITY);
  }

  /**
   * A correlator whose threshold path starts with room for {@code firstEdgeCapacity} edges per
   * strip (a strip that finds more is run again with room for what it found).
   */
  public AcceleratedVoxelCorrelator(Accelerator accelerator, int firstEdgeCapacity) {
    if (firstEdgeCapacity < 1) {
      throw new IllegalArgumentException("edge capacity must be positive: " + firstEdgeCapacity);
    }
    this.accelerator = accelerator;
    this.firstEdgeCapacity = firstEdgeCapacity;
  }

  @Override
  public String backendName() {
    return accelerator.name();
  }

  private static int tiles(int n) {
    return (n + TILE - 1) / TILE;
  }

  /** Uploads the series and z-scores them on the device. */
  private DeviceBuffer zScored(VoxelSeries series) {
    long bytes = 4L * series.values().length;
    DeviceBuffer z = accelerator.allocate(bytes, "the time series (N x T floats)");
    try (HostBuffer host = accelerator.allocateHost(bytes, "the time series")) {
      host.putFloats(0, series.values(), 0, series.values().length);
      accelerator.upload(host, z, 0, bytes);
    }
    accelerator.launch("zscore_series", (series.count() + LINEAR_THREADS - 1) / LINEAR_THREADS,
        1, LINEAR_THREADS, 1, z, series.count(), series.timepoints());
    return z;
  }

  @Override
  public void correlateDense(VoxelSeries series, float[] out) {
    int n = series.count();
    long bytes = 4L * n * n;
    if (out.length != (long) n * n) {
      throw new IllegalArgumentException("dense output needs N x N = " + (long) n * n
          + " values, got " + out.length);
    }
    synchronized (accelerator) {
      try (DeviceBuffer z = zScored(series);
          DeviceBuffer r = accelerator.allocate(bytes, "the dense N x N matrix");
          HostBuffer host = accelerator.allocateHost(bytes, "the dense N x N matrix")) {
        accelerator.launch("correlate_dense", tiles(n), tiles(n), THREADS, THREADS, z, n,
            series.timepoints(), 0, n, 1, r);
        accelerator.download(r, 0, host, bytes);
        host.getFloats(0, out, 0, out.length);
      }
    }
  }

  @Override
  public void correlate(VoxelSeries series, EdgeSelection selection, EdgeSink sink) {
    synchronized (accelerator) {
      try (DeviceBuffer z = zScored(series)) {
        if (selection.isTopK()) {
          topK(z, series, selection.topK(), sink);
        } else {
          threshold(z, series, (float) selection.threshold(), sink);
        }
      }
    }
  }

  private void topK(DeviceBuffer z, VoxelSeries series, int k, EdgeSink sink) {
    int n = series.count();
    if (n < 2) {
      return;
    }
    int stripRows = (int) Math.max(1, Math.min(n, STRIP_PAIRS / n));
    long bytes = 4L * stripRows * n;
    float[] strip = new float[stripRows * n];
    try (DeviceBuffer r = accelerator.allocate(bytes, "a strip of rows x N correlations");
        HostBuffer host = accelerator.allocateHost(bytes, "a strip of correlations")) {
      for (int first = 0; first < n; first += stripRows) {
        int rows = Math.min(stripRows, n - first);
        accelerator.launch("correlate_dense", tiles(n), tiles(rows), THREADS, THREADS, z, n,
            series.timepoints(), first, rows, 0, r);
        accelerator.download(r, 0, host, 4L * rows * n);
        host.getFloats(0, strip, 0, rows * n);
        TopKRows.selectStrip(strip, first, rows, n, k, sink);
      }
    }
  }

  private void threshold(DeviceBuffer z, VoxelSeries series, float threshold, EdgeSink sink) {
    int n = series.count();
    int rowTiles = tiles(n);
    int stripTiles = (int) Math.max(1, Math.min(rowTiles, STRIP_PAIRS / ((long) TILE * n)));
    EdgeBuffers edges = new EdgeBuffers(firstEdgeCapacity);
    try (DeviceBuffer counter = accelerator.allocate(4, "the edge counter");
        HostBuffer counterHost = accelerator.allocateHost(4, "the edge counter")) {
      for (int firstTile = 0; firstTile < rowTiles; firstTile += stripTiles) {
        int stripHeight = Math.min(stripTiles, rowTiles - firstTile);
        int found;
        while (true) {
          counterHost.buffer().putInt(0, 0);
          accelerator.upload(counterHost, counter, 0, 4);
          accelerator.launch("correlate_threshold", rowTiles, stripHeight, THREADS, THREADS, z,
              n, series.timepoints(), firstTile, threshold, counter, edges.rows, edges.cols,
              edges.values, edges.capacity);
          accelerator.download(counter, 0, counterHost, 4);
          found = counterHost.buffer().getInt(0);
          if (found <= edges.capacity) {
            break;
          }
          edges.close();
          edges = new EdgeBuffers(found);
        }
        edges.send(found, sink);
      }
    } finally {
      edges.close();
    }
  }

  /** Device and host buffers for the (row, col, r) edges of one strip. */
  private final class EdgeBuffers implements AutoCloseable {

    private final int capacity;
    private final DeviceBuffer rows;
    private final DeviceBuffer cols;
    private final DeviceBuffer values;
    private final HostBuffer host;

    EdgeBuffers(int capacity) {
      this.capacity = capacity;
      long bytes = 4L * capacity;
      rows = accelerator.allocate(bytes, capacity + " edge rows");
      cols = accelerator.allocate(bytes, capacity + " edge columns");
      values = accelerator.allocate(bytes, capacity + " edge correlations");
      host = accelerator.allocateHost(bytes, capacity + " edges");
    }

    void send(int count, EdgeSink sink) {
      if (count == 0) {
        return;
      }
      int[] rowIndex = new int[count];
      int[] colIndex = new int[count];
      float[] r = new float[count];
      accelerator.download(rows, 0, host, 4L * count);
      host.buffer().asIntBuffer().get(rowIndex);
      accelerator.download(cols, 0, host, 4L * count);
      host.buffer().asIntBuffer().get(colIndex);
      accelerator.download(values, 0, host, 4L * count);
      host.getFloats(0, r, 0, count);
      synchronized (sink) {
        sink.accept(rowIndex, colIndex, r, count);
      }
    }

    @Override
    public void close() {
      rows.close();
      cols.close();
      values.close();
      host.close();
    }
  }
}
