package org.sparkconnectome.kernels.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.kernels.ReferenceData;
import org.sparkconnectome.kernels.correlation.AcceleratedVoxelCorrelator;
import org.sparkconnectome.kernels.correlation.EdgeChecks;
import org.sparkconnectome.kernels.correlation.EdgeList;
import org.sparkconnectome.kernels.correlation.EdgeSelection;
import org.sparkconnectome.kernels.correlation.JvmVoxelCorrelator;
import org.sparkconnectome.kernels.correlation.VoxelSeries;
import org.sparkconnectome.kernels.smoothing.AcceleratedVolumeSmoother;
import org.sparkconnectome.kernels.smoothing.JvmVolumeSmoother;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;
import org.sparkconnectome.kernels.spectral.AcceleratedCrossSpectra;
import org.sparkconnectome.kernels.spectral.CrossSpectraGolden;

/**
 * Every kernel on one accelerator against the JVM reference and the shared reference vectors;
 * subclasses say which accelerator and when it may be missing.
 */
abstract class AcceleratedKernelsContract {

  /** Float kernels against double references: a few float roundings per output. */
  private static final double TOL = 2e-5;

  abstract Accelerator accelerator();

  @Test
  void smoothingMatchesScipyReference() throws IOException {
    JsonNode ref = ReferenceData.signal("smoothing.json");
    JsonNode input = ref.get("input");
    int nx = input.size();
    int ny = input.get(0).size();
    int nz = input.get(0).get(0).size();
    JsonNode vox = ref.get("voxel_size_mm");
    VolumeGrid grid = new VolumeGrid(nx, ny, nz, vox.get(0).asDouble(), vox.get(1).asDouble(),
        vox.get(2).asDouble());
    float[] volume = new float[grid.voxelCount()];
    float[] expected = new float[grid.voxelCount()];
    double scale = 0;
    for (int x = 0; x < nx; x++) {
      for (int y = 0; y < ny; y++) {
        for (int z = 0; z < nz; z++) {
          volume[grid.index(x, y, z)] = (float) input.get(x).get(y).get(z).asDouble();
          expected[grid.index(x, y, z)] =
              (float) ref.get("output").get(x).get(y).get(z).asDouble();
          scale = Math.max(scale, Math.abs(expected[grid.index(x, y, z)]));
        }
      }
    }
    new AcceleratedVolumeSmoother(accelerator()).smooth(new float[][] {volume}, grid,
        ref.get("fwhm_mm").asDouble());
    for (int i = 0; i < volume.length; i++) {
      assertEquals(expected[i], volume[i], 1e-5 * scale, "voxel " + i);
    }
  }

  @Test
  void smoothingBatchWithRaggedShapeAndNaNMatchesJvm() {
    VolumeGrid grid = new VolumeGrid(13, 9, 7, 2.0, 2.5, 3.0);
    Random random = new Random(5);
    float[][] batch = new float[3][grid.voxelCount()];
    for (float[] volume : batch) {
      for (int i = 0; i < volume.length; i++) {
        volume[i] = (float) random.nextGaussian();
      }
    }
    batch[1][grid.index(4, 4, 3)] = Float.NaN;
    batch[2][grid.index(0, 8, 6)] = Float.POSITIVE_INFINITY;
    float[][] expected = {batch[0].clone(), batch[1].clone(), batch[2].clone()};
    new JvmVolumeSmoother().smooth(expected, grid, 7.0);
    new AcceleratedVolumeSmoother(accelerator()).smooth(batch, grid, 7.0);
    for (int v = 0; v < batch.length; v++) {
      for (int i = 0; i < grid.voxelCount(); i++) {
        assertEquals(expected[v][i], batch[v][i], 1e-5, "volume " + v + " voxel " + i);
      }
    }
  }

