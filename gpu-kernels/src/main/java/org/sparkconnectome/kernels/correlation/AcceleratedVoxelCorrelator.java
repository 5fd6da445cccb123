package org.sparkconnectome.kernels.correlation;

import java.nio.FloatBuffer;
import org.sparkconnectome.kernels.accel.Accelerator;
import org.sparkconnectome.kernels.accel.DeviceBuffer;
import org.sparkconnectome.kernels.accel.HostBuffer;

/**
 * {@link VoxelCorrelator} on an accelerator (kernels of {@code correlation.cu}). The series go to
 * the device once, padded with zeros to whole tiles (128 series, 8 time points) so every load is
 * an aligned float4, and are z-scored there. The threshold path runs strips of row tiles over the
 * upper triangle whose edges come back through an atomic counter; a strip that finds more edges
 * than the buffer holds is run again with a buffer of the size it reported. The top-k path keeps
 * each row's k best on the device, per chunk of column tiles and then merged per row, so only
 * the N x k edges cross to the host; it computes whole rows (twice the arithmetic of the
 * triangle) so that each row's selection stays inside one block.
 */
public final class AcceleratedVoxelCorrelator implements VoxelCorrelator {

  /** Output tile side of the kernels (TILE in correlation.cu). */
  static final int TILE = 128;
  /** Time points per step of the kernels (TILE_K in correlation.cu). */
  static final int TILE_K = 8;
  private static final int THREADS = 16;
  private static final int LINEAR_THREADS = 256;
  /** Correlations one strip covers at most, bounding device and host memory per strip. */
  private static final long STRIP_PAIRS = 1L << 26;
  private static final int FIRST_EDGE_CAPACITY = 1 << 20;
  /**
   * Column tiles one top-k block walks through at most. More tiles per chunk mean fewer heap
   * insertions per row (about k (1 + ln(tiles x 128 / k)) per chunk) and fewer lists to merge;
   * the strips' many row tiles keep the grid large.
   */
  private static final int MAX_TILES_PER_CHUNK = 32;
  /** Bytes of per-chunk top-k lists one strip may hold (at most a quarter of working memory). */
  private static final long TOPK_LIST_BYTES = 1L << 28;

  private final Accelerator accelerator;
  private final int firstEdgeCapacity;
  private final CorrelationPrecision precision;

  /** A correlator on the given accelerator, in FP32. */
  public AcceleratedVoxelCorrelator(Accelerator accelerator) {
    this(accelerator, FIRST_EDGE_CAPACITY);
  }

  /**
   * A correlator on the given accelerator in the given precision.
   *
   * @throws IllegalArgumentException for TF32 on an accelerator other than CUDA
   */
  public AcceleratedVoxelCorrelator(Accelerator accelerator, CorrelationPrecision precision) {
    this(accelerator, FIRST_EDGE_CAPACITY, precision);
  }

  /**
   * A correlator whose threshold path starts with room for {@code firstEdgeCapacity} edges per
   * strip (a strip that finds more is run again with room for what it found).
   */
  public AcceleratedVoxelCorrelator(Accelerator accelerator, int firstEdgeCapacity) {
    this(accelerator, firstEdgeCapacity, CorrelationPrecision.FP32);
  }

  /** Both of the above: first edge capacity and precision. */
  public AcceleratedVoxelCorrelator(Accelerator accelerator, int firstEdgeCapacity,
      CorrelationPrecision precision) {
    if (firstEdgeCapacity < 1) {
      throw new IllegalArgumentException("edge capacity must be positive: " + firstEdgeCapacity);
    }
    if (precision == CorrelationPrecision.TF32 && !accelerator.name().equals("cuda")) {
      throw new IllegalArgumentException("gpu.correlation_precision tf32 needs the CUDA backend"
          + " (tensor cores, compute 8.0+); " + accelerator.name() + " runs fp32");
    }
    this.accelerator = accelerator;
    this.firstEdgeCapacity = firstEdgeCapacity;
    this.precision = precision;
  }

  /** The precision of the tile products. */
  public CorrelationPrecision precision() {
    return precision;
  }

  /** The kernel of this precision: "correlate_dense" or "correlate_dense_tf32". */
  private String kernel(String name) {
    return name + precision.kernelSuffix();
  }

  @Override
  public String backendName() {
    return accelerator.name();
  }

  private static int tiles(int n) {
    return (n + TILE - 1) / TILE;
  }

  /** The padded row length: T rounded up to a whole step of the kernels. */
  static int leadingDimension(int t) {
    return (t + TILE_K - 1) / TILE_K * TILE_K;
  }

