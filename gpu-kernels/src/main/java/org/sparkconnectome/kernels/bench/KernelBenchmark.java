package org.sparkconnectome.kernels.bench;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.correlation.Correlators;
import org.sparkconnectome.kernels.correlation.EdgeSelection;
import org.sparkconnectome.kernels.correlation.VoxelCorrelator;
import org.sparkconnectome.kernels.correlation.VoxelSeries;
import org.sparkconnectome.kernels.smoothing.GaussianKernel;
import org.sparkconnectome.kernels.smoothing.Smoothers;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;
import org.sparkconnectome.kernels.spectral.CrossSpectralKernel;
import org.sparkconnectome.kernels.spectral.CrossSpectralKernels;
import org.sparkconnectome.kernels.spectral.CrossSpectralSums;
import org.sparkconnectome.kernels.spectral.SpectralTransform;

/**
 * In-process timing of the hot loops on seeded random data: warm-up runs, then the median of the
 * timed repetitions, with the arithmetic rate it implies.
 */
public final class KernelBenchmark {

  private KernelBenchmark() {
  }

  /** How many untimed and timed runs, and the data seed. */
  public record Plan(int warmups, int repeats, long seed) {

    public Plan {
      if (warmups < 0 || repeats < 1) {
        throw new IllegalArgumentException("need warm-ups >= 0 and repeats >= 1, got "
            + warmups + " and " + repeats);
      }
    }
  }

  /**
   * One benchmark's prepared work: what one run does, the floating-point operations it counts, and
   * its sizes as JSON members (read after the runs: the threshold path reports its edge count).
   */
  public record Workload(String kernel, String backend, double flops, Runnable run,
      Supplier<String> sizesJson) {

    /** The result of timing this work: median seconds over the plan's repeats. */
    BenchResult result(double seconds, int repeats) {
      return new BenchResult(kernel, backend, sizesJson.get(), seconds, flops / seconds / 1e9,
          repeats);
    }
  }

  /**
   * Correlation of n series of t time points: dense N x N when {@code threshold} is NaN, else the
   * fused threshold path into a counting sink. Counts n * n * t floating-point operations (one
   * triangle of multiply-adds), as the numpy peer's rank-k update does.
   */
  public static BenchResult correlation(int n, int t, ComputeBackend backend, double threshold,
      Plan plan) {
    Workload work = correlationWork(n, t, backend, threshold, plan.seed());
    return work.result(medianSeconds(work.run(), plan), plan.repeats());
  }

  /** The work of {@link #correlation}, prepared (data generated, backend chosen) but not run. */
  public static Workload correlationWork(int n, int t, ComputeBackend backend, double threshold,
      long seed) {
    VoxelCorrelator correlator = Correlators.create(backend);
    VoxelSeries series = randomSeries(n, t, seed);
    boolean dense = Double.isNaN(threshold);
    float[] out = dense ? new float[Math.multiplyExact(n, n)] : null;
    long[] edges = new long[1];
    Runnable run = dense
        ? () -> correlator.correlateDense(series, out)
        : () -> {
          edges[0] = 0;
          correlator.correlate(series, EdgeSelection.absoluteAtLeast(threshold),
              (rows, cols, values, count) -> edges[0] += count);
        };
    double flops = (double) n * n * t;
    Supplier<String> sizes = () -> "\"n\":" + n + ",\"t\":" + t
        + (dense ? ",\"output\":\"dense\""
            : ",\"threshold\":" + threshold + ",\"edges\":" + edges[0]);
    return new Workload("correlation", correlator.backendName(), flops, run, sizes);
  }

  /** Smoothing of {@code volumes} volumes of the grid with the given FWHM. */
  public static BenchResult smoothing(VolumeGrid grid, int volumes, double fwhmMm,
      ComputeBackend backend, Plan plan) {
    Workload work = smoothingWork(grid, volumes, fwhmMm, backend, plan.seed());
    return work.result(medianSeconds(work.run(), plan), plan.repeats());
  }