  @Test
  void denseCorrelationMatchesNumpyCorrcoefReference() throws IOException {
    JsonNode ref = ReferenceData.signal("connectivity.json");
    VoxelSeries series = ReferenceData.connectivityInput(ref);
    int n = series.count();
    float[] out = new float[n * n];
    new AcceleratedVoxelCorrelator(accelerator()).correlateDense(series, out);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(ref.get("pearson").get(i).get(j).asDouble(), out[i * n + j], TOL,
            "r(" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void raggedDenseThresholdAndTopKMatchJvmReference() {
    // 203 series = 3 tiles of 64 plus 11; 45 time points = 2 time tiles of 16 plus 13.
    VoxelSeries series = ReferenceData.randomSeries(45, 203, 17);
    int n = series.count();
    double[] reference = ReferenceData.naivePearson(series);
    AcceleratedVoxelCorrelator correlator = new AcceleratedVoxelCorrelator(accelerator());
    float[] out = new float[n * n];
    correlator.correlateDense(series, out);
    float[] jvm = new float[n * n];
    new JvmVoxelCorrelator().correlateDense(series, jvm);
    for (int e = 0; e < out.length; e++) {
      assertEquals(reference[e], out[e], TOL, "dense r at " + e);
      assertEquals(jvm[e], out[e], TOL, "dense r against the JVM backend at " + e);
    }
    EdgeList edges = new EdgeList();
    correlator.correlate(series, EdgeSelection.absoluteAtLeast(0.4), edges);
    EdgeChecks.assertThresholdEdges(reference, n, 0.4, edges, TOL);
    EdgeList top = new EdgeList();
    correlator.correlate(series, EdgeSelection.topPerRow(5), top);
    EdgeChecks.assertTopK(reference, n, 5, top, TOL);
  }

  @Test
  void topKAcrossSeveralColumnChunksAndStripsMatchesJvm() {
    // 1,100 series = 8 tiles of 128 plus 76: 5 chunks of 2 column tiles per row (the last one
    // short); 37 time points = 4 steps of 8 plus 5 (the padding of both axes is exercised).
    VoxelSeries series = ReferenceData.randomSeries(37, 1100, 29);
    int n = series.count();
    double[] reference = ReferenceData.naivePearson(series);
    // Heaps of 5 chunks x 7 partners of 128 rows are 35,840 bytes per row tile: a working
    // memory of 440,000 bytes allows 3 row tiles per strip, so 3 strips.
    LaunchCounter small = new LaunchCounter(accelerator(), 440_000);
    EdgeList top = new EdgeList();
    new AcceleratedVoxelCorrelator(small).correlate(series, EdgeSelection.topPerRow(7), top);
    EdgeChecks.assertTopK(reference, n, 7, top, TOL);
    assertEquals(3, small.launches("correlate_topk_partial"), "strips");
    EdgeList threshold = new EdgeList();
    new AcceleratedVoxelCorrelator(accelerator()).correlate(series,
        EdgeSelection.absoluteAtLeast(0.5), threshold);
    EdgeChecks.assertThresholdEdges(reference, n, 0.5, threshold, TOL);
  }

  @Test
  void topKTiesGoToTheLowerColumnAsOnTheJvm() {
    // 140 of 150 series are constant (r = 0 with everything, exactly, on every backend), so a
    // row's 20 partners are its 9 live ones and then 11 zero-r ones picked by column index.
    VoxelSeries random = ReferenceData.randomSeries(24, 150, 31);
    float[] values = random.values().clone();
    for (int i = 10; i < 150; i++) {
      java.util.Arrays.fill(values, random.offset(i), random.offset(i) + 24, 3.5f);
    }
    VoxelSeries series = new VoxelSeries(values, 24, 150);
    EdgeList device = new EdgeList();
    new AcceleratedVoxelCorrelator(accelerator()).correlate(series, EdgeSelection.topPerRow(20),
        device);
    EdgeList jvm = new EdgeList();
    new JvmVoxelCorrelator().correlate(series, EdgeSelection.topPerRow(20), jvm);
    assertEquals(edgeSet(jvm), edgeSet(device));
    // More partners asked than exist: every other series, as on the JVM.
    EdgeList all = new EdgeList();
    new AcceleratedVoxelCorrelator(accelerator()).correlate(ReferenceData.randomSeries(9, 6, 3),
        EdgeSelection.topPerRow(10), all);
    assertEquals(30, all.size());
  }

  private static java.util.Set<Long> edgeSet(EdgeList edges) {
    java.util.Set<Long> set = new java.util.TreeSet<>();
    for (int e = 0; e < edges.size(); e++) {
      set.add((long) edges.row(e) * 1_000_000 + edges.col(e));
    }
    return set;
  }

  @Test
  void edgeBufferOverflowRerunsTheStrip() {
    // Threshold 0 keeps every pair: 300 * 299 / 2 = 44,850 edges in one strip against a first
    // buffer of 1,000, so the strip must run again with the size the kernel reported.
    VoxelSeries series = ReferenceData.randomSeries(20, 300, 23);
    int n = series.count();
    LaunchCounter counting = new LaunchCounter(accelerator());
    EdgeList edges = new EdgeList();
    new AcceleratedVoxelCorrelator(counting, 1000).correlate(series,
        EdgeSelection.absoluteAtLeast(0.0), edges);
    assertEquals(n * (n - 1) / 2, edges.size());
    assertEquals(2, counting.launches("correlate_threshold"), "one overflowing run, one rerun");
    double[] reference = ReferenceData.naivePearson(series);
    for (int e = 0; e < edges.size(); e++) {
      assertEquals(reference[edges.row(e) * n + edges.col(e)], edges.value(e), TOL,
          "edge " + edges.row(e) + "," + edges.col(e));
    }
  }

  @Test
  void crossSpectralSumsMatchNumpyGolden() throws IOException {
    // Double precision on the device: the same roundings as the JVM path, in another order.
    CrossSpectraGolden.assertMatchesGolden(new AcceleratedCrossSpectra(accelerator()), 1e-12);
  }

  @Test
  void crossSpectralSumsOfRaggedShapeMatchJvm() {
    // 70 channels = one block of 64 plus 6; a silent channel in one epoch.
    CrossSpectraGolden.assertMatchesJvm(new AcceleratedCrossSpectra(accelerator()), 1e-12);
  }

  /** Passes every call through to the accelerator, counting launches per kernel. */
  private static final class LaunchCounter implements Accelerator {
    private final Accelerator inner;
    private final long workingMemory;
    private final java.util.Map<String, Integer> launches = new java.util.HashMap<>();

    LaunchCounter(Accelerator inner) {
      this(inner, -1);
    }

    /** With {@code workingMemory} >= 0, reports that as the working memory. */
    LaunchCounter(Accelerator inner, long workingMemory) {
      this.inner = inner;
      this.workingMemory = workingMemory;
    }

    int launches(String kernel) {
      return launches.getOrDefault(kernel, 0);
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public String deviceDescription() {
      return inner.deviceDescription();
    }

    @Override
    public long workingMemoryBytes() {
      return workingMemory >= 0 ? workingMemory : inner.workingMemoryBytes();
    }

    @Override
    public DeviceBuffer allocate(long bytes, String purpose) {
      return inner.allocate(bytes, purpose);
    }

    @Override
    public HostBuffer allocateHost(long bytes, String purpose) {
      return inner.allocateHost(bytes, purpose);
    }

    @Override
    public void upload(HostBuffer source, DeviceBuffer target, long targetOffset, long bytes) {
      inner.upload(source, target, targetOffset, bytes);
    }

    @Override
    public void download(DeviceBuffer source, long sourceOffset, HostBuffer target, long bytes) {
      inner.download(source, sourceOffset, target, bytes);
    }

    @Override
    public void launch(String kernel, int gridX, int gridY, int blockX, int blockY,
        Object... args) {
      launches.merge(kernel, 1, Integer::sum);
      inner.launch(kernel, gridX, gridY, blockX, blockY, args);
    }
  }
}