  /**
   * Uploads the series, padded with zero series to whole tiles and zero time points to whole
   * steps, and z-scores them on the device.
   */
  private DeviceBuffer zScored(VoxelSeries series) {
    int n = series.count();
    int t = series.timepoints();
    int ld = leadingDimension(t);
    long bytes = 4L * tiles(n) * TILE * ld;
    DeviceBuffer z = accelerator.allocate(bytes, "the padded time series (N x T floats)");
    try (HostBuffer host = accelerator.allocateHost(bytes, "the time series")) {
      float[] values = series.values();
      if (ld == t) {
        host.putFloats(0, values, 0, values.length);
      } else {
        for (int i = 0; i < n; i++) {
          host.putFloats((long) i * ld, values, series.offset(i), t);
        }
      }
      // Page-locked memory comes uninitialised: the padding must be zero.
      zeroPadding(host, n, t, ld, tiles(n) * TILE);
      accelerator.upload(host, z, 0, bytes);
    }
    accelerator.launch("zscore_series", (n + LINEAR_THREADS - 1) / LINEAR_THREADS, 1,
        LINEAR_THREADS, 1, z, n, t, ld);
    return z;
  }

  /** Zeros the padded time points of every series and the padding series after the last. */
  private static void zeroPadding(HostBuffer host, int n, int t, int ld, int paddedRows) {
    FloatBuffer floats = host.buffer().asFloatBuffer();
    for (int i = 0; i < n && ld > t; i++) {
      for (int k = t; k < ld; k++) {
        floats.put(i * ld + k, 0f);
      }
    }
    for (long e = (long) n * ld; e < (long) paddedRows * ld; e++) {
      floats.put((int) e, 0f);
    }
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
        accelerator.launch(kernel("correlate_dense"), tiles(n), tiles(n), THREADS, THREADS, z, n,
            leadingDimension(series.timepoints()), 0, n, 1, r);
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
    int kept = Math.min(k, n - 1);
    int ld = leadingDimension(series.timepoints());
    int colTiles = tiles(n);
    // At least 4 chunks per row where there are 4 column tiles, so small inputs use several.
    int tilesPerChunk = Math.max(1, Math.min(MAX_TILES_PER_CHUNK, colTiles / 4));
    int chunks = (colTiles + tilesPerChunk - 1) / tilesPerChunk;
    long listBytesPerTile = 8L * TILE * chunks * kept;
    long listBudget = Math.min(TOPK_LIST_BYTES, accelerator.workingMemoryBytes() / 4);
    int stripTiles = (int) Math.max(1, Math.min(colTiles, listBudget / listBytesPerTile));
    int stripRows = stripTiles * TILE;
    long edgeBytes = 4L * stripRows * kept;
    try (DeviceBuffer partialCol = accelerator.allocate(stripTiles * listBytesPerTile / 2,
            "per-chunk top-k columns");
        DeviceBuffer partialR = accelerator.allocate(stripTiles * listBytesPerTile / 2,
            "per-chunk top-k correlations");
        DeviceBuffer edgeCol = accelerator.allocate(edgeBytes, "a strip's top-k columns");
        DeviceBuffer edgeR = accelerator.allocate(edgeBytes, "a strip's top-k correlations");
        HostBuffer host = accelerator.allocateHost(edgeBytes, "a strip's top-k edges")) {
      for (int firstTile = 0; firstTile < colTiles; firstTile += stripTiles) {
        int height = Math.min(stripTiles, colTiles - firstTile);
        int first = firstTile * TILE;
        int rows = Math.min(height * TILE, n - first);
        accelerator.launch(kernel("correlate_topk_partial"), chunks, height, THREADS, THREADS,
            z, n, ld, firstTile, tilesPerChunk, chunks, kept, partialCol, partialR);
        accelerator.launch("topk_merge", (rows + LINEAR_THREADS - 1) / LINEAR_THREADS, 1,
            LINEAR_THREADS, 1, partialCol, partialR, rows, chunks, kept, edgeCol, edgeR);
        int count = rows * kept;
        int[] rowIndex = new int[count];
        int[] colIndex = new int[count];
        float[] r = new float[count];
        accelerator.download(edgeCol, 0, host, 4L * count);
        host.buffer().asIntBuffer().get(colIndex);
        accelerator.download(edgeR, 0, host, 4L * count);
        host.getFloats(0, r, 0, count);
        for (int e = 0; e < count; e++) {
          rowIndex[e] = first + e / kept;
        }
        synchronized (sink) {
          sink.accept(rowIndex, colIndex, r, count);
        }
      }
    }
  }

  private void threshold(DeviceBuffer z, VoxelSeries series, float threshold, EdgeSink sink) {
    int n = series.count();
    int ld = leadingDimension(series.timepoints());
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
          accelerator.launch(kernel("correlate_threshold"), rowTiles, stripHeight, THREADS,
              THREADS, z, n, ld, firstTile, threshold, counter, edges.rows, edges.cols,
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