  /** The work of {@link #smoothing}, prepared (data generated, backend chosen) but not run. */
  public static Workload smoothingWork(VolumeGrid grid, int volumes, double fwhmMm,
      ComputeBackend backend, long seed) {
    VolumeSmoother smoother = Smoothers.create(backend);
    Random random = new Random(seed);
    float[][] batch = new float[volumes][grid.voxelCount()];
    for (float[] volume : batch) {
      for (int i = 0; i < volume.length; i++) {
        volume[i] = (float) random.nextGaussian();
      }
    }
    double taps = 0;
    for (double voxel : new double[] {grid.voxelX(), grid.voxelY(), grid.voxelZ()}) {
      taps += GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, voxel)).length;
    }
    double flops = 2.0 * taps * grid.voxelCount() * volumes;
    String sizes = "\"shape\":[" + grid.nx() + "," + grid.ny() + "," + grid.nz() + "," + volumes
        + "],\"fwhm_mm\":" + fwhmMm + ",\"voxel_mm\":[" + grid.voxelX() + "," + grid.voxelY()
        + "," + grid.voxelZ() + "]";
    return new Workload("smoothing", smoother.backendName(), flops,
        () -> smoother.smooth(batch, grid, fwhmMm), () -> sizes);
  }

  /**
   * The spectral hot loop on {@code epochs} random epochs of {@code channels} x {@code samples}
   * at {@code sfreq}: Hann-tapered rfft of every epoch and channel (JTransforms, on the JVM for
   * every backend), then the cross-spectral epoch sums of every pair x <= y and bin in
   * [1, 45) Hz on the backend. Counts 8 flops per pair, bin and epoch (one complex
   * multiply-add and the sums), as the numpy peer does the same work.
   */
  public static BenchResult spectral(int channels, int samples, double sfreq, int epochs,
      ComputeBackend backend, Plan plan) {
    Workload work = spectralWork(channels, samples, sfreq, epochs, backend, plan.seed());
    return work.result(medianSeconds(work.run(), plan), plan.repeats());
  }

  /** The work of {@link #spectral}, prepared (data generated, backend chosen) but not run. */
  public static Workload spectralWork(int channels, int samples, double sfreq, int epochs,
      ComputeBackend backend, long seed) {
    CrossSpectralKernel kernel = CrossSpectralKernels.create(backend);
    double[][][] data = new double[epochs][channels][samples];
    IntStream.range(0, epochs).parallel().forEach(e -> {
      Random random = new Random(seed * 1_000_003L + e);
      for (double[] channel : data[e]) {
        for (int i = 0; i < samples; i++) {
          channel[i] = random.nextGaussian();
        }
      }
    });
    double[] hann = new double[samples];
    for (int i = 0; i < samples; i++) {
      hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / samples);
    }
    int first = (int) Math.ceil(1.0 * samples / sfreq);
    int end = Math.min(samples / 2 + 1, (int) Math.ceil(45.0 * samples / sfreq));
    int bins = end - first;
    SpectralTransform transform = new SpectralTransform(new double[][] {hann},
        new double[] {1.0}, first, bins);
    Runnable run = () -> kernel.accumulate(transform.transform(data),
        new CrossSpectralSums(bins, channels));
    double flops = 8.0 * epochs * bins * channels * (channels + 1) / 2;
    String sizes = "\"channels\":" + channels + ",\"samples\":" + samples + ",\"sfreq\":" + sfreq
        + ",\"epochs\":" + epochs + ",\"bins\":" + bins + ",\"spectrum\":\"hann\"";
    return new Workload("spectral", kernel.backendName(), flops, run, () -> sizes);
  }

  static VoxelSeries randomSeries(int n, int t, long seed) {
    float[] values = new float[Math.multiplyExact(n, t)];
    IntStream.range(0, n).parallel().forEach(i -> {
      Random random = new Random(seed * 1_000_003L + i);
      for (int k = 0; k < t; k++) {
        values[i * t + k] = (float) random.nextGaussian();
      }
    });
    return new VoxelSeries(values, t, n);
  }

  private static double medianSeconds(Runnable run, Plan plan) {
    for (int i = 0; i < plan.warmups(); i++) {
      run.run();
    }
    double[] seconds = new double[plan.repeats()];
    for (int i = 0; i < seconds.length; i++) {
      long start = System.nanoTime();
      run.run();
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    return median(seconds);
  }

  /** The median of the values (the mean of the middle two for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
