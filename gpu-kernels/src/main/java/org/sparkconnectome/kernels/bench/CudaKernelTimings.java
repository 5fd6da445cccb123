package org.sparkconnectome.kernels.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.accel.Accelerator;
import org.sparkconnectome.kernels.accel.CudaAccelerator;
import org.sparkconnectome.kernels.correlation.AcceleratedVoxelCorrelator;
import org.sparkconnectome.kernels.correlation.CorrelationPrecision;
import org.sparkconnectome.kernels.correlation.EdgeSelection;
import org.sparkconnectome.kernels.correlation.VoxelSeries;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;

/**
 * Last step of the GPU check: the CUDA benchmarks of {@link KernelBenchmark}, each timed twice
 * per run, end to end (allocation, page-locked staging, PCIe copies and kernels, as a caller sees
 * it) and kernels only (CUDA events around each launch), with GFLOP/s and the share of the
 * device's FP32 peak computed from its own properties.
 */
public final class CudaKernelTimings {

  private CudaKernelTimings() {
  }

  /** Both timings of one benchmark, medians over the repeats. */
  record Timing(double endToEndSeconds, double kernelSeconds) {
  }

  /**
   * Options, all optional: {@code --n 20000 --t 1200 --threshold 0.5} for the large thresholded
   * correlation, {@code --topk-n 200000 --topk-k 50} for the top-k correlation timed in FP32 and
   * TF32 after its predicted time is printed (0 skips it), {@code --warmup 2 --repeats 5
   * --seed 42}, {@code --jvm true} to add the JVM backend's dense correlation as a peer (slow
   * without a native BLAS).
   */
  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0) {
      System.err.println("usage: CudaKernelTimings [--n N] [--t T] [--threshold R] [--warmup W]"
          + " [--repeats K] [--seed S] [--jvm true] [--topk-n N] [--topk-k K]");
      System.exit(64);
    }
    Optional<Accelerator> shared = CudaAccelerator.shared();
    if (shared.isEmpty()) {
      System.out.println("gpu-check: benchmarks not run: CUDA unavailable ("
          + CudaAccelerator.unavailableReason() + ")");
      System.exit(CudaDeviceReport.NO_DEVICE);
    }
    CudaAccelerator cuda = (CudaAccelerator) shared.get();
    CUdevice device = new CUdevice();
    JCudaDriver.cuDeviceGet(device, 0);
    CudaDeviceProperties properties = CudaDeviceProperties.read(device);
    double peak = properties.fp32PeakGflops();
    KernelBenchmark.Plan plan = new KernelBenchmark.Plan(
        Integer.parseInt(options.getOrDefault("--warmup", "2")),
        Integer.parseInt(options.getOrDefault("--repeats", "5")),
        Long.parseLong(options.getOrDefault("--seed", "42")));
    int n = Integer.parseInt(options.getOrDefault("--n", "20000"));
    int t = Integer.parseInt(options.getOrDefault("--t", "1200"));
    double threshold = Double.parseDouble(options.getOrDefault("--threshold", "0.5"));
    System.out.printf(Locale.ROOT, "gpu-check: timing on %s; FP32 peak %.0f GFLOP/s (%s); "
            + "medians of %d runs after %d warm-ups%n", cuda.deviceDescription(), peak,
        properties.fp32PeakFormula(), plan.repeats(), plan.warmups());

    List<String> json = new ArrayList<>();
    KernelBenchmark.Workload dense = KernelBenchmark.correlationWork(8000, 1200,
        ComputeBackend.CUDA, Double.NaN, plan.seed());
    Timing denseTiming = report("correlation 8000 x 1200 dense", dense, cuda, plan, peak,
        Double.NaN, json);
    report("correlation " + n + " x " + t + " |r| >= " + threshold,
        KernelBenchmark.correlationWork(n, t, ComputeBackend.CUDA, threshold, plan.seed()), cuda,
        plan, peak, Double.NaN, json);
    VolumeGrid grid = new VolumeGrid(91, 109, 91, 2, 2, 2);
    // Each pass reads and writes every value once (zeroing non-finite values, then three axes):
    // a lower bound on the bytes the kernels move.
    double smoothingBytes = 4.0 * 2 * 4 * grid.voxelCount() * 50;
    report("smoothing 91 x 109 x 91 x 50 fwhm 6 mm voxel 2 mm",
        KernelBenchmark.smoothingWork(grid, 50, 6.0, ComputeBackend.CUDA, plan.seed()), cuda,
        plan, peak, smoothingBytes / properties.memoryPeakGbPerSecond() / 1e9, json);
    int topN = Integer.parseInt(options.getOrDefault("--topk-n", "200000"));
    int topK = Integer.parseInt(options.getOrDefault("--topk-k", "50"));
    if (topN > 0) {
      KernelPrediction prediction = new KernelPrediction(properties);
      System.out.println("gpu-check: " + prediction.describe(topN, t, topK));
      // The largest run: one warm-up and two timed runs whatever the plan, to keep the check
      // short (about 3 x the predicted time per precision, plus generating the series).
      KernelBenchmark.Plan big = new KernelBenchmark.Plan(1, 2, plan.seed());
      VoxelSeries series = KernelBenchmark.randomSeries(topN, t, plan.seed());
      for (CorrelationPrecision precision : CorrelationPrecision.values()) {
        double predicted = precision == CorrelationPrecision.TF32
            ? prediction.tf32Seconds(topN, t) : prediction.fp32Seconds(topN, t);
        Timing timing = report("correlation " + topN + " x " + t + " top-" + topK + " "
                + precision.name().toLowerCase(Locale.ROOT),
            topKWork(series, topK, cuda, precision), cuda, big, peak, Double.NaN, json);
        System.out.printf(Locale.ROOT, "gpu-check: top-%d %s: predicted %.3f s, measured %.3f s"
                + " kernels only (%.2fx the prediction); goal < 2 s%n", topK,
            precision.name().toLowerCase(Locale.ROOT), predicted, timing.kernelSeconds(),
            timing.kernelSeconds() / predicted);
      }
    }
    if (Boolean.parseBoolean(options.getOrDefault("--jvm", "false"))) {
      BenchResult jvm = KernelBenchmark.correlation(8000, 1200, ComputeBackend.JVM, Double.NaN,
          new KernelBenchmark.Plan(1, 3, plan.seed()));
      System.out.printf(Locale.ROOT, "gpu-check: correlation 8000 x 1200 dense on the JVM: "
              + "%.4f s = %.1f GFLOP/s; CUDA end to end is %.1fx faster%n", jvm.seconds(),
          jvm.gflops(), jvm.seconds() / denseTiming.endToEndSeconds());
      json.add(jvm.toJson());
    }
    for (String line : json) {
      System.out.println("gpu-check-json: " + line);
    }
  }

  /**
   * The top-k correlation of prepared series on CUDA in a precision; counts 2 N^2 T operations
   * (whole rows, see {@link KernelPrediction}).
   */
  private static KernelBenchmark.Workload topKWork(VoxelSeries series, int k,
      CudaAccelerator cuda, CorrelationPrecision precision) {
    AcceleratedVoxelCorrelator correlator = new AcceleratedVoxelCorrelator(cuda, precision);
    long[] edges = new long[1];
    Runnable run = () -> {
      edges[0] = 0;
      correlator.correlate(series, EdgeSelection.topPerRow(k),
          (rows, cols, values, count) -> edges[0] += count);
    };
    return new KernelBenchmark.Workload("correlation", "cuda",
        KernelPrediction.topKFlops(series.count(), series.timepoints()), run,
        () -> "\"n\":" + series.count() + ",\"t\":" + series.timepoints() + ",\"top_k\":" + k
            + ",\"precision\":\"" + precision.name().toLowerCase(Locale.ROOT) + "\",\"edges\":"
            + edges[0]);
  }

  /**
   * Times one workload and prints its line; {@code memorySeconds} is the time the device's peak
   * bandwidth needs for the bytes the kernels must move (NaN when not worth saying).
   */
  private static Timing report(String label, KernelBenchmark.Workload work, CudaAccelerator cuda,
      KernelBenchmark.Plan plan, double peak, double memorySeconds, List<String> json) {
    if (!work.backend().equals("cuda")) {
      throw new IllegalStateException(label + " ran on " + work.backend() + ", not CUDA");
    }
    Timing timing = time(work, cuda, plan);
    BenchResult endToEnd = work.result(timing.endToEndSeconds(), plan.repeats());
    double kernelGflops = work.flops() / timing.kernelSeconds() / 1e9;
    String memory = Double.isNaN(memorySeconds) ? "" : String.format(Locale.ROOT,
        "; memory-bound: kernels reach >= %.0f%% of peak bandwidth",
        100 * memorySeconds / timing.kernelSeconds());
    System.out.printf(Locale.ROOT, "gpu-check: %s: end to end %.4f s = %.1f GFLOP/s (%s of FP32 "
            + "peak); kernels only %.4f s = %.1f GFLOP/s (%s of FP32 peak), %.0f%% of end to end"
            + "%s%n", label, timing.endToEndSeconds(), endToEnd.gflops(),
        percent(endToEnd.gflops(), peak), timing.kernelSeconds(), kernelGflops,
        percent(kernelGflops, peak), 100 * timing.kernelSeconds() / timing.endToEndSeconds(),
        memory);
    String line = endToEnd.toJson();
    json.add(line.substring(0, line.length() - 1) + String.format(Locale.ROOT,
        ",\"kernel_seconds\":%.6f,\"kernel_gflops\":%.3f,\"fp32_peak_gflops\":%.1f}",
        timing.kernelSeconds(), kernelGflops, peak));
    return timing;
  }

  private static String percent(double gflops, double peak) {
    return Double.isNaN(peak) ? "unknown %" : String.format(Locale.ROOT, "%.1f%%",
        100 * gflops / peak);
  }

  /** Warm-ups, then per run the wall-clock time and the kernels' device time; the medians. */
  static Timing time(KernelBenchmark.Workload work, CudaAccelerator cuda,
      KernelBenchmark.Plan plan) {
    for (int i = 0; i < plan.warmups(); i++) {
      work.run().run();
    }
    double[] endToEnd = new double[plan.repeats()];
    double[] kernels = new double[plan.repeats()];
    for (int i = 0; i < plan.repeats(); i++) {
      cuda.startKernelClock();
      long start = System.nanoTime();
      work.run().run();
      endToEnd[i] = (System.nanoTime() - start) / 1e9;
      kernels[i] = cuda.stopKernelClock();
    }
    return new Timing(KernelBenchmark.median(endToEnd), KernelBenchmark.median(kernels));
  }
}
